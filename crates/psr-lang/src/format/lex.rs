//! A layout lexer for rule files: splits the text into the pieces the formatter moves around
//! (words, brackets, colons, texts, comments and line ends), keeping every piece's text as
//! written. It does not know the grammar: whatever is not a text, a comment, a bracket or a colon
//! is a word, cut at whitespace and at the offsets the parser says a statement begins.

use std::collections::BTreeSet;

/// What a piece is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Any other run of characters without whitespace.
    Word,
    /// A text in quotes or a `"""` block, verbatim (it may span lines).
    Text,
    /// A comment, `#` to the end of the line, trailing whitespace removed.
    Comment,
    /// `{`, `(` or `[`.
    Open(char),
    /// `}`, `)` or `]`.
    Close(char),
    /// `:`
    Colon,
    /// The end of a line.
    Newline,
}

/// One piece of the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// What it is.
    pub kind: Kind,
    /// Its text as written.
    pub text: &'a str,
    /// Byte offset of its first character.
    pub start: usize,
    /// How many whitespace characters precede it on its line (0 at the start of a line).
    pub gap: usize,
    /// Its column as written (characters since the start of its line).
    pub col: usize,
}

/// Splits `src` into tokens; words are also cut at each offset in `cuts`. Fails (with the byte
/// offset) only on an unterminated text, which a file that parses never has.
pub(crate) fn lex<'a>(src: &'a str, cuts: &BTreeSet<usize>) -> Result<Vec<Token<'a>>, usize> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut gap = 0;
    let mut line_start = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let kind = match c {
            b' ' | b'\t' | b'\r' => {
                gap += 1;
                i += 1;
                continue;
            }
            b'\n' => {
                i += 1;
                Kind::Newline
            }
            b'#' => {
                i = src[i..].find('\n').map_or(src.len(), |n| i + n);
                Kind::Comment
            }
            b'"' => {
                i = text_end(src, i).ok_or(start)?;
                Kind::Text
            }
            b'{' | b'(' | b'[' => {
                i += 1;
                Kind::Open(c as char)
            }
            b'}' | b')' | b']' => {
                i += 1;
                Kind::Close(c as char)
            }
            b':' => {
                i += 1;
                Kind::Colon
            }
            _ => {
                i = word_end(src, i, cuts);
                Kind::Word
            }
        };
        let mut text = &src[start..i];
        if kind == Kind::Comment {
            text = text.trim_end();
        }
        let col = src[line_start..start].chars().count();
        out.push(Token {
            kind,
            text,
            start,
            gap: if kind == Kind::Newline { 0 } else { gap },
            col,
        });
        gap = 0;
        if let Some(nl) = text.rfind('\n') {
            line_start = start + nl + 1;
        }
    }
    Ok(out)
}

/// The end of the text starting at `start` (a `"`): a `"""` block or a `"` string.
fn text_end(src: &str, start: usize) -> Option<usize> {
    if src[start..].starts_with("\"\"\"") {
        let body = start + 3;
        return src[body..].find("\"\"\"").map(|n| body + n + 3);
    }
    let mut chars = src[start + 1..].char_indices();
    while let Some((n, c)) = chars.next() {
        match c {
            '"' => return Some(start + 1 + n + 1),
            '\\' => {
                chars.next();
            }
            '\n' => return None,
            _ => {}
        }
    }
    None
}

/// The end of the word starting at `start`.
fn word_end(src: &str, start: usize, cuts: &BTreeSet<usize>) -> usize {
    let next_cut = cuts
        .range(start + 1..)
        .next()
        .copied()
        .unwrap_or(usize::MAX);
    for (n, c) in src[start..].char_indices() {
        let at = start + n;
        if at >= next_cut || (n > 0 && is_break(c)) {
            return at;
        }
    }
    src.len()
}

fn is_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, '#' | '"' | '{' | '}' | '(' | ')' | '[' | ']' | ':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(Kind, &str)> {
        lex(src, &BTreeSet::new())
            .expect("lexes")
            .into_iter()
            .map(|t| (t.kind, t.text))
            .collect()
    }

    #[test]
    fn splits_words_brackets_texts_and_comments() {
        assert_eq!(
            kinds("when: f(a) # x  \n"),
            vec![
                (Kind::Word, "when"),
                (Kind::Colon, ":"),
                (Kind::Word, "f"),
                (Kind::Open('('), "("),
                (Kind::Word, "a"),
                (Kind::Close(')'), ")"),
                (Kind::Comment, "# x"),
                (Kind::Newline, "\n"),
            ]
        );
    }

    #[test]
    fn texts_keep_hashes_escapes_and_newlines() {
        assert_eq!(kinds(r#""a # \" b""#), vec![(Kind::Text, r#""a # \" b""#)]);
        assert_eq!(
            kinds("\"\"\"\n x \"\n\"\"\""),
            vec![(Kind::Text, "\"\"\"\n x \"\n\"\"\"")]
        );
        assert_eq!(
            kinds("\"\"x"),
            vec![(Kind::Text, "\"\""), (Kind::Word, "x")]
        );
    }

    #[test]
    fn an_unterminated_text_is_reported() {
        assert_eq!(lex("a \"b\n", &BTreeSet::new()), Err(2));
        assert_eq!(lex("\"\"\"b", &BTreeSet::new()), Err(0));
    }

    #[test]
    fn words_are_cut_where_asked() {
        let cuts = BTreeSet::from([5]);
        let t = lex("errorcite", &cuts).expect("lexes");
        assert_eq!(
            t.iter().map(|t| t.text).collect::<Vec<_>>(),
            vec!["error", "cite"]
        );
        assert_eq!(t[1].gap, 0);
    }

    #[test]
    fn gaps_and_columns_are_counted_on_each_line() {
        let t = lex("a   b\n  c \"\"\"\n\"\"\" d", &BTreeSet::new()).expect("lexes");
        assert_eq!(
            t.iter().map(|t| t.gap).collect::<Vec<_>>(),
            vec![0, 3, 0, 2, 1, 1]
        );
        assert_eq!(
            t.iter().map(|t| t.col).collect::<Vec<_>>(),
            vec![0, 4, 5, 2, 4, 4]
        );
    }
}
