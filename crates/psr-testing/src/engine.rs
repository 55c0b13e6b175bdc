//! The engines tests check with (every shipped pack, or the arrangement pack with a test rule),
//! checking text, rendering findings with their line and column, and writing one arrangement in
//! the three syntaxes.

pub use crate::root;
use chrono::NaiveDate;
use psr_engine::{CheckOptions, Engine, FileReport, Finding, SourceFile};
use psr_lang::{compile, DirPack, MemoryPack, PackReader};
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

/// The fixed "today" of every test, so that waiver expiry never depends on the clock.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

/// Check options as of [`today`].
pub fn options() -> CheckOptions {
    CheckOptions::new(today())
}

/// The real arrangement pack plus a test pack with one rule, `TST001`, that fires whenever the
/// process is Direct Award Process B, so that waivers have a finding to accept.
pub fn test_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| with_arrangement(TEST_RULE).unwrap_or_else(|e| panic!("{e}")))
}

/// An engine with the shipped arrangement pack and a pack `test` (which uses it) of one rule
/// file, `rules`; the problems, one a line, when it does not compile.
pub fn with_arrangement(rules: &str) -> Result<Engine, String> {
    static ARRANGEMENT: OnceLock<DirPack> = OnceLock::new();
    let arrangement = ARRANGEMENT.get_or_init(|| DirPack::new(crate::rules().join("arrangement")));
    let text: &'static [u8] = Box::leak(rules.to_string().into_boxed_str()).as_bytes();
    let test = MemoryPack::new(
        "test",
        vec![
            (
                psr_lang::loader::MANIFEST.into(),
                b"pack test { version: \"1.0.0\" uses: arrangement }".as_slice(),
            ),
            ("rules.psrl".into(), text),
        ],
    );
    compile(&[arrangement as &dyn PackReader, &test])
        .map(|c| Engine::new(Arc::new(c.program)))
        .map_err(|e| {
            e.iter()
                .map(|x| format!("{} {}", x.kind.code(), x.message))
                .collect::<Vec<_>>()
                .join("\n")
        })
}

const TEST_RULE: &str = r#"
rule TST001 always-direct-award-b {
  severity: error
  cite: "SI 2023/1348" "reg 6(4)" "https://www.legislation.gov.uk/uksi/2023/1348/regulation/6"
  in_force: 2024-01-01 ..
  summary: "Direct Award Process B is reported, for waiver tests"
  forbid: process.type == "direct-award-b"
  at: process.type
  message: "the process is {process.type}"
  help: "waive it"
  doc: "A rule for tests."
  compliant: "c"
  non_compliant: "n"
}
"#;

/// Every pack shipped in `rules/`, compiled once.
pub fn shipped_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| engine_of(&[root().join("rules")]))
}

/// An engine with the packs under `dirs` (each a pack or a directory of packs); panics with
/// every problem when they do not compile.
pub fn engine_of(dirs: &[std::path::PathBuf]) -> Engine {
    let compiled = psr_lang::loader::load(dirs, &[], &[], false).unwrap_or_else(|e| match e {
        psr_lang::loader::LoadError::Packs(errors) => {
            let text: Vec<String> = errors
                .iter()
                .map(|x| format!("{} {:?}: {}", x.kind.code(), x.file_name(), x.message))
                .collect();
            panic!("the packs compile:\n{}", text.join("\n"))
        }
        other => panic!("the packs are there: {other}"),
    });
    Engine::new(Arc::new(compiled.program))
}

/// Checks `bytes` as the file `path`.
pub fn check(engine: &Engine, path: &str, bytes: &[u8], options: &CheckOptions) -> FileReport {
    engine.check(
        &SourceFile {
            path: path.into(),
            bytes: bytes.to_vec(),
        },
        options,
    )
}

/// `line:column-end_line:end_column` of a finding, or `file` when it has no span.
pub fn position(report: &FileReport, f: &Finding) -> String {
    match f.span {
        Some(s) => {
            let (a, b) = (report.line_col(s.start), report.line_col(s.end));
            format!("{}:{}-{}:{}", a.line, a.column, b.line, b.column)
        }
        None => "file".into(),
    }
}

/// A finding as a reviewer reads it: where, what, and the text it underlines.
pub fn describe(report: &FileReport, f: &Finding) -> String {
    let mut out = format!(
        "{} {} {} [{}]",
        position(report, f),
        f.code,
        f.severity.as_str(),
        f.field.as_deref().unwrap_or("-")
    );
    if let Some(s) = f.span {
        let text = report
            .text
            .get(s.start..s.end)
            .unwrap_or("<not on a character boundary>");
        let _ = write!(out, " underlines {text:?}");
    }
    let _ = write!(out, "\n    message: {}", f.message);
    if let Some(h) = &f.help {
        let _ = write!(out, "\n    help: {h}");
    }
    if let Some(w) = &f.waived {
        let _ = write!(out, "\n    waived until {}", w.expires);
    }
    out
}

/// Every finding of a report, [`describe`]d, or `(no findings)`.
pub fn describe_all(report: &FileReport) -> String {
    if report.findings.is_empty() {
        return "(no findings)".into();
    }
    report
        .findings
        .iter()
        .map(|f| describe(report, f))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The line and column of byte `offset`, computed the plain way: lines end at `\n`, columns
/// count characters, and a byte order mark at the start of the file is no column.
pub fn expected_line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[start..]
        .trim_start_matches('\u{feff}')
        .chars()
        .count()
        + 1;
    (line, col)
}

// ------------------------------------------------------------------ TOML → JSON → YAML

/// A TOML document as JSON: dates become `YYYY-MM-DD` strings, as JSON and YAML files write them.
pub fn toml_to_json(text: &str) -> serde_json::Value {
    let table: toml::Table = text.parse().expect("valid TOML");
    to_json(&toml::Value::Table(table))
}

fn to_json(v: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// Block-style YAML for a JSON value: the importer's writer (`psr_import::to_yaml`).
pub use psr_import::to_yaml;

/// The shipped packs read into memory once, as the binary embeds them: for loading a pack of a
/// temporary directory that `uses` them.
pub fn shipped_packs() -> &'static [MemoryPack] {
    static PACKS: OnceLock<Vec<MemoryPack>> = OnceLock::new();
    PACKS.get_or_init(|| {
        psr_lang::loader::packs_under(&crate::rules())
            .iter()
            .map(|dir| {
                let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
                let mut files = Vec::new();
                read_pack(dir, "", &mut files);
                MemoryPack::new(format!("rules/{}", name.unwrap_or_default()), files)
            })
            .collect()
    })
}

/// The rule and data files under `dir` (not its tests), by path relative to the pack.
fn read_pack(dir: &std::path::Path, prefix: &str, out: &mut Vec<(String, &'static [u8])>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("a readable pack")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let relative = format!("{prefix}{name}");
        if path.is_dir() {
            if relative != "tests" {
                read_pack(&path, &format!("{relative}/"), out);
            }
        } else {
            let bytes = std::fs::read(&path).expect("a readable pack file");
            out.push((relative, Box::leak(bytes.into_boxed_slice())));
        }
    }
}
