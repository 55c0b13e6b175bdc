//! The results of one run, as every renderer sees them.

use psr_engine::{FileReport, Severity};
use psr_lang::Program;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// miette's graphical report.
    Human,
    /// `path:line:col: CODE severity: message`
    Concise,
    /// The JSON report of `shared/json-output.md`.
    Json,
}

/// Everything a run produced.
pub struct RunReport<'a> {
    /// psrlint's version.
    pub tool_version: &'a str,
    /// The compiled packs (for their names, versions and rules).
    pub program: &'a Program,
    /// The files, in path order.
    pub files: &'a [FileReport],
}

/// Counts over a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Unwaived errors.
    pub errors: usize,
    /// Unwaived warnings.
    pub warnings: usize,
    /// Unwaived infos.
    pub infos: usize,
    /// Waived findings.
    pub waived: usize,
}

impl RunReport<'_> {
    /// Counts the findings.
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.files.len(),
            ..Summary::default()
        };
        for f in self.files.iter().flat_map(|f| &f.findings) {
            if f.waived.is_some() {
                s.waived += 1;
                continue;
            }
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}
