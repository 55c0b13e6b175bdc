//! A file's text for miette's reports, with columns counted as psrlint counts them everywhere
//! else: in characters. (miette's own sources count the column of the `[file:line:column]`
//! header in bytes, so after `£` or `é` it disagrees with the JSON, SARIF and concise formats.)

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::sync::Arc;

/// A named text that miette can quote, whose line and column numbers match [`crate::LineIndex`].
#[derive(Clone, Debug)]
pub struct NamedText {
    name: String,
    text: Arc<str>,
    language: Option<String>,
}

impl NamedText {
    /// `text`, shown as `name`.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        NamedText {
            name: name.into(),
            text: text.into(),
            language: None,
        }
    }

    /// The same text, tagged with a language for syntax highlighting.
    pub fn with_language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// The name it is shown as.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text.
    pub fn inner(&self) -> &Arc<str> {
        &self.text
    }

    /// The 0-based column of byte `offset` in characters, as [`crate::LineIndex`] counts it: a
    /// byte order mark at the start of the text is no column, and `\r` ends a line as miette's
    /// line numbers have it.
    fn column(&self, offset: usize) -> usize {
        let text: &str = &self.text;
        let offset = offset.min(text.len());
        let mut start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        if start == 0 && text.starts_with('\u{feff}') {
            start = '\u{feff}'.len_utf8().min(offset);
        }
        match text.get(start..offset) {
            Some(before) => before.chars().count(),
            None => offset - start,
        }
    }
}

impl SourceCode for NamedText {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        // miette reports a column only for a span read without lines before it (the header);
        // otherwise it is 0, and stays so.
        let column = if context_lines_before == 0 {
            self.column(span.offset())
        } else {
            inner.column()
        };
        let contents = MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        );
        Ok(Box::new(match &self.language {
            Some(language) => contents.with_language(language.clone()),
            None => contents,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_column(text: &str, offset: usize) -> usize {
        let source = NamedText::new("f", text);
        let contents = source
            .read_span(&(offset, 1).into(), 0, 0)
            .unwrap_or_else(|e| panic!("{e}"));
        contents.column() + 1
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a = 1\ntitle = \"£é—\" x\n";
        let x = text.find('x').unwrap_or(0);
        let lc = crate::LineIndex::new(text).line_col(text, x);
        assert_eq!(header_column(text, x), lc.column);
        assert_eq!(lc.column, 15);
    }

    #[test]
    fn a_byte_order_mark_and_crlf_count_as_no_column() {
        let text = "\u{feff}é = 1\r\nb = 2\r\n";
        assert_eq!(header_column(text, 3), 1);
        let b = text.find('b').unwrap_or(0);
        assert_eq!(header_column(text, b), 1);
        let two = text.find('2').unwrap_or(0);
        assert_eq!(
            header_column(text, two),
            crate::LineIndex::new(text).line_col(text, two).column
        );
    }
}
