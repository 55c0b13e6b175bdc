//! The last day for representations and the end of the standstill as a notice's text states
//! them. One date read from the text is recorded as a date; anything else (a placeholder, a
//! period, an impossible day, two different dates) is recorded as the notice's words, with a
//! finding, never turned into a guessed date.

use crate::dates::{find_dates, TextDate};
use crate::text::{excerpt, Sentence};
use chrono::NaiveDate;

/// What the text states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stated {
    /// One date.
    Date {
        /// The date.
        date: NaiveDate,
        /// Where it was read.
        place: String,
        /// The sentence.
        sentence: String,
    },
    /// Words that are not one date.
    Words {
        /// The words to record.
        text: String,
        /// Why they are not a date.
        why: Unclear,
        /// Where they were read.
        place: String,
    },
}

/// Why stated words are not one date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unclear {
    /// A day that does not exist ("31 April 2026").
    Impossible(String),
    /// Two or more different dates.
    Disagree(Vec<String>),
    /// No date: a placeholder ("[Add date]") or a period ("within 8 days of publication").
    NoDate,
}

/// What the notice states as the last day for representations.
pub fn representations_by(sentences: &[Sentence<'_>]) -> Option<Stated> {
    stated(sentences, |l| l.contains("representation"))
}

/// What the notice states as the end of the standstill.
pub fn standstill_ends(sentences: &[Sentence<'_>]) -> Option<Stated> {
    stated(sentences, |l| {
        l.contains("standstill")
            && !l.contains("representation")
            && ["end", "expire", "conclude", "close", "until"]
                .iter()
                .any(|w| l.contains(w))
    })
}

fn stated(sentences: &[Sentence<'_>], about: impl Fn(&str) -> bool) -> Option<Stated> {
    let mut dates: Vec<(TextDate, &Sentence<'_>)> = Vec::new();
    let mut placeholder: Option<&Sentence<'_>> = None;
    for s in sentences.iter().filter(|s| about(&s.lower)) {
        let relevant: Vec<TextDate> = find_dates(s.text)
            .into_iter()
            .filter(|d| !is_start(&s.text[..d.start]))
            .collect();
        if relevant.is_empty() {
            if placeholder.is_none() && is_placeholder(&s.lower) {
                placeholder = Some(s);
            }
        } else {
            dates.extend(relevant.into_iter().map(|d| (d, s)));
        }
    }
    if let Some((d, s)) = dates.iter().find(|(d, _)| d.date.is_none()) {
        return Some(Stated::Words {
            text: excerpt(s.text, 200),
            why: Unclear::Impossible(d.written.clone()),
            place: s.place.to_string(),
        });
    }
    let mut distinct: Vec<&(TextDate, &Sentence<'_>)> = Vec::new();
    for d in &dates {
        if !distinct.iter().any(|e| e.0.date == d.0.date) {
            distinct.push(d);
        }
    }
    match distinct.as_slice() {
        [] => placeholder.map(|s| Stated::Words {
            text: excerpt(s.text, 200),
            why: Unclear::NoDate,
            place: s.place.to_string(),
        }),
        [(d, s)] => d.date.map(|date| Stated::Date {
            date,
            place: s.place.to_string(),
            sentence: excerpt(s.text, 200),
        }),
        many => Some(Stated::Words {
            text: many
                .iter()
                .map(|(d, _)| d.written.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            why: Unclear::Disagree(many.iter().map(|(d, _)| d.written.clone()).collect()),
            place: many[0].1.place.to_string(),
        }),
    }
}

/// Whether the words just before a date make it a start date ("begins on", "from"), not a
/// last day.
fn is_start(before: &str) -> bool {
    let tail: Vec<char> = before.chars().rev().take(40).collect();
    let tail: String = tail.into_iter().rev().collect::<String>().to_lowercase();
    ["begin", "start", "commenc", "from", "publish", "dated"]
        .iter()
        .any(|w| tail.contains(w))
}

fn is_placeholder(lower: &str) -> bool {
    lower.contains('[')
        || lower.contains("add date")
        || lower.contains("insert date")
        || lower.contains("tbc")
        || (lower.contains("within") && lower.contains("day"))
        || (lower.contains("working days") && lower.contains("after"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{sentences, Passage};

    fn rep(text: &str) -> Option<Stated> {
        let p = vec![Passage {
            place: "description".into(),
            text: text.into(),
        }];
        representations_by(&sentences(&p))
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn one_date_is_recorded() {
        let r = rep("The standstill period begins on the day after the publication of this notice. Representations by providers must be made to the relevant authority by 23:59 on the 29th July 2025.");
        assert!(matches!(r, Some(Stated::Date { date: d, .. }) if d == date("2025-07-29")));
    }

    #[test]
    fn a_start_date_in_the_same_sentence_is_not_the_last_day() {
        let r = rep("The standstill begins on 17th July 2025 and representations must be made by 29th July 2025.");
        assert!(matches!(r, Some(Stated::Date { date: d, .. }) if d == date("2025-07-29")));
    }

    #[test]
    fn impossible_disagreeing_and_missing_dates_are_words() {
        assert!(matches!(
            rep("Representations must be made by 31 April 2026."),
            Some(Stated::Words { why: Unclear::Impossible(w), .. }) if w == "31 April 2026"
        ));
        assert!(matches!(
            rep("Representations by 13th September 2024. Written representations by 16/09/2024."),
            Some(Stated::Words { why: Unclear::Disagree(ws), .. }) if ws.len() == 2
        ));
        assert!(matches!(
            rep("Representations must be made by [Add date]."),
            Some(Stated::Words {
                why: Unclear::NoDate,
                ..
            })
        ));
        assert!(matches!(
            rep("Representations must be made within 8 days of publication."),
            Some(Stated::Words {
                why: Unclear::NoDate,
                ..
            })
        ));
        assert_eq!(rep("Representations should be sent to x@nhs.net."), None);
    }
}
