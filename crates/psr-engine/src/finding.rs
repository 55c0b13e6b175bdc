//! Findings and per-file reports: the one type that flows from the engine to every renderer.

use chrono::NaiveDate;
pub use psr_lang::ast::Severity;
pub use psr_lang::Citation;
use psr_source::{LineCol, LineIndex, Span};
use std::sync::Arc;

/// A secondary location that made a rule fire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelatedLabel {
    /// The dotted field path, when known.
    pub field: Option<String>,
    /// Where in the file.
    pub span: Span,
    /// What it says.
    pub message: String,
}

/// One step of a finding's explanation: a condition and whether it held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceStep {
    /// `when`, `needs`, `require` or `forbid`.
    pub clause: &'static str,
    /// The condition as written in the rule.
    pub condition: String,
    /// What it evaluated to (`true`, `false`, or a note).
    pub outcome: String,
    /// The condition in words, when it is a definition that has a description.
    pub words: Option<TraceWords>,
}

/// A condition of a trace in the words of its definition's description (`def NAME "..." = ...`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceWords {
    /// The definition's description.
    pub description: String,
    /// The definition's value: the step's outcome, or its opposite for `not NAME`.
    pub holds: bool,
}

/// The waiver that accepted a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaiverInfo {
    /// Why.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// When it expires.
    pub expires: NaiveDate,
}

/// One finding about one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Stable code (`PSR012`, `COM003`, `ARR006`, `WVR001`).
    pub code: String,
    /// Kebab-case name.
    pub name: String,
    /// Severity.
    pub severity: Severity,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to change.
    pub help: Option<String>,
    /// Where; `None` for a finding about the file as a whole.
    pub span: Option<Span>,
    /// The dotted path of the arrangement value, when there is one.
    pub field: Option<String>,
    /// The provision it enforces, for rule findings.
    pub citation: Option<Citation>,
    /// Secondary locations.
    pub related: Vec<RelatedLabel>,
    /// Why the rule fired, condition by condition.
    pub trace: Vec<TraceStep>,
    /// The waiver that accepted it, if any.
    pub waived: Option<WaiverInfo>,
}

impl Finding {
    /// A finding with only its code, name, severity and message: no help, place, field,
    /// citation, related places, trace or waiver (set those after, as the case needs).
    pub fn new(
        code: impl Into<String>,
        name: impl Into<String>,
        severity: Severity,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            code: code.into(),
            name: name.into(),
            severity,
            message: message.into(),
            help: None,
            span: None,
            field: None,
            citation: None,
            related: Vec::new(),
            trace: Vec::new(),
            waived: None,
        }
    }

    /// Whether the finding counts against the fail level `fail_on`.
    pub fn fails(&self, fail_on: Severity) -> bool {
        self.waived.is_none() && self.severity >= fail_on
    }
}

/// A file's overall result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// No error or warning finding (waived ones aside).
    Pass,
    /// At least one unwaived error.
    Fail,
    /// Warnings, no errors.
    Warn,
}

impl Status {
    /// `pass`, `fail` or `warn`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Warn => "warn",
        }
    }
}

/// Everything the engine found in one file.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The path as given by the user (or the `--stdin-filename`).
    pub path: String,
    /// The file's text (empty when it could not be decoded), for rendering excerpts.
    pub text: Arc<str>,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// The arrangement's decision date, when it could be read.
    pub decision_date: Option<NaiveDate>,
    /// The date whose law was applied (`--as-of`, else the decision date).
    pub law_as_of: Option<NaiveDate>,
    /// The findings, ordered by position then code.
    pub findings: Vec<Finding>,
    /// Whether it was checked as a public record (only the rules a published notice can show).
    pub public_record: bool,
    /// Built on first use: most files have no findings and never need it.
    line_index: std::sync::OnceLock<LineIndex>,
    /// Positions kept by [`FileReport::compact`] once the text is dropped: (offset, position).
    positions: Vec<(usize, LineCol)>,
    /// Each finding's fingerprint, kept by [`FileReport::compact`] once the text is dropped.
    fingerprints: Vec<String>,
}

impl FileReport {
    /// A report for `path` with `text`; findings are added by the engine.
    pub fn new(path: String, text: Arc<str>, sha256: String) -> Self {
        let line_index = std::sync::OnceLock::new();
        FileReport {
            path,
            text,
            sha256,
            decision_date: None,
            law_as_of: None,
            findings: Vec::new(),
            public_record: false,
            line_index,
            positions: Vec::new(),
            fingerprints: Vec::new(),
        }
    }

    /// Line and column (1-based; columns in Unicode scalar values) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> LineCol {
        if self.text.is_empty() && !self.positions.is_empty() {
            return match self.positions.binary_search_by_key(&offset, |(o, _)| *o) {
                Ok(i) => self.positions[i].1,
                Err(_) => LineCol { line: 1, column: 1 },
            };
        }
        self.index().line_col(&self.text, offset)
    }

    fn index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(&self.text))
    }

    /// Drops the file's text, keeping the line and column of every offset a finding refers to,
    /// so that a run over many files holds only their findings. Excerpts can no longer be shown.
    pub fn compact(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let mut offsets: Vec<usize> = Vec::new();
        for f in &self.findings {
            offsets.push(0);
            if let Some(s) = f.span {
                offsets.extend([s.start, s.end]);
            }
            for r in &f.related {
                offsets.extend([r.span.start, r.span.end]);
            }
        }
        offsets.sort_unstable();
        offsets.dedup();
        self.positions = offsets
            .into_iter()
            .map(|o| (o, self.index().line_col(&self.text, o)))
            .collect();
        self.fingerprints = (0..self.findings.len())
            .map(|i| self.fingerprint(i))
            .collect();
        self.text = Arc::from("");
        self.line_index = std::sync::OnceLock::new();
    }

    /// Drops what only a renderer reads (the text, messages, help, traces, related labels,
    /// citations, field paths, positions), keeping each finding's code, name, severity and
    /// waiver: enough for the summary, the exit status and `--statistics` once the file's part
    /// of a report is written. (Unlike [`Self::compact`], it works out no positions.)
    pub fn keep_counts_only(&mut self) {
        for f in &mut self.findings {
            f.message = String::new();
            f.help = None;
            f.span = None;
            f.field = None;
            f.citation = None;
            f.related = Vec::new();
            f.trace = Vec::new();
        }
        self.positions = Vec::new();
        self.fingerprints = Vec::new();
        self.text = Arc::from("");
        self.line_index = std::sync::OnceLock::new();
    }

    /// A fingerprint of finding `index` that stays the same when unrelated parts of the file
    /// change (lines added above it, other values edited): SHA-256 (lowercase hex) of its code,
    /// its field path and the text it points at with runs of white space made one space. Never
    /// a line or column. Empty for an index out of range, or after [`Self::keep_counts_only`].
    pub fn fingerprint(&self, index: usize) -> String {
        let Some(f) = self.findings.get(index) else {
            return String::new();
        };
        if self.text.is_empty() && !self.fingerprints.is_empty() {
            return self.fingerprints.get(index).cloned().unwrap_or_default();
        }
        let offending = f
            .span
            .and_then(|s| self.text.get(s.start..s.end))
            .unwrap_or_default();
        let normalised = offending.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = format!(
            "{}\0{}\0{}",
            f.code,
            f.field.as_deref().unwrap_or_default(),
            normalised
        );
        crate::engine::sha256_hex(key.as_bytes())
    }

    /// The file's status.
    pub fn status(&self) -> Status {
        let live = || self.findings.iter().filter(|f| f.waived.is_none());
        if live().any(|f| f.severity == Severity::Error) {
            Status::Fail
        } else if live().any(|f| f.severity == Severity::Warning) {
            Status::Warn
        } else {
            Status::Pass
        }
    }

    /// Orders the findings by line and column (a file-level finding counts as line 1, column 1),
    /// then code, then the rest, so that the same input always gives the same order.
    pub fn sort(&mut self) {
        let mut keyed: Vec<((usize, usize), Finding)> = std::mem::take(&mut self.findings)
            .into_iter()
            .map(|f| {
                let lc = self.line_col(f.span.map_or(0, |s| s.start));
                ((lc.line, lc.column), f)
            })
            .collect();
        keyed.sort_by(|(ka, a), (kb, b)| {
            (
                ka,
                &a.code,
                a.span.map(|s| (s.start, s.end)),
                &a.field,
                &a.message,
            )
                .cmp(&(
                    kb,
                    &b.code,
                    b.span.map(|s| (s.start, s.end)),
                    &b.field,
                    &b.message,
                ))
        });
        self.findings = keyed.into_iter().map(|(_, f)| f).collect();
    }
}
