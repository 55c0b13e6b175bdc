//! One release to one arrangement: recognise the PSR notice, then record what the release
//! states, field by field, with where each fact was read. What the public record does not state
//! is left out (the checker's public-record mode does not ask for it); what it states unclearly
//! is recorded as words with a finding.

use crate::findings::{ImportCode, ImportFinding};
use crate::model::{Arrangement, Origin, Section, Val};
use crate::recognise::{self, NoticeKind};
use crate::stated::{self, Stated, Unclear};
use crate::structured as st;
use crate::text::{self, excerpt, str_at, Sentence};
use serde_json::Value;

/// What became of one release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not a PSR notice: skipped.
    NotPsr,
    /// A PSR notice, read into an arrangement (with any findings about it).
    Psr(Box<Arrangement>, Vec<ImportFinding>),
    /// Reported and not written.
    NotWritten(ImportFinding),
}

fn quote(s: &Sentence<'_>) -> String {
    format!("{}: \"{}\"", s.place, excerpt(s.text, 160))
}

/// Reads one release; `subject` names it in findings when it has no id.
pub fn release(release: &Value, file: &str, subject: &str) -> Outcome {
    if !release.is_object() {
        return Outcome::NotWritten(ImportFinding::new(
            ImportCode::UnreadableRelease,
            subject,
            "the release is not a JSON object",
        ));
    }
    let passages = text::passages(release);
    let sentences = text::sentences(&passages);
    let Some(psr) = recognise::psr_statement(&sentences) else {
        return Outcome::NotPsr;
    };
    let id = str_at(release, &["id"]).map(str::to_string);
    let subject = id.clone().unwrap_or_else(|| subject.to_string());
    let Some(published) = str_at(release, &["date"]).and_then(st::uk_day) else {
        return Outcome::NotWritten(ImportFinding::new(
            ImportCode::UnreadableRelease,
            subject,
            "the release has no `date` that is a date and time, so its publication day is unknown",
        ));
    };
    let Some(kind) = recognise::notice_kind(&sentences) else {
        return Outcome::NotWritten(ImportFinding::new(
            ImportCode::KindUnrecognised,
            subject,
            format!(
                "a PSR notice ({}), but which notice it is is not stated in words the importer recognises; not written",
                quote(psr)
            ),
        ));
    };
    let mut findings = Vec::new();
    let date_field = str_at(release, &["date"]).unwrap_or("");
    let origin = Origin {
        file: file.to_string(),
        ocid: str_at(release, &["ocid"]).map(str::to_string),
        release: id.clone(),
    };
    let stem = file_stem(id.as_deref().or(origin.ocid.as_deref()).unwrap_or(&subject));

    let mut arrangement = Section::new("arrangement");
    let reference = str_at(release, &["tender", "id"])
        .map(|r| (r, "tender.id"))
        .or_else(|| str_at(release, &["ocid"]).map(|r| (r, "ocid")));
    if let Some((r, place)) = reference {
        arrangement.set("reference", Val::Text(r.into()), place);
    }
    let title = str_at(release, &["tender", "title"]).map(|t| (t, "tender.title"));
    if let Some((t, place)) = title {
        arrangement.set("title", Val::Text(t.into()), place);
    }
    arrangement.set(
        "kind",
        Val::Text(kind.value.arrangement_kind().into()),
        format!("the kind of notice, {}", quote_found(&kind)),
    );
    arrangement.set(
        "decision_date",
        Val::Date(published),
        format!("date ({date_field}): the notice does not state the decision date, so its publication day is used for the law in force"),
    );

    let mut authority = Section::new("authority");
    if let Some((name, place)) = st::buyer(release) {
        authority.set(
            "type",
            Val::Text(st::authority_type(&name).into()),
            format!("the buyer's name in {place}"),
        );
        authority.set("name", Val::Text(name), place);
    }
    if let Some((code, place)) = st::buyer_ods(release) {
        authority.set("ods_code", Val::Text(code), place);
    }

    let mut services = Section::new("services");
    let description = str_at(release, &["tender", "description"])
        .map(|d| (d, "tender.description".to_string()))
        .or_else(|| {
            release
                .get("tender")
                .map(|t| text::items(t, "lots"))
                .and_then(|lots| lots.first())
                .and_then(|l| str_at(l, &["description"]))
                .map(|d| (d, "tender.lots[0].description".to_string()))
        })
        .or_else(|| title.map(|(t, p)| (t, p.to_string())));
    if let Some((d, place)) = &description {
        services.set(
            "description",
            Val::Text(excerpt(&text::plain(d), 300)),
            place.as_str(),
        );
    }
    let cpv = st::cpv_codes(release);
    if !cpv.is_empty() {
        services.set(
            "cpv_codes",
            Val::Texts(cpv.clone()),
            "tender.classification and items[].classification / additionalClassifications (scheme CPV)",
        );
    }

    let mut process = Section::new("process");
    let named = recognise::processes(&sentences);
    let process_found = match kind.value {
        NoticeKind::UrgentAward | NoticeKind::UrgentModification => {
            process.set(
                "type",
                Val::Text("urgent".into()),
                format!("the urgency statement, {}", quote_found(&kind)),
            );
            true
        }
        NoticeKind::Modification => {
            process.set(
                "type",
                Val::Text("none".into()),
                format!(
                    "a modification notice ({}): a modification follows no selection process",
                    quote_found(&kind)
                ),
            );
            true
        }
        _ => match named.as_slice() {
            [one] => {
                process.set("type", Val::Text(one.value.into()), quote_found(one));
                true
            }
            [] => {
                findings.push(ImportFinding::new(ImportCode::ProcessUnclear, &subject, "the notice names no PSR process the importer recognises; process.type is left out"));
                false
            }
            many => {
                let list: Vec<String> = many
                    .iter()
                    .map(|f| format!("{} ({})", f.value, quote_found(f)))
                    .collect();
                findings.push(ImportFinding::new(
                    ImportCode::ProcessUnclear,
                    &subject,
                    format!(
                        "the notice names more than one process: {}; process.type is left out",
                        list.join("; ")
                    ),
                ));
                false
            }
        },
    };

    let mut contract = Section::new("proposed_contract");
    let supplier = st::supplier(release);
    if let Some((name, address)) = &supplier {
        contract.set(
            "provider",
            Val::Text(name.clone()),
            "awards[].suppliers[].name",
        );
        if let Some(a) = address {
            contract.set(
                "provider_address",
                Val::Text(a.clone()),
                "parties[].address of the supplier",
            );
        }
    }
    let value = st::value(release);
    match &value {
        Some((Some(amount), place)) => contract.set("lifetime_value", Val::Money(amount.clone()), place.as_str()),
        Some((None, place)) => contract.remarks.push(format!("lifetime_value is not recorded: {place} is 0.01, which Find a Tender notices use when the value is unknown (cost per case or activity)")),
        None => {}
    }
    let period = st::period(release);
    if let Some((start, end, place)) = &period {
        contract.set("start", Val::Date(*start), format!("{place}.startDate"));
        contract.set("end", Val::Date(*end), format!("{place}.endDate"));
    }

    let mut decision = Section::new("decision");
    let decision_makers = find(
        &sentences,
        &[
            "decision-maker",
            "decision maker",
            "decision making",
            "approved by",
            "decision was made by",
            "decision was taken by",
        ],
    );
    if let Some(s) = decision_makers {
        decision.set(
            "decision_makers",
            Val::Texts(vec![excerpt(s.text, 200)]),
            quote(s),
        );
    }
    let no_conflicts = sentences.iter().find(|s| {
        [
            "no conflicts",
            "no conflict of interest",
            "no conflicts of interest",
            "no declared conflicts",
            "no perceived conflicts",
            "no potential conflicts",
        ]
        .iter()
        .any(|w| s.lower.contains(w))
    });
    if let Some(s) = no_conflicts {
        decision.set("no_conflicts_declared", Val::Bool(true), quote(s));
    }

    let mut notice = Section::list_item("notices");
    notice.set(
        "type",
        Val::Text(kind.value.notice_type().into()),
        format!("the kind of notice, {}", quote_found(&kind)),
    );
    notice.set(
        "published",
        Val::Date(published),
        format!("date ({date_field}), as a day in England"),
    );
    notice.set(
        "platform",
        Val::Text("find-a-tender".into()),
        "an OCDS release published by Find a Tender",
    );
    if let Some(r) = &id {
        notice.set(
            "reference",
            Val::Text(r.clone()),
            "id (the Find a Tender notice number)",
        );
    }
    let facts = Visible {
        process: process_found.then_some(psr),
        title: title.is_some(),
        provider: supplier.as_ref().is_some_and(|(_, a)| a.is_some()),
        services: !cpv.is_empty() && description.is_some(),
        value: matches!(value, Some((Some(_), _))),
        dates: period.is_some(),
        decision_makers,
        no_conflicts,
    };
    let (included, sources) = includes(kind.value, &facts, &sentences);
    notice.set("includes", Val::Texts(included), sources);

    let mut award = Section::new("award");
    if kind.value == NoticeKind::Intention {
        stated_date(
            &mut notice,
            stated::representations_by(&sentences),
            ("representations_by", "representations_by_text"),
            &subject,
            &mut findings,
        );
        stated_date(
            &mut notice,
            stated::standstill_ends(&sentences),
            ("standstill_ends", "standstill_ends_text"),
            &subject,
            &mut findings,
        );
        if let Some((d, place)) = st::date_signed(release) {
            notice.remarks.push(format!("{place} is not recorded as the award date: in an intention notice the Find a Tender form demands a signature date, so it is not one (here {d})"));
        }
    } else if matches!(kind.value, NoticeKind::Award | NoticeKind::UrgentAward) {
        if let Some((d, place)) = st::date_signed(release) {
            award.set(
                "contract_entered",
                Val::Date(d),
                format!("{place}, the contract signature date an award notice states"),
            );
        }
    }

    let arrangement = Arrangement {
        stem,
        sections: vec![
            arrangement,
            authority,
            services,
            process,
            contract,
            decision,
            notice,
            award,
        ],
        origin,
    };
    Outcome::Psr(Box::new(arrangement), findings)
}

fn quote_found<T>(f: &recognise::Found<T>) -> String {
    format!("{}: \"{}\"", f.place, excerpt(&f.sentence, 160))
}

/// The first sentence containing any of `words`.
fn find<'a>(sentences: &'a [Sentence<'a>], words: &[&str]) -> Option<&'a Sentence<'a>> {
    sentences
        .iter()
        .find(|s| words.iter().any(|w| s.lower.contains(w)))
}

/// A safe file name from a release id.
fn file_stem(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .take(120)
        .collect();
    let s = s.trim_matches(['-', '.']).to_string();
    if s.is_empty() {
        "release".into()
    } else {
        s
    }
}

fn stated_date(
    notice: &mut Section,
    stated: Option<Stated>,
    (date_key, text_key): (&'static str, &'static str),
    subject: &str,
    findings: &mut Vec<ImportFinding>,
) {
    match stated {
        None => {}
        Some(Stated::Date {
            date,
            place,
            sentence,
        }) => {
            notice.set(
                date_key,
                Val::Date(date),
                format!("{place}: \"{sentence}\""),
            );
        }
        Some(Stated::Words { text, why, place }) => {
            let (code, message) = match &why {
                Unclear::Impossible(w) => (ImportCode::ImpossibleDate, format!("the notice states {date_key} as \"{w}\", a day that does not exist; its words are recorded in {text_key}")),
                Unclear::Disagree(ws) => (ImportCode::DisagreeingDates, format!("the notice states different dates for {date_key}: {}; its words are recorded in {text_key}", ws.join(", "))),
                Unclear::NoDate => (ImportCode::DateNotStated, format!("the notice gives no date for {date_key} (\"{}\"); its words are recorded in {text_key}", excerpt(&text, 80))),
            };
            findings.push(ImportFinding::new(code, subject, message));
            notice.set(text_key, Val::Text(text), place);
        }
    }
}

/// What the notice visibly carries, found in its fields or its text.
struct Visible<'a> {
    process: Option<&'a Sentence<'a>>,
    title: bool,
    provider: bool,
    services: bool,
    value: bool,
    dates: bool,
    decision_makers: Option<&'a Sentence<'a>>,
    no_conflicts: Option<&'a Sentence<'a>>,
}

/// The Schedule items the notice carries (`notices[].includes`), and a note of where each was seen.
fn includes(
    kind: NoticeKind,
    v: &Visible<'_>,
    sentences: &[Sentence<'_>],
) -> (Vec<String>, String) {
    let mut items: Vec<(&str, String)> = Vec::new();
    if let Some(s) = v.process {
        items.push(("process-statement", quote(s)));
    }
    if v.title {
        items.push((
            "title-reference",
            "tender.title and the notice number".into(),
        ));
    }
    if v.provider {
        items.push((
            "provider-name-address",
            "the supplier's name and address".into(),
        ));
    }
    if v.services {
        items.push(("services-cpv", "a description and a CPV code".into()));
    }
    if v.value {
        items.push(("lifetime-value", "a value above 0.01".into()));
    }
    if v.dates {
        items.push(("contract-dates", "a contract period".into()));
    }
    if let Some(s) = v.decision_makers {
        items.push(("decision-makers", quote(s)));
    }
    let reasons = find(sentences, &["key criteria"]).or_else(|| {
        let named = [
            "quality and innovation",
            "value",
            "integration",
            "access",
            "social value",
        ];
        sentences
            .iter()
            .find(|s| named.iter().filter(|n| s.lower.contains(*n)).count() >= 3)
    });
    if let (Some(s), NoticeKind::Intention) = (reasons, kind) {
        items.push(("reasons-key-criteria", quote(s)));
    }
    let conflicts = v.no_conflicts.or_else(|| {
        sentences
            .iter()
            .find(|s| s.lower.contains("conflict") && s.lower.contains("interest"))
    });
    if let Some(s) = conflicts {
        items.push(("conflicts", quote(s)));
    }
    let managed = sentences.iter().find(|s| {
        s.lower.contains("conflict")
            && [
                "managed",
                "mitigat",
                "recus",
                "excluded from",
                "did not take part",
                "left the meeting",
                "withdrew",
                "not involved",
            ]
            .iter()
            .any(|w| s.lower.contains(w))
    });
    if let Some(s) = managed {
        items.push(("conflict-management", quote(s)));
    }
    if matches!(
        kind,
        NoticeKind::UrgentAward | NoticeKind::UrgentModification
    ) {
        if let Some(s) = find(sentences, &["because", "reason", "risk", "safety"]) {
            items.push(("urgency-reasons", quote(s)));
        }
        if let Some(s) = find(
            sentences,
            &[
                "justification for contract length",
                "contract period is less than 12 months",
            ],
        ) {
            items.push(("contract-dates-reasons", quote(s)));
        }
    }
    let note = items
        .iter()
        .map(|(i, w)| format!("{i}: {w}"))
        .collect::<Vec<_>>()
        .join("\n  ");
    let note = if note.is_empty() {
        "nothing a Schedule lists was found in the notice".into()
    } else {
        format!("what the notice visibly carries:\n  {note}")
    };
    (
        items.into_iter().map(|(i, _)| i.to_string()).collect(),
        note,
    )
}
