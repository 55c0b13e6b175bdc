//! Byte offset → line and column.

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
}

/// Maps byte offsets of one text to lines and columns.
///
/// Lines end at `\n`; a `\r` before it belongs to the line ending, not the line. A UTF-8 byte
/// order mark at the start counts as no column.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    bom: usize,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        LineIndex { line_starts, bom }
    }

    /// The line and column of byte `offset` in `text` (which must be the indexed text).
    /// Offsets past the end map to the end; offsets inside a character map to that character.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let mut start = self.line_starts[line];
        if line == 0 {
            start = start.max(self.bom.min(offset));
        }
        let mut end = offset;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text.get(start..end).map_or(0, |s| s.chars().count()) + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_scalar_values_and_skip_bom_and_cr() {
        let text = "\u{feff}a = 1\r\nné = \"x\"\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 3), LineCol { line: 1, column: 1 });
        let x = text.find("\"x").unwrap_or(0);
        assert_eq!(idx.line_col(text, x), LineCol { line: 2, column: 6 });
    }
}
