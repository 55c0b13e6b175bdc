//! The HTML pages: `psrlint report --format html` and `psrlint check --format html`. One
//! self-contained file each (inline CSS, SVG and script; no request leaves the page), rendered
//! from the templates with autoescaping. This module builds what the templates show: the charts'
//! bars, and a row per finding with the lines of its file around it.

use crate::error::ReportError;
use crate::model::Report;
use crate::reg25::{classify, Class};
use crate::reg26::provision;
use crate::register::Entry;
use crate::templates;
use minijinja::context;
use psr_engine::{FileReport, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The reg 25(2) items in the order of the regulation: (key, label).
pub const ITEMS: [(&str, &str); 12] = [
    ("direct_award_a", "(a) Direct Award Process A"),
    ("direct_award_b", "(a) Direct Award Process B"),
    ("direct_award_c", "(a) Direct Award Process C"),
    (
        "most_suitable_provider",
        "(b) Most suitable provider process",
    ),
    ("competitive", "(c) Competitive process"),
    ("frameworks_concluded", "(d) Framework agreements concluded"),
    (
        "framework_call_offs",
        "(e) Contracts awarded under a framework agreement",
    ),
    ("urgent_awards", "(f) Urgent awards (reg 14)"),
    ("urgent_modifications", "(f) Urgent modifications (reg 14)"),
    ("new_providers", "(g) New providers awarded a contract"),
    (
        "providers_lost",
        "(h) Providers that no longer hold a contract",
    ),
    (
        "representations",
        "(i) Written representations in standstill periods that ended",
    ),
];

/// The definitions stated in every report.
pub const DEFINITIONS: [(&str, &str); 8] = [
    ("Awarded", "A contract is awarded, and a framework agreement concluded, on the date the file records in award.contract_entered. An arrangement without that date is proposed, not awarded: it is listed separately and not counted."),
    ("Modification made", "A modification is made on its modification.effective date. Only urgent modifications (reg 14) are counted."),
    ("Which count", "An urgent award is counted under (f) only, whatever process it records; a contract awarded under a framework agreement under (e) only, with or without a mini-competition; a framework agreement under (d) only. Abandoned procurements, modifications under reg 13 and agreements between public bodies (delegation, joint working, partnerships) are not contracts awarded and are not counted."),
    ("Holds a contract", "A provider holds a contract in a period when a recorded contract of theirs (a proposed contract once entered into, from its start date, or else the day it was entered into, to its end date; or an existing contract) runs for any day of it. A date not recorded leaves that end of the contract open."),
    ("Previous period", "For (g) and (h): the financial year before, for a financial year; otherwise as many days ending the day before the period starts. Providers are compared within each authority; the totals count each provider once over all authorities."),
    ("Same provider", "Provider names are matched ignoring case, punctuation, spacing and the words Ltd and Limited."),
    ("Standstill", "A standstill ends as psrlint's checker computes it under reg 12(9)-(10), in working days (reg 12(12)). Representations count when received by the end of the 8th working day after the standstill began (reg 12(3)). A standstill whose end cannot be computed is listed, not counted."),
    ("Monitoring (reg 26)", "The findings of arrangements decided, awarded or made, or whose standstill ended, in the period; waived findings with their reasons and approvers; expired waivers; and the files that could not be read, which are never counted."),
];

#[derive(Serialize)]
struct Chart {
    id: &'static str,
    title: &'static str,
    empty: &'static str,
    bars: Vec<Bar>,
    height: usize,
}

#[derive(Serialize)]
struct Bar {
    label: String,
    value: usize,
    width: usize,
    y: usize,
}

fn chart(
    id: &'static str,
    title: &'static str,
    empty: &'static str,
    counts: Vec<(String, usize)>,
) -> Chart {
    let counts: Vec<(String, usize)> = counts.into_iter().filter(|(_, n)| *n > 0).collect();
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let bars: Vec<Bar> = counts
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| Bar {
            label,
            value,
            width: (value * 400).div_ceil(max),
            y: i * 40,
        })
        .collect();
    Chart {
        id,
        title,
        empty,
        height: bars.len() * 40 + 4,
        bars,
    }
}

#[derive(Serialize)]
struct ExcerptLine {
    number: usize,
    text: String,
    marked: bool,
}

#[derive(Serialize)]
struct Row {
    n: usize,
    path: String,
    line: Option<usize>,
    file_sort: String,
    code: String,
    name: String,
    severity_label: &'static str,
    severity_class: &'static str,
    severity_rank: usize,
    authority: String,
    provision: String,
    url: Option<String>,
    message: String,
    help: Option<String>,
    field: Option<String>,
    waiver: Option<crate::model::WaiverOut>,
    excerpt: Vec<ExcerptLine>,
    excerpt_from: usize,
    excerpt_to: usize,
}

#[derive(Serialize, Default)]
struct Filters {
    codes: BTreeSet<String>,
    severities: BTreeSet<&'static str>,
    authorities: BTreeSet<String>,
    files: BTreeSet<String>,
}

/// The lines around `line` (1-based) of `text`, two either side; `offset` is a byte of `line`.
/// Found from `offset` outwards, so that a file with many findings is not walked from its start
/// for each of them.
fn excerpt(text: &str, offset: usize, line: usize) -> Vec<ExcerptLine> {
    let first = line.saturating_sub(2).max(1);
    let line_start = |end: usize| {
        text.get(..end)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1)
    };
    let mut start = line_start(offset.min(text.len()));
    for _ in first..line {
        start = line_start(start.saturating_sub(1));
    }
    text.get(start..)
        .unwrap_or_default()
        .lines()
        .take(line + 3 - first)
        .enumerate()
        .map(|(i, t)| ExcerptLine {
            number: first + i,
            text: t.to_string(),
            marked: first + i == line,
        })
        .collect()
}

/// A row per finding of `files` (each with its authority's name), in path order.
fn rows(files: &[(&FileReport, String)]) -> (Vec<Row>, Filters) {
    let mut rows = Vec::new();
    let mut filters = Filters::default();
    for (file, authority) in files {
        for f in &file.findings {
            let (prov, url) = provision(f);
            // A span on a line too long to show has no excerpt (a copy of a 10 MB line for
            // each of its findings ran out of memory), as in the human report.
            let shown = f
                .span
                .filter(|s| psr_render::excerpt::fits(&file.text, *s))
                .map(|s| (s.start, file.line_col(s.start).line));
            let line = shown.map(|(_, l)| l);
            let lines = shown
                .map(|(offset, l)| excerpt(&file.text, offset, l))
                .unwrap_or_default();
            let (label, class, rank) = match (&f.waived, f.severity) {
                (Some(_), _) => ("waived", "waived", 3),
                (None, Severity::Error) => ("error", "error", 0),
                (None, Severity::Warning) => ("warning", "warning", 1),
                (None, Severity::Info) => ("info", "info", 2),
            };
            filters.codes.insert(f.code.clone());
            filters.severities.insert(label);
            filters.authorities.insert(authority.clone());
            filters.files.insert(file.path.clone());
            rows.push(Row {
                n: rows.len() + 1,
                path: file.path.clone(),
                line,
                file_sort: format!("{}:{:08}", file.path, line.unwrap_or(0)),
                code: f.code.clone(),
                name: f.name.clone(),
                severity_label: label,
                severity_class: class,
                severity_rank: rank,
                authority: authority.clone(),
                provision: prov,
                url,
                message: f.message.clone(),
                help: f.help.clone(),
                field: f.field.clone(),
                waiver: f.waived.as_ref().map(|w| crate::model::WaiverOut {
                    reason: w.reason.clone(),
                    approved_by: w.approved_by.clone(),
                    expires: w.expires,
                }),
                excerpt_from: lines.first().map_or(0, |l| l.number),
                excerpt_to: lines.last().map_or(0, |l| l.number),
                excerpt: lines,
            });
        }
    }
    (rows, filters)
}

fn authority_of(e: &Entry) -> String {
    match e.facts.as_ref().and_then(|f| f.authority.as_ref()) {
        Some(a) => a.name.clone(),
        None if e.facts.is_none() => "(file could not be read)".into(),
        None => "(no relevant authority)".into(),
    }
}

/// Bars of findings by provision and by authority.
fn finding_charts(files: &[(&FileReport, String)]) -> [Chart; 2] {
    let mut by_provision: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_authority: BTreeMap<String, usize> = BTreeMap::new();
    for (file, authority) in files {
        for f in file.findings.iter().filter(|f| f.waived.is_none()) {
            *by_provision.entry(provision(f).0).or_default() += 1;
            *by_authority.entry(authority.clone()).or_default() += 1;
        }
    }
    let top = |m: BTreeMap<String, usize>| {
        let mut v: Vec<(String, usize)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(15);
        v
    };
    [
        chart(
            "by-provision",
            "Findings by provision (errors, warnings and information; the 15 most frequent)",
            "There are no findings.",
            top(by_provision),
        ),
        chart(
            "by-authority",
            "Findings by authority (the 15 with most)",
            "There are no findings.",
            top(by_authority),
        ),
    ]
}

/// The page of `psrlint report --format html`.
pub fn render_report(
    report: &Report,
    entries: &[Entry],
    tool_version: &str,
) -> Result<String, ReportError> {
    // The files the report covers: those with findings in its monitoring sections, agreements
    // listed in it, and the files that could not be read.
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for a in &report.authorities {
        covered.extend(a.reg26.findings.iter().map(|f| f.path.as_str()));
    }
    covered.extend(
        report
            .totals
            .without_authority
            .iter()
            .map(|l| l.path.as_str()),
    );
    covered.extend(
        report
            .totals
            .reg26
            .unreadable_files
            .iter()
            .map(|u| u.path.as_str()),
    );
    let files: Vec<(&FileReport, String)> = entries
        .iter()
        .filter(|e| covered.contains(e.report.path.as_str()))
        .map(|e| (&e.report, authority_of(e)))
        .collect();
    let (rows, filters) = rows(&files);
    let t = &report.totals.reg25;
    let by_process = vec![
        ("Direct Award A".to_string(), t.direct_award_a),
        ("Direct Award B".to_string(), t.direct_award_b),
        ("Direct Award C".to_string(), t.direct_award_c),
        (
            "Most suitable provider".to_string(),
            t.most_suitable_provider,
        ),
        ("Competitive".to_string(), t.competitive),
        ("Framework call-off".to_string(), t.framework_call_offs),
        ("Urgent award".to_string(), t.urgent_awards),
    ];
    let awards_total: usize = by_process.iter().map(|(_, n)| n).sum();
    let [by_provision, by_authority] = finding_charts(&files);
    let charts = vec![
        chart(
            "by-process",
            "Contracts awarded by process",
            "No contract was awarded in the period.",
            by_process,
        ),
        by_provision,
        by_authority,
    ];
    let items: Vec<_> = crate::markdown::item_rows(report)
        .into_iter()
        .map(|(label, value)| context! { label, value })
        .collect();
    let labels: BTreeMap<&str, &str> = ITEMS.iter().copied().collect();
    let title = format!(
        "Provider Selection Regime: annual summary and monitoring report {}",
        report.period.label
    );
    templates::render(
        "report.html",
        context! {
            title, tool_version, r => report, rows, filters, charts, items, labels,
            authority_rows => crate::markdown::authority_rows(report),
            short => crate::markdown::SHORT.to_vec(),
            awards_total, definitions => DEFINITIONS.to_vec(),
        },
    )
}

/// The page of `psrlint check --format html`: every finding of `entries` (in path order).
pub fn render_check(entries: &[Entry], tool_version: &str) -> Result<String, ReportError> {
    let files: Vec<(&FileReport, String)> = entries
        .iter()
        .map(|e| (&e.report, authority_of(e)))
        .collect();
    let (rows, filters) = rows(&files);
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    for f in entries.iter().filter_map(|e| e.facts.as_ref()) {
        let label = match classify(f) {
            Class::Counted(key, _) | Class::Proposed(key) => ITEMS
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(key.to_string(), |(_, l)| l.to_string()),
            Class::NotCounted(_) => format!("Other: {}", f.kind),
        };
        *by_kind.entry(label).or_default() += 1;
    }
    let [by_provision, by_authority] = finding_charts(&files);
    let charts = vec![
        chart(
            "by-process",
            "Arrangements by process and kind",
            "No arrangement could be read.",
            by_kind.into_iter().collect(),
        ),
        by_provision,
        by_authority,
    ];
    let mut summary = BTreeMap::from([
        ("files", entries.len()),
        ("failing", 0),
        ("errors", 0),
        ("warnings", 0),
        ("waived", 0),
    ]);
    for e in entries {
        let live = |s: Severity| {
            e.report
                .findings
                .iter()
                .filter(|f| f.waived.is_none() && f.severity == s)
                .count()
        };
        let errors = live(Severity::Error);
        *summary.entry("errors").or_default() += errors;
        *summary.entry("warnings").or_default() += live(Severity::Warning);
        *summary.entry("failing").or_default() += usize::from(errors > 0);
        *summary.entry("waived").or_default() += e
            .report
            .findings
            .iter()
            .filter(|f| f.waived.is_some())
            .count();
    }
    let title = format!(
        "psrlint check: {} arrangement file{}",
        entries.len(),
        if entries.len() == 1 { "" } else { "s" }
    );
    templates::render(
        "check.html",
        context! { title, tool_version, summary, rows, filters, charts },
    )
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    /// The excerpt as first written: the file's lines walked from the start.
    fn walked(text: &str, line: usize) -> Vec<(usize, String, bool)> {
        let first = line.saturating_sub(2).max(1);
        text.lines()
            .enumerate()
            .skip(first - 1)
            .take(line + 3 - first)
            .map(|(i, t)| (i + 1, t.to_string(), i + 1 == line))
            .collect()
    }

    #[test]
    fn an_excerpt_found_from_the_finding_is_the_one_walked_from_the_start() {
        for text in [
            "a = 1\nb = 2\n\nc = \"£é\"\r\nd = 4\ne = 5\nf = 6",
            "\n\n\nx = 1\n",
            "only = 1",
            "",
        ] {
            let mut line = 1;
            for (offset, ch) in text.char_indices().chain([(text.len(), '\n')]) {
                let got: Vec<_> = excerpt(text, offset, line)
                    .into_iter()
                    .map(|l| (l.number, l.text, l.marked))
                    .collect();
                assert_eq!(got, walked(text, line), "{text:?} at byte {offset}");
                if ch == '\n' {
                    line += 1;
                }
            }
        }
    }
}
