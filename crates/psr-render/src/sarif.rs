//! `--format sarif`: one SARIF 2.1.0 log with one run, for code-scanning services (GitHub code
//! scanning, Azure DevOps, SonarQube and other SARIF viewers).
//!
//! - `tool.driver.rules` lists every rule of the loaded packs, in code order, then psrlint's own
//!   codes (`ARR…`, `WVR…`) that appear in the results, in the order they first appear; each
//!   result's `ruleIndex` points into it.
//! - The run object lists `originalUriBaseIds`, `columnKind` and `results` first, then
//!   `artifacts`, `tool` and `properties`, so that the results are written as files are checked
//!   (see [`SarifEmitter`]).
//! - Columns count Unicode scalar values (`columnKind: "unicodeCodePoints"`); `endColumn` is the
//!   column just past the region, as SARIF defines it. A finding about a whole file has the region
//!   `{ "startLine": 1 }`.
//! - A waived finding keeps its level and carries an `external` suppression whose justification is
//!   the waiver's reason.
//! - Artifact URIs are the report paths, relative, with forward slashes, percent-encoded where a
//!   URI needs it; a relative one is relative to `SRCROOT`, which `originalUriBaseIds` sets to the
//!   directory psrlint ran in (the checkout's root in CI), so viewers find the files.
//! - Every rule descriptor has `helpUri` (the provision's URL; for psrlint's own codes, their page
//!   of `docs/codes.md`), `help.markdown`, `properties.tags` and `defaultConfiguration.level`.
//! - Every result has `partialFingerprints` (`psrlint/v1`): a hash of its code, field path and the
//!   text it points at (see [`FileReport::fingerprint`]) with the number of earlier results of the
//!   same hash in the file, so that code scanning tracks an alert across unrelated edits.
//!
//! The same input, checked from the same directory, gives the same bytes: no timestamps, and no
//! absolute path but that directory's.

use crate::emit::{Emitter, FileStream, Part};
use crate::pretty::{exact, item_separator, nested, write_nested, Array};
use crate::run::slash_path;
use crate::Summary;
use psr_engine::{FileReport, Finding, Severity};
use psr_lang::Rule;
use psr_source::Span;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The `$schema` written in the log: the OASIS schema of SARIF 2.1.0 (errata 01).
pub const SARIF_SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Where psrlint lives (the workspace's `repository`).
const INFORMATION_URI: &str = psr_diagnostics::codes::INFORMATION_URI;

/// The `uriBaseId` of relative artifact URIs.
pub const SRCROOT: &str = "SRCROOT";

/// The key of psrlint's partial fingerprint.
pub const FINGERPRINT_KEY: &str = "psrlint/v1";

/// The page that documents one of psrlint's own codes (`ARR…`, `WVR…`, `RL…`): its heading in
/// `docs/codes.md`.
pub use psr_diagnostics::docs_url as code_docs_url;

/// The SARIF format. Streams its results: the log's header is written at once, each file's
/// results in its turn, and at the end what only the whole run tells — the `artifacts` (one per
/// file, kept as text meanwhile) and `tool.driver.rules`, whose codes beyond the packs' rules are
/// known only once every result is in. So `results` comes before `artifacts` and `tool` in the
/// run object (JSON objects are unordered; the layout is serde_json's pretty printer's).
pub struct SarifEmitter<'a> {
    tool_version: &'a str,
    program: &'a psr_lang::Program,
}

impl<'a> SarifEmitter<'a> {
    /// The emitter for a run of `context`'s program.
    pub fn new(context: &crate::EmitterContext<'a>) -> Self {
        SarifEmitter {
            tool_version: context.tool_version,
            program: context.program,
        }
    }
}

/// How deep a member of the run object, and an item of one of its arrays, are nested.
const RUN_MEMBER: usize = 3;
const RUN_ITEM: usize = 4;

impl Emitter for SarifEmitter<'_> {
    /// The results point into the run's artifacts and rules, which only the stream knows: they
    /// are rendered there, from reports that keep their findings.
    fn reads_findings(&self) -> bool {
        true
    }

    fn begin(&self, out: &mut dyn Write) -> io::Result<Box<dyn FileStream + '_>> {
        write!(
            out,
            "{{\n  \"$schema\": {},\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n",
            nested(&SARIF_SCHEMA_URI, 1)?
        )?;
        writeln!(
            out,
            "      \"originalUriBaseIds\": {},",
            nested(&json!({ SRCROOT: srcroot() }), RUN_MEMBER)?
        )?;
        write!(
            out,
            "      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        )?;
        Ok(Box::new(SarifStream {
            emitter: self,
            index: self
                .program
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| (r.code.clone(), i))
                .collect(),
            extra: Vec::new(),
            results: Array::new(RUN_ITEM),
            artifacts: Vec::new(),
            files: 0,
        }))
    }
}

/// A log being written: the `results` array is open.
struct SarifStream<'e, 'a> {
    emitter: &'e SarifEmitter<'a>,
    /// Each code's place in `tool.driver.rules`: the packs' rules, then the other codes in the
    /// order they first appear.
    index: BTreeMap<String, usize>,
    /// The descriptors of the other codes, in that order.
    extra: Vec<Value>,
    results: Array,
    /// The `artifacts` entries, joined as they appear in the array.
    artifacts: Vec<u8>,
    files: usize,
}

impl FileStream for SarifStream<'_, '_> {
    fn file(&mut self, file: &FileReport, _part: Part, out: &mut dyn Write) -> io::Result<()> {
        let artifact = self.files;
        self.files += 1;
        if artifact > 0 {
            item_separator(&mut self.artifacts, RUN_ITEM);
        }
        let entry = json!({
            "location": artifact_location(&file.path),
            "hashes": { "sha-256": file.sha256 },
        });
        write_nested(&mut self.artifacts, &entry, RUN_ITEM)?;
        let mut text = Vec::new();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (n, f) in file.findings.iter().enumerate() {
            let rule = match self.index.get(f.code.as_str()) {
                Some(i) => *i,
                None => {
                    let i = self.emitter.program.rules.len() + self.extra.len();
                    self.index.insert(f.code.clone(), i);
                    self.extra.push(extra_descriptor(f));
                    i
                }
            };
            let hash = file.fingerprint(n);
            let count = seen.entry(hash.clone()).or_insert(0);
            *count += 1;
            let mut r = result(file, artifact, f, Some(rule));
            r["partialFingerprints"] = json!({ FINGERPRINT_KEY: format!("{hash}:{count}") });
            if n > 0 {
                item_separator(&mut text, RUN_ITEM);
            }
            write_nested(&mut text, &r, RUN_ITEM)?;
        }
        self.results.items(&exact(&text)?, out)
    }

    fn finish(self: Box<Self>, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let this = *self;
        this.results.close(out)?;
        write!(out, ",\n      \"artifacts\": [")?;
        let mut artifacts = Array::new(RUN_ITEM);
        artifacts.items(&exact(&this.artifacts)?, out)?;
        artifacts.close(out)?;
        let program = this.emitter.program;
        let mut rules: Vec<Value> = program.rules.iter().map(rule_descriptor).collect();
        rules.extend(this.extra);
        let version = this.emitter.tool_version;
        let tool = json!({
            "driver": {
                "name": "psrlint",
                "version": version,
                "semanticVersion": version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        });
        write!(out, ",\n      \"tool\": {}", nested(&tool, RUN_MEMBER)?)?;
        let packs: Vec<Value> = program
            .packs
            .iter()
            .map(|p| json!({ "name": p.name, "version": p.version, "sha256": p.sha256 }))
            .collect();
        write!(
            out,
            ",\n      \"properties\": {}\n    }}\n  ]\n}}\n",
            nested(&json!({ "packs": packs }), RUN_MEMBER)?
        )
    }
}

/// The descriptor of a code that is not one of the packs' rules: psrlint's own codes from their
/// table, any other from the finding that carries it.
fn extra_descriptor(f: &Finding) -> Value {
    match psr_diagnostics::lookup(&f.code) {
        Some(c) => own_descriptor(c),
        None => finding_descriptor(f),
    }
}

/// The SARIF level of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_descriptor(r: &Rule) -> Value {
    let doc = r.doc.trim();
    let mut d = Map::new();
    d.insert("id".into(), json!(r.code));
    d.insert("name".into(), json!(r.name));
    d.insert("shortDescription".into(), json!({ "text": r.summary }));
    d.insert("fullDescription".into(), json!({ "text": doc }));
    d.insert(
        "help".into(),
        json!({ "text": doc, "markdown": help_markdown(r) }),
    );
    let help_uri = r
        .all_citations()
        .next()
        .map_or_else(|| code_docs_url(&r.code), |c| c.url.clone());
    d.insert("helpUri".into(), json!(help_uri));
    d.insert(
        "defaultConfiguration".into(),
        json!({ "level": level(r.severity) }),
    );
    d.insert(
        "properties".into(),
        json!({
            "severity": r.severity.as_str(),
            "pack": r.pack,
            "citations": citations_json(r),
            "see_also": see_also_json(r),
            "checks": r.checks.as_str(),
            "in_force_from": r.in_force_from.to_string(),
            "in_force_until": r.in_force_until.map(|d| d.to_string()),
            "tags": rule_tags(r),
        }),
    );
    Value::Object(d)
}

/// A rule's citations as JSON, in order, each guarded one with its condition (`when`): shared by
/// SARIF's rule descriptors and `psrlint rules --format json`.
pub fn citations_json(r: &Rule) -> Vec<Value> {
    r.citations
        .iter()
        .map(|case| {
            let c = &case.citation;
            let mut o =
                json!({ "instrument": c.instrument, "provision": c.provision, "url": c.url });
            if let (Some(w), Some(map)) = (&case.when, o.as_object_mut()) {
                map.insert("when".into(), json!(w.text));
            }
            o
        })
        .collect()
}

/// The sources a rule relies on that its findings do not cite (`see:`), as JSON.
pub fn see_also_json(r: &Rule) -> Vec<Value> {
    r.see_also
        .iter()
        .map(|c| json!({ "instrument": c.instrument, "provision": c.provision, "url": c.url }))
        .collect()
}

/// The rule's documentation, then the law it cites and its examples, in Markdown.
fn help_markdown(r: &Rule) -> String {
    let mut s = r.doc.trim().to_string();
    if !r.citations.is_empty() {
        s.push_str("\n\n**Law:**");
        for case in &r.citations {
            let c = &case.citation;
            s.push_str(&format!(" [{} {}]({})", c.instrument, c.provision, c.url));
            if let Some(w) = &case.when {
                s.push_str(&format!(" (when `{}`)", w.text));
            }
        }
    }
    if !r.see_also.is_empty() {
        s.push_str("\n\n**See also:**");
        for c in &r.see_also {
            s.push_str(&format!(" [{} {}]({})", c.instrument, c.provision, c.url));
        }
    }
    s.push_str("\n\n**Compliant example:**\n\n```toml\n");
    s.push_str(r.compliant.trim_end());
    s.push_str("\n```\n\n**Non-compliant example:**\n\n```toml\n");
    s.push_str(r.non_compliant.trim_end());
    s.push_str("\n```");
    s
}

/// `properties.tags` of a rule: psrlint, its pack, its severity and the instruments it cites.
fn rule_tags(r: &Rule) -> Vec<String> {
    let mut tags = vec![
        "psrlint".to_string(),
        r.pack.clone(),
        r.severity.as_str().to_string(),
    ];
    for c in r.all_citations() {
        if !tags.contains(&c.instrument) {
            tags.push(c.instrument.clone());
        }
    }
    tags
}

/// The descriptor of one of psrlint's own codes, from its row in the code table.
pub fn own_descriptor(c: &psr_diagnostics::Code) -> Value {
    use psr_diagnostics::Family;
    let url = c.docs_url();
    let kind = match c.family {
        Family::Arr => "arrangement-file",
        Family::Wvr => "waiver",
        Family::Rl => "rule-file",
        Family::Cfg => "configuration",
        Family::Imp => "import",
        Family::Rpt => "report",
        Family::Ntc => "notice",
        Family::Rule => "rule",
    };
    json!({
        "id": c.id,
        "name": c.name,
        "shortDescription": { "text": sentence(c.summary) },
        "fullDescription": { "text": c.explanation },
        "help": {
            "text": c.explanation,
            "markdown": format!("{}\n\n[{} in psrlint's codes]({url})", c.explanation, c.id),
        },
        "helpUri": url,
        "defaultConfiguration": { "level": level(c.severity) },
        "properties": {
            "severity": c.severity.as_str(),
            "pack": "psrlint",
            "tags": ["psrlint", kind, c.severity.as_str()],
        },
    })
}

/// A descriptor from the finding alone, for a code that is neither a rule nor psrlint's own.
fn finding_descriptor(f: &Finding) -> Value {
    let text = f
        .help
        .clone()
        .unwrap_or_else(|| sentence(&f.name.replace('-', " ")));
    json!({
        "id": f.code,
        "name": f.name,
        "shortDescription": { "text": sentence(&f.name.replace('-', " ")) },
        "help": { "text": text, "markdown": text },
        "helpUri": INFORMATION_URI,
        "defaultConfiguration": { "level": level(f.severity) },
        "properties": { "severity": f.severity.as_str(), "tags": ["psrlint", f.severity.as_str()] },
    })
}

/// `file unreadable` → `File unreadable`.
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn result(file: &FileReport, artifact: usize, f: &Finding, rule_index: Option<usize>) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.code));
    if let Some(i) = rule_index {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(f.severity)));
    r.insert("message".into(), json!({ "text": f.message }));
    let mut location = json!({ "physicalLocation": physical(file, artifact, f.span) });
    if let Some(field) = &f.field {
        location["logicalLocations"] = json!([{ "fullyQualifiedName": field, "kind": "member" }]);
    }
    r.insert("locations".into(), json!([location]));
    if !f.related.is_empty() {
        let related: Vec<Value> = f
            .related
            .iter()
            .enumerate()
            .map(|(i, l)| {
                json!({
                    "id": i + 1,
                    "physicalLocation": physical(file, artifact, Some(l.span)),
                    "message": { "text": l.message },
                })
            })
            .collect();
        r.insert("relatedLocations".into(), json!(related));
    }
    if let Some(w) = &f.waived {
        r.insert(
            "suppressions".into(),
            json!([{
                "kind": "external",
                "status": "accepted",
                "justification": w.reason,
                "properties": { "approved_by": w.approved_by, "expires": w.expires.to_string() },
            }]),
        );
    }
    let mut props = Map::new();
    props.insert("name".into(), json!(f.name));
    props.insert("severity".into(), json!(f.severity.as_str()));
    if let Some(h) = &f.help {
        props.insert("help".into(), json!(h));
    }
    if let Some(c) = &f.citation {
        props.insert(
            "citation".into(),
            json!({ "instrument": c.instrument, "provision": c.provision, "url": c.url }),
        );
    }
    r.insert("properties".into(), Value::Object(props));
    Value::Object(r)
}

fn physical(file: &FileReport, artifact: usize, span: Option<Span>) -> Value {
    let region = match span {
        None => json!({ "startLine": 1 }),
        Some(s) => {
            let (a, b) = (file.line_col(s.start), file.line_col(s.end));
            json!({ "startLine": a.line, "startColumn": a.column, "endLine": b.line, "endColumn": b.column })
        }
    };
    let mut location = artifact_location(&file.path);
    location["index"] = json!(artifact);
    json!({ "artifactLocation": location, "region": region })
}

/// An `artifactLocation` for a report path: relative URIs are relative to [`SRCROOT`].
pub(crate) fn artifact_location(path: &str) -> Value {
    let u = uri(path);
    if u.starts_with("file://") {
        json!({ "uri": u })
    } else {
        json!({ "uri": u, "uriBaseId": SRCROOT })
    }
}

/// [`SRCROOT`]: the working directory as a `file://` URI ending in `/`, so that the relative
/// paths of the report resolve in a checkout; only a description when it cannot be known.
pub(crate) fn srcroot() -> Value {
    let description =
        json!({ "text": "The directory psrlint was run in; report paths are relative to it" });
    match std::env::current_dir()
        .ok()
        .and_then(|d| d.to_str().map(str::to_string))
    {
        Some(d) => {
            let mut u = uri(&d);
            if !u.ends_with('/') {
                u.push('/');
            }
            json!({ "uri": u, "description": description })
        }
        None => json!({ "description": description }),
    }
}

/// The URI of a report path: relative paths stay relative (forward slashes, percent-encoded);
/// absolute ones become `file://` URIs.
pub fn uri(path: &str) -> String {
    let p = slash_path(path);
    let bytes = p.as_bytes();
    let drive =
        cfg!(windows) && bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if drive {
        format!("file:///{}", encode(&p, true))
    } else if p.starts_with('/') {
        format!("file://{}", encode(&p, false))
    } else {
        encode(&p, false)
    }
}

/// Percent-encodes everything but unreserved characters, `/`, and the `:` of a drive letter.
fn encode(p: &str, drive: bool) -> String {
    let mut s = String::with_capacity(p.len());
    for (i, b) in p.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (drive && i == 1);
        if keep {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_with_forward_slashes_and_encoded() {
        assert_eq!(
            uri("examples/a.arrangement.toml"),
            "examples/a.arrangement.toml"
        );
        assert_eq!(uri("./x/y z.toml"), "x/y%20z.toml");
        assert_eq!(uri("é#?.toml"), "%C3%A9%23%3F.toml");
        assert_eq!(uri("/tmp/a.toml"), "file:///tmp/a.toml");
        if cfg!(windows) {
            assert_eq!(uri("C:\\work\\a.toml"), "file:///C:/work/a.toml");
        }
        assert_eq!(uri("-"), "-");
        // A colon in a relative path would read as a scheme.
        assert_eq!(uri("ab:c.toml"), "ab%3Ac.toml");
    }

    #[test]
    fn levels() {
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Info), "note");
    }
}
