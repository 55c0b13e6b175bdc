//! `--format csv`: one row per authority and a last row of totals, a column per reg 25(2) count
//! (the JSON keys), then the reg 26 counts.

use crate::error::ReportError;
use crate::html::ITEMS;
use crate::model::{Reg25, Reg26, Report};

/// The count `key` (a [`Reg25`] field; for `representations`, those received).
pub(crate) fn value(r: &Reg25, key: &str) -> usize {
    match key {
        "direct_award_a" => r.direct_award_a,
        "direct_award_b" => r.direct_award_b,
        "direct_award_c" => r.direct_award_c,
        "most_suitable_provider" => r.most_suitable_provider,
        "competitive" => r.competitive,
        "frameworks_concluded" => r.frameworks_concluded,
        "framework_call_offs" => r.framework_call_offs,
        "urgent_awards" => r.urgent_awards,
        "urgent_modifications" => r.urgent_modifications,
        "new_providers" => r.new_providers,
        "providers_lost" => r.providers_lost,
        _ => r.representations.received,
    }
}

/// Renders the CSV report.
pub fn render(report: &Report) -> Result<String, ReportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| ReportError::Render(e.to_string());
    let mut header: Vec<&str> = vec!["period_from", "period_to", "ods_code", "authority"];
    header.extend(ITEMS.iter().map(|(k, _)| *k));
    header.extend([
        "standstills_with_representations",
        "further_decision_proceed",
        "further_decision_repeat_steps",
        "further_decision_abandon",
        "further_decision_not_recorded",
        "reg26_arrangements",
        "reg26_errors",
        "reg26_warnings",
        "reg26_waived",
        "reg26_expired_waivers",
        "reg26_unreadable_files",
    ]);
    w.write_record(&header).map_err(err)?;
    let row = |code: &str, name: &str, r25: &Reg25, r26: &Reg26| -> Vec<String> {
        let mut v = vec![
            report.period.from.to_string(),
            report.period.to.to_string(),
            code.to_string(),
            name.to_string(),
        ];
        v.extend(ITEMS.iter().map(|(k, _)| value(r25, k).to_string()));
        let d = &r25.representations.further_decisions;
        v.extend(
            [
                r25.representations.standstills,
                d.proceed,
                d.repeat_steps,
                d.abandon,
                d.not_recorded,
                r26.arrangements,
                r26.errors,
                r26.warnings,
                r26.waived,
                r26.expired_waivers,
                r26.unreadable,
            ]
            .map(|n| n.to_string()),
        );
        v
    };
    for a in &report.authorities {
        let code = a.ods_code.as_deref().unwrap_or("");
        w.write_record(row(code, &a.name, &a.reg25, &a.reg26))
            .map_err(err)?;
    }
    w.write_record(row("", "Total", &report.totals.reg25, &report.totals.reg26))
        .map_err(err)?;
    let bytes = w
        .into_inner()
        .map_err(|e| ReportError::Render(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ReportError::Render(e.to_string()))
}
