//! `psrlint explain CODE`: a rule's documentation, citations, in-force window and examples; or
//! what one of psrlint's own codes (`ARR…`, `WVR…`, `RL…`, `CFG…`, `IMP…`, `RPT…`) means, from
//! its row in `psr_diagnostics::CODES`.

use crate::args::ExplainArgs;
use crate::error::CliError;
use psr_diagnostics::CfgError;
use psr_lang::Rule;
use std::io::Write;
use std::process::ExitCode;

/// Runs `explain`.
pub fn run(args: ExplainArgs) -> Result<ExitCode, CliError> {
    let code = args.code.trim().to_ascii_uppercase();
    let text = if let Some(c) = psr_diagnostics::lookup(&code) {
        own_code_text(c)
    } else {
        let compiled = crate::packs::load_configured(&args.packs)?;
        match compiled.program.rules.iter().find(|r| r.code == code) {
            Some(r) => rule_text(r),
            None => {
                let known: Vec<&str> = compiled
                    .program
                    .rules
                    .iter()
                    .map(|r| r.code.as_str())
                    .collect();
                return Err(CfgError::BadArgument {
                    message: format!("no rule or finding has the code `{}`", args.code),
                    help: format!("`psrlint rules` lists the {} rule codes; psrlint's own codes start with {}", known.len(), own_prefixes()),
                }.into());
            }
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).map_err(|e| CfgError::Io {
        context: "cannot write".into(),
        source: e,
    })?;
    Ok(ExitCode::SUCCESS)
}

/// One of psrlint's own codes, from its row in the code table.
fn own_code_text(c: &psr_diagnostics::Code) -> String {
    format!(
        "{} ({}): {}\n\nSeverity: {}\n\n{}\n\n{}\n",
        c.id,
        c.name,
        c.summary,
        c.severity.as_str(),
        c.explanation,
        c.family.about()
    )
}

fn rule_text(r: &Rule) -> String {
    let mut s = format!("{} ({})\n{}\n\n", r.code, r.name, r.summary);
    s.push_str(&format!(
        "Severity: {}\nPack: {}\n",
        r.severity.as_str(),
        r.pack
    ));
    let until = r
        .in_force_until
        .map_or("no end date".to_string(), |d| d.to_string());
    s.push_str(&format!("In force: from {} ({})\n", r.in_force_from, until));
    let cases = r.citations.len();
    for case in &r.citations {
        let c = &case.citation;
        let law = format!("{}, {} <{}>", c.instrument, c.provision, c.url);
        match &case.when {
            Some(w) => s.push_str(&format!("Law, when {}: {law}\n", w.text)),
            None if cases > 1 => s.push_str(&format!("Law, otherwise: {law}\n")),
            None => s.push_str(&format!("Law: {law}\n")),
        }
    }
    for c in &r.see_also {
        s.push_str(&format!(
            "See also: {}, {} <{}>\n",
            c.instrument, c.provision, c.url
        ));
    }
    if r.checks == psr_lang::ast::Checks::RecordOnly {
        s.push_str("Checks: only that a record exists, not what the law requires of it\n");
    }
    s.push_str("\n## What it checks\n\n");
    s.push_str(r.doc.trim());
    s.push_str("\n\n## Compliant example\n\n```toml\n");
    s.push_str(r.compliant.trim_end());
    s.push_str("\n```\n\n## Non-compliant example\n\n```toml\n");
    s.push_str(r.non_compliant.trim_end());
    s.push_str("\n```\n");
    s
}

/// `ARR, WVR, RL, CFG, IMP, RPT or NTC`.
fn own_prefixes() -> String {
    let prefixes: Vec<&str> = psr_diagnostics::Family::OWN
        .iter()
        .map(|f| f.prefix())
        .collect();
    match prefixes.split_last() {
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}
