//! The second pass of `check` over a run (see `psr_engine::run`): files whose rules read other
//! files of the run (an award and the agreement it relies on) are checked again once the
//! first pass has seen every file. This module keeps what the first pass learns (each file's
//! reference, and which files asked for which references), reads the files asked for into the
//! run's index, and checks the waiting files against it.

use crate::discover::Discovered;
use psr_engine::{CheckOptions, Engine, FileReport, FirstPass, RunIndex, SourceFile};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Where a file of the run comes from: its place in the discovered files, or standard input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// `found[i]`.
    Found(usize),
    /// Standard input.
    Stdin,
}

/// What the first pass learnt about the run.
#[derive(Debug, Default)]
pub struct Notes {
    references: Vec<(Arc<str>, Source)>,
    deferred: BTreeMap<Source, Vec<Arc<str>>>,
}

impl Notes {
    /// Notes `pass`, the first pass over `source`; gives back its report, which is final unless
    /// the file is deferred.
    pub fn note(&mut self, source: Source, pass: FirstPass) -> (FileReport, bool) {
        if let Some(r) = pass.reference {
            self.references.push((r, source));
        }
        let deferred = !pass.wants.is_empty();
        if deferred {
            self.deferred.insert(source, pass.wants);
        }
        (pass.report, deferred)
    }

    /// Whether any file waits for the second pass.
    pub fn any_deferred(&self) -> bool {
        !self.deferred.is_empty()
    }
}

/// The files of a run, to read again.
pub struct Files<'a> {
    /// The discovered files.
    pub found: &'a [Discovered],
    /// Standard input's name and bytes, when it is part of the run.
    pub stdin: Option<(&'a str, &'a [u8])>,
}

impl Files<'_> {
    /// The file at `source`, or why it cannot be read.
    pub fn load(&self, source: Source) -> Result<SourceFile, (String, String)> {
        match source {
            Source::Stdin => {
                let (name, bytes) = self.stdin.unwrap_or(("-", &[]));
                Ok(SourceFile {
                    path: name.to_string(),
                    bytes: bytes.to_vec(),
                })
            }
            Source::Found(i) => match self.found.get(i) {
                Some(Discovered::File(p)) => {
                    let shown = p.display().to_string();
                    match std::fs::read(p) {
                        Ok(bytes) => Ok(SourceFile { path: shown, bytes }),
                        Err(e) => Err((shown, super::io_reason(&e))),
                    }
                }
                Some(Discovered::Problem(p, why)) => Err((p.display().to_string(), why.clone())),
                None => Err(("?".into(), "it is not part of the run".into())),
            },
        }
    }
}

/// The run's index: the files with the references the deferred files asked for, read again.
pub fn index(
    engine: &Engine,
    options: &CheckOptions,
    files: &Files<'_>,
    notes: &Notes,
) -> RunIndex {
    let wanted: BTreeSet<Arc<str>> = notes.deferred.values().flatten().cloned().collect();
    let sources: Vec<Source> = notes
        .references
        .iter()
        .filter(|(r, _)| wanted.contains(r))
        .map(|(_, s)| *s)
        .collect();
    let entries = sources
        .par_iter()
        .filter_map(|s| {
            let file = files.load(*s).ok()?;
            let (reference, root) = engine.referable(&file, options)?;
            Some((file.path, reference, root))
        })
        .collect();
    RunIndex::new(entries, wanted)
}

/// Checks the deferred files against `run`, in parallel; `finish` filters a report and renders
/// what the output needs, as for the first pass.
pub fn second_pass<T: Send>(
    engine: &Engine,
    options: &CheckOptions,
    files: &Files<'_>,
    notes: &Notes,
    run: &RunIndex,
    finish: impl Fn(FileReport) -> T + Sync,
) -> BTreeMap<Source, T> {
    let deferred: Vec<Source> = notes.deferred.keys().copied().collect();
    deferred
        .par_iter()
        .map(|s| {
            let report = match files.load(*s) {
                Ok(file) => engine.check_in_run(&file, options, run),
                Err((path, why)) => psr_engine::unreadable(&path, &why),
            };
            (*s, finish(report))
        })
        .collect()
}
