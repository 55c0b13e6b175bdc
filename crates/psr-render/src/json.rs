//! `--format json`: the report of `shared/json-output.md`, version 1 (a committed interface: keys
//! are added, never renamed or removed).

use crate::emit::{Emitter, FileStream, Part};
use crate::pretty::{exact, item_separator, nested, write_nested, Array};
use crate::spill::{Spill, SPILL_AT};
use crate::{EmitterContext, Summary};
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

/// The JSON format. Streams: each file's `files` entry and `findings` entries are rendered by
/// the thread that checked it; the header is written at once, each `files` entry in its turn, and
/// the `findings` entries are kept, as text, for the end (the document lists every file before
/// any finding), followed by the summary: in memory up to [`SPILL_AT`] bytes, then in an
/// anonymous temporary file (see [`crate::spill`]).
pub struct JsonEmitter<'a> {
    tool_version: &'a str,
    program: &'a Program,
    /// How many bytes of findings stay in memory.
    spill_at: usize,
}

impl<'a> JsonEmitter<'a> {
    /// The emitter for a run of `context`'s program.
    pub fn new(context: &EmitterContext<'a>) -> Self {
        JsonEmitter {
            tool_version: context.tool_version,
            program: context.program,
            spill_at: SPILL_AT,
        }
    }

    /// The same emitter, keeping at most `bytes` of findings in memory (8 MiB unless set) and
    /// the rest in an anonymous temporary file; the report's bytes are the same.
    pub fn spilling_at(mut self, bytes: usize) -> Self {
        self.spill_at = bytes;
        self
    }
}

impl Emitter for JsonEmitter<'_> {
    /// The file's `files` entry (now) and its `findings` entries, joined as they appear in the
    /// array (later; empty when there are none).
    fn part(&self, file: &FileReport) -> io::Result<Part> {
        let entry = FileEntry {
            path: &file.path,
            sha256: &file.sha256,
            decision_date: file.decision_date.map(|d| d.to_string()),
            law_as_of: file.law_as_of.map(|d| d.to_string()),
            status: file.status().as_str(),
            public_record: file.public_record,
        };
        // Written into one scratch buffer per thread and copied out at their exact size.
        SCRATCH.with_borrow_mut(|buf| {
            buf.clear();
            write_nested(buf, &entry, ARRAY_ITEM)?;
            let now = exact(buf)?;
            buf.clear();
            for (i, f) in file.findings.iter().enumerate() {
                if i > 0 {
                    buf.extend_from_slice(item_separator(ARRAY_ITEM).as_bytes());
                }
                write_nested(buf, &finding(file, f), ARRAY_ITEM)?;
            }
            Ok(Part {
                now,
                later: exact(buf)?,
            })
        })
    }

    /// Writes the report's header, up to the opening of its `files` array.
    fn begin(&self, out: &mut dyn Write) -> io::Result<Box<dyn FileStream + '_>> {
        let tool = Tool {
            name: "psrlint",
            version: self.tool_version,
        };
        let rules = Rules {
            packs: self
                .program
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
        Ok(Box::new(JsonStream {
            files: Array::new(ARRAY_ITEM),
            findings: Array::new(ARRAY_ITEM),
            held: Spill::new(self.spill_at, std::env::temp_dir()),
        }))
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The report being written: the `files` array is open; the findings wait for the end, already
/// laid out as the items of their array.
struct JsonStream {
    files: Array,
    findings: Array,
    held: Spill,
}

impl FileStream for JsonStream {
    fn file(&mut self, _file: &FileReport, part: Part, out: &mut dyn Write) -> io::Result<()> {
        self.files.items(&part.now, out)?;
        self.findings.items(&part.later, &mut self.held)
    }

    /// Closes the `files` array and writes the findings and the summary.
    fn finish(self: Box<Self>, s: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.files.close(out)?;
        write!(out, ",\n  \"findings\": [")?;
        self.held.copy_to(out)?;
        self.findings.close(out)?;
        let summary = SummaryEntry {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            waived: s.waived,
        };
        write!(out, ",\n  \"summary\": {}\n}}\n", nested(&summary, MEMBER)?)
    }
}

/// How deep a member of the report object, and an item of one of its arrays, are nested.
const MEMBER: usize = 1;
const ARRAY_ITEM: usize = 2;
