//! One arrangement gives the same findings whether it is written in TOML, JSON or YAML.
//!
//! Every `examples/*.arrangement.toml` is converted in the test (the `toml` crate, then
//! `serde_json`, then a small YAML writer in `common`), checked with every shipped pack, and the
//! findings compared: code, severity, field, message and waiver, in any order (lines differ).

use psr_engine::FileReport;
use psr_testing::engine::{check, describe_all, options, shipped_engine, to_yaml, toml_to_json};
use std::path::PathBuf;

type Key = (String, &'static str, Option<String>, String, bool);

fn keys(report: &FileReport) -> Vec<Key> {
    let mut k: Vec<Key> = report
        .findings
        .iter()
        .map(|f| {
            (
                f.code.clone(),
                f.severity.as_str(),
                f.field.clone(),
                f.message.clone(),
                f.waived.is_some(),
            )
        })
        .collect();
    k.sort();
    k
}

fn toml_examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(psr_testing::root().join("examples"))
        .expect("examples/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".arrangement.toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_converter_keeps_every_value() {
    let text = "format = 1\n[a]\nd = 2024-01-02\nm = \"£1,000\"\nl = [\"x\", \"y\"]\nb = true\n\n[[w]]\nk = \"é\"\n";
    let json = toml_to_json(text);
    assert_eq!(
        json,
        serde_json::json!({"format": 1, "a": {"d": "2024-01-02", "m": "£1,000", "l": ["x", "y"], "b": true}, "w": [{"k": "é"}]})
    );
    let yaml = to_yaml(&json);
    assert_eq!(
        yaml,
        "format: 1\na:\n  d: \"2024-01-02\"\n  m: \"£1,000\"\n  l:\n    - \"x\"\n    - \"y\"\n  b: true\nw:\n  - k: \"é\"\n"
    );
}

#[test]
fn every_toml_example_gives_the_same_findings_in_json_and_yaml() {
    let examples = toml_examples();
    assert!(
        examples.len() >= 10,
        "only {} TOML examples",
        examples.len()
    );
    let mut differences = Vec::new();
    let mut findings_seen = 0;
    for path in examples {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a name")
            .to_string();
        let text = std::fs::read_to_string(&path).expect("a readable example");
        let json = toml_to_json(&text);
        let json_text = serde_json::to_string_pretty(&json).expect("JSON");
        let yaml_text = to_yaml(&json);
        let stem = name.trim_end_matches(".toml");
        let from_toml = check(shipped_engine(), &name, text.as_bytes(), &options());
        let from_json = check(
            shipped_engine(),
            &format!("{stem}.json"),
            json_text.as_bytes(),
            &options(),
        );
        let from_yaml = check(
            shipped_engine(),
            &format!("{stem}.yaml"),
            yaml_text.as_bytes(),
            &options(),
        );
        findings_seen += from_toml.findings.len();
        for (syntax, other, source) in [
            ("JSON", &from_json, &json_text),
            ("YAML", &from_yaml, &yaml_text),
        ] {
            if keys(&from_toml) != keys(other) {
                differences.push(format!(
                    "{name}: TOML and {syntax} differ\n--- TOML\n{}\n--- {syntax}\n{}\n--- {syntax} text\n{source}",
                    describe_all(&from_toml),
                    describe_all(other)
                ));
            }
        }
    }
    assert!(findings_seen > 0, "the examples gave no findings at all");
    assert!(differences.is_empty(), "{}", differences.join("\n\n"));
}
