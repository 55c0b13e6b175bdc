//! The spanned document tree shared by the three syntaxes.

use crate::Span;

/// Which syntax a document was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// `*.arrangement.toml`
    Toml,
    /// `*.arrangement.json`
    Json,
    /// `*.arrangement.yaml` / `*.arrangement.yml`
    Yaml,
}

impl Syntax {
    /// The syntax a file name's extension names: `.toml`, `.json`, `.yaml` or `.yml` (in any
    /// case); `None` for any other name.
    pub fn from_path(path: &std::path::Path) -> Option<Syntax> {
        let ext = path.extension()?.to_str()?;
        [
            ("toml", Syntax::Toml),
            ("json", Syntax::Json),
            ("yaml", Syntax::Yaml),
            ("yml", Syntax::Yaml),
        ]
        .into_iter()
        .find(|(name, _)| ext.eq_ignore_ascii_case(name))
        .map(|(_, syntax)| syntax)
    }

    /// The syntax's name as users write it: `TOML`, `JSON` or `YAML`.
    pub fn name(self) -> &'static str {
        match self {
            Syntax::Toml => "TOML",
            Syntax::Json => "JSON",
            Syntax::Yaml => "YAML",
        }
    }
}

/// One value of the document, with the byte span of the value in the source text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the value is written.
    pub span: Span,
    /// What the value is.
    pub kind: NodeKind,
}

/// A key of a table with its span, and the value it names.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key as written (unquoted).
    pub key: String,
    /// Where the key is written.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// The kinds of value the three syntaxes share.
///
/// Numbers keep their source text so that money and percentages can be read as exact decimals
/// without ever passing through a float.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// JSON/YAML `null` (TOML has none).
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer, as written (for example `1100000`, `-3`).
    Integer(String),
    /// A number with a fraction or exponent, as written (for example `1100000.50`).
    Float(String),
    /// A string.
    String(String),
    /// A TOML local date (`2024-03-20`), as written.
    Date(String),
    /// A TOML date-time, time or offset date-time, as written.
    DateTime(String),
    /// An array.
    Array(Vec<Node>),
    /// A table / object / mapping, in source order.
    Table(Vec<Entry>),
}

impl NodeKind {
    /// A word for the kind, as users know it ("a string", "a table", ...).
    pub fn describe(&self) -> &'static str {
        match self {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Integer(_) => "an integer",
            NodeKind::Float(_) => "a number",
            NodeKind::String(_) => "a string",
            NodeKind::Date(_) => "a date",
            NodeKind::DateTime(_) => "a date-time",
            NodeKind::Array(_) => "a list",
            NodeKind::Table(_) => "a table",
        }
    }
}

impl Node {
    /// The entry named `key`, when this node is a table.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        match &self.kind {
            NodeKind::Table(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn syntax_from_the_file_extension() {
        let of = |p: &str| Syntax::from_path(Path::new(p));
        assert_eq!(of("a/nenc.arrangement.toml"), Some(Syntax::Toml));
        assert_eq!(of("x.arrangement.JSON"), Some(Syntax::Json));
        assert_eq!(of("x.arrangement.yml"), Some(Syntax::Yaml));
        assert_eq!(of("x.arrangement.yaml"), Some(Syntax::Yaml));
        assert_eq!(of("x.txt"), None);
        assert_eq!(of("toml"), None);
    }
}
