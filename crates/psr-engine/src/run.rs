//! The other files of a run, for rules that read them (`files_with_reference`): an award relies
//! on an agreement checked in the same run. A run is checked in two passes. The first checks
//! every file on its own and notes which references each file's rules asked for (a file that
//! asked is [`FirstPass::deferred`]); the files with those references are then read into a
//! [`RunIndex`], and the files that asked are checked again against it. Files whose rules never
//! ask are checked once, exactly as before. The index orders files by path, so the result does
//! not depend on the order in which files were given or checked.

use crate::finding::FileReport;
use psr_lang::{Origin, Val, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// The result of checking a file on its own, the first of a run's two passes.
#[derive(Debug)]
pub struct FirstPass {
    /// The report. When [`Self::wants`] is not empty it is incomplete: its rules read other
    /// files of the run, and it must be checked again with [`crate::Engine::check_in_run`].
    pub report: FileReport,
    /// The file's `arrangement.reference`, when it has one (other files may ask for it).
    pub reference: Option<Arc<str>>,
    /// The references its rules asked for, sorted, without duplicates.
    pub wants: Vec<Arc<str>>,
}

impl FirstPass {
    /// A pass with an empty report, filled in by the engine.
    pub(crate) fn empty() -> Self {
        FirstPass {
            report: FileReport::new(String::new(), Arc::from(""), String::new()),
            reference: None,
            wants: Vec::new(),
        }
    }

    /// Whether the file must be checked again once the run's files are known.
    pub fn deferred(&self) -> bool {
        !self.wants.is_empty()
    }
}

/// The valid arrangement files of a run that other files asked for, by `arrangement.reference`.
#[derive(Debug, Default)]
pub struct RunIndex {
    by_reference: HashMap<Arc<str>, Value>,
    /// The references collected: those the first pass asked for.
    collected: BTreeSet<Arc<str>>,
}

impl RunIndex {
    /// An index of the files with the references in `collected`: (path, reference, root value)
    /// of each valid file with one of them. Values are detached from their files' locations (a
    /// finding can only point into the file it is about). Files with one reference are kept in
    /// path order.
    pub fn new(files: Vec<(String, Arc<str>, Val)>, collected: BTreeSet<Arc<str>>) -> Self {
        let mut grouped: BTreeMap<Arc<str>, Vec<(String, Val)>> = BTreeMap::new();
        for (path, reference, root) in files {
            if !collected.contains(&reference) {
                continue;
            }
            grouped
                .entry(reference)
                .or_default()
                .push((path, detach(&root)));
        }
        let by_reference = grouped
            .into_iter()
            .map(|(reference, mut files)| {
                files.sort_by(|a, b| a.0.cmp(&b.0));
                let roots: Arc<[Val]> = files.into_iter().map(|(_, v)| v).collect();
                (reference, Value::List(roots))
            })
            .collect();
        RunIndex {
            by_reference,
            collected,
        }
    }

    /// The files with `reference`, in path order (an empty list when there are none); `None`
    /// when the first pass did not ask for it (a reference read from another file), so that
    /// the run's files were not searched for it.
    pub fn files_with_reference(&self, reference: &str) -> Option<Value> {
        if !self.collected.contains(reference) {
            return None;
        }
        Some(
            self.by_reference
                .get(reference)
                .cloned()
                .unwrap_or_else(|| Value::List(Arc::from([]))),
        )
    }
}

/// The references asked for by the deferred files of a first pass.
pub fn wanted<'a>(passes: impl IntoIterator<Item = &'a FirstPass>) -> BTreeSet<Arc<str>> {
    passes
        .into_iter()
        .flat_map(|p| p.wants.iter().cloned())
        .collect()
}

/// `v` with every origin cleared.
fn detach(v: &Val) -> Val {
    let value = match &v.value {
        Value::List(items) => Value::List(items.iter().map(detach).collect()),
        Value::Record(fields) => Value::Record(fields.iter().map(detach).collect()),
        other => other.clone(),
    };
    Val::at(value, Origin::NONE)
}

impl crate::Engine {
    /// Checks `files` as one run, in two passes; the reports in the order of `files`.
    pub fn check_run(
        &self,
        files: &[crate::SourceFile],
        options: &crate::CheckOptions,
    ) -> Vec<FileReport> {
        let passes: Vec<FirstPass> = files.iter().map(|f| self.check_first(f, options)).collect();
        let wanted = wanted(&passes);
        if wanted.is_empty() {
            return passes.into_iter().map(|p| p.report).collect();
        }
        let index = RunIndex::new(
            files
                .iter()
                .zip(&passes)
                .filter(|(_, p)| p.reference.as_ref().is_some_and(|r| wanted.contains(r)))
                .filter_map(|(f, _)| {
                    self.referable(f, options)
                        .map(|(r, root)| (f.path.clone(), r, root))
                })
                .collect(),
            wanted,
        );
        files
            .iter()
            .zip(passes)
            .map(|(f, p)| {
                if p.deferred() {
                    self.check_in_run(f, options, &index)
                } else {
                    p.report
                }
            })
            .collect()
    }
}
