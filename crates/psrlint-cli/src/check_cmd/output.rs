//! Writing `check`'s results through the format's emitter in path order as files are checked,
//! and the counts a run keeps once each file's report is written: the summary, whether anything
//! fails, and `--statistics`.

use super::linked::Source;
use psr_engine::{FileReport, Severity};
use psr_render::{Emitter, FileStream, Part, Summary};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// What a run remembers of the files it has reported.
pub struct Tally {
    fail_on: Severity,
    /// Whether a finding fails the run (`--fail-on`).
    pub failed: bool,
    /// Unwaived findings by code, name and severity, for `--statistics` (`None` without it).
    counts: Option<BTreeMap<(String, String, &'static str), usize>>,
}

impl Tally {
    /// A tally that fails the run on findings of `fail_on` or worse, and counts findings by code
    /// when `statistics` is asked for.
    pub fn new(fail_on: Severity, statistics: bool) -> Self {
        Tally {
            fail_on,
            failed: false,
            counts: statistics.then(BTreeMap::new),
        }
    }

    /// Counts `file`'s findings.
    pub fn add(&mut self, file: &FileReport) {
        for f in &file.findings {
            self.failed |= f.fails(self.fail_on);
        }
        let Some(counts) = &mut self.counts else {
            return;
        };
        for f in &file.findings {
            if f.waived.is_none() {
                *counts
                    .entry((f.code.clone(), f.name.clone(), f.severity.as_str()))
                    .or_default() += 1;
            }
        }
    }

    /// Writes `--statistics`: one line per code.
    pub fn write_statistics(&self, out: &mut dyn Write) -> io::Result<()> {
        for ((code, name, sev), n) in self.counts.iter().flatten() {
            writeln!(out, "{n:>6}  {code:<8} {sev:<8} {name}")?;
        }
        Ok(())
    }
}

/// A checked file, and the emitter's part of it when the thread that checked it rendered one; a
/// file whose check waits for the run's second pass (see `linked`) says where it comes from, and
/// its report is not final.
pub type Checked = (FileReport, Option<io::Result<Part>>, Option<Source>);

/// Writes checked files through an emitter in path order as batches of them come: each file is
/// counted, written and dropped. Standard input's report, checked first, is written in its place
/// in path order. From the first file that waits for the second pass on, files are held until
/// [`InOrder::release`]. After a write fails (a closed pipe) files are still counted: the exit
/// status covers them all.
pub struct InOrder<'e, W> {
    emitter: &'e dyn Emitter,
    /// `None` when the emitter could not begin.
    stream: Option<Box<dyn FileStream + 'e>>,
    summary: Summary,
    tally: Tally,
    written: io::Result<()>,
    from_stdin: Option<Checked>,
    held: Option<Vec<Checked>>,
    out: W,
}

impl<'e, W: Write> InOrder<'e, W> {
    /// Begins writing through `emitter` to `out`.
    pub fn new(
        emitter: &'e dyn Emitter,
        tally: Tally,
        from_stdin: Option<Checked>,
        mut out: W,
    ) -> Self {
        let (stream, written) = match emitter.begin(&mut out) {
            Ok(s) => (Some(s), Ok(())),
            Err(e) => (None, Err(e)),
        };
        InOrder {
            emitter,
            stream,
            summary: Summary::default(),
            tally,
            written,
            from_stdin,
            held: None,
            out,
        }
    }

    /// Writes the next files, in path order.
    pub fn put_batch(&mut self, batch: Vec<Checked>) {
        for checked in batch {
            if let Some(s) = self.from_stdin.take_if(|s| s.0.path < checked.0.path) {
                self.accept(s);
            }
            self.accept(checked);
        }
    }

    /// Takes standard input's report, when it comes after every file in path order.
    pub fn end_of_files(&mut self) {
        if let Some(s) = self.from_stdin.take() {
            self.accept(s);
        }
    }

    fn accept(&mut self, checked: Checked) {
        match &mut self.held {
            Some(held) => held.push(checked),
            None if checked.2.is_some() => self.held = Some(vec![checked]),
            None => self.put(&checked.0, checked.1),
        }
    }

    /// Writes the held files, with the second pass's reports for those that waited.
    pub fn release(
        &mut self,
        mut second: BTreeMap<Source, (FileReport, Option<io::Result<Part>>)>,
    ) {
        for (report, part, source) in self.held.take().unwrap_or_default() {
            match source.and_then(|s| second.remove(&s)) {
                Some((report, part)) => self.put(&report, part),
                None => self.put(&report, part),
            }
        }
    }

    /// Counts and writes one file; its part is rendered here when no thread rendered it.
    fn put(&mut self, report: &FileReport, part: Option<io::Result<Part>>) {
        self.tally.add(report);
        self.summary.add(report);
        if let (Ok(()), Some(stream)) = (&self.written, &mut self.stream) {
            let part = part.unwrap_or_else(|| self.emitter.part(report));
            self.written = part.and_then(|p| stream.file(report, p, &mut self.out));
        }
    }

    /// Writes what follows the last file; gives back whether everything was written, the tally
    /// and the output.
    pub fn finish(mut self) -> (io::Result<()>, Tally, W) {
        self.end_of_files();
        self.release(BTreeMap::new());
        let written = match (self.written, self.stream) {
            (Ok(()), Some(stream)) => stream.finish(&self.summary, &mut self.out),
            (Ok(()), None) => Ok(()),
            (Err(e), _) => Err(e),
        };
        (written, self.tally, self.out)
    }
}
