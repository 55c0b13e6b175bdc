//! The input syntaxes psrlint reads, one row each in [`ROWS`]: the name users know it by, the file
//! extensions that choose it, its parser, and what its first line looks like (the hint for a text
//! without a telling name). A new syntax is its parser module, a variant and one row here.

use crate::{Limits, Node, SyntaxError};
use std::path::Path;

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

/// What psrlint knows of one syntax.
struct Row {
    syntax: Syntax,
    /// As users write it: `TOML`.
    name: &'static str,
    /// The file extensions (lower case, without the dot) that choose it; the first is the one
    /// psrlint writes.
    extensions: &'static [&'static str],
    /// Reads a document.
    parse: for<'a> fn(&'a str, &Limits) -> Result<Node<'a>, SyntaxError>,
    /// Whether a text's first line that is neither blank nor a comment (trimmed) says this
    /// syntax; `None` for the syntax taken when no other says so.
    first_line: Option<fn(&str) -> bool>,
    /// Whether a line (trimmed) opens the top-level `arrangement` table in this syntax.
    opens_arrangement: fn(&str) -> bool,
}

/// Every syntax, in the order psrlint lists them; the row without a `first_line` hint is the
/// default for text that says nothing.
const ROWS: &[Row] = &[
    Row {
        syntax: Syntax::Toml,
        name: "TOML",
        extensions: &["toml"],
        parse: |t, l| crate::toml::parse(t, l),
        first_line: None,
        opens_arrangement: |l| l == "[arrangement]",
    },
    Row {
        syntax: Syntax::Json,
        name: "JSON",
        extensions: &["json"],
        parse: |t, l| crate::json::parse(t, l),
        first_line: Some(|l| l.starts_with('{')),
        opens_arrangement: |l| l.starts_with("\"arrangement\""),
    },
    Row {
        syntax: Syntax::Yaml,
        name: "YAML",
        extensions: &["yaml", "yml"],
        parse: |t, l| crate::yaml::parse(t, l),
        first_line: Some(yaml_first_line),
        opens_arrangement: |l| l == "arrangement:",
    },
];

/// `---`, a list item, or `key: value` / `key:` with no `=` before the colon (TOML would have
/// one).
fn yaml_first_line(line: &str) -> bool {
    line.starts_with("---")
        || line.starts_with("- ")
        || line == "-"
        || line.split_once(':').is_some_and(|(key, rest)| {
            !key.is_empty()
                && !key.contains('=')
                && !key.starts_with('[')
                && (rest.is_empty() || rest.starts_with(' '))
        })
}

impl Syntax {
    /// Every syntax, in the order psrlint lists them.
    pub const ALL: [Syntax; 3] = [Syntax::Toml, Syntax::Json, Syntax::Yaml];

    fn row(self) -> &'static Row {
        // Every variant has its row (a test checks it); the first row is never reached.
        ROWS.iter().find(|r| r.syntax == self).unwrap_or(&ROWS[0])
    }

    /// The syntax's name as users write it: `TOML`, `JSON` or `YAML`.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The file extensions that choose it (lower case, without the dot), the usual one first.
    pub fn extensions(self) -> &'static [&'static str] {
        self.row().extensions
    }

    /// The syntax a file name's extension names: `.toml`, `.json`, `.yaml` or `.yml` (in any
    /// case); `None` for any other name.
    pub fn from_path(path: &Path) -> Option<Syntax> {
        let ext = path.extension()?.to_str()?;
        ROWS.iter()
            .find(|r| r.extensions.iter().any(|x| ext.eq_ignore_ascii_case(x)))
            .map(|r| r.syntax)
    }

    /// The syntax of an arrangement file's name, `NAME.arrangement.EXT` (in any case); `None`
    /// for a name that is not an arrangement file's.
    pub fn of_arrangement_name(path: &Path) -> Option<Syntax> {
        let name = path.file_name()?.as_encoded_bytes();
        let lower = name.to_ascii_lowercase();
        let stem_says = |x: &str| {
            lower
                .strip_suffix(x.as_bytes())
                .is_some_and(|rest| rest.ends_with(b".arrangement."))
        };
        ROWS.iter()
            .find(|r| r.extensions.iter().any(|x| stem_says(x)))
            .map(|r| r.syntax)
    }

    /// The syntax of a text without a telling name (standard input), from its first line that is
    /// neither blank nor a comment: `{` opens JSON; `---`, `- item` or `key: value` is YAML;
    /// anything else (`key = value`, `[table]`) is TOML.
    pub fn guess(bytes: &[u8]) -> Syntax {
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'));
        let default = ROWS.iter().find(|r| r.first_line.is_none());
        line.and_then(|l| {
            ROWS.iter()
                .find(|r| r.first_line.is_some_and(|says| says(l)))
        })
        .or(default)
        .map_or(Syntax::Toml, |r| r.syntax)
    }

    /// Whether `line` (trimmed) opens the top-level `arrangement` table in any syntax: the sign
    /// of an arrangement file that is not named as one.
    pub fn opens_arrangement(line: &str) -> bool {
        ROWS.iter().any(|r| (r.opens_arrangement)(line))
    }

    /// Parses `text` written in this syntax (see [`crate::parse`]).
    pub(crate) fn parse<'a>(self, text: &'a str, limits: &Limits) -> Result<Node<'a>, SyntaxError> {
        (self.row().parse)(text, limits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_syntax_has_one_row() {
        for s in Syntax::ALL {
            assert_eq!(ROWS.iter().filter(|r| r.syntax == s).count(), 1, "{s:?}");
        }
        assert_eq!(ROWS.len(), Syntax::ALL.len());
        assert_eq!(ROWS.iter().filter(|r| r.first_line.is_none()).count(), 1);
    }

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

    #[test]
    fn arrangement_names_end_in_arrangement_and_an_extension() {
        let of = |p: &str| Syntax::of_arrangement_name(Path::new(p));
        assert_eq!(of("rules/x/a.arrangement.toml"), Some(Syntax::Toml));
        assert_eq!(of("A.ARRANGEMENT.YML"), Some(Syntax::Yaml));
        assert_eq!(of(".arrangement.json"), Some(Syntax::Json));
        assert_eq!(of("a.toml"), None);
        assert_eq!(of("arrangement.toml"), None);
        assert_eq!(of("a.arrangement.txt"), None);
        assert_eq!(of("a.arrangement.toml.bak"), None);
        assert_eq!(of("a.arrangementtoml"), None);
        assert_eq!(of(""), None);
    }

    #[test]
    fn syntax_is_guessed_from_the_first_line_that_says() {
        assert_eq!(Syntax::guess(b"# c\nformat: 1\n"), Syntax::Yaml);
        assert_eq!(Syntax::guess(b"---\nformat: 1\n"), Syntax::Yaml);
        assert_eq!(Syntax::guess(b"format = 1\n"), Syntax::Toml);
        assert_eq!(Syntax::guess(b"title = \"a: b\"\n"), Syntax::Toml);
        assert_eq!(Syntax::guess(b"[arrangement]\n"), Syntax::Toml);
        assert_eq!(Syntax::guess(b"  {\"format\": 1}"), Syntax::Json);
        assert_eq!(Syntax::guess(b""), Syntax::Toml);
    }

    #[test]
    fn each_syntax_knows_how_it_opens_the_arrangement_table() {
        assert!(Syntax::opens_arrangement("[arrangement]"));
        assert!(Syntax::opens_arrangement("\"arrangement\": {"));
        assert!(Syntax::opens_arrangement("arrangement:"));
        assert!(!Syntax::opens_arrangement("[arrangement.x]"));
    }
}
