//! The [`Emitter`] trait every output format implements, and [`render`], which drives one over
//! reports held in memory.
//!
//! A run hands an emitter its files in path order, as they are checked: the caller checks files
//! in parallel, calls [`Emitter::part`] on the thread that checked each file (files come there in
//! any order), then passes each file with its part to the [`FileStream`] that [`Emitter::begin`]
//! gave, in path order, and ends with [`FileStream::finish`]. Each format decides what it renders
//! in parallel, what it writes at once and what it keeps for the end of its document.

use crate::{RunReport, Summary};
use psr_engine::FileReport;
use std::io::{self, Write};

/// What a format rendered of one file on the thread that checked it.
#[derive(Debug, Default)]
pub struct Part {
    /// Text for the file's turn in path order.
    pub now: Box<str>,
    /// Text the format keeps for later in its document (JSON's findings follow every file).
    pub later: Box<str>,
}

impl Part {
    /// A part with text for the file's turn only.
    pub fn now(text: Box<str>) -> Self {
        Part {
            now: text,
            later: Box::default(),
        }
    }
}

/// One output format.
pub trait Emitter: Sync {
    /// Renders what can be rendered of `file` on its own, on the thread that checked it. The
    /// default renders nothing.
    fn part(&self, file: &FileReport) -> io::Result<Part> {
        let _ = file;
        Ok(Part::default())
    }

    /// Whether [`FileStream::file`] reads a report's findings beyond their codes, names,
    /// severities and waivers (messages, positions, fingerprints). When it does not, a caller
    /// may keep only the counts once the part is rendered
    /// ([`FileReport::keep_counts_only`]); when it does, a caller may still drop the file's text
    /// ([`FileReport::compact`]).
    fn reads_findings(&self) -> bool {
        false
    }

    /// Writes what comes before the first file, and gives back the stream that takes the files.
    fn begin(&self, out: &mut dyn Write) -> io::Result<Box<dyn FileStream + '_>>;
}

/// A run being written: the files in path order, then the end.
pub trait FileStream: Send {
    /// Takes the next file in path order, with the part [`Emitter::part`] rendered of it.
    fn file(&mut self, file: &FileReport, part: Part, out: &mut dyn Write) -> io::Result<()>;

    /// Writes what follows the last file; `summary` counts every file taken.
    fn finish(self: Box<Self>, summary: &Summary, out: &mut dyn Write) -> io::Result<()>;
}

/// A stream that writes each file's part in its turn, and nothing at the end: for formats that
/// render everything in [`Emitter::part`] (concise, GitHub).
pub struct InTurn;

impl FileStream for InTurn {
    fn file(&mut self, _file: &FileReport, part: Part, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(part.now.as_bytes())
    }

    fn finish(self: Box<Self>, _summary: &Summary, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// Writes the run of `report` (its files in path order) through `emitter`.
pub fn render(
    emitter: &dyn Emitter,
    report: &RunReport<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut stream = emitter.begin(out)?;
    for file in report.files {
        stream.file(file, emitter.part(file)?, out)?;
    }
    stream.finish(&report.summary(), out)
}
