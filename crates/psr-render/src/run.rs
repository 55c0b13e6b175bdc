//! The results of one run held in memory, and the counts over a run.

use psr_engine::{FileReport, Severity};
use psr_lang::Program;

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
    /// Files with at least one finding that is not waived.
    pub files_with_findings: usize,
}

impl Summary {
    /// Counts one more file and its findings.
    pub fn add(&mut self, file: &FileReport) {
        self.files += 1;
        let mut live = false;
        for f in &file.findings {
            if f.waived.is_some() {
                self.waived += 1;
                continue;
            }
            live = true;
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
        self.files_with_findings += usize::from(live);
    }
}

/// A report path with forward slashes (on Windows, where `\` separates) and without a leading
/// `./`, as CI services expect.
pub(crate) fn slash_path(path: &str) -> String {
    let p = if std::path::MAIN_SEPARATOR == '\\' {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let mut s = p.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

impl RunReport<'_> {
    /// Counts the findings.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for f in self.files {
            s.add(f);
        }
        s
    }
}
