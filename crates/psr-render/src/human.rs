//! `--format human`: miette's graphical report for each finding (source excerpt, labels, help,
//! citation), then a one-line summary.

use crate::emit::{Emitter, FileStream, Part};
use crate::excerpt;
use crate::safe::{printable, SafeText};
use crate::Summary;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use psr_engine::{FileReport, Finding, Severity};
use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

/// How to draw the human report.
#[derive(Clone, Debug)]
pub struct HumanOptions {
    /// Use colour and hyperlinks (only on a terminal, and never with `NO_COLOR`).
    pub color: bool,
    /// Width to wrap at.
    pub width: usize,
    /// Show each finding's explanation trace.
    pub explain: bool,
    /// Print nothing when there is nothing to report.
    pub quiet: bool,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
            explain: false,
            quiet: false,
        }
    }
}

struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    /// The file's text made printable, named by its printable path.
    source: psr_source::NamedText,
    /// The message, printable.
    message: String,
    help: String,
    /// The finding's span in the printable text.
    span: Option<psr_source::Span>,
    /// The related labels, printable, with their spans in the printable text.
    related: Vec<(String, psr_source::Span)>,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.finding.waived.is_some() {
            write!(f, "{} (waived)", self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}({})",
            self.finding.code, self.finding.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error if self.finding.waived.is_none() => miette::Severity::Error,
            Severity::Error | Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.help.is_empty()).then(|| Box::new(&self.help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.span.map(|_| &self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        let primary_label = self
            .finding
            .field
            .as_deref()
            .map(|f| format!("`{}`", printable(f, true)));
        let primary = LabeledSpan::new_primary_with_span(primary_label, span);
        let related = self
            .related
            .iter()
            .map(|(m, s)| LabeledSpan::new_with_span(Some(m.clone()), *s));
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

fn help_text(f: &Finding, explain: bool, links: bool) -> String {
    // Each piece is made printable; the law line's URL after that: on a terminal it is a
    // hyperlink (OSC 8), whose escape sequences must reach the terminal.
    let mut lines: Vec<String> = Vec::new();
    if let Some(h) = &f.help {
        lines.push(printable(h, false).into_owned());
    }
    if let Some(c) = &f.citation {
        let url = printable(&c.url, true);
        let shown = if links {
            format!("\u{1b}]8;;{url}\u{1b}\\{url}\u{1b}]8;;\u{1b}\\")
        } else {
            url.to_string()
        };
        lines.push(format!(
            "law: {}, {} <{shown}>",
            printable(&c.instrument, true),
            printable(&c.provision, true)
        ));
    }
    if let Some(w) = &f.waived {
        lines.push(
            printable(
                &format!(
                    "waived by {} until {}: {}",
                    w.approved_by, w.expires, w.reason
                ),
                false,
            )
            .into_owned(),
        );
    }
    if explain && !f.trace.is_empty() {
        lines.push("why:".into());
        for t in &f.trace {
            // A described definition reads in its words; the condition as the rule writes it
            // stays, on the line below, for the rule's authors.
            let step = match &t.words {
                Some(w) => format!(
                    "  {} {} → {}\n    [{}]",
                    t.clause, w.description, w.holds, t.condition
                ),
                None => format!("  {} {} → {}", t.clause, t.condition, t.outcome),
            };
            lines.extend(step.lines().map(|l| printable(l, true).into_owned()));
        }
    }
    lines.join("\n")
}

/// Renders one file's findings.
fn render_file(file: &FileReport, options: &HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Lines wrap at spaces only, and a word longer than the line is never broken: a URL stays
    // whole, so that it can be clicked and copied.
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    if file.findings.is_empty() {
        return Ok(());
    }
    // Every byte shown from the user's file (its text, its path, values quoted in messages) is
    // made printable first.
    let safe = SafeText::new(&file.text);
    let text: Arc<str> = match &safe.text {
        Cow::Borrowed(_) => Arc::clone(&file.text),
        Cow::Owned(t) => Arc::from(t.as_str()),
    };
    let path = printable(&file.path, true);
    // One source for every finding of the file: its clones share the index of its lines.
    let source = psr_source::NamedText::new(path.to_string(), text);
    for f in &file.findings {
        // A span on a line too long to show is named by its line and column instead.
        let shown = f.span.filter(|s| excerpt::fits(&file.text, *s));
        let diag = FindingDiagnostic {
            finding: f,
            source: source.clone(),
            message: printable(&f.message, false).into_owned(),
            help: help_text(f, options.explain, options.color),
            span: shown.map(|s| safe.span(s)),
            related: f
                .related
                .iter()
                .filter(|r| excerpt::fits(&file.text, r.span))
                .map(|r| (printable(&r.message, true).into_owned(), safe.span(r.span)))
                .collect(),
        };
        let mut s = String::new();
        handler
            .render_report(&mut s, &diag)
            .map_err(|_| io::Error::other("cannot render a finding"))?;
        match (f.span, shown) {
            (None, _) => writeln!(out, "{path}:")?,
            (Some(s), None) => {
                let at = file.line_col(s.start);
                writeln!(
                    out,
                    "{path}:{}:{} (not shown: a line here is too long to show)",
                    at.line, at.column
                )?;
            }
            (Some(_), Some(_)) => {}
        }
        writeln!(out, "{s}")?;
    }
    Ok(())
}

/// The human format, drawn with these options. Streams: each file's findings are drawn by the
/// thread that checked it and written in its turn; the summary line ends the run.
pub struct HumanEmitter(pub HumanOptions);

impl Emitter for HumanEmitter {
    fn part(&self, file: &FileReport) -> io::Result<Part> {
        let mut text = Vec::new();
        render_file(file, &self.0, &mut text)?;
        Ok(Part::now(crate::pretty::exact(&text)?))
    }

    fn begin(&self, _out: &mut dyn Write) -> io::Result<Box<dyn FileStream + '_>> {
        Ok(Box::new(Findings(&self.0)))
    }
}

/// The files' findings, then the summary line.
struct Findings<'a>(&'a HumanOptions);

impl FileStream for Findings<'_> {
    fn file(&mut self, _file: &FileReport, part: Part, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(part.now.as_bytes())
    }

    fn finish(self: Box<Self>, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        render_summary(summary, self.0, out)
    }
}

/// Writes the one-line summary of a run whose files were rendered already.
fn render_summary(s: &Summary, options: &HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    let failing = s.files_with_findings;
    let files = plural(s.files, "file");
    if s.errors + s.warnings + s.infos == 0 {
        if !options.quiet {
            let waived = if s.waived > 0 {
                format!(" ({} waived)", plural(s.waived, "finding"))
            } else {
                String::new()
            };
            writeln!(out, "All checks passed: {files}{waived}.")?;
        }
        return Ok(());
    }
    let mut parts = Vec::new();
    if s.errors > 0 {
        parts.push(plural(s.errors, "error"));
    }
    if s.warnings > 0 {
        parts.push(plural(s.warnings, "warning"));
    }
    if s.infos > 0 {
        parts.push(plural(s.infos, "info"));
    }
    let waived = if s.waived > 0 {
        format!("; {} waived", s.waived)
    } else {
        String::new()
    };
    writeln!(
        out,
        "Found {} in {failing} of {files}{waived}.",
        parts.join(", ")
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
