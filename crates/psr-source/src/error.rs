//! The two ways reading a file can fail: bytes that are not UTF-8, and text that does not parse.

use crate::Span;

/// The bytes of a file are not valid UTF-8.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("the file is not valid UTF-8: invalid byte at offset {offset} (line {line})")]
#[diagnostic(help("save the file as UTF-8"))]
pub struct DecodeError {
    /// Byte offset of the first invalid byte.
    pub offset: usize,
    /// 1-based line of the first invalid byte.
    pub line: usize,
    /// The invalid bytes: the sequence the decoder rejected, or the incomplete character that
    /// ends the file.
    #[label("not UTF-8")]
    pub span: Span,
}

/// Which rule of the syntax a [`SyntaxError`] broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyntaxErrorKind {
    /// The text is not valid TOML, JSON or YAML.
    Invalid,
    /// Lists and tables are nested deeper than [`Limits::max_depth`](crate::Limits::max_depth).
    TooDeep,
    /// A list or table has more items than [`Limits::max_list_len`](crate::Limits::max_list_len).
    ListTooLong,
    /// A table names the same key twice; the span is on the second one.
    DuplicateKey,
    /// A YAML alias (`*name`), which psrlint refuses so that no file can expand without bound.
    YamlAlias,
}

/// The text of a file is not a valid document in its syntax.
///
/// The message is plain lowercase words without a final period; `help`, when there is one, says
/// how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
pub struct SyntaxError {
    /// Which rule was broken.
    pub kind: SyntaxErrorKind,
    /// What is wrong, for example "expected `=` after a key".
    pub message: String,
    /// Byte span in the text (including any byte order mark) where the parser stopped.
    #[label("here")]
    pub span: Span,
    /// How to fix it, when there is something useful to say.
    #[help]
    pub help: Option<String>,
}

impl SyntaxError {
    /// An error of `kind` at `span` with no help.
    pub fn new(kind: SyntaxErrorKind, message: impl Into<String>, span: Span) -> Self {
        SyntaxError {
            kind,
            message: message.into(),
            span,
            help: None,
        }
    }

    /// The same error with `help` added.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Shifts the span `by` bytes to the right (used after parsing text without its BOM).
    #[must_use]
    pub(crate) fn shifted(mut self, by: usize) -> Self {
        self.span = Span::new(self.span.start + by, self.span.end + by);
        self
    }

    /// An [`SyntaxErrorKind::Invalid`] error, with `help` when there is some.
    pub(crate) fn invalid(message: impl Into<String>, span: Span, help: Option<&str>) -> Self {
        let out = SyntaxError::new(SyntaxErrorKind::Invalid, message, span);
        match help {
            Some(h) => out.with_help(h),
            None => out,
        }
    }

    pub(crate) fn too_deep(span: Span, max_depth: usize) -> Self {
        SyntaxError::new(
            SyntaxErrorKind::TooDeep,
            format!("lists and tables are nested more than {max_depth} deep"),
            span,
        )
        .with_help("an arrangement file never needs this much nesting; flatten the structure")
    }

    pub(crate) fn list_too_long(span: Span, max_len: usize) -> Self {
        SyntaxError::new(
            SyntaxErrorKind::ListTooLong,
            format!("this list or table has more than {max_len} items"),
            span,
        )
        .with_help("split the data or move it out of the arrangement file")
    }

    pub(crate) fn duplicate_key(key: &str, span: Span) -> Self {
        SyntaxError::new(
            SyntaxErrorKind::DuplicateKey,
            format!("duplicate key `{key}`"),
            span,
        )
        .with_help("each key may appear only once in a table; remove or rename one of them")
    }
}
