//! Checking one arrangement file: read, validate against the schema, evaluate every rule in force
//! on the law date, apply waivers, and order the findings.

use crate::codes::EngineCode;
use crate::document::{validate, Document};
use crate::eval::Evaluator;
use crate::finding::{FileReport, Finding};
use crate::reading::Reading;
use crate::run::{FirstPass, RunIndex};
use chrono::NaiveDate;
use psr_lang::{Program, Type, Val, Value};
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
    /// Check every file as a public record (`--public-record`): apply only the rules the packs
    /// list in their `public_record_rules` table. A file with `imported_from` is always checked
    /// so.
    pub public_record: bool,
}

impl CheckOptions {
    /// Default limits (10 MiB, depth 64, lists of 10,000), checking on `today`.
    pub fn new(today: NaiveDate) -> Self {
        CheckOptions {
            as_of: None,
            today,
            max_file_size: 10 * 1024 * 1024,
            limits: Limits::default(),
            public_record: false,
        }
    }
}

mod pack_when;
mod rules;
mod source;

use pack_when::{Applies, PackGroups};

pub use source::SourceFile;

/// A compiled program ready to check files; cheap to share between threads.
#[derive(Debug)]
pub struct Engine {
    program: Arc<Program>,
    decision_date: Option<(u32, u32)>,
    reference: Option<(u32, u32)>,
    waivers_field: Option<u32>,
    format_field: Option<u32>,
    imported_field: Option<u32>,
    public_record: crate::public_record::PublicRecord,
    /// What evaluation builds once per run: table indexes, the working-day table.
    prepared: crate::eval::Prepared,
    /// Which rules share a pack `when:`, decided once per file.
    pack_groups: PackGroups,
}

impl Engine {
    /// Prepares `program`. The schema's root is expected to have `format`,
    /// `arrangement.decision_date` and `waivers` (format 1); where it lacks them, the law date
    /// must come from `--as-of` and waivers are not read.
    pub fn new(program: Arc<Program>) -> Self {
        let schema = &program.schema;
        let root = schema.root.map(|r| schema.record(r));
        let field = |name: &str| root.and_then(|r| r.field_index(name)).map(|i| i as u32);
        let arrangement_field = |name: &str| {
            field("arrangement").and_then(|a| {
                let Type::Record(rid) = root?.fields[a as usize].ty.strip_optional().clone() else {
                    return None;
                };
                let d = schema.record(rid).field_index(name)?;
                Some((a, d as u32))
            })
        };
        let decision_date = arrangement_field("decision_date");
        let reference = arrangement_field("reference");
        let waivers_field = field("waivers");
        let format_field = field("format");
        let imported_field = field("imported_from");
        let public_record = crate::public_record::PublicRecord::from_program(&program);
        let prepared = crate::eval::Prepared::new(&program);
        let pack_groups = PackGroups::new(&program.rules);
        Engine {
            program,
            decision_date,
            reference,
            waivers_field,
            format_field,
            imported_field,
            public_record,
            prepared,
            pack_groups,
        }
    }

    /// The same engine without table indexes: every table lookup scans. The results are the
    /// same (a test holds the two to it); this exists to prove that.
    pub fn scanning_only(mut self) -> Self {
        self.prepared = crate::eval::Prepared::scanning_only();
        self
    }

    /// The program.
    pub fn program(&self) -> &Program {
        &self.program
    }

    /// Checks one file as a run of its own: rules that read other files of the run
    /// (`files_with_reference`) see only this one.
    pub fn check(&self, file: &SourceFile, options: &CheckOptions) -> FileReport {
        self.check_run(std::slice::from_ref(file), options)
            .pop()
            .unwrap_or_else(|| unreadable(&file.path, "it was not checked"))
    }

    /// Checks `file` on its own, the first of a run's two passes (see [`crate::run`]).
    pub fn check_first(&self, file: &SourceFile, options: &CheckOptions) -> FirstPass {
        let mut pass = FirstPass::empty();
        pass.report = self.read_and_check(file, options, None, &mut pass, &mut |_| {});
        pass
    }

    /// Checks one file on its own (the first pass only: rules that read other files of the run
    /// see none) and, when it is a valid arrangement, hands `read` its values and the packs'
    /// definitions over it (after the rules, so definitions they used are not evaluated again).
    /// `read` is not called for a file with syntax or schema findings.
    pub fn check_reading(
        &self,
        file: &SourceFile,
        options: &CheckOptions,
        read: &mut dyn FnMut(&mut Reading<'_, '_>),
    ) -> FileReport {
        let mut pass = FirstPass::empty();
        self.read_and_check(file, options, None, &mut pass, read)
    }

    /// Checks `file` again, with the other files of its run in `run`.
    pub fn check_in_run(
        &self,
        file: &SourceFile,
        options: &CheckOptions,
        run: &RunIndex,
    ) -> FileReport {
        let mut pass = FirstPass::empty();
        self.read_and_check(file, options, Some(run), &mut pass, &mut |_| {})
    }

    /// The reference and root value of `file` when it is a valid arrangement file with a
    /// reference: what other files of its run may ask for.
    pub fn referable(&self, file: &SourceFile, options: &CheckOptions) -> Option<(Arc<str>, Val)> {
        if file.bytes.len() as u64 > options.max_file_size {
            return None;
        }
        let text = psr_source::decode(&file.bytes).ok()?;
        let node = psr_source::parse(file.syntax(), text, &options.limits).ok()?;
        if self.format_field.is_some()
            && !matches!(node.get("format").map(|e| &e.value.kind), Some(NodeKind::Integer(t)) if t == "1")
        {
            return None;
        }
        let (doc, findings) = validate(&self.program.schema, &node);
        if !findings.is_empty() {
            return None;
        }
        let reference = self.reference(&doc)?;
        Some((reference, doc.root))
    }

    fn read_and_check(
        &self,
        file: &SourceFile,
        options: &CheckOptions,
        run: Option<&RunIndex>,
        pass: &mut FirstPass,
        read: &mut dyn FnMut(&mut Reading<'_, '_>),
    ) -> FileReport {
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
        self.check_node(&mut report, &node, file.syntax(), options, run, pass, read);
        report.sort();
        report
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "the run, its first pass and the reading callback are threaded through one private step"
    )]
    fn check_node(
        &self,
        report: &mut FileReport,
        node: &Node,
        syntax: Syntax,
        options: &CheckOptions,
        run: Option<&RunIndex>,
        pass: &mut FirstPass,
        read: &mut dyn FnMut(&mut Reading<'_, '_>),
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
        pass.reference = self.reference(&doc);
        if !findings.is_empty() {
            report.findings.extend(findings);
            return;
        }
        let Some(law_date) = options.as_of.or(report.decision_date) else {
            return;
        };
        report.law_as_of = Some(law_date);
        let public = options.public_record || self.is_imported(&doc);
        report.public_record = public;
        let mut ev = Evaluator::new(&self.program, &self.prepared, doc.root.clone(), law_date);
        if let Some(run) = run {
            ev = ev.with_run(run);
        }
        let mut steps = Vec::with_capacity(16);
        let mut packs = self.pack_groups.per_file();
        for (r, rule) in self.program.rules.iter().enumerate() {
            if rule.in_force_on(law_date) && (!public || self.public_record.applies(&rule.code)) {
                let applies = packs.applies(r, rule, &mut ev);
                if applies == Applies::No {
                    continue;
                }
                let pack_decided = applies == Applies::Yes;
                if let Some(f) = self.check_rule(rule, pack_decided, &mut ev, &doc, &mut steps) {
                    report.findings.push(f);
                }
            }
        }
        pass.wants = ev.take_wants();
        crate::waivers::apply_waivers(
            &self.program.schema,
            self.waivers_field,
            report,
            &doc,
            options.today,
        );
        read(&mut Reading::new(&self.program, doc.root.clone(), &mut ev));
    }

    /// Whether the file carries the importer's `imported_from` marker.
    fn is_imported(&self, doc: &Document) -> bool {
        let Some(i) = self.imported_field else {
            return false;
        };
        match &doc.root.value {
            Value::Record(root) => root.get(i as usize).is_some_and(|v| v.value.is_present()),
            _ => false,
        }
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

    fn reference(&self, doc: &Document) -> Option<Arc<str>> {
        let (a, r) = self.reference?;
        let Value::Record(root) = &doc.root.value else {
            return None;
        };
        let Value::Record(arr) = &root.get(a as usize)?.value else {
            return None;
        };
        match &arr.get(r as usize)?.value {
            Value::Text(t) => Some(Arc::clone(t)),
            _ => None,
        }
    }
}

/// A finding of the engine's own.
pub(crate) fn engine_finding(
    code: EngineCode,
    span: Option<Span>,
    message: String,
    help: &str,
) -> Finding {
    Finding {
        help: Some(help.into()),
        span,
        ..Finding::new(code.code(), code.name(), code.severity(), message)
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

/// SHA-256 of `bytes`, lowercase hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(digest.len() * 2);
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}
