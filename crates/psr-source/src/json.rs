//! JSON text → [`Node<'static>`], through `jsonc-parser` set to strict JSON (RFC 8259).
//!
//! Spans: a string's and a key's span include the quotes; objects and arrays span their brackets.

use std::borrow::Cow;

use jsonc_parser::ast::{Array, Object, ObjectPropName, Value};
use jsonc_parser::common::{Range, Ranged};
use jsonc_parser::errors::{ParseError, ParseErrorKind};
use jsonc_parser::{CollectOptions, ParseOptions, ParseStringErrorKind};

use crate::{Entry, Limits, Node, NodeKind, Span, SyntaxError, SyntaxErrorKind};

/// Everything JSON5 and JSONC allow beyond JSON, switched off.
const STRICT: ParseOptions = ParseOptions {
    allow_comments: false,
    allow_loose_object_property_names: false,
    allow_trailing_commas: false,
    allow_missing_commas: false,
    allow_single_quoted_strings: false,
    allow_hexadecimal_numbers: false,
    allow_unary_plus_numbers: false,
    allow_bare_decimal_point_numbers: false,
    allow_non_finite_numbers: false,
    allow_extended_string_escapes: false,
};

/// Parses JSON `text` (which may start with a byte order mark).
pub(crate) fn parse(text: &str, limits: &Limits) -> Result<Node<'static>, SyntaxError> {
    let (bom, body) = crate::split_bom(text);
    let collect = CollectOptions::default();
    let parsed = jsonc_parser::parse_to_ast(body, &collect, &STRICT)
        .map_err(|e| translate(&e, limits).shifted(bom))?;
    let Some(value) = parsed.value else {
        let end = Span::new(text.len(), text.len());
        return Err(
            SyntaxError::new(SyntaxErrorKind::Invalid, "the file is empty", end)
                .with_help("a JSON arrangement file is one object: `{ \"format\": 1, ... }`"),
        );
    };
    Convert {
        text: body,
        shift: bom,
        limits,
    }
    .value(value, 1)
}

/// Conversion of `jsonc-parser`'s tree, with `text` the document without its BOM.
struct Convert<'t> {
    text: &'t str,
    shift: usize,
    limits: &'t Limits,
}

impl Convert<'_> {
    fn span(&self, r: Range) -> Span {
        Span::new(r.start + self.shift, r.end + self.shift)
    }

    /// A string's value, refusing raw control characters, which JSON requires to be escaped.
    fn string(&self, range: Range, value: Cow<'_, str>) -> Result<String, SyntaxError> {
        let raw = self.text.get(range.start..range.end).unwrap_or_default();
        if let Some(i) = raw.bytes().position(|b| b < 0x20) {
            let at = range.start + i;
            let span = Span::new(at + self.shift, at + self.shift + 1);
            let message = if raw.as_bytes()[i] == b'\n' {
                "line break inside a string"
            } else {
                "control character inside a string"
            };
            return Err(SyntaxError::new(SyntaxErrorKind::Invalid, message, span)
                .with_help("write it as an escape such as `\\n` or `\\t`, or close the string"));
        }
        Ok(value.into_owned())
    }

    /// A value at nesting level `depth`, when it is an array or object (the top level is 1).
    fn value(&self, value: Value<'_>, depth: usize) -> Result<Node<'static>, SyntaxError> {
        let (span, kind) = match value {
            Value::StringLit(s) => (
                self.span(s.range),
                NodeKind::String(self.string(s.range, s.value)?.into()),
            ),
            Value::NumberLit(n) => {
                let is_float = n.value.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'));
                let text = n.value.to_owned();
                (
                    self.span(n.range),
                    if is_float {
                        NodeKind::Float(text.into())
                    } else {
                        NodeKind::Integer(text.into())
                    },
                )
            }
            Value::BooleanLit(b) => (self.span(b.range), NodeKind::Bool(b.value)),
            Value::NullKeyword(n) => (self.span(n.range), NodeKind::Null),
            Value::Array(a) => self.array(a, depth)?,
            Value::Object(o) => self.object(o, depth)?,
        };
        Ok(Node { span, kind })
    }

    fn array(
        &self,
        array: Array<'_>,
        depth: usize,
    ) -> Result<(Span, NodeKind<'static>), SyntaxError> {
        let span = self.span(array.range);
        self.limits
            .check_depth(depth, Span::new(span.start, span.start + 1))?;
        let mut nodes = Vec::with_capacity(array.elements.len());
        for element in array.elements {
            self.limits
                .check_len(nodes.len(), self.span(element.range()))?;
            nodes.push(self.value(element, depth + 1)?);
        }
        Ok((span, NodeKind::Array(nodes)))
    }

    fn object(
        &self,
        object: Object<'_>,
        depth: usize,
    ) -> Result<(Span, NodeKind<'static>), SyntaxError> {
        let span = self.span(object.range);
        self.limits
            .check_depth(depth, Span::new(span.start, span.start + 1))?;
        let mut entries = Vec::with_capacity(object.properties.len());
        for prop in object.properties {
            let (key_range, key) = match prop.name {
                ObjectPropName::String(s) => (s.range, self.string(s.range, s.value)?),
                // Loose property names are switched off, so the parser never yields a word.
                ObjectPropName::Word(w) => (w.range, w.value.to_owned()),
            };
            let key_span = self.span(key_range);
            self.limits.check_len(entries.len(), key_span)?;
            entries.push(Entry {
                key: key.into(),
                key_span,
                value: self.value(prop.value, depth + 1)?,
            });
        }
        crate::limits::check_duplicates(&entries)?;
        Ok((span, NodeKind::Table(entries)))
    }
}

const BARE_WORDS: &str =
    "put text in double quotes; the only bare words in JSON are `true`, `false` and `null`";
const NUMBERS: &str =
    "write numbers like `1100000`, `-3` or `1100000.50`, or put them in double quotes";
const ESCAPES: &str =
    "JSON knows the escapes `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`";

/// `jsonc-parser`'s error in psrlint's words.
fn translate(e: &ParseError, limits: &Limits) -> SyntaxError {
    use ParseErrorKind as K;
    use ParseStringErrorKind as S;
    let range = e.range();
    let span = Span::new(range.start, range.end);
    let (message, help) = match e.kind() {
        K::NestingDepthExceeded => return SyntaxError::too_deep(span, limits.max_depth),
        K::CommentsNotAllowed => (
            "comments are not allowed in JSON",
            Some("remove the comment, or write the file as TOML or YAML, which allow comments"),
        ),
        K::TrailingCommasNotAllowed => (
            "trailing comma",
            Some("remove the comma after the last item"),
        ),
        K::ExpectedComma => ("expected `,` between items", None),
        K::ExpectedColonAfterObjectKey => ("expected `:` after the key", None),
        K::ExpectedObjectValue => ("expected a value after `:`", None),
        K::ExpectedStringObjectProperty => (
            "keys must be strings in double quotes",
            Some("write the key as `\"name\"`"),
        ),
        K::SingleQuotedStringsNotAllowed => (
            "strings must use double quotes",
            Some("replace the single quotes `'` with double quotes `\"`"),
        ),
        K::UnexpectedWord | K::UnexpectedToken => ("expected a value", Some(BARE_WORDS)),
        K::MultipleRootJsonValues => ("unexpected text after the end of the document", None),
        K::UnterminatedArray => ("this list is not closed", Some("add the missing `]`")),
        K::UnterminatedObject => ("this object is not closed", Some("add the missing `}`")),
        K::UnexpectedCloseBrace => ("unexpected `}`", None),
        K::UnexpectedCloseBracket => ("unexpected `]`", None),
        K::UnexpectedColon => ("unexpected `:`", None),
        K::UnexpectedComma => ("unexpected `,`", None),
        K::UnexpectedTokenInObject => ("expected a key in double quotes or `}`", None),
        K::HexadecimalNumbersNotAllowed
        | K::UnaryPlusNumbersNotAllowed
        | K::BareDecimalPointNumbersNotAllowed
        | K::NonFiniteNumbersNotAllowed
        | K::ExpectedDigit
        | K::ExpectedDigitFollowingNegativeSign
        | K::ExpectedPlusMinusOrDigitInNumberLiteral => ("invalid number", Some(NUMBERS)),
        K::String(S::UnterminatedStringLiteral) => {
            ("this string is not closed", Some("add the missing `\"`"))
        }
        K::String(S::ExpectedFourHexDigits | S::InvalidUnicodeEscapeSequence(_)) => (
            "invalid `\\u` escape in a string",
            Some("write `\\u` and four hex digits, for example `\\u00a3`"),
        ),
        K::String(_) => ("invalid escape in a string", Some(ESCAPES)),
        other => {
            let message = crate::lowercase_first(&other.to_string());
            return SyntaxError::invalid(message, span, None);
        }
    };
    SyntaxError::invalid(message, span, help)
}
