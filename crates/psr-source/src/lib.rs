//! Reads arrangement files in TOML, JSON or YAML into one spanned document tree ([`Node`]),
//! and maps byte offsets to 1-based lines and columns ([`LineIndex`]).
//!
//! This crate knows nothing about the arrangement schema or the law: it only turns text into a
//! tree of keys and values, each with the byte span it came from, so that every later finding can
//! point at the exact key or value in the user's file.
//!
//! ```
//! use psr_source::{decode, parse, Limits, NodeKind, Syntax};
//!
//! let text = decode(b"format = 1\n[arrangement]\nkind = \"award\"\n")?;
//! let doc = parse(Syntax::Toml, text, &Limits::default())?;
//! let kind = doc.get("arrangement").and_then(|a| a.value.get("kind")).map(|e| &e.value);
//! assert_eq!(kind.map(|n| &n.kind), Some(&NodeKind::String("award".into())));
//! assert_eq!(kind.map(|n| &text[n.span.start..n.span.end]), Some("\"award\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Every span is a byte offset into the text as read, byte order mark included. A string's span
//! includes its quotes when it has them.

mod decode;
mod error;
mod json;
mod limits;
mod line_index;
mod named_text;
mod node;
mod span;
mod syntax;
mod toml;
mod yaml;

pub use decode::decode;
pub use error::{DecodeError, SyntaxError, SyntaxErrorKind};
pub use limits::Limits;
pub use line_index::{LineCol, LineIndex};
pub use named_text::NamedText;
pub use node::{Entry, Node, NodeKind};
pub use span::Span;
pub use syntax::Syntax;

/// Parses `text` written in `syntax` into a spanned tree.
///
/// `text` may start with a UTF-8 byte order mark; spans count it. A TOML document is always a
/// table; a JSON or YAML document is whatever value it holds (an empty YAML file is null).
///
/// # Errors
/// [`SyntaxError`] for the first thing wrong: invalid syntax, nesting deeper or a list longer
/// than `limits` allow, a key given twice in one table, or a YAML alias.
pub fn parse<'a>(syntax: Syntax, text: &'a str, limits: &Limits) -> Result<Node<'a>, SyntaxError> {
    syntax.parse(text, limits)
}

/// The length of a leading byte order mark (0 or 3), and the text after it.
fn split_bom(text: &str) -> (usize, &str) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => (text.len() - rest.len(), rest),
        None => (0, text),
    }
}

/// `s` with its first letter in lower case, for parser messages that start with a capital.
fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
