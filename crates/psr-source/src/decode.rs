//! Checks that a file's bytes are UTF-8, without copying them.

use crate::{DecodeError, Span};

/// The bytes as text, when they are valid UTF-8.
///
/// A UTF-8 byte order mark stays in the text, so that every span stays an offset into the bytes
/// as read; [`parse`](crate::parse) knows how to skip it.
///
/// # Errors
/// [`DecodeError`] with the byte offset and line of the first byte that is not UTF-8.
pub fn decode(bytes: &[u8]) -> Result<&str, DecodeError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        let len = e.error_len().unwrap_or(bytes.len() - offset);
        DecodeError {
            offset,
            line,
            span: Span::new(offset, offset + len),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_bom_and_borrows() {
        let bytes = b"\xEF\xBB\xBFa = 1\n";
        let text = decode(bytes).expect("valid");
        assert_eq!(text.as_ptr(), bytes.as_ptr());
        assert_eq!(text.len(), bytes.len());
    }

    #[test]
    fn reports_offset_and_line_of_first_invalid_byte() {
        let bytes = b"a = \"\xC2\xA3\"\nb = \"\xFFx\"\n";
        let err = decode(bytes).expect_err("invalid");
        assert_eq!(err.offset, 14);
        assert_eq!(err.line, 2);
        assert_eq!(err.span, Span::new(14, 15));
        assert_eq!(
            err.to_string(),
            "the file is not valid UTF-8: invalid byte at offset 14 (line 2)"
        );
    }

    #[test]
    fn truncated_character_at_the_end() {
        let err = decode(b"x = \xE2\x82").expect_err("invalid");
        assert_eq!((err.offset, err.line, err.span), (4, 1, Span::new(4, 6)));
    }
}
