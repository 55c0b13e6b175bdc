//! YAML text → [`Node<'static>`], built from `saphyr-parser` events on an explicit stack.
//!
//! Scalars follow the YAML 1.2 core schema: plain `true`/`false` are booleans, plain `null`, `~`
//! and nothing are null, plain numbers are integers or floats (text kept as written), and every
//! other scalar, quoted or block, is a string. Only core tags (`!!str`, `!!int`, ...) are
//! accepted; aliases are refused. Spans: a quoted string's span includes its quotes; a block
//! scalar (`|`, `>`) spans its content; a block list or table spans from its first item to the
//! end of its last; a flow list or table spans its brackets.

use std::borrow::Cow;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Tag};

use crate::{Entry, Limits, Node, NodeKind, Span, SyntaxError, SyntaxErrorKind};

/// Parses YAML `text` (which may start with a byte order mark).
pub(crate) fn parse(text: &str, limits: &Limits) -> Result<Node<'static>, SyntaxError> {
    let mut offsets = ByteOffsets::new(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node<'static>> = None;
    let mut documents = 0usize;
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, marks) = next.map_err(|e| scan_error(&e, &mut offsets, limits))?;
        let span = Span::new(offsets.byte(marks.start), offsets.byte(marks.end));
        match event {
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(SyntaxError::new(
                        SyntaxErrorKind::Invalid,
                        "more than one document in the file",
                        span,
                    )
                    .with_help("an arrangement file holds one document; remove the second `---`"));
                }
            }
            Event::Alias(_) => return Err(alias_error(span)),
            Event::Scalar(value, style, _anchor, tag) => {
                let span = scalar_span(text, span, style);
                if let Some(Frame::Map {
                    key: key @ None, ..
                }) = stack.last_mut()
                {
                    *key = Some((value.into_owned(), span));
                    continue;
                }
                let kind = scalar(value, style, tag.as_deref(), span)?;
                push(&mut stack, &mut root, Node { span, kind }, limits)?;
            }
            Event::SequenceStart(_, ref tag) | Event::MappingStart(_, ref tag) => {
                let is_map = matches!(event, Event::MappingStart(..));
                if let Some(Frame::Map { key: None, .. }) = stack.last() {
                    return Err(SyntaxError::new(
                        SyntaxErrorKind::Invalid,
                        "a list or table cannot be a key",
                        span,
                    )
                    .with_help("keys are plain names, such as `reference:`"));
                }
                collection_tag(tag.as_deref(), if is_map { "map" } else { "seq" }, span)?;
                limits.check_depth(stack.len() + 1, span)?;
                stack.push(if is_map {
                    Frame::Map {
                        start: span.start,
                        entries: Vec::new(),
                        key: None,
                    }
                } else {
                    Frame::Seq {
                        start: span.start,
                        items: Vec::new(),
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else { continue };
                // A flow collection's closing event runs on over the blanks after `]` / `}`.
                let close = if span.is_empty() {
                    span
                } else {
                    Span::new(span.start, span.start + 1)
                };
                let node = frame.finish(close)?;
                push(&mut stack, &mut root, node, limits)?;
            }
        }
    }
    let (bom, _) = crate::split_bom(text);
    Ok(root.unwrap_or(Node {
        span: Span::new(bom, text.len()),
        kind: NodeKind::Null,
    }))
}

/// A list or table being built.
enum Frame {
    Seq {
        start: usize,
        items: Vec<Node<'static>>,
    },
    Map {
        start: usize,
        entries: Vec<Entry<'static>>,
        key: Option<(String, Span)>,
    },
}

impl Frame {
    /// The finished node; `end` is the span of the closing event, empty for block collections.
    fn finish(self, end: Span) -> Result<Node<'static>, SyntaxError> {
        let (start, last, kind) = match self {
            Frame::Seq { start, items } => {
                let last = items.last().map(|n| n.span.end);
                (start, last, NodeKind::Array(items))
            }
            Frame::Map { start, entries, .. } => {
                crate::limits::check_duplicates(&entries)?;
                let last = entries.last().map(|e| e.value.span.end.max(e.key_span.end));
                (start, last, NodeKind::Table(entries))
            }
        };
        let end = if end.is_empty() {
            last.unwrap_or(end.end).max(start)
        } else {
            end.end
        };
        Ok(Node {
            span: Span::new(start, end),
            kind,
        })
    }
}

/// The span of a scalar as written: `saphyr-parser` lets quoted and block scalars run on over
/// the blanks, line breaks and comment that follow them.
fn scalar_span(text: &str, span: Span, style: ScalarStyle) -> Span {
    let raw = text.get(span.start..span.end).unwrap_or_default();
    let len = match style {
        ScalarStyle::DoubleQuoted => closing_quote(raw, b'"'),
        ScalarStyle::SingleQuoted => closing_quote(raw, b'\''),
        _ => Some(raw.trim_end().len()),
    };
    len.map_or(span, |len| Span::new(span.start, span.start + len))
}

/// The length of a quoted scalar up to and including its closing quote. In double quotes `\`
/// escapes the next character; in single quotes `''` is a quote.
fn closing_quote(raw: &str, quote: u8) -> Option<usize> {
    let bytes = raw.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b if b == quote && quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Adds a finished value to the collection being built, or makes it the document.
fn push(
    stack: &mut [Frame],
    root: &mut Option<Node<'static>>,
    node: Node<'static>,
    limits: &Limits,
) -> Result<(), SyntaxError> {
    match stack.last_mut() {
        None => *root = Some(node),
        Some(Frame::Seq { items, .. }) => {
            limits.check_len(items.len(), node.span)?;
            items.push(node);
        }
        Some(Frame::Map { entries, key, .. }) => {
            let (key, key_span) = key.take().unwrap_or_default();
            limits.check_len(entries.len(), key_span)?;
            entries.push(Entry {
                key: key.into(),
                key_span,
                value: node,
            });
        }
    }
    Ok(())
}

/// The kind of a scalar value, by its style and tag.
fn scalar(
    value: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: Span,
) -> Result<NodeKind<'static>, SyntaxError> {
    let Some(tag) = tag else {
        return Ok(match style {
            ScalarStyle::Plain => plain(value),
            _ => NodeKind::String(value.into_owned().into()),
        });
    };
    let name = core_tag(tag, span)?;
    if name == "str" {
        return Ok(NodeKind::String(value.into_owned().into()));
    }
    let kind = plain(value);
    let fits = matches!(
        (name, &kind),
        ("null", NodeKind::Null)
            | ("bool", NodeKind::Bool(_))
            | ("int", NodeKind::Integer(_))
            | ("float", NodeKind::Float(_) | NodeKind::Integer(_))
    );
    if fits {
        Ok(kind)
    } else {
        Err(SyntaxError::new(
            SyntaxErrorKind::Invalid,
            format!("this value does not fit its tag `!!{name}`"),
            span,
        ))
    }
}

/// The suffix of a core-schema tag (`!!str` → `str`); other tags are refused.
fn core_tag(tag: &Tag, span: Span) -> Result<&str, SyntaxError> {
    if tag.is_yaml_core_schema() {
        Ok(&tag.suffix)
    } else {
        Err(SyntaxError::new(
            SyntaxErrorKind::Invalid,
            format!("unsupported tag `{tag}`"),
            span,
        )
        .with_help("remove the tag; psrlint reads plain YAML values only"))
    }
}

/// Refuses a tag on a list or table unless it is the core tag `!!seq` / `!!map` it already is.
fn collection_tag(tag: Option<&Tag>, expected: &str, span: Span) -> Result<(), SyntaxError> {
    match tag {
        None => Ok(()),
        Some(tag) if core_tag(tag, span)? == expected => Ok(()),
        Some(tag) => Err(SyntaxError::new(
            SyntaxErrorKind::Invalid,
            format!("unsupported tag `{tag}` on a list or table"),
            span,
        )),
    }
}

/// A plain scalar by the YAML 1.2 core schema.
fn plain(value: Cow<'_, str>) -> NodeKind<'static> {
    match &*value {
        "" | "~" | "null" | "Null" | "NULL" => NodeKind::Null,
        "true" | "True" | "TRUE" => NodeKind::Bool(true),
        "false" | "False" | "FALSE" => NodeKind::Bool(false),
        s if is_int(s) => NodeKind::Integer(value.into_owned().into()),
        s if is_float(s) => NodeKind::Float(value.into_owned().into()),
        _ => NodeKind::String(value.into_owned().into()),
    }
}

fn all_digits(s: &str, radix: u32) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_digit(radix))
}

/// `[-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+`
fn is_int(s: &str) -> bool {
    if let Some(oct) = s.strip_prefix("0o") {
        return all_digits(oct, 8);
    }
    if let Some(hex) = s.strip_prefix("0x") {
        return all_digits(hex, 16);
    }
    all_digits(s.strip_prefix(['-', '+']).unwrap_or(s), 10)
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)`
fn is_float(s: &str) -> bool {
    if matches!(s, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", frac)) => all_digits(frac, 10),
        Some((int, frac)) => all_digits(int, 10) && (frac.is_empty() || all_digits(frac, 10)),
        None => all_digits(mantissa, 10),
    };
    let exponent_ok =
        exponent.is_none_or(|e| all_digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
    mantissa_ok && exponent_ok
}

fn alias_error(span: Span) -> SyntaxError {
    SyntaxError::new(
        SyntaxErrorKind::YamlAlias,
        "aliases (`*name`) are not supported",
        span,
    )
    .with_help(
        "write the value out in full; psrlint refuses aliases so that no file can expand \
             without bound",
    )
}

/// `saphyr-parser`'s error in psrlint's words.
fn scan_error(e: &ScanError, offsets: &mut ByteOffsets<'_>, limits: &Limits) -> SyntaxError {
    let start = offsets.byte(*e.marker());
    let len = offsets
        .text
        .get(start..)
        .and_then(|s| s.chars().next())
        .map_or(0, char::len_utf8);
    let span = Span::new(start, start + len);
    let info = e.info();
    let (message, help): (Cow<'_, str>, Option<&str>) = match info {
        "mapping values are not allowed in this context" => (
            "unexpected `:`".into(),
            Some("put a value that contains `: ` in quotes, or check the indentation of this line"),
        ),
        "while parsing a block mapping, did not find expected key" => (
            "expected a key at this indentation".into(),
            Some("check the indentation: the keys of one table must line up"),
        ),
        "while parsing a block collection, did not find expected '-' indicator" => (
            "expected a list item (`- `) at this indentation".into(),
            Some("check the indentation: the items of one list must line up"),
        ),
        "while parsing a flow sequence, expected ',' or ']'" => {
            ("expected `,` or `]` in this list".into(), None)
        }
        "while parsing a flow mapping, did not find expected ',' or '}'" => {
            ("expected `,` or `}` in this table".into(), None)
        }
        "while parsing a node, did not find expected node content" => {
            ("expected a value".into(), None)
        }
        "while scanning a quoted scalar, found unexpected end of stream" => (
            "this string is not closed".into(),
            Some("add the missing quote"),
        ),
        "while parsing node, found unknown anchor" => return alias_error(span),
        "':' must be followed by a valid YAML whitespace"
        | "'-' must be followed by a valid YAML whitespace" => (
            if info.starts_with("':'") {
                "expected a space after `:`"
            } else {
                "expected a space after `-`"
            }
            .into(),
            Some("YAML needs a space here, not a tab"),
        ),
        "unexpected eof" => ("unexpected end of file".into(), None),
        "recursion limit exceeded" => return SyntaxError::too_deep(span, limits.max_depth),
        s if s.contains("tab") => (
            "a tab is not allowed here".into(),
            Some("use spaces to indent, and after `:` and `-`"),
        ),
        s => (
            s.replace("did not find expected", "expected")
                .replace('\'', "`")
                .into(),
            None,
        ),
    };
    SyntaxError::invalid(message, span, help)
}

/// Turns `saphyr-parser`'s character indices into byte offsets, walking from the last position
/// asked for (events come nearly in order, so this is linear in the text).
struct ByteOffsets<'t> {
    text: &'t str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'t> ByteOffsets<'t> {
    fn new(text: &'t str) -> Self {
        ByteOffsets {
            text,
            ascii: text.is_ascii(),
            chars: 0,
            bytes: 0,
        }
    }

    fn byte(&mut self, mark: Marker) -> usize {
        let target = mark.index();
        if self.ascii {
            return target.min(self.text.len());
        }
        // Where the characters between here and there are all ASCII (most of a file), jump.
        let ascii_run = |from: usize, to: usize| {
            self.text
                .get(from.min(to)..from.max(to))
                .is_some_and(str::is_ascii)
        };
        if self.chars < target {
            let ahead = self.bytes.saturating_add(target - self.chars);
            if ascii_run(self.bytes, ahead) {
                self.bytes = ahead;
                self.chars = target;
            }
        } else if let Some(back) = self.bytes.checked_sub(self.chars - target) {
            if ascii_run(back, self.bytes) {
                self.bytes = back;
                self.chars = target;
            }
        }
        while self.chars < target {
            let Some(c) = self.text.get(self.bytes..).and_then(|s| s.chars().next()) else {
                return self.text.len();
            };
            self.bytes += c.len_utf8();
            self.chars += 1;
        }
        while self.chars > target {
            let Some(c) = self
                .text
                .get(..self.bytes)
                .and_then(|s| s.chars().next_back())
            else {
                return 0;
            };
            self.bytes -= c.len_utf8();
            self.chars -= 1;
        }
        self.bytes
    }
}
