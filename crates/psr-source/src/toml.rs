//! TOML text → [`Node`], through the `toml` crate's spanned document tree.
//!
//! Spans: a string's span includes its quotes; a table opened by a header (`[a.b]`, `[[a]]`)
//! spans that header; a table made implicitly by a dotted key or header spans that key segment;
//! an array of tables spans its first header.

use std::borrow::Cow;

use ::toml::de::{DeTable, DeValue, Error};
use ::toml::Spanned;

use crate::{Entry, Limits, Node, NodeKind, Span, SyntaxError};

/// Parses TOML `text` (which may start with a byte order mark).
pub(crate) fn parse(text: &str, limits: &Limits) -> Result<Node, SyntaxError> {
    let (bom, body) = crate::split_bom(text);
    let root = DeTable::parse(body).map_err(|e| translate(&e, body, limits).shifted(bom))?;
    let cx = Convert {
        text: body,
        shift: bom,
        limits,
    };
    let entries = cx.table(root.into_inner(), 1)?;
    Ok(Node {
        span: Span::new(bom, text.len()),
        kind: NodeKind::Table(entries),
    })
}

/// Conversion of the `toml` crate's tree, with `text` the document without its BOM.
struct Convert<'t> {
    text: &'t str,
    shift: usize,
    limits: &'t Limits,
}

impl Convert<'_> {
    fn span<T>(&self, spanned: &Spanned<T>) -> Span {
        let r = spanned.span();
        Span::new(r.start + self.shift, r.end + self.shift)
    }

    /// The source text at `span` (shifted), as written.
    fn raw(&self, span: Span) -> String {
        self.text
            .get(span.start - self.shift..span.end - self.shift)
            .unwrap_or_default()
            .to_owned()
    }

    /// Entries of a table at nesting level `depth` (the document is level 1).
    fn table(&self, table: DeTable<'_>, depth: usize) -> Result<Vec<Entry>, SyntaxError> {
        let mut entries = Vec::with_capacity(table.len());
        for (key, value) in table {
            let key_span = self.span(&key);
            self.limits.check_len(entries.len(), key_span)?;
            entries.push(Entry {
                key_span,
                key: key.into_inner().into_owned(),
                value: self.value(value, depth + 1)?,
            });
        }
        Ok(entries)
    }

    /// A value at nesting level `depth`, when it is a list or table.
    fn value(&self, value: Spanned<DeValue<'_>>, depth: usize) -> Result<Node, SyntaxError> {
        let span = self.span(&value);
        let kind = match value.into_inner() {
            DeValue::String(s) => NodeKind::String(Cow::into_owned(s)),
            DeValue::Integer(_) => NodeKind::Integer(self.raw(span)),
            DeValue::Float(_) => NodeKind::Float(self.raw(span)),
            DeValue::Boolean(b) => NodeKind::Bool(b),
            DeValue::Datetime(dt) if dt.date.is_some() && dt.time.is_none() => {
                NodeKind::Date(self.raw(span))
            }
            DeValue::Datetime(_) => NodeKind::DateTime(self.raw(span)),
            DeValue::Array(items) => {
                self.limits
                    .check_depth(depth, Span::new(span.start, span.start + 1))?;
                let mut nodes = Vec::with_capacity(items.len());
                for item in items {
                    self.limits.check_len(nodes.len(), self.span(&item))?;
                    nodes.push(self.value(item, depth + 1)?);
                }
                NodeKind::Array(nodes)
            }
            DeValue::Table(table) => {
                self.limits.check_depth(depth, span)?;
                NodeKind::Table(self.table(table, depth)?)
            }
        };
        Ok(Node { span, kind })
    }
}

const QUOTE_TEXT: &str =
    "put text in double quotes, for example `title = \"Adult ADHD service\"`; \
     separate list items with `,`";
const KEY_VALUE: &str = "write a key, `=`, and a value, for example `kind = \"award\"`";
const BARE_KEY: &str =
    "a bare key has only letters, digits, `-` and `_`; put any other key in double quotes";
const LEADING_ZERO: &str =
    "remove the leading zeros, or put the value in double quotes if it is a code";

/// The `toml` crate's error in psrlint's words.
fn translate(e: &Error, text: &str, limits: &Limits) -> SyntaxError {
    let span = e
        .span()
        .map_or(Span::new(text.len(), text.len()), Span::from);
    let raw = text.get(span.start..span.end).unwrap_or_default();
    let (what, expected) = match e.message().split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (e.message(), None),
    };
    let invalid = |message: &str, help: Option<&str>| SyntaxError::invalid(message, span, help);
    match what {
        "cannot recurse further; max recursion depth met" | "recursion limit" => {
            SyntaxError::too_deep(span, limits.max_depth)
        }
        "duplicate key" => SyntaxError::duplicate_key(raw.trim_matches(['"', '\'']), span)
            .with_help("each key and each `[table]` may appear only once; remove or merge one"),
        "key with no value" => invalid("expected `=` after the key", Some(KEY_VALUE)),
        "string values must be quoted" | "missing value" | "missing value for key"
            if raw.trim().is_empty() =>
        {
            invalid("expected a value after `=`", None)
        }
        "string values must be quoted" => {
            invalid(&format!("`{raw}` is not a valid value"), Some(QUOTE_TEXT))
        }
        "invalid basic string" | "invalid literal string" => invalid(
            "this string is not closed",
            Some("add the missing closing quote on the same line"),
        ),
        "unclosed table" => invalid("expected `]` to close the table header", None),
        "unclosed array table" => invalid("expected `]]` to close the table header", None),
        "unclosed array" => invalid("this list is not closed", Some("add the missing `]`")),
        "unclosed inline table" => invalid(
            "this inline table is not closed",
            Some("add the missing `}`"),
        ),
        "unexpected key or value" => invalid(
            "expected a line break after the value",
            Some("put each `key = value` on its own line"),
        ),
        "unquoted keys cannot be empty" => invalid("expected a key", None),
        "invalid unquoted key" => invalid("invalid key", Some(BARE_KEY)),
        "unexpected leading zero" => invalid("a number cannot start with `0`", Some(LEADING_ZERO)),
        "missing escaped value" => {
            let escapes = expected.unwrap_or("`n`, `t`, `\\`, `\"`");
            let help = format!(
                "after `\\` write one of {escapes}; or use a 'literal string' in single quotes, \
                 which has no escapes"
            );
            invalid("invalid escape in a string", Some(&help))
        }
        "missing comma between array elements" => invalid("expected `,` between list items", None),
        _ => match expected {
            Some(expected) => invalid(&format!("{what}; expected {expected}"), None),
            None => invalid(&crate::lowercase_first(what), None),
        },
    }
}
