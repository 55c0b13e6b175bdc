//! What an import reports besides the files it writes: releases it cannot read, and facts it
//! records as words rather than guess (an impossible date, two dates, a placeholder, an unclear
//! process). Each has a stable code (`IMP…`).

use std::fmt;

/// The import's own codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ImportCode {
    /// IMP001: a file that is not JSON, or not an OCDS release package, release or list of them.
    UnreadableFile,
    /// IMP002: a release that cannot be read (not an object, no usable `date`).
    UnreadableRelease,
    /// IMP003: a stated date that names a day that does not exist.
    ImpossibleDate,
    /// IMP004: two or more different stated dates.
    DisagreeingDates,
    /// IMP005: a placeholder or a period where a date should be.
    DateNotStated,
    /// IMP006: no process, or more than one, named in a PSR notice.
    ProcessUnclear,
    /// IMP007: a PSR notice of a kind the importer does not recognise: not written.
    KindUnrecognised,
    /// IMP008: an output file exists and was not written by the importer: not overwritten.
    NotOverwritten,
}

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Something read as words rather than a value.
    Warning,
    /// Something not imported.
    Error,
}

impl ImportCode {
    /// `IMP001` …
    pub fn code(self) -> &'static str {
        match self {
            ImportCode::UnreadableFile => "IMP001",
            ImportCode::UnreadableRelease => "IMP002",
            ImportCode::ImpossibleDate => "IMP003",
            ImportCode::DisagreeingDates => "IMP004",
            ImportCode::DateNotStated => "IMP005",
            ImportCode::ProcessUnclear => "IMP006",
            ImportCode::KindUnrecognised => "IMP007",
            ImportCode::NotOverwritten => "IMP008",
        }
    }

    /// Its level (its row's severity in the code table).
    pub fn level(self) -> Level {
        match psr_diagnostics::codes::row(self.code()).severity {
            psr_diagnostics::Severity::Error => Level::Error,
            _ => Level::Warning,
        }
    }

    /// Every code, for `psrlint explain`.
    pub const ALL: [ImportCode; 8] = [
        ImportCode::UnreadableFile,
        ImportCode::UnreadableRelease,
        ImportCode::ImpossibleDate,
        ImportCode::DisagreeingDates,
        ImportCode::DateNotStated,
        ImportCode::ProcessUnclear,
        ImportCode::KindUnrecognised,
        ImportCode::NotOverwritten,
    ];

    /// What the code means, for `psrlint explain` (its row in the code table).
    pub fn explanation(self) -> &'static str {
        psr_diagnostics::codes::row(self.code()).explanation
    }
}

/// One thing an import reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportFinding {
    /// The code.
    pub code: ImportCode,
    /// The release (its id, or its position) or the file it is about.
    pub subject: String,
    /// What happened.
    pub message: String,
}

impl ImportFinding {
    /// A finding.
    pub fn new(code: ImportCode, subject: impl Into<String>, message: impl Into<String>) -> Self {
        ImportFinding {
            code,
            subject: subject.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.code.level() {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(
            f,
            "{}: {} {level}: {}",
            self.subject,
            self.code.code(),
            self.message
        )
    }
}

#[cfg(test)]
mod code_table_tests {
    use super::ImportCode;
    use psr_diagnostics::{Family, CODES};

    #[test]
    fn the_import_codes_are_the_tables_imp_rows() {
        let table: Vec<&str> = CODES
            .iter()
            .filter(|c| c.family == Family::Imp)
            .map(|c| c.id)
            .collect();
        let ours: Vec<&str> = ImportCode::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(ours, table);
    }
}
