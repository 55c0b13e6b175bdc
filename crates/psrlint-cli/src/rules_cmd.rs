//! `psrlint rules`: every rule with its code, name, severity, citation and pack; with `--own`,
//! psrlint's own codes from the code table (`psr_diagnostics::CODES`).

use crate::args::{ListFormat, RulesArgs};
use crate::error::CliError;
use psr_diagnostics::CfgError;
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

/// Runs `rules`.
pub fn run(args: RulesArgs) -> Result<ExitCode, CliError> {
    if args.own {
        return own_codes(args.format);
    }
    let compiled = crate::packs::load_configured(&args.packs)?;
    let p = &compiled.program;
    let mut out = std::io::stdout().lock();
    let io = |e| CfgError::Io {
        context: "cannot write the rule list".into(),
        source: e,
    };
    match args.format {
        ListFormat::Json => {
            let rules: Vec<_> = p
                .rules
                .iter()
                .map(|r| {
                    json!({
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity.as_str(),
                        "pack": r.pack,
                        "summary": r.summary,
                        "in_force_from": r.in_force_from.to_string(),
                        "in_force_until": r.in_force_until.map(|d| d.to_string()),
                        "citations": psr_render::sarif::citations_json(r),
                        "see_also": psr_render::sarif::see_also_json(r),
                        "checks": r.checks.as_str(),
                    })
                })
                .collect();
            let packs: Vec<_> = p
                .packs
                .iter()
                .map(|k| json!({"name": k.name, "version": k.version, "sha256": k.sha256}))
                .collect();
            let doc = json!({ "version": 1, "packs": packs, "rules": rules });
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(|e| io(std::io::Error::from(e)))?;
            writeln!(out).map_err(io)?;
        }
        ListFormat::Text => {
            for r in &p.rules {
                // The unguarded citation, and how many others apply by case.
                let cite = r
                    .all_citations()
                    .last()
                    .map(|c| match r.citations.len() {
                        1 => format!("{} {}", c.instrument, c.provision),
                        n => format!("{} {} (+{} by case)", c.instrument, c.provision, n - 1),
                    })
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{:<8} {:<8} {:<46} {:<14} {}",
                    r.code,
                    r.severity.as_str(),
                    r.name,
                    r.pack,
                    cite
                )
                .map_err(io)?;
            }
            let count = |n: usize, word: &str| {
                if n == 1 {
                    format!("1 {word}")
                } else {
                    format!("{n} {word}s")
                }
            };
            writeln!(
                out,
                "{} in {}",
                count(p.rules.len(), "rule"),
                count(p.packs.len(), "pack")
            )
            .map_err(io)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `psrlint rules --own`: every one of psrlint's own codes, from the code table.
fn own_codes(format: ListFormat) -> Result<ExitCode, CliError> {
    let mut out = std::io::stdout().lock();
    let io = |e| CfgError::Io {
        context: "cannot write the code list".into(),
        source: e,
    };
    let codes = psr_diagnostics::CODES;
    match format {
        ListFormat::Json => {
            let list: Vec<_> = codes
                .iter()
                .map(|c| {
                    json!({
                        "code": c.id,
                        "name": c.name,
                        "family": c.family.prefix(),
                        "severity": c.severity.as_str(),
                        "summary": c.summary,
                        "explanation": c.explanation,
                        "docs_url": c.docs_url(),
                    })
                })
                .collect();
            let doc = json!({ "version": 1, "codes": list });
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(|e| io(std::io::Error::from(e)))?;
            writeln!(out).map_err(io)?;
        }
        ListFormat::Text => {
            for c in codes {
                writeln!(
                    out,
                    "{:<8} {:<8} {:<22} {}",
                    c.id,
                    c.severity.as_str(),
                    c.name,
                    c.summary
                )
                .map_err(io)?;
            }
            writeln!(
                out,
                "{} codes of psrlint's own; `psrlint explain CODE` explains one",
                codes.len()
            )
            .map_err(io)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
