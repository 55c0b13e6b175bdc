//! Reading the dates that free text in published notices states: "13th September 2024",
//! "27/02/2026 at 23:59", "by the 23rdof March 2026", "September 13, 2024", "2026-02-27". A date
//! that names a day the month does not have ("31 April 2026") is reported as impossible, never
//! moved to a real day.

use chrono::NaiveDate;

/// One date written in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextDate {
    /// The date, or `None` when the words name a day that does not exist.
    pub date: Option<NaiveDate>,
    /// The words as written.
    pub written: String,
    /// Byte offset of the words in the text.
    pub start: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    /// A number, with whether an ordinal suffix (st, nd, rd, th) follows it.
    Num {
        value: u32,
        digits: usize,
        ordinal: bool,
    },
    /// A word, lower case.
    Word(String),
    /// One punctuation character.
    Punct(char),
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
}

/// Splits `text` into numbers, words and punctuation. A number's ordinal suffix is taken off
/// even when a word is glued to it ("23rdof" is 23, ordinal, then "of").
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_ascii_digit() {
            let mut end = start;
            let mut value: u32 = 0;
            let mut digits = 0;
            while let Some(&(i, d)) = chars.peek() {
                let Some(v) = d.to_digit(10) else { break };
                value = value.saturating_mul(10).saturating_add(v);
                digits += 1;
                end = i + d.len_utf8();
                chars.next();
            }
            let rest = &text[end..];
            let lower: String = rest
                .chars()
                .take(2)
                .collect::<String>()
                .to_ascii_lowercase();
            let ordinal = matches!(lower.as_str(), "st" | "nd" | "rd" | "th");
            if ordinal {
                chars.next();
                chars.next();
                end += 2;
            }
            out.push(Token {
                tok: Tok::Num {
                    value,
                    digits,
                    ordinal,
                },
                start,
                end,
            });
        } else if c.is_alphabetic() {
            let mut end = start;
            let mut word = String::new();
            while let Some(&(i, a)) = chars.peek() {
                if !a.is_alphabetic() {
                    break;
                }
                word.extend(a.to_lowercase());
                end = i + a.len_utf8();
                chars.next();
            }
            out.push(Token {
                tok: Tok::Word(word),
                start,
                end,
            });
        } else {
            chars.next();
            if !c.is_whitespace() {
                out.push(Token {
                    tok: Tok::Punct(c),
                    start,
                    end: start + c.len_utf8(),
                });
            }
        }
    }
    out
}

/// The month a word names ("sept", "september", "Sep."), from 1.
fn month(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 {
        return None;
    }
    if word == "sept" {
        return Some(9);
    }
    NAMES
        .iter()
        .position(|n| *n == word || (word.len() == 3 && n.starts_with(word)))
        .map(|i| i as u32 + 1)
}

fn year(value: u32, digits: usize) -> Option<i32> {
    match digits {
        4 if (1990..=2100).contains(&value) => i32::try_from(value).ok(),
        2 => i32::try_from(2000 + value).ok(),
        _ => None,
    }
}

fn num(t: Option<&Token>) -> Option<(u32, usize, bool)> {
    match t.map(|t| &t.tok) {
        Some(Tok::Num {
            value,
            digits,
            ordinal,
        }) => Some((*value, *digits, *ordinal)),
        _ => None,
    }
}

fn word(t: Option<&Token>) -> Option<&str> {
    match t.map(|t| &t.tok) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    }
}

fn punct(t: Option<&Token>, set: &[char]) -> Option<char> {
    match t.map(|t| &t.tok) {
        Some(Tok::Punct(c)) if set.contains(c) => Some(*c),
        _ => None,
    }
}

/// Every date written in `text`, in order.
pub fn find_dates(text: &str) -> Vec<TextDate> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((ymd, used)) = date_at(&toks, i) {
            let (start, end) = (toks[i].start, toks[i + used - 1].end);
            out.push(TextDate {
                date: ymd.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
                written: text[start..end].to_string(),
                start,
            });
            i += used;
        } else {
            i += 1;
        }
    }
    out
}

type Ymd = Option<(i32, u32, u32)>;

/// A date starting at token `i`: its year, month and day (`None` inside when they do not make a
/// possible day, e.g. day 0) and how many tokens it spans.
fn date_at(t: &[Token], i: usize) -> Option<(Ymd, usize)> {
    let dmy = |d: u32, m: u32, y: i32| -> Ymd {
        if (1..=31).contains(&d) && (1..=12).contains(&m) {
            Some((y, m, d))
        } else {
            None
        }
    };
    // 13th September 2024 / 23rd of March 2026 / 1 Sept. 2024
    if let Some((d, dd, _)) = num(t.get(i)) {
        if dd <= 2 {
            let mut j = i + 1;
            if word(t.get(j)) == Some("of") {
                j += 1;
            }
            if let Some(m) = word(t.get(j)).and_then(month) {
                j += 1;
                if punct(t.get(j), &['.', ',']).is_some() {
                    j += 1;
                }
                if let Some((y, yd, false)) = num(t.get(j)) {
                    if let Some(y) = year(y, yd).filter(|_| yd == 4) {
                        return Some((dmy(d, m, y), j + 1 - i));
                    }
                }
            }
            // 27/02/2026, 27.02.2026, 27-02-26
            if let Some(sep) = punct(t.get(i + 1), &['/', '.', '-']) {
                if let (Some((m, md, false)), Some(_), Some((y, yd, false))) = (
                    num(t.get(i + 2)),
                    punct(t.get(i + 3), &[sep]),
                    num(t.get(i + 4)),
                ) {
                    if md <= 2 {
                        if let Some(y) = year(y, yd) {
                            return Some((dmy(d, m, y), 5));
                        }
                    }
                }
            }
        }
        // 2026-02-27
        if dd == 4 {
            if let (Some(_), Some((m, md, false)), Some(_), Some((day, ddd, _))) = (
                punct(t.get(i + 1), &['-']),
                num(t.get(i + 2)),
                punct(t.get(i + 3), &['-']),
                num(t.get(i + 4)),
            ) {
                if md <= 2 && ddd <= 2 {
                    if let Some(y) = year(d, dd) {
                        return Some((dmy(day, m, y), 5));
                    }
                }
            }
        }
    }
    // September 13, 2024 / September 13th 2024
    if let Some(m) = word(t.get(i)).and_then(month) {
        if let Some((d, dd, _)) = num(t.get(i + 1)) {
            let mut j = i + 2;
            if punct(t.get(j), &[',']).is_some() {
                j += 1;
            }
            if let Some((y, 4, false)) = num(t.get(j)) {
                if dd <= 2 {
                    if let Some(y) = year(y, 4) {
                        return Some((dmy(d, m, y), j + 1 - i));
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<(Option<String>, String)> {
        find_dates(text)
            .into_iter()
            .map(|d| (d.date.map(|d| d.to_string()), d.written))
            .collect()
    }

    fn one(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn the_forms_seen_in_published_notices() {
        assert_eq!(
            dates("Representations by providers must be made to decision makers by 13th September 2024."),
            vec![(one("2024-09-13"), "13th September 2024".into())]
        );
        assert_eq!(
            dates("must be received by 27/02/2026 at 23:59"),
            vec![(one("2026-02-27"), "27/02/2026".into())]
        );
        assert_eq!(
            dates("by the 23rdof March 2026"),
            vec![(one("2026-03-23"), "23rdof March 2026".into())]
        );
        assert_eq!(
            dates("by 23:59 on the 29th July 2025. …"),
            vec![(one("2025-07-29"), "29th July 2025".into())]
        );
        assert_eq!(
            dates("September 13, 2024 and 2026-02-27 and 1 Sept. 2024"),
            vec![
                (one("2024-09-13"), "September 13, 2024".into()),
                (one("2026-02-27"), "2026-02-27".into()),
                (one("2024-09-01"), "1 Sept. 2024".into()),
            ]
        );
    }

    #[test]
    fn impossible_days_are_reported_not_moved() {
        assert_eq!(
            dates("by 31 April 2026"),
            vec![(None, "31 April 2026".into())]
        );
        assert_eq!(dates("by 30/02/2026"), vec![(None, "30/02/2026".into())]);
    }

    #[test]
    fn other_numbers_are_not_dates() {
        assert!(dates("[Add date]").is_empty());
        assert!(dates("within 8 days of publication").is_empty());
        assert!(dates("PS14,357 per annum; 2019/S 123-123456; 12:46pm").is_empty());
        assert!(dates("1st April").is_empty());
    }
}
