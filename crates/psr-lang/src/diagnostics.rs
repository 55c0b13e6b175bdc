//! Problems found in rule files: each with a stable `RL…` code, a span, a plain message and a help
//! line, rendered by miette.

use miette::{Diagnostic, LabeledSpan, SourceCode};
use psr_source::NamedText;
use psr_source::Span;
use std::fmt;
use std::sync::Arc;

/// What kind of problem; each kind has a stable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LangErrorKind {
    /// The text does not follow the grammar.
    Syntax,
    /// A name that is not declared.
    UnknownName,
    /// A value of the wrong type.
    Type,
    /// Two declarations with one name or code, or a clause written twice.
    Duplicate,
    /// A rule without a citation, or a citation that is incomplete.
    Citation,
    /// A field the arrangement schema does not declare.
    UnknownField,
    /// A date that is not a real calendar date, or a window that ends before it starts.
    InvalidDate,
    /// Two values of a parameter in force on the same day.
    OverlappingWindows,
    /// A definition that nothing uses.
    UnusedDefinition,
    /// A rule that lacks a required clause.
    MissingClause,
    /// A definition that uses itself.
    Recursion,
    /// A table row that does not fit the declared columns.
    TableRow,
    /// A file that cannot be read, or a path that leaves the pack.
    FileAccess,
    /// A problem with the pack manifest or with `uses`.
    Pack,
    /// An optional value used where a plain value is needed.
    Absence,
    /// A literal that cannot be read (a money amount, a number, an enum value).
    InvalidLiteral,
    /// A message template with a broken `{…}`.
    Template,
    /// A problem with the calendar.
    Calendar,
    /// A problem with the schema (`root`, recursive records).
    Schema,
    /// Citations that do not give every case exactly one: no unguarded `cite:` last, or one
    /// that can never apply.
    CitationCases,
    /// A definition's description that is empty, too long for one line, or not one line.
    Description,
    /// A definition that an explanation trace shows by name, as it has no description.
    MissingDescription,
}

impl LangErrorKind {
    /// Every kind, in code order.
    pub const ALL: [LangErrorKind; 22] = [
        LangErrorKind::Syntax,
        LangErrorKind::UnknownName,
        LangErrorKind::Type,
        LangErrorKind::Duplicate,
        LangErrorKind::Citation,
        LangErrorKind::UnknownField,
        LangErrorKind::InvalidDate,
        LangErrorKind::OverlappingWindows,
        LangErrorKind::UnusedDefinition,
        LangErrorKind::MissingClause,
        LangErrorKind::Recursion,
        LangErrorKind::TableRow,
        LangErrorKind::FileAccess,
        LangErrorKind::Pack,
        LangErrorKind::Absence,
        LangErrorKind::InvalidLiteral,
        LangErrorKind::Template,
        LangErrorKind::Calendar,
        LangErrorKind::Schema,
        LangErrorKind::CitationCases,
        LangErrorKind::Description,
        LangErrorKind::MissingDescription,
    ];

    /// The stable code, `RL001`…
    pub fn code(self) -> &'static str {
        match self {
            LangErrorKind::Syntax => "RL001",
            LangErrorKind::UnknownName => "RL002",
            LangErrorKind::Type => "RL003",
            LangErrorKind::Duplicate => "RL004",
            LangErrorKind::Citation => "RL005",
            LangErrorKind::UnknownField => "RL006",
            LangErrorKind::InvalidDate => "RL007",
            LangErrorKind::OverlappingWindows => "RL008",
            LangErrorKind::UnusedDefinition => "RL009",
            LangErrorKind::MissingClause => "RL010",
            LangErrorKind::Recursion => "RL011",
            LangErrorKind::TableRow => "RL012",
            LangErrorKind::FileAccess => "RL013",
            LangErrorKind::Pack => "RL014",
            LangErrorKind::Absence => "RL015",
            LangErrorKind::InvalidLiteral => "RL016",
            LangErrorKind::Template => "RL017",
            LangErrorKind::Calendar => "RL018",
            LangErrorKind::Schema => "RL019",
            LangErrorKind::CitationCases => "RL020",
            LangErrorKind::Description => "RL021",
            LangErrorKind::MissingDescription => "RL022",
        }
    }

    /// A one-line title (the summary of its row in the code table).
    pub fn title(self) -> &'static str {
        psr_diagnostics::codes::row(self.code()).summary
    }

    /// The kind with this code.
    pub fn from_code(code: &str) -> Option<LangErrorKind> {
        LangErrorKind::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(code))
    }

    /// Whether problems of this kind are warnings (they do not stop a pack from loading).
    pub fn is_warning(self) -> bool {
        psr_diagnostics::codes::row(self.code()).severity == psr_diagnostics::Severity::Warning
    }
}

/// A secondary location shown with a problem.
#[derive(Clone, Debug)]
pub struct Related {
    /// Where.
    pub span: Span,
    /// What is there.
    pub label: String,
}

/// One problem in a rule file.
#[derive(Clone, Debug)]
pub struct LangError {
    /// What kind of problem.
    pub kind: LangErrorKind,
    /// The message, in plain lowercase words.
    pub message: String,
    /// Where (bytes in `source`).
    pub span: Span,
    /// What to do about it.
    pub help: Option<String>,
    /// Secondary locations.
    pub related: Vec<Related>,
    /// The file the span points into, when known.
    pub source: Option<Arc<NamedText>>,
}

impl LangError {
    /// A problem of `kind` at `span`.
    pub fn new(kind: LangErrorKind, span: Span, message: impl Into<String>) -> Self {
        LangError {
            kind,
            message: message.into(),
            span,
            help: None,
            related: Vec::new(),
            source: None,
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary location.
    pub fn with_related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            label: label.into(),
        });
        self
    }

    /// Attaches the file the spans point into.
    pub fn in_source(mut self, source: &Arc<NamedText>) -> Self {
        if self.source.is_none() {
            self.source = Some(Arc::clone(source));
        }
        self
    }

    /// The file name, when known.
    pub fn file_name(&self) -> Option<&str> {
        self.source.as_ref().map(|s| s.name())
    }

    /// Whether this problem is only a warning.
    pub fn is_warning(&self) -> bool {
        self.kind.is_warning()
    }
}

impl fmt::Display for LangError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LangError {}

impl Diagnostic for LangError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.kind.code()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.is_warning() {
            miette::Severity::Warning
        } else {
            miette::Severity::Error
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s.as_ref() as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let primary = LabeledSpan::new_primary_with_span(Some(short_label(self.kind)), self.span);
        let rest = self
            .related
            .iter()
            .map(|r| LabeledSpan::new_with_span(Some(r.label.clone()), r.span));
        Some(Box::new(std::iter::once(primary).chain(rest)))
    }
}

impl From<&LangError> for psr_diagnostics::Diagnostic {
    fn from(e: &LangError) -> Self {
        let mut d = psr_diagnostics::Diagnostic::new(e.kind.code(), e.message.clone());
        d.help = e.help.clone();
        if let Some(source) = &e.source {
            d = d.at(Arc::clone(source), Some(e.span));
        }
        d.related = e
            .related
            .iter()
            .map(|r| psr_diagnostics::Related {
                span: r.span,
                label: r.label.clone(),
            })
            .collect();
        d
    }
}

fn short_label(kind: LangErrorKind) -> String {
    match kind {
        LangErrorKind::Syntax => "here".into(),
        other => other.title().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::LangErrorKind;
    use psr_diagnostics::{Family, CODES};

    #[test]
    fn the_rule_language_codes_are_the_tables_rl_rows() {
        let table: Vec<&str> = CODES
            .iter()
            .filter(|c| c.family == Family::Rl)
            .map(|c| c.id)
            .collect();
        let ours: Vec<&str> = LangErrorKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(ours, table);
    }
}
