//! [`Diagnostic`]: a problem psrlint reports about a rule pack, a configuration file or the
//! command line, in one shape that every output format can carry (a code, a severity, a message,
//! a help line, and the file and span it points at). Language errors (`RL…`) and command-line
//! errors (`CFG…`) convert into it.

use crate::Severity;
use psr_source::{NamedText, Span};
use std::sync::Arc;

/// A secondary location shown with a problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// Where, in the problem's file.
    pub span: Span,
    /// What is there.
    pub label: String,
}

/// One problem, ready for any output format.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// The code (`RL002`, `CFG005`).
    pub code: String,
    /// How much it matters.
    pub severity: Severity,
    /// What is wrong, in plain lowercase words.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The file it is about, with its text, when there is one.
    pub source: Option<Arc<NamedText>>,
    /// Where in that file, in bytes.
    pub span: Option<Span>,
    /// Secondary locations in the same file.
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A problem with `code` and `message`, of the code's default severity, about no file.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        let severity = crate::lookup(code).map_or(Severity::Error, |c| c.severity);
        Diagnostic {
            code: code.to_string(),
            severity,
            message: message.into(),
            help: None,
            source: None,
            span: None,
            related: Vec::new(),
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Points it at `span` of `source` (no span: the whole file).
    pub fn at(mut self, source: Arc<NamedText>, span: Option<Span>) -> Self {
        self.source = Some(source);
        self.span = span;
        self
    }

    /// The name of the file it is about.
    pub fn file_name(&self) -> Option<&str> {
        self.source.as_deref().map(NamedText::name)
    }

    /// The row of its code, when the code is one of psrlint's own.
    pub fn code_row(&self) -> Option<&'static crate::Code> {
        crate::lookup(&self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnostic_takes_its_codes_default_severity() {
        assert_eq!(Diagnostic::new("RL009", "x").severity, Severity::Warning);
        assert_eq!(Diagnostic::new("CFG005", "x").severity, Severity::Error);
        let d = Diagnostic::new("CFG005", "bad").with_help("fix it").at(
            Arc::new(NamedText::new("psrlint.toml", "x = 1\n")),
            Some(Span::new(0, 1)),
        );
        assert_eq!(d.file_name(), Some("psrlint.toml"));
        assert_eq!(d.code_row().map(|c| c.name), Some("invalid-config"));
    }
}
