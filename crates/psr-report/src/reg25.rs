//! The reg 25(2) counts of one group of arrangements (an authority's, or the whole register's).
//!
//! Definitions (docs/reports.md): a contract is awarded, and a framework concluded, on
//! `award.contract_entered`; a modification is made on `modification.effective`. An urgent award
//! (kind `urgent-award`, or an award by `process.type = "urgent"`) counts under (f) only; a call-off
//! under (e) only, whichever way it was awarded; a framework under (d) only. Agreements between
//! public bodies, plain modifications (reg 13) and abandoned procurements are not counted.

use crate::facts::Facts;
use crate::model::{FurtherDecisions, Listed, Listings, Reg25, Representations, StandstillOut};
use crate::period::Period;
use crate::provider;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// What reg 25(2) makes of one arrangement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Class {
    /// Counted under `key` (a [`Reg25`] field name) on `date`.
    Counted(&'static str, NaiveDate),
    /// Would be counted under `key`, but is not yet awarded (or made).
    Proposed(&'static str),
    /// Not counted, for this reason.
    NotCounted(String),
}

/// The day SI 2023/1348 came into force (reg 1(2)); procurements decided before it were not made
/// under it (reg 29), so reg 25(2) does not count them.
pub fn psr_in_force() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Whether an arrangement was decided before the PSR came into force, or is a procurement begun
/// under the earlier law (reg 29(1), (4)).
fn before_psr(f: &Facts) -> bool {
    f.begun_before_psr || f.decision_date.is_some_and(|d| d < psr_in_force())
}

/// Classifies an arrangement.
pub fn classify(f: &Facts) -> Class {
    if before_psr(f)
        && !matches!(
            f.kind.as_str(),
            "delegation" | "joint-working" | "partnership"
        )
    {
        return Class::NotCounted(
            "decided, or begun, before the Regulations came into force on 1 January 2024 (reg 1(2), reg 29(1), (4)): not made under them".into(),
        );
    }
    let key =
        match (f.kind.as_str(), f.process.as_deref()) {
            ("award", Some("urgent")) | ("urgent-award", _) => "urgent_awards",
            ("award", Some("direct-award-a")) => "direct_award_a",
            ("award", Some("direct-award-b")) => "direct_award_b",
            ("award", Some("direct-award-c")) => "direct_award_c",
            ("award", Some("most-suitable-provider")) => "most_suitable_provider",
            ("award", Some("competitive")) => "competitive",
            ("award", p) => {
                return Class::NotCounted(format!(
                "an award by process `{}`, which is none of the processes reg 25(2)(a)-(c) counts",
                p.unwrap_or("(not recorded)")
            ))
            }
            ("framework", _) => "frameworks_concluded",
            ("framework-call-off", _) => "framework_call_offs",
            ("urgent-modification", _) => "urgent_modifications",
            ("modification", _) => return Class::NotCounted(
                "a modification under reg 13: reg 25(2)(f) counts only modifications under reg 14"
                    .into(),
            ),
            ("delegation" | "joint-working" | "partnership", _) => return Class::NotCounted(
                "an agreement between public bodies, not a contract: reg 25(2) does not count it"
                    .into(),
            ),
            (other, _) => {
                return Class::NotCounted(format!(
                    "kind `{other}` is not one that reg 25(2) counts"
                ))
            }
        };
    if f.abandoned {
        return Class::NotCounted("abandoned (reg 15): nothing was awarded".into());
    }
    let date = if key == "urgent_modifications" {
        f.modification_effective
    } else {
        f.contract_entered
    };
    match date {
        Some(d) => Class::Counted(key, d),
        None => Class::Proposed(key),
    }
}

/// Whether a counted award is of a contract to a provider ((g) counts providers awarded a
/// contract: a framework agreement and a modification are not contracts awarded).
fn awards_contract(key: &str) -> bool {
    !matches!(key, "frameworks_concluded" | "urgent_modifications")
}

/// The contracts an arrangement records: its existing contract, and its proposed contract once
/// entered into (for the kinds that award one). Each is (provider, first day, last day), the
/// days open when not recorded.
pub fn contracts(f: &Facts) -> Vec<(&str, Option<NaiveDate>, Option<NaiveDate>)> {
    let mut out = Vec::new();
    if let Some((p, start, end)) = &f.existing {
        out.push((p.as_str(), *start, *end));
    }
    let awarding = matches!(
        f.kind.as_str(),
        "award" | "framework-call-off" | "urgent-award"
    );
    if let (true, false, Some(entered), Some(p)) =
        (awarding, f.abandoned, f.contract_entered, &f.provider)
    {
        out.push((
            p.as_str(),
            f.proposed_term.0.or(Some(entered)),
            f.proposed_term.1,
        ));
    }
    out
}

/// The counts and their evidence for one group.
#[derive(Debug, Default)]
pub struct Counted {
    /// The counts.
    pub reg25: Reg25,
    /// What they stand on.
    pub listed: Listings,
}

/// Counts the group `files` (path, facts), in path order.
pub fn count(files: &[(&str, &Facts)], period: &Period) -> Counted {
    let mut c = Counted::default();
    let previous = period.previous();
    let listed = |path: &str, f: &Facts, category: String, date: Option<NaiveDate>| Listed {
        path: path.to_string(),
        reference: f.reference.clone(),
        title: f.title.clone(),
        kind: f.kind.clone(),
        category,
        date,
    };
    let decided_in = |f: &Facts| f.decision_date.is_some_and(|d| period.contains(d));
    // Providers by matching key, with the first spelling met.
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut held_now = BTreeSet::new();
    let mut held_before = BTreeSet::new();
    let mut awarded = BTreeSet::new();
    for &(path, f) in files {
        match classify(f) {
            Class::Counted(key, date) if period.contains(date) => {
                *slot(&mut c.reg25, key) += 1;
                c.listed
                    .counted
                    .push(listed(path, f, key.into(), Some(date)));
                if let (true, Some(p)) = (awards_contract(key), &f.provider) {
                    let k = provider::key(p);
                    names.entry(k.clone()).or_insert_with(|| p.clone());
                    awarded.insert(k);
                }
            }
            Class::Counted(..) => {}
            Class::Proposed(key) => {
                if f.decision_date.is_some_and(|d| d <= period.to) {
                    c.listed
                        .proposed
                        .push(listed(path, f, key.into(), f.decision_date));
                }
            }
            Class::NotCounted(why) => {
                let dated_in = [f.contract_entered, f.modification_effective]
                    .into_iter()
                    .flatten()
                    .any(|d| period.contains(d));
                if decided_in(f) || dated_in {
                    c.listed
                        .not_counted
                        .push(listed(path, f, why, f.decision_date));
                }
            }
        }
        for (p, start, end) in contracts(f) {
            let k = provider::key(p);
            if period.overlaps(start, end) {
                names.entry(k.clone()).or_insert_with(|| p.to_string());
                held_now.insert(k.clone());
            }
            if previous.overlaps(start, end) {
                names.entry(k.clone()).or_insert_with(|| p.to_string());
                held_before.insert(k);
            }
        }
        if let Some(s) = f.standstill.as_ref().filter(|_| !before_psr(f)) {
            match s.end {
                Some(end) if period.contains(end) => {
                    c.listed.standstills.push(StandstillOut {
                        path: path.to_string(),
                        reference: f.reference.clone(),
                        ended: end,
                        received: s.received.len(),
                        providers: s.received.clone(),
                        late: s.late,
                        further_decision: s.further_decision.clone(),
                    });
                }
                Some(_) => {}
                None if decided_in(f) => c.listed.standstills_undetermined.push(listed(
                    path,
                    f,
                    format!(
                        "representations recorded, but the standstill's end cannot be computed: {}",
                        s.why_unknown.as_deref().unwrap_or("record the intention-to-award notice's publication date and when the further decision was communicated")
                    ),
                    f.decision_date,
                )),
                None => {}
            }
        }
    }
    let show = |keys: Vec<&String>| -> Vec<String> {
        let mut v: Vec<String> = keys.into_iter().map(|k| names[k].clone()).collect();
        v.sort_by_key(|n| n.to_lowercase());
        v
    };
    c.listed.new_providers = show(awarded.difference(&held_before).collect());
    c.listed.providers_lost = show(held_before.difference(&held_now).collect());
    c.reg25.new_providers = c.listed.new_providers.len();
    c.reg25.providers_lost = c.listed.providers_lost.len();
    c.reg25.representations = representations(&c.listed.standstills);
    c
}

fn representations(standstills: &[StandstillOut]) -> Representations {
    let mut r = Representations {
        standstills: standstills.len(),
        ..Representations::default()
    };
    let mut decisions = FurtherDecisions::default();
    for s in standstills {
        r.received += s.received;
        match s.further_decision.as_deref() {
            Some("proceed") => decisions.proceed += 1,
            Some("repeat-steps") => decisions.repeat_steps += 1,
            Some("abandon") => decisions.abandon += 1,
            _ => decisions.not_recorded += 1,
        }
    }
    r.summary = if r.received == 0 {
        "No written representations were received in standstill periods that ended in the period."
            .into()
    } else {
        let mut parts = Vec::new();
        for (n, what) in [
            (decisions.proceed, "proceed with the award"),
            (decisions.repeat_steps, "go back and repeat steps"),
            (decisions.abandon, "abandon the procurement"),
            (decisions.not_recorded, "not recorded"),
        ] {
            if n > 0 {
                parts.push(format!("{what} {n}"));
            }
        }
        format!(
            "{} written representation{} received in {} standstill period{}. Further decisions after review: {}.",
            r.received,
            if r.received == 1 { " was" } else { "s were" },
            r.standstills,
            if r.standstills == 1 { "" } else { "s" },
            parts.join("; ")
        )
    };
    r.further_decisions = decisions;
    r
}

/// The count field named `key`.
fn slot<'a>(r: &'a mut Reg25, key: &str) -> &'a mut usize {
    match key {
        "direct_award_a" => &mut r.direct_award_a,
        "direct_award_b" => &mut r.direct_award_b,
        "direct_award_c" => &mut r.direct_award_c,
        "most_suitable_provider" => &mut r.most_suitable_provider,
        "competitive" => &mut r.competitive,
        "frameworks_concluded" => &mut r.frameworks_concluded,
        "framework_call_offs" => &mut r.framework_call_offs,
        "urgent_awards" => &mut r.urgent_awards,
        _ => &mut r.urgent_modifications,
    }
}
