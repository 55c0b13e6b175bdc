//! The JSON report and the SARIF log of a run that stopped before checking anything (exit
//! status 2): a broken rule pack, an invalid `psrlint.toml`, a bad argument. Each problem is a
//! finding (JSON) or a result (SARIF) with its code and, where it has one, its file and span, so
//! that a program reading `--format json|sarif` sees why the run stopped rather than no document.

use psr_diagnostics::{Diagnostic, Severity};
use psr_source::{LineCol, LineIndex};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Where a problem is, in lines and columns (1-based; `None` when it is about no place).
struct Place {
    start: LineCol,
    end: LineCol,
}

fn place(d: &Diagnostic, span: Option<psr_source::Span>) -> Option<Place> {
    let (source, span) = (d.source.as_deref()?, span?);
    let text: &str = source.inner();
    let index = LineIndex::new(text);
    Some(Place {
        start: index.line_col(text, span.start),
        end: index.line_col(text, span.end),
    })
}

fn count(problems: &[Diagnostic], severity: Severity) -> usize {
    problems.iter().filter(|d| d.severity == severity).count()
}

/// The JSON report (`json-output.md`, version 1) of a run that stopped: no file checked, each
/// problem a finding, and `stopped` with the code and message of what stopped it.
pub fn json_document(tool_version: &str, stopped: &Diagnostic, problems: &[Diagnostic]) -> Value {
    let findings: Vec<Value> = problems
        .iter()
        .map(|d| {
            let at = place(d, d.span);
            let (line, column, end_line, end_column) = at.map_or((0, 0, 0, 0), |p| {
                (p.start.line, p.start.column, p.end.line, p.end.column)
            });
            let related: Vec<Value> = d
                .related
                .iter()
                .filter_map(|r| {
                    let p = place(d, Some(r.span))?;
                    Some(json!({
                        "field": null, "line": p.start.line, "column": p.start.column,
                        "end_line": p.end.line, "end_column": p.end.column, "message": r.label,
                    }))
                })
                .collect();
            json!({
                "code": d.code,
                "name": d.code_row().map_or("", |c| c.name),
                "severity": d.severity.as_str(),
                "file": d.file_name(),
                "line": line, "column": column, "end_line": end_line, "end_column": end_column,
                "span": d.span.filter(|_| d.source.is_some())
                    .map(|s| json!({ "offset": s.start, "length": s.len() })),
                "field": null,
                "message": d.message,
                "help": d.help,
                "citation": null,
                "related": related,
                "waived": null,
                "trace": [],
            })
        })
        .collect();
    json!({
        "version": 1,
        "tool": { "name": "psrlint", "version": tool_version },
        "rules": { "packs": [] },
        "files": [],
        "findings": findings,
        "summary": {
            "files": 0,
            "errors": count(problems, Severity::Error),
            "warnings": count(problems, Severity::Warning),
            "infos": count(problems, Severity::Info),
            "waived": 0,
        },
        "stopped": { "code": stopped.code, "message": stopped.message, "help": stopped.help },
    })
}

/// The SARIF log of a run that stopped: each problem a result whose rule is its code's row in the
/// code table, and one invocation that did not succeed, with what stopped it.
pub fn sarif_log(tool_version: &str, stopped: &Diagnostic, problems: &[Diagnostic]) -> Value {
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rules = Vec::new();
    for d in problems.iter().chain([stopped]) {
        if let (false, Some(row)) = (index.contains_key(d.code.as_str()), d.code_row()) {
            index.insert(&d.code, rules.len());
            rules.push(crate::sarif::own_descriptor(row));
        }
    }
    let mut artifacts: Vec<&str> = problems.iter().filter_map(Diagnostic::file_name).collect();
    artifacts.sort_unstable();
    artifacts.dedup();
    let results: Vec<Value> = problems
        .iter()
        .map(|d| {
            let mut r = json!({
                "ruleId": d.code,
                "level": crate::sarif::level(d.severity),
                "message": { "text": message_with_help(d) },
            });
            if let Some(i) = index.get(d.code.as_str()) {
                r["ruleIndex"] = json!(i);
            }
            if let Some(name) = d.file_name() {
                let mut location = crate::sarif::artifact_location(name);
                if let Ok(i) = artifacts.binary_search(&name) {
                    location["index"] = json!(i);
                }
                let region = match place(d, d.span) {
                    Some(p) => json!({
                        "startLine": p.start.line, "startColumn": p.start.column,
                        "endLine": p.end.line, "endColumn": p.end.column,
                    }),
                    None => json!({ "startLine": 1 }),
                };
                r["locations"] = json!([{
                    "physicalLocation": { "artifactLocation": location, "region": region }
                }]);
            }
            r
        })
        .collect();
    let artifacts: Vec<Value> = artifacts
        .iter()
        .map(|a| json!({ "location": crate::sarif::artifact_location(a) }))
        .collect();
    json!({
        "$schema": crate::sarif::SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "psrlint",
                    "version": tool_version,
                    "semanticVersion": tool_version,
                    "informationUri": psr_diagnostics::codes::INFORMATION_URI,
                    "rules": rules,
                }
            },
            "invocations": [{
                "executionSuccessful": false,
                "exitCode": 2,
                "toolExecutionNotifications": [{
                    "level": "error",
                    "message": { "text": message_with_help(stopped) },
                    "descriptor": { "id": stopped.code },
                }],
            }],
            "originalUriBaseIds": { crate::sarif::SRCROOT: crate::sarif::srcroot() },
            "artifacts": artifacts,
            "results": results,
            "columnKind": "unicodeCodePoints",
        }]
    })
}

/// `message (help)`: SARIF has no place of its own for a help line of a result.
fn message_with_help(d: &Diagnostic) -> String {
    match &d.help {
        Some(h) => format!("{}: {h}", d.message),
        None => d.message.clone(),
    }
}

/// Writes `doc` pretty-printed, with unsafe characters escaped and a final newline.
pub fn write(doc: &Value, out: &mut dyn Write) -> io::Result<()> {
    let mut buf = serde_json::to_vec_pretty(doc).map_err(io::Error::from)?;
    crate::safe::escape_json_tail(&mut buf, 0);
    out.write_all(&buf)?;
    writeln!(out)
}
