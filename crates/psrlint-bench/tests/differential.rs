//! Differential tests (issue 16): psrlint's TOML reader (`toml-spanner`) against the `toml`
//! crate, value by value and span by span, on the benchmark corpus, the examples and every TOML
//! fixture; and psrlint's findings on the benchmark corpus written in TOML, JSON and YAML.

mod common {
    pub use psr_testing::engine::*;
    pub use psr_testing::root;
}

use psr_source::{Node, NodeKind, Span, Syntax};
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// How many benchmark files the tests generate: every seed example several times over.
const CORPUS_FILES: usize = 300;

/// The benchmark corpus, generated once into a temporary directory and read back: (name, text).
fn corpus() -> &'static [(String, String)] {
    static FILES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("psrlint-differential-{}", std::process::id()));
        psrlint_bench::corpus::generate(&common::root().join("examples"), &dir, CORPUS_FILES)
            .expect("the corpus is generated");
        let files: Vec<(String, String)> = psrlint_bench::corpus::list(&dir, "toml")
            .expect("the corpus is listed")
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).expect("a corpus file");
                (p.display().to_string(), text)
            })
            .collect();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(files.len(), CORPUS_FILES);
        files
    })
}

/// Every file under `dir` whose name ends with `suffix`, sorted.
fn files_under(dir: &Path, suffix: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, suffix, out);
        } else if path.to_string_lossy().ends_with(suffix) {
            out.push(path);
        }
    }
    out.sort();
}

// ------------------------------------------------------------------ toml-spanner against toml

/// The integer a TOML integer's text stands for (`1_000`, `0x1F`, `-3`).
fn integer(raw: &str) -> Option<i128> {
    let plain = raw.replace('_', "");
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, plain.strip_prefix('+').unwrap_or(&plain)),
    };
    let (radix, digits) = match digits.get(..2) {
        Some("0x") => (16, &digits[2..]),
        Some("0o") => (8, &digits[2..]),
        Some("0b") => (2, &digits[2..]),
        _ => (10, digits),
    };
    i128::from_str_radix(digits, radix).ok().map(|v| sign * v)
}

/// The number a TOML float's text stands for (Rust reads `inf` and `nan` too).
fn float(raw: &str) -> Option<f64> {
    raw.replace('_', "").parse().ok()
}

/// Compares psrlint's `node` with the `toml` crate's `value`, pushing each difference, at
/// `path`, to `out`. Scalars, inline tables and inline lists must have the same span; tables and
/// lists written with headers have different conventions (psrlint points at the header) and are
/// compared by content.
fn compare(path: &str, node: &Node, value: &Spanned<DeValue>, text: &str, out: &mut Vec<String>) {
    let theirs = Span::new(value.span().start, value.span().end);
    let span = || {
        (node.span != theirs).then(|| {
            format!(
                "span {:?} {:?}, toml says {:?} {:?}",
                node.span,
                text.get(node.span.start..node.span.end),
                theirs,
                text.get(theirs.start..theirs.end)
            )
        })
    };
    let starts_with = |s: &str| {
        text.get(node.span.start..)
            .is_some_and(|t| t.starts_with(s))
    };
    let mut found: Vec<String> = Vec::new();
    match (&node.kind, value.get_ref()) {
        (NodeKind::String(a), DeValue::String(b)) => {
            if a != b {
                found.push(format!("string {a:?}, toml says {b:?}"));
            }
            found.extend(span());
        }
        (NodeKind::Integer(a), DeValue::Integer(b)) => {
            let theirs_value = i128::from_str_radix(b.as_str(), b.radix()).ok();
            if integer(a).is_none() || integer(a) != theirs_value {
                found.push(format!("integer {a}, toml says {b}"));
            }
            found.extend(span());
        }
        (NodeKind::Float(a), DeValue::Float(b)) => {
            let same = match (float(a), float(b.as_str())) {
                (Some(x), Some(y)) => x == y || (x.is_nan() && y.is_nan()),
                _ => false,
            };
            if !same {
                found.push(format!("float {a}, toml says {b}"));
            }
            found.extend(span());
        }
        (NodeKind::Bool(a), DeValue::Boolean(b)) => {
            if a != b {
                found.push(format!("boolean {a}, toml says {b}"));
            }
            found.extend(span());
        }
        (NodeKind::Date(a) | NodeKind::DateTime(a), DeValue::Datetime(b)) => {
            let is_date = matches!(node.kind, NodeKind::Date(_));
            let parsed: Option<toml::value::Datetime> = a.parse().ok();
            if parsed.as_ref() != Some(b) {
                found.push(format!("date-time {a}, toml says {b}"));
            }
            if is_date != (b.date.is_some() && b.time.is_none()) {
                found.push(format!("{a} read as a date: {is_date}"));
            }
            found.extend(span());
        }
        (NodeKind::Array(items), DeValue::Array(theirs_items)) => {
            if starts_with("[") && !starts_with("[[") {
                found.extend(span());
            }
            if items.len() != theirs_items.len() {
                found.push(format!(
                    "{} items, toml says {}",
                    items.len(),
                    theirs_items.len()
                ));
            }
            for (i, (a, b)) in items.iter().zip(theirs_items.iter()).enumerate() {
                compare(&format!("{path}[{i}]"), a, b, text, out);
            }
        }
        (NodeKind::Table(_), DeValue::Table(table)) => {
            if starts_with("{") {
                found.extend(span());
            }
            compare_tables(path, node, table, text, out);
        }
        (a, b) => found.push(format!("{}, toml says {b:?}", a.describe())),
    }
    out.extend(found.into_iter().map(|what| format!("{path}: {what}")));
}

/// Compares the entries of a table: the same keys (in any order: the `toml` crate may sort
/// them), each key's span where the key is written once (`a = 1`, not a header's `[a.b]`), and
/// each value.
fn compare_tables(path: &str, node: &Node, table: &DeTable, text: &str, out: &mut Vec<String>) {
    let NodeKind::Table(entries) = &node.kind else {
        return;
    };
    let mut ours: Vec<&str> = entries.iter().map(|e| e.key.as_ref()).collect();
    let mut theirs: Vec<&str> = table.keys().map(|k| k.get_ref().as_ref()).collect();
    ours.sort_unstable();
    theirs.sort_unstable();
    if ours != theirs {
        out.push(format!("{path}: keys {ours:?}, toml says {theirs:?}"));
        return;
    }
    for (key, value) in table {
        let name: &str = key.get_ref().as_ref();
        let Some(entry) = entries.iter().find(|e| e.key == name) else {
            continue;
        };
        let child = format!("{path}.{name}");
        let written_as_value = !matches!(value.get_ref(), DeValue::Table(_) | DeValue::Array(_))
            || text.get(entry.value.span.start..entry.value.span.start + 1) == Some("{");
        let their_key = Span::new(key.span().start, key.span().end);
        if written_as_value && entry.key_span != their_key {
            out.push(format!(
                "{child}: key span {:?} {:?}, toml says {:?} {:?}",
                entry.key_span,
                text.get(entry.key_span.start..entry.key_span.end),
                their_key,
                text.get(their_key.start..their_key.end)
            ));
        }
        compare(&child, &entry.value, value, text, out);
    }
}

/// Every difference between the two readers on `text`.
fn differences(text: &str) -> Vec<String> {
    let ours = psr_source::parse(Syntax::Toml, text, &psr_source::Limits::default());
    let theirs = DeTable::parse(text);
    match (ours, theirs) {
        (Ok(node), Ok(table)) => {
            let mut out = Vec::new();
            compare_tables("$", &node, table.get_ref(), text, &mut out);
            out
        }
        (Err(e), Err(_)) => {
            // Both refuse it; psrlint's error must point inside the text.
            if e.span.end > text.len() {
                vec![format!("error span {:?} past the end", e.span)]
            } else {
                Vec::new()
            }
        }
        (Ok(_), Err(e)) => vec![format!("psrlint reads it, toml refuses it: {e}")],
        (Err(e), Ok(_)) => vec![format!("toml reads it, psrlint refuses it: {}", e.message)],
    }
}

/// Compares the readers on every (name, text), and reports every file that differs.
fn assert_same_trees(files: &[(String, String)]) {
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for (name, text) in files {
        let found = differences(text);
        if !found.is_empty() {
            failures.push(format!("{name}:\n  {}", found.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_comparison_sees_a_changed_value_or_span() {
    let text = "a = 1\n[t]\ns = \"x\"\nl = [1, {b = 2}]\n";
    assert!(differences(text).is_empty(), "{:?}", differences(text));
    let mut node = psr_source::parse(Syntax::Toml, text, &Default::default()).expect("TOML");
    let table = DeTable::parse(text).expect("TOML");
    if let NodeKind::Table(entries) = &mut node.kind {
        entries[0].value.kind = NodeKind::Integer("2".into());
        entries[0].key_span = Span::new(1, 2);
    }
    let mut out = Vec::new();
    compare_tables("$", &node, table.get_ref(), text, &mut out);
    assert_eq!(out.len(), 2, "{out:?}");
}

#[test]
fn toml_spanner_and_toml_agree_on_the_benchmark_corpus() {
    assert_same_trees(corpus());
}

#[test]
fn toml_spanner_and_toml_agree_on_the_examples_and_every_fixture() {
    let root = common::root();
    let mut files = Vec::new();
    files_under(&root.join("examples"), ".toml", &mut files);
    let examples = files.len();
    files_under(&root.join("crates"), ".toml", &mut files);
    files_under(&root.join("tests"), ".toml", &mut files);
    files_under(&root.join("rules"), ".toml", &mut files);
    // Only test data: not the crates' manifests, nor the files made to trip psrlint's own limits
    // and codes (`tests/fixtures/codes/CODE/`: nesting past the depth limit, bytes that are not
    // UTF-8), which psrlint refuses on purpose where the `toml` crate may not.
    let own_codes = root.join("tests/fixtures/codes");
    files.retain(|p| !p.ends_with("Cargo.toml") && !p.starts_with(&own_codes));
    files.sort();
    files.dedup();
    assert!(examples >= 10 && files.len() > examples, "{files:?}");
    // A fixture that is not UTF-8 (ARR002's) is no TOML for either reader: both refuse it before
    // parsing, so there is no tree to compare.
    let texts: Vec<(String, String)> = files
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).expect("a readable file");
            let text = String::from_utf8(bytes).ok()?;
            Some((p.display().to_string(), text))
        })
        .collect();
    assert!(texts.len() > examples);
    assert_same_trees(&texts);
}

// ------------------------------------------------------------------ three syntaxes, one finding list

type Key = (String, Option<String>, String);

/// What must not depend on the syntax: each finding's code, field and message, in any order.
fn keys(report: &psr_engine::FileReport) -> Vec<Key> {
    let mut k: Vec<Key> = report
        .findings
        .iter()
        .map(|f| (f.code.clone(), f.field.clone(), f.message.clone()))
        .collect();
    k.sort();
    k
}

#[test]
fn the_benchmark_corpus_gives_the_same_findings_in_toml_json_and_yaml() {
    let engine = common::shipped_engine();
    let options = common::options();
    let mut differences = Vec::new();
    let mut with_findings = 0;
    for (name, text) in corpus() {
        let json = common::toml_to_json(text);
        let json_text = serde_json::to_string_pretty(&json).expect("JSON");
        let yaml_text = common::to_yaml(&json);
        let toml = common::check(engine, "a.arrangement.toml", text.as_bytes(), &options);
        with_findings += usize::from(!toml.findings.is_empty());
        for (syntax, file_name, other) in [
            ("JSON", "a.arrangement.json", &json_text),
            ("YAML", "a.arrangement.yaml", &yaml_text),
        ] {
            let report = common::check(engine, file_name, other.as_bytes(), &options);
            if keys(&toml) != keys(&report) {
                differences.push(format!(
                    "{name}: TOML and {syntax} differ\n--- TOML\n{}\n--- {syntax}\n{}",
                    common::describe_all(&toml),
                    common::describe_all(&report)
                ));
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n\n"));
    // About 40% of the corpus is made from examples with findings.
    assert!(
        with_findings >= CORPUS_FILES / 4,
        "only {with_findings} corpus files have findings"
    );
}
