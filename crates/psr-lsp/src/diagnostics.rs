//! psrlint's findings and rule-file problems as LSP diagnostics: the same code, range, message,
//! help and citation as `psrlint check`, with the citation's URL (or, for psrlint's own codes,
//! their page) as the diagnostic's `codeDescription.href`.

use crate::text::Lines;
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Range, Url,
};
use psr_engine::{FileReport, Finding, Severity};
use psr_lang::LangError;

/// The `source` of every diagnostic.
pub const SOURCE: &str = "psrlint";

/// The LSP severity of a psrlint severity.
fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Where a code is explained: the provision cited, or psrlint's page for its own codes.
pub fn href(code: &str, finding: Option<&Finding>) -> Option<Url> {
    let url = match finding.and_then(|f| f.citation.as_ref()) {
        Some(c) => c.url.clone(),
        None => psr_diagnostics::docs_url(code),
    };
    Url::parse(&url).ok()
}

/// The diagnostics of one arrangement file's report.
pub fn of_report(report: &FileReport, lines: &Lines, uri: &Url) -> Vec<Diagnostic> {
    report
        .findings
        .iter()
        .map(|f| of_finding(f, &report.text, lines, uri))
        .collect()
}

/// One finding as a diagnostic. The message is the finding's, then its help and the law, as the
/// human report shows them; a waived finding is a hint that says who accepted it until when. A
/// finding about the whole file is on the first line. `data` carries the field path.
pub fn of_finding(f: &Finding, text: &str, lines: &Lines, uri: &Url) -> Diagnostic {
    let range = f
        .span
        .map_or_else(|| whole_file(text, lines), |s| lines.range(text, s));
    let mut message = f.message.clone();
    if let Some(h) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    if let Some(c) = &f.citation {
        message.push_str(&format!("\nlaw: {}, {}", c.instrument, c.provision));
    }
    let mut sev = severity(f.severity);
    if let Some(w) = &f.waived {
        message.push_str(&format!(
            "\nwaived: {} (approved by {}, until {})",
            w.reason, w.approved_by, w.expires
        ));
        sev = DiagnosticSeverity::HINT;
    }
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(text, r.span)),
            message: r.message.clone(),
        })
        .collect();
    Diagnostic {
        range,
        severity: Some(sev),
        code: Some(NumberOrString::String(f.code.clone())),
        code_description: href(&f.code, Some(f)).map(|href| CodeDescription { href }),
        source: Some(SOURCE.into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(serde_json::json!({ "field": f.field, "name": f.name })),
    }
}

/// The first line of the file: where a finding about the whole file is shown.
fn whole_file(text: &str, lines: &Lines) -> Range {
    let end = text.find(['\n', '\r']).unwrap_or(text.len());
    Range::new(lines.position(text, 0), lines.position(text, end))
}

/// A problem in a rule file as a diagnostic (`RL…` code, help line, related locations).
pub fn of_lang_error(e: &LangError, text: &str, lines: &Lines, uri: &Url) -> Diagnostic {
    let mut message = e.message.clone();
    if let Some(h) = &e.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    let related: Vec<DiagnosticRelatedInformation> = e
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(text, r.span)),
            message: r.label.clone(),
        })
        .collect();
    let code = e.kind.code();
    Diagnostic {
        range: lines.range(text, e.span),
        severity: Some(if e.is_warning() {
            DiagnosticSeverity::WARNING
        } else {
            DiagnosticSeverity::ERROR
        }),
        code: Some(NumberOrString::String(code.into())),
        code_description: href(code, None).map(|href| CodeDescription { href }),
        source: Some(SOURCE.into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// What a finding code means, in Markdown, for hovers: the rule's summary, provision and link,
/// or the description of one of psrlint's own codes.
pub fn explain_code(program: &psr_lang::Program, code: &str) -> Option<String> {
    if let Some(r) = program.rules.iter().find(|r| r.code == code) {
        let mut s = format!(
            "**{}** `{}` ({})\n\n{}",
            r.code,
            r.name,
            r.severity.as_str(),
            r.summary
        );
        for c in r.all_citations() {
            s.push_str(&format!(
                "\n\nLaw: [{}, {}]({})",
                c.instrument, c.provision, c.url
            ));
        }
        return Some(s);
    }
    let c = psr_diagnostics::lookup(code)?;
    Some(format!(
        "**{}** `{}` ({})\n\n{}\n\n[{}]({})",
        c.id,
        c.name,
        c.severity.as_str(),
        c.explanation,
        "psrlint's codes",
        c.docs_url()
    ))
}
