//! Writing a coverage report: a table for people, or JSON.

use super::{PackCoverage, ProvisionCoverage, Report, RuleCoverage};
use std::collections::BTreeMap;
use std::io::Write;

/// Writes the JSON report (one object, see [`Report`]).
///
/// # Errors
/// When `out` cannot be written.
pub fn json(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)?;
    out.flush()
}

/// Writes the table: per pack, each provision with its state and rules; then warnings; then the
/// total on the last line.
///
/// # Errors
/// When `out` cannot be written.
pub fn text(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut s = String::new();
    for pack in &report.packs {
        pack_text(pack, &mut s);
    }
    if !report.warnings.is_empty() {
        s.push_str("Warnings\n");
        for w in &report.warnings {
            let who = w
                .rule
                .as_deref()
                .map_or_else(|| w.pack.clone(), |r| format!("{} {r}", w.pack));
            s.push_str(&format!("  {who}: {}\n", w.message));
        }
        s.push('\n');
    }
    s.push_str(&format!(
        "Total: {} of {} in-scope provisions covered by tested rules ({:.1}%); {} record only\n",
        report.covered, report.in_scope, report.percent, report.record_only
    ));
    out.write_all(s.as_bytes())?;
    out.flush()
}

fn pack_text(pack: &PackCoverage, s: &mut String) {
    s.push_str(&format!("Pack {} ({})\n", pack.pack, pack.map));
    let rules: BTreeMap<&str, &RuleCoverage> =
        pack.rules.iter().map(|r| (r.code.as_str(), r)).collect();
    let width = pack
        .provisions
        .iter()
        .map(|p| p.id.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    let mut instrument = None;
    for p in &pack.provisions {
        if instrument != Some(&p.instrument) {
            instrument = Some(&p.instrument);
            let title = pack
                .instruments
                .iter()
                .find(|i| i.name == p.instrument)
                .and_then(|i| i.title.as_deref());
            match title {
                Some(t) => s.push_str(&format!("\n  {} ({t})\n", p.instrument)),
                None => s.push_str(&format!("\n  {}\n", p.instrument)),
            }
        }
        s.push_str(&format!(
            "  {:<12} {:<width$}  {}\n",
            label(p),
            p.id,
            detail(p, &rules)
        ));
    }
    let out_of_scope = pack.provisions.len() - pack.in_scope;
    s.push_str(&format!(
        "\n  {}: {} of {} in-scope provisions covered ({:.1}%); {} record only (not covered); {out_of_scope} out of scope\n\n",
        pack.pack, pack.covered, pack.in_scope, pack.percent, pack.record_only
    ));
    let untested: Vec<String> = pack
        .rules
        .iter()
        .filter(|r| !r.tested)
        .map(|r| format!("{} ({})", r.code, missing(r)))
        .collect();
    if !untested.is_empty() {
        s.push_str(&format!("  untested rules: {}\n\n", untested.join(", ")));
    }
}

fn label(p: &ProvisionCoverage) -> &'static str {
    match p.coverage {
        "covered" => "covered",
        "partial" => "partial",
        "untested" => "untested",
        "record-only" => "record only",
        "no-rules" => "no rule",
        _ => "out of scope",
    }
}

/// The title, then the rules (untested ones marked), or the reason it is out of scope.
fn detail(p: &ProvisionCoverage, rules: &BTreeMap<&str, &RuleCoverage>) -> String {
    if p.coverage == "out-of-scope" {
        return format!("{}: {}", p.title, p.reason.as_deref().unwrap_or_default());
    }
    if p.rules.is_empty() && p.record_only.is_empty() {
        return p.title.clone();
    }
    let mut codes: Vec<String> = p
        .rules
        .iter()
        .map(|c| match rules.get(c.as_str()) {
            Some(r) if !r.tested => format!("{c} ({})", missing(r)),
            _ => c.clone(),
        })
        .collect();
    codes.extend(p.record_only.iter().map(|c| format!("{c} (record only)")));
    format!("{}: {}", p.title, codes.join(", "))
}

/// What an untested rule lacks.
fn missing(r: &RuleCoverage) -> &'static str {
    match (r.fires.is_empty(), r.passes.is_empty()) {
        (true, true) => "no test",
        (true, false) => "no firing test",
        _ => "no passing test",
    }
}
