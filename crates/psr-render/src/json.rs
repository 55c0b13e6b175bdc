//! `--format json`: the report of `shared/json-output.md`, version 1 (a committed interface: keys
//! are added, never renamed or removed).

use crate::{RunReport, Summary};
use psr_engine::{FileReport, Finding};
use psr_lang::Program;
use serde::Serialize;
use std::io::{self, Write};

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
    /// Present (true) only when the file was checked as a public record.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    public_record: bool,
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
    /// The condition in its definition's words, and the definition's value (the opposite of
    /// `outcome` for `not NAME`); only for a definition with a description.
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description_holds: Option<bool>,
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
                description: t.words.as_ref().map(|w| w.description.as_str()),
                description_holds: t.words.as_ref().map(|w| w.holds),
            })
            .collect(),
    }
}

/// One file's part of the JSON report — its `files` entry and its `findings` entries, already
/// written out at their place in the document — so that a caller checking files in parallel can
/// render each file as soon as it is checked, and the report is then joined in path order.
pub struct FilePart {
    /// The `files` entry.
    file: Box<str>,
    /// The `findings` entries, joined as they appear in the array; empty when there are none.
    findings: Box<str>,
}

/// Renders `file`'s part of the report.
pub fn file_part(file: &FileReport) -> io::Result<FilePart> {
    let entry = FileEntry {
        path: &file.path,
        sha256: &file.sha256,
        decision_date: file.decision_date.map(|d| d.to_string()),
        law_as_of: file.law_as_of.map(|d| d.to_string()),
        status: file.status().as_str(),
        public_record: file.public_record,
    };
    // Written into one scratch buffer per thread and copied out at their exact size, so that a
    // run over many files keeps no half-empty buffers.
    SCRATCH.with_borrow_mut(|buf| {
        buf.clear();
        write_nested(buf, &entry, ARRAY_ITEM)?;
        let file_entry = exact(buf)?;
        buf.clear();
        for (i, f) in file.findings.iter().enumerate() {
            if i > 0 {
                buf.extend_from_slice(ITEM_SEPARATOR.as_bytes());
            }
            write_nested(buf, &finding(file, f), ARRAY_ITEM)?;
        }
        Ok(FilePart {
            file: file_entry,
            findings: exact(buf)?,
        })
    })
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A copy of `buf`'s text, allocated at its exact size.
fn exact(buf: &[u8]) -> io::Result<Box<str>> {
    std::str::from_utf8(buf)
        .map(Box::from)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// Writes the JSON report, pretty-printed, with a final newline.
pub fn render(report: &RunReport<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = JsonWriter::begin(report.tool_version, report.program, out)?;
    for file in report.files {
        writer.file(file, file_part(file)?, out)?;
    }
    writer.finish(out)
}

/// Writes the JSON report as files are checked, in path order: the header at once, each file's
/// `files` entry as it comes, and at the end its `findings` entries (kept until then: the
/// document lists every file before any finding) and the summary. The same bytes as [`render`].
pub struct JsonWriter {
    findings: Vec<Box<str>>,
    summary: Summary,
}

impl JsonWriter {
    /// Writes the report's header, up to the opening of its `files` array.
    pub fn begin(tool_version: &str, program: &Program, out: &mut dyn Write) -> io::Result<Self> {
        let tool = Tool {
            name: "psrlint",
            version: tool_version,
        };
        let rules = Rules {
            packs: program
                .packs
                .iter()
                .map(|p| Pack {
                    name: &p.name,
                    version: &p.version,
                    sha256: &p.sha256,
                })
                .collect(),
        };
        write!(
            out,
            "{{\n  \"version\": 1,\n  \"tool\": {},\n",
            nested(&tool, MEMBER)?
        )?;
        writeln!(out, "  \"rules\": {},", nested(&rules, MEMBER)?)?;
        write!(out, "  \"files\": [")?;
        Ok(JsonWriter {
            findings: Vec::new(),
            summary: Summary::default(),
        })
    }

    /// Writes `file`'s entry (the next in path order), given its part of the report.
    pub fn file(
        &mut self,
        file: &FileReport,
        part: FilePart,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let first = self.summary.files == 0;
        out.write_all(if first {
            b"\n    "
        } else {
            ITEM_SEPARATOR.as_bytes()
        })?;
        out.write_all(part.file.as_bytes())?;
        if !part.findings.is_empty() {
            self.findings.push(part.findings);
        }
        self.summary.add(file);
        Ok(())
    }

    /// Closes the `files` array and writes the findings and the summary.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.summary.files > 0 {
            b"\n  ],\n"
        } else {
            b"],\n"
        })?;
        array(out, "findings", self.findings.iter().map(|f| &**f))?;
        let s = self.summary;
        let summary = SummaryEntry {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            waived: s.waived,
        };
        write!(out, "  \"summary\": {}\n}}\n", nested(&summary, MEMBER)?)
    }
}

/// How deep a member of the report object, and an item of one of its arrays, are nested.
const MEMBER: usize = 1;
const ARRAY_ITEM: usize = 2;

/// `value` pretty-printed as it appears `depth` levels deep in the report, as serde_json's
/// pretty printer lays out the whole document.
fn nested<T: Serialize>(value: &T, depth: usize) -> io::Result<String> {
    let mut out = Vec::with_capacity(512);
    write_nested(&mut out, value, depth)?;
    String::from_utf8(out).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// Appends `value` to `out` as [`nested`] lays it out.
fn write_nested<T: Serialize>(out: &mut Vec<u8>, value: &T, depth: usize) -> io::Result<()> {
    use serde_json::ser::{Formatter, PrettyFormatter};
    let mut formatter = PrettyFormatter::new();
    // Opening containers on a sink sets the formatter's indentation to `depth`.
    for _ in 0..depth {
        formatter.begin_array(&mut io::sink())?;
    }
    let from = out.len();
    value
        .serialize(&mut serde_json::Serializer::with_formatter(
            &mut *out, formatter,
        ))
        .map_err(io::Error::from)?;
    crate::safe::escape_json_tail(out, from);
    Ok(())
}

/// What separates two items of an array of the report.
const ITEM_SEPARATOR: &str = ",\n    ";

/// Writes `"key": [items],` as serde_json's pretty printer lays it out; each item is a run of
/// one or more array items already joined, and empty runs are skipped.
fn array<'a>(
    out: &mut dyn Write,
    key: &str,
    items: impl Iterator<Item = &'a str>,
) -> io::Result<()> {
    write!(out, "  \"{key}\": [")?;
    let mut any = false;
    for item in items.filter(|i| !i.is_empty()) {
        out.write_all(if any {
            ITEM_SEPARATOR.as_bytes()
        } else {
            b"\n    "
        })?;
        out.write_all(item.as_bytes())?;
        any = true;
    }
    out.write_all(if any { b"\n  ],\n" } else { b"],\n" })
}
