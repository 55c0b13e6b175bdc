//! `action.yml`, the composite GitHub Action: valid YAML with the keys GitHub requires, and its
//! check step, run as GitHub runs it (with psrlint on the PATH and GITHUB_OUTPUT set), writes a
//! SARIF report and reports psrlint's exit status.

use psr_source::{Limits, Node, NodeKind, Syntax};
use std::process::Command;

fn text_of(node: &Node<'_>, path: &[&str]) -> Option<String> {
    let mut cur = node;
    for key in path {
        cur = &cur.get(key)?.value;
    }
    match &cur.kind {
        NodeKind::String(s) => Some(s.to_string()),
        _ => None,
    }
}

#[test]
fn action_yml_declares_a_composite_action_with_its_inputs() {
    let text = psr_testing::bin::fixture("action.yml");
    let doc =
        psr_source::parse(Syntax::Yaml, &text, &Limits::default()).expect("action.yml is YAML");
    assert_eq!(text_of(&doc, &["name"]).as_deref(), Some("psrlint"));
    assert!(text_of(&doc, &["description"]).is_some_and(|d| !d.is_empty()));
    assert_eq!(
        text_of(&doc, &["runs", "using"]).as_deref(),
        Some("composite")
    );
    for input in ["paths", "format", "output", "args", "fail-on-findings"] {
        assert!(
            text_of(&doc, &["inputs", input, "description"]).is_some(),
            "input {input} has a description"
        );
    }
    assert_eq!(
        text_of(&doc, &["inputs", "format", "default"]).as_deref(),
        Some("sarif")
    );
    let NodeKind::Array(steps) = &doc
        .get("runs")
        .and_then(|r| r.value.get("steps"))
        .expect("steps")
        .value
        .kind
    else {
        panic!("steps is a list");
    };
    assert_eq!(steps.len(), 2);
    for s in steps {
        // A composite action's run step must name its shell.
        assert_eq!(text_of(s, &["shell"]).as_deref(), Some("bash"));
    }
    let install = text_of(&steps[0], &["run"]).expect("the install script");
    assert!(
        install.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""),
        "{install}"
    );
    // The README's workflow uses the action with inputs it declares, then uploads the SARIF.
    let readme = psr_testing::bin::fixture("README.md");
    assert!(readme.contains("github/codeql-action/upload-sarif@v3"));
    assert!(readme.contains("sarif_file: ${{ steps.psrlint.outputs.sarif-file }}"));
    assert!(text_of(&doc, &["outputs", "sarif-file", "value"]).is_some());
}

/// Runs the action's check step with `inputs` (name, value) in `dir`; (exit status, outputs).
fn run_check_step(dir: &std::path::Path, inputs: &[(&str, &str)]) -> (Option<i32>, String) {
    let text = psr_testing::bin::fixture("action.yml");
    let doc = psr_source::parse(Syntax::Yaml, &text, &Limits::default()).expect("YAML");
    let NodeKind::Array(steps) = &doc
        .get("runs")
        .and_then(|r| r.value.get("steps"))
        .expect("steps")
        .value
        .kind
    else {
        panic!("steps is a list");
    };
    let script = text_of(&steps[1], &["run"]).expect("the check script");
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_psrlint"))
        .parent()
        .expect("a directory");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let outputs = dir.join("github-output");
    let mut cmd = Command::new("bash");
    cmd.arg("-e")
        .arg("-c")
        .arg(&script)
        .current_dir(dir)
        .env("PATH", path)
        .env("GITHUB_OUTPUT", &outputs)
        .env("PSRLINT_TODAY", "2025-06-01");
    let defaults = [
        ("PSRLINT_PATHS", "."),
        ("PSRLINT_FORMAT", "sarif"),
        ("PSRLINT_OUTPUT", "psrlint.sarif"),
        ("PSRLINT_ARGS", ""),
        ("PSRLINT_FAIL", "false"),
    ];
    for (k, v) in defaults {
        cmd.env(
            k,
            inputs.iter().find(|(n, _)| *n == k).map_or(v, |(_, v)| *v),
        );
    }
    let status = cmd
        .stderr(std::process::Stdio::null())
        .status()
        .expect("bash runs")
        .code();
    (status, std::fs::read_to_string(outputs).unwrap_or_default())
}

#[test]
fn the_check_step_writes_sarif_and_fails_only_when_asked_or_when_psrlint_cannot_run() {
    let bad =
        psr_testing::bin::fixture("examples/violation-da-c-where-da-b-required.arrangement.toml");
    let dir = psr_testing::bin::temp_tree(&[
        ("register/a b.arrangement.toml", &bad),
        ("other/x.arrangement.toml", &bad),
    ]);
    let (status, outputs) = run_check_step(dir.path(), &[("PSRLINT_PATHS", "register")]);
    assert_eq!(status, Some(0), "findings do not fail the step by default");
    assert!(
        outputs.contains("report=psrlint.sarif\n") && outputs.contains("exit-code=1\n"),
        "{outputs}"
    );
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("psrlint.sarif")).expect("the report"),
    )
    .expect("JSON");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["ruleId"] == "PSR012"));
    assert!(
        results.iter().all(
            |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "register/a%20b.arrangement.toml"
        ),
        "only the given path, with its space"
    );
    let (status, _) = run_check_step(
        dir.path(),
        &[
            ("PSRLINT_PATHS", "register other"),
            ("PSRLINT_FAIL", "true"),
        ],
    );
    assert_eq!(status, Some(1), "fail-on-findings: true");
    let (status, outputs) = run_check_step(dir.path(), &[("PSRLINT_ARGS", "--fail-on nonsense")]);
    assert_eq!(status, Some(2), "psrlint failing always fails the step");
    assert!(outputs.contains("exit-code=2"), "{outputs}");
}
