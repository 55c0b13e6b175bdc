//! `--format markdown`: the report ready to publish on a website, from the `report.md` template.

use crate::error::ReportError;
use crate::html::{DEFINITIONS, ITEMS};
use crate::model::Report;
use crate::templates;
use minijinja::context;
use std::collections::BTreeMap;

/// Short column headings for the table of authorities, in [`ITEMS`] order, with a legend.
pub(crate) const SHORT: [&str; 12] = [
    "DA A",
    "DA B",
    "DA C",
    "MSP",
    "Comp.",
    "Frameworks",
    "Call-offs",
    "Urgent awards",
    "Urgent mods",
    "New providers",
    "Providers lost",
    "Representations",
];

/// The items of reg 25(2) with their values for the whole report (the one authority's, or the
/// totals), with (a)'s three processes also added together.
pub(crate) fn item_rows(report: &Report) -> Vec<(&'static str, usize)> {
    let r = match report.authorities.as_slice() {
        [one] => &one.reg25,
        _ => &report.totals.reg25,
    };
    let mut rows: Vec<(&'static str, usize)> = ITEMS
        .iter()
        .map(|(key, label)| (*label, crate::tabular::value(r, key)))
        .collect();
    rows.insert(
        3,
        (
            "(a) Direct Award Processes A, B and C together",
            r.direct_award_a + r.direct_award_b + r.direct_award_c,
        ),
    );
    rows
}

/// A row per authority: its name, ODS code and each count in [`ITEMS`] order.
pub(crate) fn authority_rows(report: &Report) -> Vec<minijinja::Value> {
    report
        .authorities
        .iter()
        .map(|a| {
            let values: Vec<usize> = ITEMS
                .iter()
                .map(|(key, _)| crate::tabular::value(&a.reg25, key))
                .collect();
            context! { name => a.name, ods_code => a.ods_code, values }
        })
        .collect()
}

/// Renders the Markdown report.
pub fn render(report: &Report, tool_version: &str) -> Result<String, ReportError> {
    let items: Vec<_> = item_rows(report)
        .into_iter()
        .map(|(label, value)| context! { label, value })
        .collect();
    let labels: BTreeMap<&str, &str> = ITEMS.iter().copied().collect();
    templates::render(
        "report.md",
        context! {
            r => report, tool_version, items, labels,
            rows => authority_rows(report), short => SHORT.to_vec(),
            several => report.authorities.len() > 1,
            definitions => DEFINITIONS.to_vec(),
        },
    )
}
