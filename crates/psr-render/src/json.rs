//! `--format json`: the report of `shared/json-output.md`, version 1 (a committed interface: keys
//! are added, never renamed or removed).

use crate::emit::{Emitter, FileStream, Part};
use crate::json_part;
use crate::pretty::{exact, item_separator, nested, Array};
use crate::spill::{Spill, SPILL_AT};
use crate::{EmitterContext, Summary};
use psr_engine::FileReport;
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
struct SummaryEntry {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    waived: usize,
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

    /// The same emitter, keeping at most `bytes` of findings in memory (2 MiB unless set) and
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
        // Written into one scratch buffer per thread and copied out at their exact size.
        SCRATCH.with_borrow_mut(|buf| {
            buf.clear();
            json_part::file_entry(buf, file, ARRAY_ITEM);
            let now = exact(buf)?;
            buf.clear();
            for (i, f) in file.findings.iter().enumerate() {
                if i > 0 {
                    item_separator(buf, ARRAY_ITEM);
                }
                json_part::finding(buf, file, f, ARRAY_ITEM);
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
