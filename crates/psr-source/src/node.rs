//! The spanned document tree shared by the three syntaxes.

use crate::Span;
use std::borrow::Cow;

/// One value of the document, with the byte span of the value in the source text.
///
/// Keys, strings and numbers borrow the source text where they are written in it unchanged, so
/// reading a file copies only what escapes changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    /// Where the value is written.
    pub span: Span,
    /// What the value is.
    pub kind: NodeKind<'a>,
}

/// A key of a table with its span, and the value it names.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<'a> {
    /// The key as written (unquoted).
    pub key: Cow<'a, str>,
    /// Where the key is written.
    pub key_span: Span,
    /// The value.
    pub value: Node<'a>,
}

/// The kinds of value the three syntaxes share.
///
/// Numbers keep their source text so that money and percentages can be read as exact decimals
/// without ever passing through a float.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind<'a> {
    /// JSON/YAML `null` (TOML has none).
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer, as written (for example `1100000`, `-3`).
    Integer(Cow<'a, str>),
    /// A number with a fraction or exponent, as written (for example `1100000.50`).
    Float(Cow<'a, str>),
    /// A string.
    String(Cow<'a, str>),
    /// A TOML local date (`2024-03-20`), as written.
    Date(Cow<'a, str>),
    /// A TOML date-time, time or offset date-time, as written.
    DateTime(Cow<'a, str>),
    /// An array.
    Array(Vec<Node<'a>>),
    /// A table / object / mapping, in source order.
    Table(Vec<Entry<'a>>),
}

impl NodeKind<'_> {
    /// The same value, owning all its text.
    pub fn into_owned(self) -> NodeKind<'static> {
        let own = |s: Cow<'_, str>| Cow::Owned(s.into_owned());
        match self {
            NodeKind::Null => NodeKind::Null,
            NodeKind::Bool(b) => NodeKind::Bool(b),
            NodeKind::Integer(s) => NodeKind::Integer(own(s)),
            NodeKind::Float(s) => NodeKind::Float(own(s)),
            NodeKind::String(s) => NodeKind::String(own(s)),
            NodeKind::Date(s) => NodeKind::Date(own(s)),
            NodeKind::DateTime(s) => NodeKind::DateTime(own(s)),
            NodeKind::Array(items) => {
                NodeKind::Array(items.into_iter().map(Node::into_owned).collect())
            }
            NodeKind::Table(entries) => NodeKind::Table(
                entries
                    .into_iter()
                    .map(|e| Entry {
                        key: own(e.key),
                        key_span: e.key_span,
                        value: e.value.into_owned(),
                    })
                    .collect(),
            ),
        }
    }

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

impl<'a> Node<'a> {
    /// The same tree, owning all its text.
    pub fn into_owned(self) -> Node<'static> {
        Node {
            span: self.span,
            kind: self.kind.into_owned(),
        }
    }

    /// The entry named `key`, when this node is a table.
    pub fn get(&self, key: &str) -> Option<&Entry<'a>> {
        match &self.kind {
            NodeKind::Table(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }
}
