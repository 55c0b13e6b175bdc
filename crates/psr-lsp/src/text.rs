//! Positions as the Language Server Protocol counts them (line, and column in UTF-16 code units)
//! to and from byte offsets, and edits of a document's text.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use psr_source::Span;

/// The byte offsets where each line of a text starts. A line ends at `\n`, `\r\n` or a lone `\r`,
/// as LSP has it.
#[derive(Clone, Debug, Default)]
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    /// The lines of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, b) in bytes.iter().enumerate() {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        Lines { starts }
    }

    /// The position of byte `offset` (clamped to the text, and back to a character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|s| *s <= offset)
            .saturating_sub(1);
        let start = self.starts[line];
        let column: usize = text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(to_u32(line), to_u32(column))
    }

    /// The range of `span`.
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of `position`: past the end of a line is its end, past the last line is
    /// the end of the text, and the middle of a surrogate pair is the character's start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let mut units = 0usize;
        for (i, c) in text[start..].char_indices() {
            if c == '\n' || c == '\r' {
                return start + i;
            }
            units += c.len_utf16();
            if units > position.character as usize {
                return start + i;
            }
        }
        text.len()
    }

    /// The byte span of `range`.
    pub fn span(&self, text: &str, range: Range) -> Span {
        let a = self.offset(text, range.start);
        let b = self.offset(text, range.end);
        Span::new(a.min(b), a.max(b))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Applies the changes of one `didChange`, in order, to `text`.
pub fn apply_changes(text: &mut String, changes: Vec<TextDocumentContentChangeEvent>) {
    for change in changes {
        match change.range {
            None => *text = change.text,
            Some(range) => {
                let lines = Lines::new(text);
                let span = lines.span(text, range);
                text.replace_range(span.start..span.end, &change.text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        // £ é — are one unit each (two or three bytes); the emoji is two units (four bytes).
        let text = "a = \"£é—😀\" x\nnext\r\nthird";
        let lines = Lines::new(text);
        let x = text.find(" x").expect("x") + 1;
        assert_eq!(lines.position(text, x), Position::new(0, 12));
        assert_eq!(lines.offset(text, Position::new(0, 12)), x);
        let next = text.find("next").expect("next");
        assert_eq!(lines.position(text, next), Position::new(1, 0));
        assert_eq!(lines.offset(text, Position::new(2, 2)), text.len() - 3);
        // Past the end of a line: the line's end.
        assert_eq!(lines.offset(text, Position::new(1, 99)), next + 4);
        assert_eq!(lines.offset(text, Position::new(9, 0)), text.len());
    }

    #[test]
    fn ranged_and_whole_changes_apply_in_order() {
        let mut text = "£ one\ntwo\n".to_string();
        apply_changes(
            &mut text,
            vec![
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(Position::new(0, 2), Position::new(0, 5))),
                    range_length: None,
                    text: "ONE".into(),
                },
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(Position::new(1, 3), Position::new(1, 3))),
                    range_length: None,
                    text: "!".into(),
                },
            ],
        );
        assert_eq!(text, "£ ONE\ntwo!\n");
        apply_changes(
            &mut text,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            }],
        );
        assert_eq!(text, "new");
    }
}
