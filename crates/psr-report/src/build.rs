//! Putting a report together: grouping the register's arrangements by authority, selecting the
//! one asked for, counting each group and the whole, and listing what could not be read.

use crate::error::ReportError;
use crate::facts::Facts;
use crate::model::{AuthorityReport, Listed, PeriodOut, Report, Totals, Unread, VERSION};
use crate::period::Period;
use crate::reg25::{classify, count, Class};
use crate::register::Entry;
use crate::{provider, reg26};
use std::collections::BTreeMap;

/// What to report on.
#[derive(Clone, Debug)]
pub struct Options {
    /// The period.
    pub period: Period,
    /// Only the authority with this ODS code.
    pub authority: Option<String>,
}

/// One authority's files.
struct Group<'e> {
    ods_code: Option<String>,
    name: String,
    files: Vec<(&'e str, &'e Facts, &'e psr_engine::FileReport)>,
}

/// Builds the report over `entries` (in path order).
pub fn build(entries: &[Entry], options: &Options) -> Result<Report, ReportError> {
    let period = &options.period;
    let mut groups = group(entries);
    if let Some(code) = &options.authority {
        let wanted = code.trim().to_uppercase();
        groups.retain(|g| g.ods_code.as_deref() == Some(wanted.as_str()));
        if groups.is_empty() {
            let known: Vec<String> = group(entries)
                .into_iter()
                .filter_map(|g| g.ods_code)
                .collect();
            let help = if known.is_empty() {
                "no arrangement in the register records an `authority.ods_code`".to_string()
            } else {
                format!(
                    "give one of the ODS codes the register's arrangements record: {}",
                    known.join(", ")
                )
            };
            return Err(ReportError::UnknownAuthority {
                code: code.clone(),
                help,
            });
        }
    }
    let relevant = |f: &Facts| in_period(f, period);
    let mut authorities = Vec::new();
    let mut all = Vec::new();
    let mut all_monitored = Vec::new();
    for g in &groups {
        let facts: Vec<(&str, &Facts)> = g.files.iter().map(|(p, f, _)| (*p, *f)).collect();
        let counted = count(&facts, period);
        let monitored: Vec<&psr_engine::FileReport> = g
            .files
            .iter()
            .filter(|(_, f, _)| relevant(f))
            .map(|(_, _, r)| *r)
            .collect();
        all.extend(facts);
        all_monitored.extend(monitored.iter().copied());
        // An authority with nothing in the period (or, for (h), the previous one) is left out,
        // unless it is the one asked for.
        let active = !counted.reg25.is_zero()
            || !counted.listed.counted.is_empty()
            || !counted.listed.proposed.is_empty()
            || !counted.listed.not_counted.is_empty()
            || !counted.listed.standstills_undetermined.is_empty()
            || !monitored.is_empty();
        if !active && options.authority.is_none() {
            continue;
        }
        authorities.push(AuthorityReport {
            ods_code: g.ods_code.clone(),
            name: g.name.clone(),
            reg25: counted.reg25,
            reg26: reg26::monitor(&monitored),
            listed: counted.listed,
        });
    }
    let mut without_authority = Vec::new();
    if options.authority.is_none() {
        for e in entries {
            let Some(f) = e.facts.as_ref().filter(|f| f.authority.is_none()) else {
                continue;
            };
            if relevant(f) {
                all_monitored.push(&e.report);
                let why = match classify(f) {
                    Class::NotCounted(why) => why,
                    _ => "no relevant authority is recorded".into(),
                };
                without_authority.push(Listed {
                    path: e.report.path.clone(),
                    reference: f.reference.clone(),
                    title: f.title.clone(),
                    kind: f.kind.clone(),
                    category: why,
                    date: f.decision_date,
                });
            }
        }
    }
    let mut totals_26 = reg26::monitor(&all_monitored);
    totals_26.findings.clear();
    totals_26.unreadable_files = entries
        .iter()
        .filter_map(|e| {
            e.unread_reason().map(|f| Unread {
                path: e.report.path.clone(),
                code: f.code.clone(),
                message: f.message.clone(),
            })
        })
        .collect();
    totals_26.unreadable = totals_26.unreadable_files.len();
    let previous = period.previous();
    Ok(Report {
        version: VERSION,
        period: PeriodOut {
            from: period.from,
            to: period.to,
            label: period.label(),
            previous_from: previous.from,
            previous_to: previous.to,
        },
        authorities,
        totals: Totals {
            reg25: count(&all, period).reg25,
            reg26: totals_26,
            without_authority,
        },
    })
}

/// Whether an arrangement has activity in the period: decided, awarded, made or its standstill
/// ended in it. Its findings are then part of the period's monitoring (reg 26).
pub fn in_period(f: &Facts, period: &Period) -> bool {
    [
        f.decision_date,
        f.contract_entered,
        f.modification_effective,
        f.standstill.as_ref().and_then(|s| s.end),
    ]
    .into_iter()
    .flatten()
    .any(|d| period.contains(d))
}

/// Groups the valid arrangements that record an authority: by ODS code where one is recorded;
/// a file without one joins the group whose name matches (ignoring case and punctuation), or a
/// group of its own by name. Groups are ordered by ODS code, then name.
fn group(entries: &[Entry]) -> Vec<Group<'_>> {
    let mut by_code: BTreeMap<String, Group<'_>> = BTreeMap::new();
    let mut by_name: BTreeMap<String, Group<'_>> = BTreeMap::new();
    let mut later = Vec::new();
    for e in entries {
        let Some(f) = &e.facts else { continue };
        let Some(a) = &f.authority else { continue };
        match &a.ods_code {
            Some(code) => {
                let code = code.trim().to_uppercase();
                by_code
                    .entry(code.clone())
                    .or_insert_with(|| Group {
                        ods_code: Some(code),
                        name: a.name.clone(),
                        files: Vec::new(),
                    })
                    .files
                    .push((&e.report.path, f, &e.report));
            }
            None => later.push((e, f, a)),
        }
    }
    for (e, f, a) in later {
        let key = provider::key(&a.name);
        let file = (e.report.path.as_str(), f, &e.report);
        if let Some(g) = by_code.values_mut().find(|g| provider::key(&g.name) == key) {
            g.files.push(file);
            g.files.sort_by(|x, y| x.0.cmp(y.0));
            continue;
        }
        by_name
            .entry(key)
            .or_insert_with(|| Group {
                ods_code: None,
                name: a.name.clone(),
                files: Vec::new(),
            })
            .files
            .push(file);
    }
    by_code.into_values().chain(by_name.into_values()).collect()
}
