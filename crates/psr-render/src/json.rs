//! `--format json`: the report of `shared/json-output.md`, version 1 (a committed interface: keys
//! are added, never renamed or removed).

use crate::RunReport;
use psr_engine::{FileReport, Finding};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool<'a>,
    rules: Rules<'a>,
    files: Vec<FileEntry<'a>>,
    findings: Vec<FindingEntry<'a>>,
    summary: SummaryEntry,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct Rules<'a> {
    packs: Vec<Pack<'a>>,
}

#[derive(Serialize)]
struct Pack<'a> {
    name: &'a str,
    version: &'a str,
    sha256: &'a str,
}

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    sha256: &'a str,
    decision_date: Option<String>,
    law_as_of: Option<String>,
    status: &'static str,
}

#[derive(Serialize)]
struct SpanEntry {
    offset: usize,
    length: usize,
}

#[derive(Serialize)]
struct CitationEntry<'a> {
    instrument: &'a str,
    provision: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct RelatedEntry<'a> {
    field: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct WaivedEntry<'a> {
    reason: &'a str,
    approved_by: &'a str,
    expires: String,
}

#[derive(Serialize)]
struct TraceEntry<'a> {
    clause: &'a str,
    condition: &'a str,
    outcome: &'a str,
}

#[derive(Serialize)]
struct FindingEntry<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    span: Option<SpanEntry>,
    field: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
    citation: Option<CitationEntry<'a>>,
    related: Vec<RelatedEntry<'a>>,
    waived: Option<WaivedEntry<'a>>,
    trace: Vec<TraceEntry<'a>>,
}

#[derive(Serialize)]
struct SummaryEntry {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    waived: usize,
}

fn finding<'a>(file: &'a FileReport, f: &'a Finding) -> FindingEntry<'a> {
    let (start, end) = f.span.map_or((0, 0), |s| (s.start, s.end));
    let (a, b) = (file.line_col(start), file.line_col(end));
    FindingEntry {
        code: &f.code,
        name: &f.name,
        severity: f.severity.as_str(),
        file: &file.path,
        line: a.line,
        column: a.column,
        end_line: b.line,
        end_column: b.column,
        span: f.span.map(|s| SpanEntry {
            offset: s.start,
            length: s.len(),
        }),
        field: f.field.as_deref(),
        message: &f.message,
        help: f.help.as_deref(),
        citation: f.citation.as_ref().map(|c| CitationEntry {
            instrument: &c.instrument,
            provision: &c.provision,
            url: &c.url,
        }),
        related: f
            .related
            .iter()
            .map(|r| {
                let (x, y) = (file.line_col(r.span.start), file.line_col(r.span.end));
                RelatedEntry {
                    field: r.field.as_deref(),
                    line: x.line,
                    column: x.column,
                    end_line: y.line,
                    end_column: y.column,
                    message: &r.message,
                }
            })
            .collect(),
        waived: f.waived.as_ref().map(|w| WaivedEntry {
            reason: &w.reason,
            approved_by: &w.approved_by,
            expires: w.expires.to_string(),
        }),
        trace: f
            .trace
            .iter()
            .map(|t| TraceEntry {
                clause: t.clause,
                condition: &t.condition,
                outcome: &t.outcome,
            })
            .collect(),
    }
}

/// Writes the JSON report, pretty-printed, with a final newline.
pub fn render(report: &RunReport<'_>, out: &mut dyn Write) -> io::Result<()> {
    let s = report.summary();
    let doc = Report {
        version: 1,
        tool: Tool {
            name: "psrlint",
            version: report.tool_version,
        },
        rules: Rules {
            packs: report
                .program
                .packs
                .iter()
                .map(|p| Pack {
                    name: &p.name,
                    version: &p.version,
                    sha256: &p.sha256,
                })
                .collect(),
        },
        files: report
            .files
            .iter()
            .map(|f| FileEntry {
                path: &f.path,
                sha256: &f.sha256,
                decision_date: f.decision_date.map(|d| d.to_string()),
                law_as_of: f.law_as_of.map(|d| d.to_string()),
                status: f.status().as_str(),
            })
            .collect(),
        findings: report
            .files
            .iter()
            .flat_map(|file| file.findings.iter().map(move |f| finding(file, f)))
            .collect(),
        summary: SummaryEntry {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            waived: s.waived,
        },
    };
    // `From` keeps the kind of an I/O error (a closed pipe stays `BrokenPipe`).
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
    writeln!(out)
}
