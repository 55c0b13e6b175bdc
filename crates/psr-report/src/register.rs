//! Checking the files of a register for a report: each file's findings (for reg 26) and, when it
//! is a valid arrangement, its facts (for reg 25).

use crate::facts::Facts;
use psr_engine::{CheckOptions, Engine, FileReport, SourceFile};

/// One file of the register.
#[derive(Debug)]
pub struct Entry {
    /// The checker's report on it.
    pub report: FileReport,
    /// Its facts; `None` when it could not be read as an arrangement (unreadable, not UTF-8,
    /// bad syntax, or not matching the schema): such a file is listed, never counted.
    pub facts: Option<Facts>,
}

impl Entry {
    /// An entry for a file that could not be read at all (`psr_engine::unreadable`).
    pub fn unreadable(report: FileReport) -> Entry {
        Entry {
            report,
            facts: None,
        }
    }

    /// Why the file could not be read: its first error finding (the syntax or schema error).
    pub fn unread_reason(&self) -> Option<&psr_engine::Finding> {
        if self.facts.is_some() {
            return None;
        }
        self.report
            .findings
            .iter()
            .find(|f| f.severity == psr_engine::Severity::Error)
            .or(self.report.findings.first())
    }
}

/// Checks `file` and reads its facts.
pub fn check_file(engine: &Engine, file: &SourceFile, options: &CheckOptions) -> Entry {
    let mut facts = None;
    let report = engine.check_reading(file, options, &mut |r| facts = Some(Facts::read(r)));
    Entry { report, facts }
}
