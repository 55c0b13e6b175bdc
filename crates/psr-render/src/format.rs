//! The output formats of `psrlint check`, and the emitter of each.

use crate::emit::Emitter;
use crate::human::HumanOptions;
use psr_lang::Program;

/// An output format of `psrlint check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// Source excerpts with labels (the default).
    Human,
    /// One line per finding.
    Concise,
    /// The JSON report (version 1).
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
    /// JUnit XML, one test case per file.
    Junit,
    /// One self-contained HTML page with charts and a table of findings to sort and filter.
    Html,
}

/// What an emitter is given besides the files.
#[derive(Clone, Debug)]
pub struct EmitterContext<'a> {
    /// psrlint's version.
    pub tool_version: &'a str,
    /// The compiled packs (for their names, versions and rules).
    pub program: &'a Program,
    /// How to draw the human format.
    pub human: HumanOptions,
}

impl Format {
    /// Whether the output is for programs (a document, or commands), so that nothing else may be
    /// written to the same stream: every format but the two written for people.
    pub fn is_machine_readable(self) -> bool {
        !matches!(self, Format::Human | Format::Concise)
    }

    /// The emitter of the format. `None` for [`Format::Html`]: the page's charts need what each
    /// file records (authorities, processes), read while the file is checked, so `psr-report`
    /// writes it from the register it reads (`psr_report::html::render_check`).
    pub fn emitter<'a>(self, context: &EmitterContext<'a>) -> Option<Box<dyn Emitter + 'a>> {
        Some(match self {
            Format::Human => Box::new(crate::human::HumanEmitter(context.human.clone())),
            Format::Concise => Box::new(crate::concise::ConciseEmitter),
            Format::Json => Box::new(crate::json::JsonEmitter::new(context)),
            Format::Sarif => Box::new(crate::sarif::SarifEmitter::new(context)),
            Format::Github => Box::new(crate::github::GithubEmitter),
            Format::Junit => Box::new(crate::junit::JunitEmitter),
            Format::Html => return None,
        })
    }
}
