//! Whether a finding's source excerpt can be shown. A line too long to print (a minified file, a
//! 10 MB string) would flood the terminal for every finding on it, and a column beyond 65,535 is
//! more than the excerpt's underline can be padded to; such a finding is named by its line and
//! column instead.

use psr_source::Span;

/// The longest line an excerpt shows, in bytes.
const MAX_LINE: usize = 4_096;
/// The most text an excerpt covers, in bytes: the span's lines and one line either side.
const MAX_EXCERPT: usize = 65_536;

/// Whether the lines shown for `span` of `text` (the span's lines and one line of context either
/// side) are each at most [`MAX_LINE`] bytes long and together at most [`MAX_EXCERPT`]. Looks at
/// no more than about [`MAX_EXCERPT`] bytes, whatever the length of the text or its lines.
pub fn fits(text: &str, span: Span) -> bool {
    let bytes = text.as_bytes();
    let start = span.start.min(bytes.len());
    let end = span.end.clamp(start, bytes.len());
    if end - start > MAX_EXCERPT {
        return false;
    }
    // The start of the line holding `at`, when it is near enough.
    let line_start = |at: usize| {
        let from = at.saturating_sub(MAX_LINE + 1);
        match bytes[from..at].iter().rposition(|b| *b == b'\n') {
            Some(i) => Some(from + i + 1),
            None => (from == 0).then_some(0),
        }
    };
    // The end of the line holding `at` (before its `\n`), when it is near enough.
    let line_end = |at: usize| {
        let to = (at + MAX_LINE + 1).min(bytes.len());
        match bytes[at..to].iter().position(|b| *b == b'\n') {
            Some(i) => Some(at + i),
            None => (to == bytes.len()).then_some(to),
        }
    };
    let Some(first) = line_start(start) else {
        return false;
    };
    let from = match first {
        0 => Some(0),
        _ => line_start(first - 1),
    };
    let Some(last) = line_end(end) else {
        return false;
    };
    let to = if last == bytes.len() {
        Some(last)
    } else {
        line_end(last + 1)
    };
    let (Some(from), Some(to)) = (from, to) else {
        return false;
    };
    to - from <= MAX_EXCERPT
        && bytes[from..to]
            .split(|b| *b == b'\n')
            .all(|line| line.len() <= MAX_LINE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_fit_and_a_long_line_near_the_span_does_not() {
        let text = "a = 1\nb = 2\nc = 3\n";
        assert!(fits(text, Span::new(6, 11)));
        assert!(fits(text, Span::new(0, text.len())));
        let long = format!("a = 1\nb = \"{}\"\nc = 3\n", "é".repeat(MAX_LINE));
        let c = long.find("c =").unwrap_or(0);
        // The span's own line, the line before it, or the line after it is too long.
        assert!(!fits(&long, Span::new(7, 8)));
        assert!(!fits(&long, Span::new(c, c + 1)));
        assert!(!fits(&long, Span::new(0, 1)));
        // Two lines further away, a long line is not shown.
        let far = format!("{long}d = 4\ne = 5\n");
        let e = far.find("e =").unwrap_or(0);
        assert!(fits(&far, Span::new(e, e + 1)));
    }

    #[test]
    fn a_span_past_the_end_of_the_text_is_kept_inside_it() {
        assert!(fits("a = 1", Span::new(3, 99)));
        assert!(fits("", Span::new(0, 0)));
    }
}
