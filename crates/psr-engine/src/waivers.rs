//! Waivers: a file accepts one finding code with a reason, an approver and an expiry date. A
//! waiver marks the matching findings as waived; an expired waiver, or one that matches nothing,
//! is a finding of its own.

use crate::codes::EngineCode;
use crate::document::Document;
use crate::engine::engine_finding;
use crate::finding::{FileReport, WaiverInfo};
use chrono::NaiveDate;
use psr_lang::{Schema, Value};

/// Applies the waivers `doc` records (in the root's field `waivers_field`) to `report`.
pub(crate) fn apply_waivers(
    schema: &Schema,
    waivers_field: Option<u32>,
    report: &mut FileReport,
    doc: &Document,
    today: NaiveDate,
) {
    let Some(wf) = waivers_field else { return };
    let Value::Record(root) = &doc.root.value else {
        return;
    };
    let Some(Value::List(waivers)) = root.get(wf as usize).map(|v| &v.value) else {
        return;
    };
    let mut extra = Vec::new();
    for w in waivers.iter() {
        let Value::Record(fields) = &w.value else {
            continue;
        };
        let text = |i: usize| match fields.get(i).map(|v| &v.value) {
            Some(Value::Text(t)) => t.to_string(),
            _ => String::new(),
        };
        let (code, reason, approved_by) = (text(0), text(1), text(2));
        let expires = match fields.get(3).map(|v| &v.value) {
            Some(Value::Date(d)) => *d,
            _ => continue,
        };
        let code_span = fields.first().and_then(|v| doc.span_of(v.origin));
        let matched: Vec<usize> = report
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.code.eq_ignore_ascii_case(&code))
            .map(|(i, _)| i)
            .collect();
        if matched.is_empty() {
            let mut f = engine_finding(
                EngineCode::UnusedWaiver,
                code_span,
                format!("the waiver for `{code}` matches no finding in this file"),
                "remove the waiver, or correct its code",
            );
            f.field = code_span
                .and(fields.first())
                .and_then(|v| doc.path(schema, v.origin));
            extra.push(f);
            continue;
        }
        if expires < today {
            let exp_span = fields.get(3).and_then(|v| doc.span_of(v.origin));
            let mut f = engine_finding(
                EngineCode::ExpiredWaiver,
                exp_span,
                format!("the waiver for `{code}` expired on {expires}, so the finding is reported again"),
                "fix the finding, or renew the waiver with a new approval and expiry",
            );
            f.field = fields.get(3).and_then(|v| doc.path(schema, v.origin));
            extra.push(f);
            continue;
        }
        for i in matched {
            report.findings[i].waived = Some(WaiverInfo {
                reason: reason.clone(),
                approved_by: approved_by.clone(),
                expires,
            });
        }
    }
    report.findings.extend(extra);
}
