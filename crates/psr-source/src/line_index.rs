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
    /// The characters before each multiple of [`CHUNK`] bytes, made on the first column asked
    /// for far along a long line: columns there are then counted from the nearest multiple, so
    /// that many findings on one long line do not each count the whole line.
    chars_before: std::sync::OnceLock<Vec<usize>>,
}

/// The spacing of [`LineIndex`]'s character counts, in bytes.
const CHUNK: usize = 4_096;

/// Characters in `bytes` (valid UTF-8 cut anywhere): the bytes that do not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b as i8) >= -0x40).count()
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        LineIndex {
            line_starts,
            bom,
            chars_before: std::sync::OnceLock::new(),
        }
    }

    /// Characters in `text[start..end]` (both character boundaries).
    fn chars_between(&self, text: &str, start: usize, end: usize) -> usize {
        if end - start <= 2 * CHUNK {
            return text.get(start..end).map_or(0, |s| s.chars().count());
        }
        let before = self.chars_before.get_or_init(|| {
            let mut total = 0;
            let mut out = vec![0];
            for chunk in text.as_bytes().chunks(CHUNK) {
                total += count_chars(chunk);
                out.push(total);
            }
            out
        });
        let upto = |at: usize| {
            let k = at / CHUNK;
            before.get(k).copied().unwrap_or(0)
                + count_chars(text.as_bytes().get(k * CHUNK..at).unwrap_or_default())
        };
        upto(end) - upto(start)
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
        let column = self.chars_between(text, start, end) + 1;
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

    #[test]
    fn columns_far_along_a_long_line_are_counted_in_characters() {
        let text = format!(
            "\u{feff}a = \"{}\"\nb = \"{}\"\n",
            "é😀x".repeat(9_000),
            "£".repeat(20_000)
        );
        let idx = LineIndex::new(&text);
        for (i, _) in text.char_indices().step_by(997) {
            let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
            let expected = text[line_start..i]
                .trim_start_matches('\u{feff}')
                .chars()
                .count()
                + 1;
            assert_eq!(idx.line_col(&text, i).column, expected, "at byte {i}");
        }
        // Inside a character: the column of that character.
        let inside = text.find('😀').unwrap_or(0) + 2;
        assert_eq!(idx.line_col(&text, inside).column, 7);
    }
}
