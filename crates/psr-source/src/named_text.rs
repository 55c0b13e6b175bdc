//! A file's text for miette's reports, with columns counted as psrlint counts them everywhere
//! else: in characters. (miette's own sources count the column of the `[file:line:column]`
//! header in bytes, so after `£` or `é` it disagrees with the JSON, SARIF and concise formats.)
//!
//! miette's `SourceCode for str` finds an excerpt by counting lines from the start of the text,
//! so a report of many findings in one file took time findings × file size (90 s for 10,000
//! findings). A [`NamedText`] hands miette only the text from a few lines before the span, found
//! in an index of line starts made once per text (and shared by its clones), and shifts miette's
//! line numbers and offsets back: the excerpt is the same, its cost no longer grows with the
//! file.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::sync::{Arc, OnceLock};

/// A named text that miette can quote, whose line and column numbers match [`crate::LineIndex`].
#[derive(Clone, Debug)]
pub struct NamedText {
    name: String,
    text: Arc<str>,
    language: Option<String>,
    /// Where each line after the first starts, as miette ends lines, made on the first excerpt.
    line_starts: Arc<OnceLock<Vec<usize>>>,
}

/// The offsets just after each line ending of `text` as miette reads line endings: `\r\n`, a
/// lone `\n` and a lone `\r` each end a line.
fn miette_line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'\r', b'\n', bytes)
        .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
        .map(|i| i + 1)
        .collect()
}

impl NamedText {
    /// `text`, shown as `name`.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        NamedText {
            name: name.into(),
            text: text.into(),
            language: None,
            line_starts: Arc::default(),
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
        // miette's answer does not depend on the text more than `context_lines_before` lines
        // before the span's line, except through the count of lines before it: start from the
        // line one more back (so that a span at the start of that line never reaches back into
        // the line ending before it), and add those lines back.
        let starts = self
            .line_starts
            .get_or_init(|| miette_line_starts(&self.text));
        let line = starts.partition_point(|&s| s <= span.offset());
        let skipped = line.saturating_sub(context_lines_before + 1);
        let from = match skipped {
            0 => 0,
            n => starts[n - 1],
        };
        let text = self.text.get(from..).ok_or(MietteError::OutOfBounds)?;
        let shifted = SourceSpan::new((span.offset() - from).into(), span.len());
        let inner = text.read_span(&shifted, context_lines_before, context_lines_after)?;
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
            SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
            inner.line() + skipped,
            column,
            inner.line_count() + skipped,
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
    fn excerpts_are_miettes_own_from_the_lines_around_the_span() {
        // Every line ending miette knows (`\n`, `\r\n`, a lone `\r`), blank lines, a byte order
        // mark, multi-byte text, and no line ending at the end.
        let text = "\u{feff}a = 1\r\nb = \"£é\"\n\nc = 3\rd = [\n  1,\r\n  2,\n]\n\r\ne = 5";
        let source = NamedText::new("f", text);
        let ends = |o: usize| text.is_char_boundary(o);
        for start in (0..=text.len()).filter(|o| ends(*o)) {
            for end in (start..=text.len()).filter(|o| ends(*o)).take(12) {
                for (before, after) in [(0, 0), (1, 1), (2, 3), (5, 0)] {
                    let span: SourceSpan = (start, end - start).into();
                    let ours = source.read_span(&span, before, after);
                    let theirs = text.read_span(&span, before, after);
                    let (ours, theirs) = match (ours, theirs) {
                        (Ok(o), Ok(t)) => (o, t),
                        (Err(_), Err(_)) => continue,
                        (o, t) => panic!("{start}..{end}: {:?} {:?}", o.is_ok(), t.is_ok()),
                    };
                    let at = format!("{start}..{end} ({before}, {after})");
                    assert_eq!(ours.data(), theirs.data(), "{at}");
                    assert_eq!(ours.span(), theirs.span(), "{at}");
                    assert_eq!(ours.line(), theirs.line(), "{at}");
                    assert_eq!(ours.line_count(), theirs.line_count(), "{at}");
                    if before > 0 {
                        assert_eq!(ours.column(), theirs.column(), "{at}");
                    }
                }
            }
        }
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
