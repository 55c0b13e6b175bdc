//! TOML text → [`Node`], through the `toml-spanner` crate's arena-allocated, spanned tree.
//!
//! Spans: a string's span includes its quotes; a table opened by a header (`[a.b]`, `[[a]]`)
//! spans that header; a table made implicitly by a dotted key or header spans that key segment;
//! an array of tables spans its first header.

use std::borrow::Cow;
use toml_spanner::{Arena, ArrayStyle, ErrorKind, Item, Table, TableStyle, Value};

use crate::{Entry, Limits, Node, NodeKind, Span, SyntaxError};

/// Parses TOML `text` (which may start with a byte order mark).
pub(crate) fn parse<'t>(text: &'t str, limits: &Limits) -> Result<Node<'t>, SyntaxError> {
    let (bom, body) = crate::split_bom(text);
    let arena = Arena::new();
    let doc =
        toml_spanner::parse(body, &arena).map_err(|e| translate(&e, body, limits).shifted(bom))?;
    let cx = Convert {
        text: body,
        shift: bom,
        limits,
    };
    let entries = cx.table(doc.table(), 1)?;
    Ok(Node {
        span: Span::new(bom, text.len()),
        kind: NodeKind::Table(entries),
    })
}

/// Conversion of `toml-spanner`'s tree, with `text` the document without its BOM.
struct Convert<'t, 'l> {
    text: &'t str,
    shift: usize,
    limits: &'l Limits,
}

impl<'t> Convert<'t, '_> {
    fn span(&self, span: toml_spanner::Span) -> Span {
        Span::new(
            span.start as usize + self.shift,
            span.end as usize + self.shift,
        )
    }

    /// The source text at `span` (shifted), as written.
    fn raw(&self, span: Span) -> Cow<'t, str> {
        Cow::Borrowed(
            self.text
                .get(span.start - self.shift..span.end - self.shift)
                .unwrap_or_default(),
        )
    }

    /// `s` borrowed from the document when the parser handed out a slice of it (a key or
    /// string without escapes), else copied (the parser unescaped it into its arena).
    fn text_of(&self, s: &str) -> Cow<'t, str> {
        let base = self.text.as_ptr() as usize;
        let at = (s.as_ptr() as usize).wrapping_sub(base);
        match self.text.get(at..at.saturating_add(s.len())) {
            Some(slice) if slice.as_ptr() == s.as_ptr() => Cow::Borrowed(slice),
            _ => Cow::Owned(s.to_owned()),
        }
    }

    /// Entries of a table at nesting level `depth` (the document is level 1).
    fn table(&self, table: &Table<'_>, depth: usize) -> Result<Vec<Entry<'t>>, SyntaxError> {
        let mut entries = Vec::with_capacity(table.len());
        for (key, value) in table {
            let mut key_span = self.span(key.span);
            if let Some(header) = self.defining_header(value) {
                if !(header.start <= key_span.start && key_span.end <= header.end) {
                    key_span = last_key(self.text, header, self.shift);
                }
            }
            self.limits.check_len(entries.len(), key_span)?;
            entries.push(Entry {
                key_span,
                key: self.text_of(key.name),
                value: self.value(value, depth + 1, Some(key_span))?,
            });
        }
        Ok(entries)
    }

    /// The header that defines `item`, when it is a table opened by one.
    fn defining_header(&self, item: &Item<'_>) -> Option<Span> {
        match item.value() {
            Value::Table(table) if table.style() == TableStyle::Header => {
                Some(self.header(item.span()))
            }
            _ => None,
        }
    }

    /// Where `item` is written, by the conventions in the module docs; `key_span` is the span of
    /// the key that names it, if any.
    fn node_span(&self, item: &Item<'_>, key_span: Option<Span>) -> Span {
        match item.value() {
            Value::Table(table) => match table.style() {
                TableStyle::Header => self.header(item.span()),
                TableStyle::Implicit | TableStyle::Dotted => {
                    key_span.unwrap_or_else(|| self.span(item.span()))
                }
                TableStyle::Inline => self.span(item.span()),
            },
            Value::Array(array) if array.style() == ArrayStyle::Header => match array.get(0) {
                Some(first) => self.header(first.span()),
                None => self.span(item.span()),
            },
            _ => self.span(item.span()),
        }
    }

    /// The header `[a.b]` or `[[a.b]]` that starts at `span.start`.
    fn header(&self, span: toml_spanner::Span) -> Span {
        let start = span.start as usize;
        let bytes = self.text.as_bytes();
        let mut i = start + 1;
        let array = bytes.get(i) == Some(&b'[');
        if array {
            i += 1;
        }
        while let Some(&b) = bytes.get(i) {
            match b {
                b'"' => {
                    i += 1;
                    while let Some(&c) = bytes.get(i) {
                        i += if c == b'\\' { 2 } else { 1 };
                        if c == b'"' {
                            break;
                        }
                    }
                }
                b'\'' => {
                    i += 1;
                    while bytes.get(i).is_some_and(|&c| c != b'\'') {
                        i += 1;
                    }
                    i += 1;
                }
                b']' => {
                    i += if array { 2 } else { 1 };
                    break;
                }
                _ => i += 1,
            }
        }
        let end = i.min(span.end as usize).min(self.text.len());
        Span::new(start + self.shift, end + self.shift)
    }

    /// A value at nesting level `depth`, when it is a list or table.
    fn value(
        &self,
        item: &Item<'_>,
        depth: usize,
        key_span: Option<Span>,
    ) -> Result<Node<'t>, SyntaxError> {
        let span = self.node_span(item, key_span);
        let kind = match item.value() {
            Value::String(s) => NodeKind::String(self.text_of(s)),
            Value::Integer(_) => NodeKind::Integer(self.raw(span)),
            Value::Float(_) => NodeKind::Float(self.raw(span)),
            Value::Boolean(b) => NodeKind::Bool(*b),
            Value::DateTime(dt) if dt.date().is_some() && dt.time().is_none() => {
                NodeKind::Date(self.raw(span))
            }
            Value::DateTime(_) => NodeKind::DateTime(self.raw(span)),
            Value::Array(items) => {
                self.limits
                    .check_depth(depth, Span::new(span.start, span.start + 1))?;
                let mut nodes = Vec::with_capacity(items.len());
                for item in items {
                    if nodes.len() >= self.limits.max_list_len {
                        self.limits
                            .check_len(nodes.len(), self.node_span(item, None))?;
                    }
                    nodes.push(self.value(item, depth + 1, None)?);
                }
                NodeKind::Array(nodes)
            }
            Value::Table(table) => {
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
const ESCAPES: &str =
    "after `\\` write one of `b`, `t`, `n`, `f`, `r`, `e`, `\"`, `\\`, `x`, `u`, `U`; \
     or use a 'literal string' in single quotes, which has no escapes";
const UNICODE_ESCAPE: &str =
    "write `\\u` with 4, or `\\U` with 8, hexadecimal digits of a unicode character";
const DUPLICATE: &str = "each key and each `[table]` may appear only once; remove or merge one";

/// `toml-spanner`'s error in psrlint's words.
fn translate(e: &toml_spanner::Error, text: &str, limits: &Limits) -> SyntaxError {
    let mut span = char_span(text, e.span().start as usize, e.span().end as usize);
    let mut raw = text.get(span.start..span.end).unwrap_or_default();
    let lone_cr = raw.starts_with('\r') && !raw.starts_with("\r\n");
    // A line break the parser stopped at is shown as the empty span at the end of the line.
    if raw.starts_with(['\n', '\r']) {
        span = Span::new(span.start, span.start);
        raw = "";
    }
    // At the end of the file, point just after the last thing written.
    if span.is_empty() && span.start == text.len() {
        let end = text.trim_end().len();
        span = Span::new(end, end);
    }
    let in_list = e.path().is_some_and(|p| p.to_string().ends_with(']'));
    let invalid = |message: &str, help: Option<&str>| SyntaxError::invalid(message, span, help);
    let duplicate = |key_span: Span| {
        let key = text.get(key_span.start..key_span.end).unwrap_or_default();
        SyntaxError::duplicate_key(key.trim_matches(['"', '\'']), key_span).with_help(DUPLICATE)
    };
    match e.kind() {
        ErrorKind::OutOfRange { ty, .. } if ty.contains("recursion") => {
            SyntaxError::too_deep(span, limits.max_depth)
        }
        ErrorKind::DuplicateKey { .. } => duplicate(span),
        ErrorKind::DuplicateTable { name, .. } => {
            duplicate(char_span(text, name.start as usize, name.end as usize))
        }
        ErrorKind::RedefineAsArray { .. } => duplicate(header_key(raw, span)),
        ErrorKind::DottedKeyInvalidType { .. } => invalid(
            &format!(
                "`{}` already holds a value that is not a table, so it cannot be extended",
                raw.trim_matches(['"', '\''])
            ),
            Some(DUPLICATE),
        ),
        _ if lone_cr => invalid("a carriage return must be followed by a line feed", None),
        ErrorKind::Wanted { expected, found } => match (*expected, *found) {
            ("an equals", _) => invalid("expected `=` after the key", Some(KEY_VALUE)),
            ("a right bracket", _) if header_is_array(text, span.start) => {
                invalid("expected `]]` to close the table header", None)
            }
            ("a right bracket", _) => invalid("expected `]` to close the table header", None),
            ("newline", "a character") if raw.chars().all(char::is_control) => invalid(
                &format!(
                    "the control character `{}` is not allowed here",
                    raw.escape_debug()
                ),
                None,
            ),
            ("newline", _) => invalid(
                "expected a line break after the value",
                Some("put each `key = value` on its own line"),
            ),
            ("a table key", "a character") => invalid("invalid key", Some(BARE_KEY)),
            ("a table key", _) => invalid("expected a key", None),
            (expected, found) => invalid(&format!("expected {expected}, found {found}"), None),
        },
        ErrorKind::UnexpectedEof | ErrorKind::UnclosedArray if in_list => {
            invalid("this list is not closed", Some("add the missing `]`"))
        }
        ErrorKind::Unexpected(_) | ErrorKind::UnexpectedEof if raw.trim().is_empty() => {
            if text[..span.start].trim_end().ends_with('=') {
                invalid("expected a value after `=`", None)
            } else {
                invalid("expected a value", None)
            }
        }
        ErrorKind::Unexpected(',') => invalid("expected a value before `,`", None),
        ErrorKind::Unexpected(c) => invalid(&format!("unexpected `{}`", c.escape_debug()), None),
        ErrorKind::UnquotedString => {
            invalid(&format!("`{raw}` is not a valid value"), Some(QUOTE_TEXT))
        }
        ErrorKind::UnterminatedString(quote) => {
            let triple = [quote; 3].iter().collect::<String>();
            let help = if span.start == text.trim_end().len() && text.contains(&triple) {
                format!("add the missing closing `{triple}`")
            } else {
                "add the missing closing quote on the same line".to_owned()
            };
            invalid("this string is not closed", Some(&help))
        }
        ErrorKind::InvalidCharInString(c) => invalid(
            &format!(
                "the character `{}` is not allowed in a string",
                c.escape_debug()
            ),
            None,
        ),
        ErrorKind::InvalidEscape(_) => invalid("invalid escape in a string", Some(ESCAPES)),
        ErrorKind::InvalidHexEscape(_) | ErrorKind::InvalidEscapeValue(_) => {
            invalid("invalid unicode escape in a string", Some(UNICODE_ESCAPE))
        }
        ErrorKind::MultilineStringKey => invalid("a key cannot be a multi-line string", None),
        ErrorKind::InvalidInteger(reason) if reason.contains("leading zero") => {
            invalid("a number cannot start with `0`", Some(LEADING_ZERO))
        }
        ErrorKind::InvalidInteger(reason) | ErrorKind::InvalidFloat(reason) => {
            invalid(&with_reason("invalid number", reason), None)
        }
        ErrorKind::InvalidDateTime(reason) => {
            let what = if reason.contains("offset") {
                "invalid time offset"
            } else if ["year", "month", "day"].iter().any(|w| reason.contains(w)) {
                "invalid date"
            } else if reason.is_empty() {
                "invalid date or time"
            } else {
                "invalid time"
            };
            invalid(&with_reason(what, reason), None)
        }
        ErrorKind::MissingArrayComma => invalid("expected `,` between list items", None),
        ErrorKind::UnclosedArray => invalid("this list is not closed", Some("add the missing `]`")),
        ErrorKind::MissingInlineTableComma => {
            invalid("expected `,` between the entries of an inline table", None)
        }
        ErrorKind::UnclosedInlineTable => invalid(
            "this inline table is not closed",
            Some("add the missing `}`"),
        ),
        ErrorKind::UnexpectedEof => invalid("unexpected end of file", None),
        ErrorKind::FileTooLarge => invalid("the file is too large", None),
        _ => invalid(&crate::lowercase_first(&e.to_string()), None),
    }
}

/// `start..end` widened to whole characters of `text` and kept inside it.
fn char_span(text: &str, start: usize, end: usize) -> Span {
    let mut start = start.min(text.len());
    let mut end = end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// The last key of the header at `header` (shifted by `shift`), as `b` of `[a."b"]`.
fn last_key(text: &str, header: Span, shift: usize) -> Span {
    let bytes = text.as_bytes();
    let (start, end) = (header.start - shift, header.end - shift);
    let mut i = start;
    let mut last = Span::new(start, end);
    while i < end {
        match bytes[i] {
            b'[' | b']' | b'.' | b' ' | b'\t' => i += 1,
            quote @ (b'"' | b'\'') => {
                let key_start = i;
                i += 1;
                while i < end && bytes[i] != quote {
                    i += if bytes[i] == b'\\' && quote == b'"' {
                        2
                    } else {
                        1
                    };
                }
                i = (i + 1).min(end);
                last = Span::new(key_start, i);
            }
            _ => {
                let key_start = i;
                while i < end && !matches!(bytes[i], b'.' | b']' | b' ' | b'\t') {
                    i += 1;
                }
                last = Span::new(key_start, i);
            }
        }
    }
    Span::new(last.start + shift, last.end + shift)
}

/// Whether the line holding `at` opens an array-of-tables header (`[[`).
fn header_is_array(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..].trim_start().starts_with("[[")
}

/// The last key of the header `raw` (at `span`), as in `y` of `[[x.y]]`.
fn header_key(raw: &str, span: Span) -> Span {
    let inner_end = raw
        .rfind(|c: char| c != ']' && !c.is_whitespace())
        .map_or(0, |i| i + 1);
    let inner_start = raw[..inner_end]
        .rfind(|c: char| c == '.' || c == '[' || c.is_whitespace())
        .map_or(0, |i| i + 1);
    Span::new(span.start + inner_start, span.start + inner_end)
}

/// `what`, followed by the parser's `reason` when it gives one.
fn with_reason(what: &str, reason: &str) -> String {
    if reason.is_empty() {
        what.to_owned()
    } else {
        format!("{what}; {reason}")
    }
}
