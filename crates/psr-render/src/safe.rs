//! Making text from a user's file safe to print: a control character (other than a tab, and a
//! line break where lines are kept) or a bidirectional formatting character could move the
//! cursor, retitle or recolour a reviewer's terminal, or reorder what they read. Each is shown
//! as one visible character instead, so that columns stay where they were: a C0 control or DEL as
//! its Control Pictures symbol (`␛` for ESC), any other as `�`.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is (tabs and line feeds aside).
pub(crate) fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What `c` is shown as.
fn visible(c: char) -> char {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// `s` with every unsafe character replaced, line feeds kept (a carriage return before a line
/// feed too, as a line ending); one line's text when `one_line`, line feeds replaced as well.
pub fn printable(s: &str, one_line: bool) -> Cow<'_, str> {
    let bad = |(i, c): (usize, char)| {
        (is_unsafe(c) && !(c == '\r' && !one_line && s[i + 1..].starts_with('\n')))
            || (one_line && c == '\n')
    };
    if !s.char_indices().any(bad) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.char_indices()
            .map(|(i, c)| if bad((i, c)) { visible(c) } else { c })
            .collect(),
    )
}

/// A file's text made printable, and the way from an offset in the file to the same place in it.
pub struct SafeText<'a> {
    /// The printable text.
    pub text: Cow<'a, str>,
    /// (offset in the file just after a replaced character, bytes added up to there), in order.
    shifts: Vec<(usize, isize)>,
}

impl<'a> SafeText<'a> {
    /// `text` with its unsafe characters replaced (lines kept).
    pub fn new(text: &'a str) -> Self {
        let safe = printable(text, false);
        let mut shifts = Vec::new();
        if let Cow::Owned(_) = safe {
            let mut added = 0isize;
            let mut out = text.char_indices().zip(safe.chars());
            for ((i, before), after) in out.by_ref() {
                if before != after {
                    added += after.len_utf8() as isize - before.len_utf8() as isize;
                    shifts.push((i + before.len_utf8(), added));
                }
            }
        }
        SafeText { text: safe, shifts }
    }

    /// Where byte `offset` of the file is in the printable text.
    pub fn offset(&self, offset: usize) -> usize {
        let i = self.shifts.partition_point(|(at, _)| *at <= offset);
        let added = if i == 0 { 0 } else { self.shifts[i - 1].1 };
        offset.saturating_add_signed(added)
    }

    /// A span of the file, in the printable text.
    pub fn span(&self, s: psr_source::Span) -> psr_source::Span {
        psr_source::Span::new(self.offset(s.start), self.offset(s.end))
    }
}

/// Escapes, in JSON text appended to `buf` from byte `from`, the unsafe characters JSON leaves
/// raw (DEL, C1 controls, bidirectional formatting; serde_json escapes the C0 controls itself) as
/// `\uXXXX`: the same document, with nothing that can drive a terminal it is printed on.
pub fn escape_json_tail(buf: &mut Vec<u8>, from: usize) {
    // Only DEL (0x7f), C1 (0xc2 0x80..0x9f) and the bidi characters (0xe2 ...) can need it.
    if !buf[from..].iter().any(|b| matches!(b, 0x7f | 0xc2 | 0xe2)) {
        return;
    }
    let Ok(tail) = std::str::from_utf8(&buf[from..]) else {
        return;
    };
    if !tail.chars().any(is_unsafe) {
        return;
    }
    let mut escaped = String::with_capacity(tail.len() + 16);
    for c in tail.chars() {
        if is_unsafe(c) {
            escaped.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            escaped.push(c);
        }
    }
    buf.truncate(from);
    buf.extend_from_slice(escaped.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::{escape_json_tail, printable, SafeText};

    #[test]
    fn json_keeps_its_meaning_without_raw_controls() {
        let mut buf = b"[".to_vec();
        buf.extend(serde_json::to_vec("a\u{85}b\u{202e}c\u{7f}\u{1b}").unwrap_or_default());
        escape_json_tail(&mut buf, 1);
        let text = String::from_utf8(buf).unwrap_or_default();
        assert_eq!(text, r#"["a\u0085b\u202ec\u007f\u001b""#);
        let back: String = serde_json::from_str(&text[1..]).unwrap_or_default();
        assert_eq!(back, "a\u{85}b\u{202e}c\u{7f}\u{1b}");
    }

    #[test]
    fn control_characters_become_visible_and_columns_stay() {
        assert_eq!(printable("a\x1b]0;x\x07b\tc\nd", false), "a␛]0;x␇b\tc\nd");
        assert_eq!(printable("a\nb\r\n", true), "a␊b␍␊");
        assert_eq!(printable("x\r\ny", false), "x\r\ny");
        assert_eq!(printable("x\u{85}\u{202e}y", false), "x��y");
        assert!(matches!(
            printable("plain £", true),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn offsets_follow_the_replacements() {
        let t = SafeText::new("a\x1bbc\x1bd");
        assert_eq!(t.text, "a␛bc␛d");
        // `b` was at 2; `␛` is three bytes for one.
        assert_eq!(&t.text[t.offset(2)..t.offset(3)], "b");
        assert_eq!(&t.text[t.offset(5)..t.offset(6)], "d");
        assert_eq!(t.offset(0), 0);
        assert_eq!(t.offset(1), 1);
    }
}
