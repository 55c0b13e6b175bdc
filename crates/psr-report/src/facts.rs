//! What the reports need to know of one valid arrangement, read by field name (so that kinds and
//! fields added to the schema later do not break it) and, for the standstill, from the packs' own
//! definitions: the end of a standstill is the one the checker computes (reg 12(9)-(10), over the
//! reg 12(12) working-day calendar), never worked out a second time here.

use chrono::NaiveDate;
use psr_engine::{Item, Reading};
use psr_lang::Value;

/// One arrangement's facts.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// `arrangement.reference`.
    pub reference: String,
    /// `arrangement.title`.
    pub title: String,
    /// `arrangement.kind` (`award`, `framework`, ... or an agreement kind).
    pub kind: String,
    /// `arrangement.decision_date`.
    pub decision_date: Option<NaiveDate>,
    /// The relevant authority, when the file records one (agreements between public bodies
    /// record parties instead).
    pub authority: Option<AuthorityFacts>,
    /// `process.type`.
    pub process: Option<String>,
    /// `award.contract_entered`: the day a contract is awarded or a framework concluded.
    pub contract_entered: Option<NaiveDate>,
    /// `modification.effective`: the day a modification is made.
    pub modification_effective: Option<NaiveDate>,
    /// Whether the procurement was abandoned (`[abandonment]`, or a further decision to abandon).
    pub abandoned: bool,
    /// The provider of the proposed contract.
    pub provider: Option<String>,
    /// The proposed contract's term.
    pub proposed_term: (Option<NaiveDate>, Option<NaiveDate>),
    /// The existing contract: its provider and term.
    pub existing: Option<(String, Option<NaiveDate>, Option<NaiveDate>)>,
    /// The standstill, when representations are recorded.
    pub standstill: Option<StandstillFacts>,
    /// A procurement begun under the earlier law (reg 29(1), (4)), as the checker's
    /// `core_begun_before_psr` decides it.
    pub begun_before_psr: bool,
}

/// The authority an arrangement is made by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorityFacts {
    /// `authority.name`.
    pub name: String,
    /// `authority.ods_code`, as written.
    pub ods_code: Option<String>,
}

/// A standstill in which written representations were recorded (reg 12(3)).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StandstillFacts {
    /// The last day of the standstill as the checker computes it; `None` when it cannot be
    /// computed from the record (no dated intention notice, or no date for the further decision).
    pub end: Option<NaiveDate>,
    /// Representations received in time (by the end of the 8th working day, reg 12(3)), by the
    /// provider that made them.
    pub received: Vec<String>,
    /// Representations recorded as received after that: not reg 12(3) representations.
    pub late: usize,
    /// `standstill.further_decision`: `proceed`, `repeat-steps` or `abandon`.
    pub further_decision: Option<String>,
    /// Why the end cannot be computed, when the checker says (a date outside the calendar).
    pub why_unknown: Option<String>,
}

impl Facts {
    /// Reads the facts of a valid arrangement.
    pub fn read(reading: &mut Reading<'_, '_>) -> Facts {
        let root = reading.root();
        let text = |path: &str| root.path(path).text().map(str::to_string);
        let date = |path: &str| root.path(path).date();
        let authority = text("authority.name").map(|name| AuthorityFacts {
            name,
            ods_code: text("authority.ods_code").filter(|c| !c.trim().is_empty()),
        });
        let further = root
            .path("standstill.further_decision")
            .enum_name()
            .map(str::to_string);
        let existing = text("existing_contract.provider").map(|p| {
            (
                p,
                date("existing_contract.start"),
                date("existing_contract.end"),
            )
        });
        let mut facts = Facts {
            reference: text("arrangement.reference").unwrap_or_default(),
            title: text("arrangement.title").unwrap_or_default(),
            kind: root
                .path("arrangement.kind")
                .enum_name()
                .unwrap_or("")
                .to_string(),
            decision_date: date("arrangement.decision_date"),
            authority,
            process: root.path("process.type").enum_name().map(str::to_string),
            contract_entered: date("award.contract_entered"),
            modification_effective: date("modification.effective"),
            abandoned: root.path("abandonment").is_present()
                || further.as_deref() == Some("abandon"),
            provider: text("proposed_contract.provider"),
            proposed_term: (
                date("proposed_contract.start"),
                date("proposed_contract.end"),
            ),
            existing,
            standstill: None,
            begun_before_psr: false,
        };
        facts.begun_before_psr = matches!(
            reading.def("core_begun_before_psr"),
            Some(Ok(item)) if item.bool() == Some(true)
        );
        let representations = root.path("standstill.representations").list();
        if !representations.is_empty() {
            facts.standstill = Some(standstill(reading, &representations, further));
        }
        facts
    }
}

/// The standstill of an arrangement with representations, from the packs' definitions:
/// `abn_standstill_end_known` and `abn_standstill_end` (reg 12(9)-(10)), and `stl_end_of`, the
/// last day for representations (reg 12(3), (9)) after the latest intention notice.
fn standstill(
    reading: &mut Reading<'_, '_>,
    representations: &[Item<'_>],
    further_decision: Option<String>,
) -> StandstillFacts {
    let mut why_unknown = None;
    let known = value(reading, "abn_standstill_end_known", &mut why_unknown).and_then(|i| i.bool())
        == Some(true);
    let end = if known {
        value(reading, "abn_standstill_end", &mut why_unknown).and_then(|i| i.date())
    } else {
        None
    };
    let published = reading
        .def("ntc_latest_intention")
        .and_then(Result::ok)
        .and_then(|n| n.get("published").date());
    let last_day = published.and_then(|p| {
        reading
            .call("stl_end_of", vec![Value::Date(p)])
            .and_then(Result::ok)
            .and_then(|i| i.date())
    });
    let mut facts = StandstillFacts {
        end,
        further_decision,
        why_unknown,
        ..StandstillFacts::default()
    };
    for r in representations {
        let received = r.get("received").date();
        let in_time = match (received, last_day) {
            (Some(r), Some(last)) => r <= last,
            // Without a dated intention notice every recorded representation is counted, as
            // the checker does (the stricter reading).
            _ => true,
        };
        if in_time {
            facts
                .received
                .push(r.get("provider").text().unwrap_or("").to_string());
        } else {
            facts.late += 1;
        }
    }
    facts
}

/// The definition `name`, or `None` with why it has no value.
fn value<'a>(
    reading: &mut Reading<'a, '_>,
    name: &str,
    why: &mut Option<String>,
) -> Option<Item<'a>> {
    match reading.def(name) {
        Some(Ok(item)) => Some(item),
        Some(Err(e)) => {
            *why = Some(e.0);
            None
        }
        None => {
            *why = Some(format!("the rule packs define no `{name}`"));
            None
        }
    }
}
