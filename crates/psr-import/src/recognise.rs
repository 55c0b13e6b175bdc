//! Recognising a PSR notice in a release's free text: whether it is one at all, which notice it
//! is (intention to award, award, urgent award, modification, …) and which process it names. No
//! structured OCDS field says any of this (`tender.legalBasis` names the 2014 directive even for
//! PSR notices), so each answer comes with the sentence it was read from.

use crate::text::Sentence;

/// The notice kinds an importer can recognise, with the arrangement-file values they map to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Notice of intention to award (Sch 3, 6 or 10).
    Intention,
    /// Notice of the award (confirmation of award: Sch 2, 4, 7 or 11).
    Award,
    /// Notice of an urgent award (Sch 13).
    UrgentAward,
    /// Notice of an urgent modification (Sch 14).
    UrgentModification,
    /// Notice of a modification (Sch 12).
    Modification,
    /// Notice of intention to follow the Most Suitable Provider Process (Sch 5).
    MspIntention,
    /// Notice of an abandoned procurement (reg 15).
    Abandonment,
}

impl NoticeKind {
    /// `notices[].type`.
    pub fn notice_type(self) -> &'static str {
        match self {
            NoticeKind::Intention => "intention-to-award",
            NoticeKind::Award => "contract-award",
            NoticeKind::UrgentAward => "urgent-award",
            NoticeKind::UrgentModification => "urgent-modification",
            NoticeKind::Modification => "modification",
            NoticeKind::MspIntention => "msp-intention",
            NoticeKind::Abandonment => "abandonment",
        }
    }

    /// `arrangement.kind`.
    pub fn arrangement_kind(self) -> &'static str {
        match self {
            NoticeKind::UrgentAward => "urgent-award",
            NoticeKind::UrgentModification => "urgent-modification",
            NoticeKind::Modification => "modification",
            _ => "award",
        }
    }
}

/// A recognised fact and the sentence it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found<T> {
    /// The fact.
    pub value: T,
    /// Where: the passage's place.
    pub place: String,
    /// The sentence.
    pub sentence: String,
}

fn found<T>(value: T, s: &Sentence<'_>) -> Found<T> {
    Found {
        value,
        place: s.place.to_string(),
        sentence: s.text.to_string(),
    }
}

/// The first sentence that says this is a PSR notice.
pub fn psr_statement<'a>(sentences: &'a [Sentence<'a>]) -> Option<&'a Sentence<'a>> {
    sentences.iter().find(|s| {
        s.lower.contains("provider selection regime")
            || has_word(s.text, "PSR")
            || s.lower.contains("psr route")
    })
}

/// Whether `text` contains `word` with no letter or digit either side.
pub fn has_word(text: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return true;
        }
        from = at + word.len();
    }
    false
}

/// The kind of notice, from the first sentence that names one (the PSR statement first).
pub fn notice_kind(sentences: &[Sentence<'_>]) -> Option<Found<NoticeKind>> {
    let first = psr_statement(sentences);
    first
        .into_iter()
        .chain(sentences.iter())
        .find_map(|s| kind_in(&s.lower).map(|k| found(k, s)))
}

fn kind_in(l: &str) -> Option<NoticeKind> {
    let any = |words: &[&str]| words.iter().any(|w| l.contains(w));
    if any(&["urgent"]) && any(&["modif"]) {
        return Some(NoticeKind::UrgentModification);
    }
    if any(&["urgent"]) && any(&["award"]) {
        return Some(NoticeKind::UrgentAward);
    }
    if any(&[
        "contract modification notice",
        "modification notice",
        "notice of modification",
    ]) {
        return Some(NoticeKind::Modification);
    }
    if any(&["abandon"]) && any(&["notice"]) {
        return Some(NoticeKind::Abandonment);
    }
    if any(&[
        "intention to follow the most suitable provider",
        "intends to follow the most suitable provider",
    ]) {
        return Some(NoticeKind::MspIntention);
    }
    if any(&[
        "confirmation of contract award",
        "confirmation of award",
        "confirmation of the award",
        "contract award notice",
        "notice of award",
        "award confirmation",
    ]) && !any(&["intention to award", "intend to award"])
    {
        return Some(NoticeKind::Award);
    }
    if any(&[
        "intention to award",
        "intention-to-award",
        "intend to award",
        "intends to award",
        "intending to award",
        "intention to make an award",
        "intention to enter into",
        "intends to enter into",
        "intending to utilise",
        "intends to utilise",
        "intending to use",
    ]) {
        return Some(NoticeKind::Intention);
    }
    if any(&[
        "has been awarded",
        "was awarded",
        "have awarded",
        "has awarded",
        "award notice",
    ]) {
        return Some(NoticeKind::Award);
    }
    None
}

/// `process.type` values.
pub const PROCESSES: [(&str, &[&str]); 5] = [
    (
        "direct-award-c",
        &[
            "direct award process c",
            "direct award c",
            "direct award, opt c",
            "direct award opt c",
            "direct award option c",
            "direct award route c",
            "psr route c",
            "route c",
            "process c",
            "existing provider is satisfying",
        ],
    ),
    (
        "direct-award-a",
        &[
            "direct award process a",
            "direct award a",
            "direct award, opt a",
            "direct award option a",
            "psr route a",
            "no realistic alternative provider",
        ],
    ),
    (
        "direct-award-b",
        &[
            "direct award process b",
            "direct award b",
            "direct award, opt b",
            "direct award option b",
            "psr route b",
        ],
    ),
    (
        "most-suitable-provider",
        &["most suitable provider process", "most suitable provider"],
    ),
    (
        "competitive",
        &["competitive process", "competitive procurement process"],
    ),
];

/// The processes the text names, each with the first sentence naming it, in the order of first
/// mention.
pub fn processes(sentences: &[Sentence<'_>]) -> Vec<Found<&'static str>> {
    let mut out: Vec<Found<&'static str>> = Vec::new();
    for s in sentences {
        for (process, phrases) in PROCESSES {
            if out.iter().any(|f| f.value == process) {
                continue;
            }
            if phrases.iter().any(|p| has_word(&s.lower, p)) {
                out.push(found(process, s));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{sentences, Passage};

    fn ss(text: &str) -> Vec<Passage> {
        vec![Passage {
            place: "description".into(),
            text: text.into(),
        }]
    }

    #[test]
    fn kinds_and_processes_from_the_forms_seen() {
        let p = ss("This is a Provider Selection Regime (PSR) intention to award notice. The contract is awarded under the competitive process of the PSR.");
        let s = sentences(&p);
        assert_eq!(
            notice_kind(&s).map(|f| f.value),
            Some(NoticeKind::Intention)
        );
        let procs: Vec<_> = processes(&s).into_iter().map(|f| f.value).collect();
        assert_eq!(procs, vec!["competitive"]);

        let p = ss("This is a Provider Selection Regime (PSR) confirmation of contract award notice. Direct Award, Opt C.");
        let s = sentences(&p);
        assert_eq!(notice_kind(&s).map(|f| f.value), Some(NoticeKind::Award));
        assert_eq!(processes(&s)[0].value, "direct-award-c");

        let p = ss("The contract was awarded under the urgent circumstances provision of the PSR.");
        assert_eq!(
            notice_kind(&sentences(&p)).map(|f| f.value),
            Some(NoticeKind::UrgentAward)
        );
    }

    #[test]
    fn psr_is_a_word_not_a_substring() {
        assert!(has_word("PSR ROUTE C", "PSR"));
        assert!(has_word("(PSR)", "PSR"));
        assert!(!has_word("PSRS", "PSR"));
        assert!(!has_word("UPSR", "PSR"));
        assert!(!has_word("direct award and", "direct award a"));
    }
}
