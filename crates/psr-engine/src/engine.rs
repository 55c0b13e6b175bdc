//! Checking one arrangement file: read, validate against the schema, evaluate every rule in force
//! on the law date, apply waivers, and order the findings.

use crate::codes::EngineCode;
use crate::document::{validate, Document};
use crate::eval::{EvalError, Evaluator};
use crate::finding::{FileReport, Finding, RelatedLabel, Severity, TraceStep, WaiverInfo};
use crate::format::format_value;
use chrono::NaiveDate;
use psr_lang::{Citation, Origin, Program, Rule, TemplatePart, Type, Val, Value};
use psr_source::{Limits, Node, NodeKind, Span, Syntax};
use std::sync::Arc;

/// How to check.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// Apply the law in force on this date instead of each file's decision date.
    pub as_of: Option<NaiveDate>,
    /// Today's date, for waiver expiry.
    pub today: NaiveDate,
    /// The largest file accepted, in bytes.
    pub max_file_size: u64,
    /// Nesting and list-length limits.
    pub limits: Limits,
}

impl CheckOptions {
    /// Default limits (10 MiB, depth 64, lists of 10,000), checking on `today`.
    pub fn new(today: NaiveDate) -> Self {
        CheckOptions {
            as_of: None,
            today,
            max_file_size: 10 * 1024 * 1024,
            limits: Limits::default(),
        }
    }
}

/// An arrangement file to check.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path to show.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl SourceFile {
    /// The syntax its name says; an unknown name is guessed from the content.
    pub fn syntax(&self) -> Syntax {
        let lower = self.path.to_ascii_lowercase();
        if lower.ends_with(".json") {
            Syntax::Json
        } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Syntax::Yaml
        } else if lower.ends_with(".toml") {
            Syntax::Toml
        } else {
            guess_syntax(&self.bytes)
        }
    }
}

/// The syntax of a text without a telling name (standard input), from its first line that is
/// neither blank nor a comment: `{` opens JSON; `---`, `- item` or `key: value` is YAML; anything
/// else (`key = value`, `[table]`) is TOML.
fn guess_syntax(bytes: &[u8]) -> Syntax {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    let Some(line) = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
    else {
        return Syntax::Toml;
    };
    if line.starts_with('{') {
        return Syntax::Json;
    }
    if line.starts_with("---") || line.starts_with("- ") || line == "-" {
        return Syntax::Yaml;
    }
    // `key: value` or `key:`, with no `=` before the colon (TOML would have one).
    let yaml_key = line.split_once(':').is_some_and(|(key, rest)| {
        !key.is_empty()
            && !key.contains('=')
            && !key.starts_with('[')
            && (rest.is_empty() || rest.starts_with(' '))
    });
    if yaml_key {
        Syntax::Yaml
    } else {
        Syntax::Toml
    }
}

#[cfg(test)]
mod guess_tests {
    use super::{guess_syntax, Syntax};

    #[test]
    fn syntax_is_guessed_from_the_first_line_that_says() {
        assert_eq!(guess_syntax(b"# c\nformat: 1\n"), Syntax::Yaml);
        assert_eq!(guess_syntax(b"---\nformat: 1\n"), Syntax::Yaml);
        assert_eq!(guess_syntax(b"format = 1\n"), Syntax::Toml);
        assert_eq!(guess_syntax(b"title = \"a: b\"\n"), Syntax::Toml);
        assert_eq!(guess_syntax(b"[arrangement]\n"), Syntax::Toml);
        assert_eq!(guess_syntax(b"  {\"format\": 1}"), Syntax::Json);
        assert_eq!(guess_syntax(b""), Syntax::Toml);
    }
}

/// A compiled program ready to check files; cheap to share between threads.
#[derive(Debug)]
pub struct Engine {
    program: Arc<Program>,
    decision_date: Option<(u32, u32)>,
    waivers_field: Option<u32>,
    format_field: Option<u32>,
    indexes: crate::index::TableIndexes,
}

impl Engine {
    /// Prepares `program`. The schema's root is expected to have `format`,
    /// `arrangement.decision_date` and `waivers` (format 1); where it lacks them, the law date
    /// must come from `--as-of` and waivers are not read.
    pub fn new(program: Arc<Program>) -> Self {
        let schema = &program.schema;
        let root = schema.root.map(|r| schema.record(r));
        let field = |name: &str| root.and_then(|r| r.field_index(name)).map(|i| i as u32);
        let decision_date = field("arrangement").and_then(|a| {
            let Type::Record(rid) = root?.fields[a as usize].ty.strip_optional().clone() else {
                return None;
            };
            let d = schema.record(rid).field_index("decision_date")?;
            Some((a, d as u32))
        });
        let waivers_field = field("waivers");
        let format_field = field("format");
        let indexes = crate::index::TableIndexes::build(&program);
        Engine {
            program,
            decision_date,
            waivers_field,
            format_field,
            indexes,
        }
    }

    /// The same engine without table indexes: every table lookup scans. The results are the
    /// same (a test holds the two to it); this exists to prove that.
    pub fn scanning_only(mut self) -> Self {
        self.indexes = crate::index::TableIndexes::default();
        self
    }

    /// The program.
    pub fn program(&self) -> &Program {
        &self.program
    }

    /// Checks one file.
    pub fn check(&self, file: &SourceFile, options: &CheckOptions) -> FileReport {
        let sha = sha256_hex(&file.bytes);
        if file.bytes.len() as u64 > options.max_file_size {
            let mut r = FileReport::new(file.path.clone(), Arc::from(""), sha);
            r.findings.push(engine_finding(
                EngineCode::TooLarge,
                None,
                format!("the file is {} bytes, over the limit of {} bytes", file.bytes.len(), options.max_file_size),
                "arrangement files are small; raise `max_file_size` in psrlint.toml only if this file really is one",
            ));
            return r;
        }
        let text = match psr_source::decode(&file.bytes) {
            Ok(t) => t,
            Err(e) => {
                // The text up to the bad byte is intact in a lossy copy, so the finding can
                // point at it (a zero-width span: the byte itself cannot be shown).
                // A binary file (a NUL byte early on, as git judges) is no text: it gets no
                // excerpt and no line.
                if let Some(nul) = file.bytes.iter().take(8000).position(|b| *b == 0) {
                    let mut r = FileReport::new(file.path.clone(), Arc::from(""), sha);
                    r.findings.push(engine_finding(
                        EngineCode::NotUtf8,
                        None,
                        format!("the file is binary, not text (a NUL byte at offset {nul}, and bytes that are not UTF-8)"),
                        "check that this is the arrangement file you meant; arrangement files are UTF-8 text",
                    ));
                    return r;
                }
                let lossy: Arc<str> = Arc::from(String::from_utf8_lossy(&file.bytes).as_ref());
                let mut r = FileReport::new(file.path.clone(), lossy, sha);
                let mut f = engine_finding(
                    EngineCode::NotUtf8,
                    Some(Span::new(e.offset, e.offset)),
                    e.to_string(),
                    "save the file as UTF-8",
                );
                f.message = format!(
                    "the file is not UTF-8: invalid byte at offset {} (line {})",
                    e.offset, e.line
                );
                r.findings.push(f);
                return r;
            }
        };
        let mut report = FileReport::new(file.path.clone(), Arc::from(text), sha);
        let node = match psr_source::parse(file.syntax(), text, &options.limits) {
            Ok(n) => n,
            Err(e) => {
                let code = match e.kind {
                    psr_source::SyntaxErrorKind::TooDeep
                    | psr_source::SyntaxErrorKind::ListTooLong => EngineCode::TooDeep,
                    _ => EngineCode::Syntax,
                };
                let syntax = match file.syntax() {
                    Syntax::Toml => "TOML",
                    Syntax::Json => "JSON",
                    Syntax::Yaml => "YAML",
                };
                let help = e
                    .help
                    .clone()
                    .unwrap_or_else(|| format!("fix the {syntax} syntax here"));
                report.findings.push(engine_finding(
                    code,
                    Some(e.span),
                    format!("invalid {syntax}: {}", e.message),
                    &help,
                ));
                return report;
            }
        };
        self.check_node(&mut report, &node, file.syntax(), options);
        report.sort();
        report
    }

    fn check_node(
        &self,
        report: &mut FileReport,
        node: &Node,
        syntax: Syntax,
        options: &CheckOptions,
    ) {
        let format_line = match syntax {
            Syntax::Toml => "`format = 1`",
            Syntax::Json => "`\"format\": 1`",
            Syntax::Yaml => "`format: 1`",
        };
        if self.format_field.is_some() {
            match node.get("format") {
                None => {
                    let span = if matches!(node.kind, NodeKind::Table(_)) {
                        None
                    } else {
                        Some(node.span)
                    };
                    report.findings.push(engine_finding(
                        EngineCode::MissingFormat,
                        span,
                        "the file does not say which arrangement format it uses".into(),
                        &format!("add {format_line} at the top of the file"),
                    ));
                    return;
                }
                Some(e) => {
                    if !matches!(&e.value.kind, NodeKind::Integer(t) if t == "1") {
                        report.findings.push(engine_finding(
                            EngineCode::UnknownFormat,
                            Some(e.value.span),
                            format!(
                                "unknown arrangement format `{}`",
                                report
                                    .text
                                    .get(e.value.span.start..e.value.span.end)
                                    .unwrap_or("?")
                            ),
                            &format!("this psrlint reads format 1: write {format_line}"),
                        ));
                        return;
                    }
                }
            }
        }
        let (doc, findings) = validate(&self.program.schema, node);
        if let Some(date) = self.decision_date(&doc) {
            report.decision_date = Some(date);
        }
        if !findings.is_empty() {
            report.findings.extend(findings);
            return;
        }
        let Some(law_date) = options.as_of.or(report.decision_date) else {
            return;
        };
        report.law_as_of = Some(law_date);
        let mut ev =
            Evaluator::new(&self.program, doc.root.clone(), law_date).with_indexes(&self.indexes);
        let mut steps = Vec::with_capacity(16);
        for rule in &self.program.rules {
            if rule.in_force_on(law_date) {
                if let Some(f) = self.check_rule(rule, &mut ev, &doc, &mut steps) {
                    report.findings.push(f);
                }
            }
        }
        self.apply_waivers(report, &doc, options.today);
    }

    fn decision_date(&self, doc: &Document) -> Option<NaiveDate> {
        let (a, d) = self.decision_date?;
        let Value::Record(root) = &doc.root.value else {
            return None;
        };
        let Value::Record(arr) = &root.get(a as usize)?.value else {
            return None;
        };
        match arr.get(d as usize)?.value {
            Value::Date(date) => Some(date),
            _ => None,
        }
    }

    /// Evaluates one rule; `Some` when it fires, cannot be checked, or fails to evaluate.
    fn check_rule(
        &self,
        rule: &Rule,
        ev: &mut Evaluator<'_>,
        doc: &Document,
        steps: &mut Vec<Step>,
    ) -> Option<Finding> {
        steps.clear();
        let outcome = self.rule_fires(rule, ev, steps);
        if matches!(outcome, Ok(Outcome::Holds)) {
            return None;
        }
        let trace = explain(rule, steps);
        match outcome {
            Ok(Outcome::Holds) => None,
            Ok(Outcome::Fires) => Some(self.finding(rule, ev, doc, trace, None)),
            Ok(Outcome::Missing(path, origin)) => {
                let mut f = self.finding(rule, ev, doc, trace, Some(origin));
                // A fact that is not recorded is never by itself a breach of the provision the
                // rule checks: the finding says the rule could not be checked, as a warning at
                // most. Where reg 24 requires the record, a rule of its own reports the gap.
                f.severity = f.severity.min(Severity::Warning);
                f.message = format!(
                    "`{path}` is not recorded, so this cannot be checked: {}",
                    rule.summary
                );
                f.help = Some(format!("record `{path}` in the arrangement file"));
                f.field = Some(path);
                f.related.clear();
                Some(f)
            }
            Err(EvalError(why)) => {
                let mut f = self.finding(rule, ev, doc, trace, None);
                f.message = format!("this cannot be checked ({why}): {}", rule.summary);
                f.help = Some("correct or complete the values this rule reads, or run with --explain to see them".into());
                f.related.clear();
                Some(f)
            }
        }
    }

    fn rule_fires(
        &self,
        rule: &Rule,
        ev: &mut Evaluator<'_>,
        steps: &mut Vec<Step>,
    ) -> Result<Outcome, EvalError> {
        for (i, c) in rule.when.iter().enumerate() {
            let held = ev.bool(&c.expr)?;
            steps.push(Step::When(i, held));
            if !held {
                return Ok(Outcome::Holds);
            }
        }
        for (i, (e, path)) in rule.needs.iter().enumerate() {
            let v = ev.eval(e)?;
            let recorded = v.value.is_present();
            steps.push(Step::Needs(i, recorded));
            if !recorded {
                return Ok(Outcome::Missing(path.clone(), v.origin));
            }
        }
        for (i, c) in rule.assertion.iter().enumerate() {
            let held = ev.bool(&c.expr)?;
            steps.push(Step::Assert(i, held));
            if !held {
                // `require: a and b` fails at the first false part; `forbid: a and b` is cleared by it.
                return Ok(if rule.require {
                    Outcome::Fires
                } else {
                    Outcome::Holds
                });
            }
        }
        Ok(if rule.require {
            Outcome::Holds
        } else {
            Outcome::Fires
        })
    }

    fn finding(
        &self,
        rule: &Rule,
        ev: &mut Evaluator<'_>,
        doc: &Document,
        trace: Vec<TraceStep>,
        at_origin: Option<Origin>,
    ) -> Finding {
        let schema = &self.program.schema;
        let at = at_origin
            .map(|o| Val::at(Value::Absent, o))
            .unwrap_or_else(|| ev.eval(&rule.at).unwrap_or(Val::new(Value::Absent)));
        let (span, field) = self.locate(doc, &at, rule.at_path.as_deref());
        let mut related = Vec::new();
        for r in &rule.related {
            if let Ok(v) = ev.eval(&r.expr) {
                if v.value.is_present() {
                    if let Some(s) = doc.span_of(v.origin) {
                        if Some(s) != span {
                            related.push(RelatedLabel {
                                field: r.path.clone().or_else(|| doc.path(schema, v.origin)),
                                span: s,
                                message: r.label.clone(),
                            });
                        }
                    }
                }
            }
        }
        let message = self.render(&rule.message, ev);
        let help = self.render(&rule.help, ev);
        Finding {
            code: rule.code.clone(),
            name: rule.name.clone(),
            severity: rule.severity,
            message,
            help: Some(help),
            span,
            field,
            citation: applicable_citation(rule, ev),
            related,
            trace,
            waived: None,
        }
    }

    /// The span and field path for a location value: its own span when recorded; when absent,
    /// the key of the nearest recorded record that should contain it.
    fn locate(
        &self,
        doc: &Document,
        v: &Val,
        static_path: Option<&str>,
    ) -> (Option<Span>, Option<String>) {
        let schema = &self.program.schema;
        if v.value.is_present() {
            (
                doc.span_of(v.origin),
                doc.path(schema, v.origin)
                    .or_else(|| static_path.map(String::from)),
            )
        } else {
            (
                doc.key_span_of(v.origin),
                static_path
                    .map(String::from)
                    .or_else(|| doc.path(schema, v.origin)),
            )
        }
    }

    fn render(&self, parts: &[TemplatePart], ev: &mut Evaluator<'_>) -> String {
        let mut out = String::new();
        for p in parts {
            match p {
                TemplatePart::Text(t) => out.push_str(t),
                TemplatePart::Value(e, ty) => match ev.eval(e) {
                    Ok(v) => out.push_str(&format_value(&self.program.schema, ty, &v.value)),
                    Err(_) => out.push_str("(cannot be computed)"),
                },
            }
        }
        out
    }

    fn apply_waivers(&self, report: &mut FileReport, doc: &Document, today: NaiveDate) {
        let Some(wf) = self.waivers_field else { return };
        let Value::Record(root) = &doc.root.value else {
            return;
        };
        let Some(Value::List(waivers)) = root.get(wf as usize).map(|v| &v.value) else {
            return;
        };
        let mut extra = Vec::new();
        for w in waivers.iter() {
            let Value::Record(fields) = &w.value else {
                continue;
            };
            let text = |i: usize| match fields.get(i).map(|v| &v.value) {
                Some(Value::Text(t)) => t.to_string(),
                _ => String::new(),
            };
            let (code, reason, approved_by) = (text(0), text(1), text(2));
            let expires = match fields.get(3).map(|v| &v.value) {
                Some(Value::Date(d)) => *d,
                _ => continue,
            };
            let code_span = fields.first().and_then(|v| doc.span_of(v.origin));
            let matched: Vec<usize> = report
                .findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.code.eq_ignore_ascii_case(&code))
                .map(|(i, _)| i)
                .collect();
            if matched.is_empty() {
                let mut f = engine_finding(
                    EngineCode::UnusedWaiver,
                    code_span,
                    format!("the waiver for `{code}` matches no finding in this file"),
                    "remove the waiver, or correct its code",
                );
                f.field = code_span
                    .and(fields.first())
                    .and_then(|v| doc.path(&self.program.schema, v.origin));
                extra.push(f);
                continue;
            }
            if expires < today {
                let exp_span = fields.get(3).and_then(|v| doc.span_of(v.origin));
                let mut f = engine_finding(
                    EngineCode::ExpiredWaiver,
                    exp_span,
                    format!("the waiver for `{code}` expired on {expires}, so the finding is reported again"),
                    "fix the finding, or renew the waiver with a new approval and expiry",
                );
                f.field = fields
                    .get(3)
                    .and_then(|v| doc.path(&self.program.schema, v.origin));
                extra.push(f);
                continue;
            }
            for i in matched {
                report.findings[i].waived = Some(WaiverInfo {
                    reason: reason.clone(),
                    approved_by: approved_by.clone(),
                    expires,
                });
            }
        }
        report.findings.extend(extra);
    }
}

enum Outcome {
    Holds,
    Fires,
    Missing(String, Origin),
}

/// One evaluated condition, recorded cheaply while a rule is evaluated (most rules hold and
/// their trace is never shown): the clause, the condition's index in it, and its outcome.
#[derive(Clone, Copy)]
enum Step {
    When(usize, bool),
    Needs(usize, bool),
    Assert(usize, bool),
}

/// The explanation trace of a rule that fired, from its recorded steps.
fn explain(rule: &Rule, steps: &[Step]) -> Vec<TraceStep> {
    let assert_clause = if rule.require { "require" } else { "forbid" };
    steps
        .iter()
        .map(|s| match *s {
            Step::When(i, held) => TraceStep {
                clause: "when",
                condition: rule.when[i].text.clone(),
                outcome: held.to_string(),
            },
            Step::Needs(i, recorded) => TraceStep {
                clause: "needs",
                condition: rule.needs[i].1.clone(),
                outcome: if recorded { "recorded" } else { "not recorded" }.into(),
            },
            Step::Assert(i, held) => TraceStep {
                clause: assert_clause,
                condition: rule.assertion[i].text.clone(),
                outcome: held.to_string(),
            },
        })
        .collect()
}

/// The citation that applies to this case: the first whose `cite when` condition holds, or the
/// unguarded one. A condition that cannot be evaluated does not hold.
fn applicable_citation(rule: &Rule, ev: &mut Evaluator<'_>) -> Option<Citation> {
    rule.citations
        .iter()
        .find(|c| {
            c.when
                .as_ref()
                .is_none_or(|w| ev.bool(&w.expr).unwrap_or(false))
        })
        .map(|c| c.citation.clone())
}

/// A finding of the engine's own.
pub(crate) fn engine_finding(
    code: EngineCode,
    span: Option<Span>,
    message: String,
    help: &str,
) -> Finding {
    Finding {
        code: code.code().into(),
        name: code.name().into(),
        severity: code.severity(),
        message,
        help: Some(help.into()),
        span,
        field: None,
        citation: None,
        related: Vec::new(),
        trace: Vec::new(),
        waived: None,
    }
}

/// A finding for a file that could not be read at all.
pub fn unreadable(path: &str, why: &str) -> FileReport {
    let mut r = FileReport::new(path.to_string(), Arc::from(""), String::new());
    r.findings.push(engine_finding(
        EngineCode::Unreadable,
        None,
        format!("cannot read the file: {why}"),
        "check the path and its permissions",
    ));
    r
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
