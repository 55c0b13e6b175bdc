//! What `psrlint` prints for every file in `examples/`, in the human and JSON formats, and what
//! `psrlint explain` prints for every rule `psrlint rules --format json` lists.
//!
//! The output is made reproducible: no colour, 100 columns, and "today" fixed at 2026-11-23 for
//! waiver expiry. Pack hashes change with every edit of a rule file, so the JSON snapshots show
//! `[sha256]` in their place; everything else is as printed. Review every diff before accepting:
//! a snapshot is the expected output, so a wrong snapshot is a wrong test.

use std::path::Path;
use std::process::Output;

/// Runs the binary from the workspace root, so that paths print as `examples/…`.
fn psrlint(args: &[&str]) -> Output {
    psr_testing::bin::command_in(&psr_testing::root())
        .args(args)
        .output()
        .expect("psrlint runs")
}

/// Standard output, then standard error when there is any, then the exit status.
fn shown(out: &Output) -> String {
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !stderr.trim().is_empty() {
        text.push_str("\n--- stderr\n");
        text.push_str(&stderr);
    }
    text.push_str(&format!(
        "\n--- exit status: {}\n",
        out.status.code().unwrap_or(-1)
    ));
    text
}

/// The JSON report with the pack hashes replaced by `[sha256]`.
fn redacted_json(out: &Output) -> String {
    let mut doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "the JSON report does not parse ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    if let Some(packs) = doc
        .pointer_mut("/rules/packs")
        .and_then(|p| p.as_array_mut())
    {
        for pack in packs {
            if let Some(sha) = pack.get_mut("sha256") {
                *sha = serde_json::Value::String("[sha256]".into());
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&doc).expect("JSON");
    text.push_str(&format!(
        "\n--- exit status: {}\n",
        out.status.code().unwrap_or(-1)
    ));
    text
}

fn relative(path: &Path) -> String {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a file name");
    format!("examples/{name}")
}

#[test]
fn check_human_output_of_every_example() {
    insta::glob!("../examples", "*.arrangement.*", |path| {
        let out = psrlint(&["check", &relative(path)]);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "psrlint could not check {}:\n{}",
            path.display(),
            shown(&out)
        );
        insta::assert_snapshot!(shown(&out));
    });
}

#[test]
fn check_json_output_of_every_example() {
    insta::glob!("../examples", "*.arrangement.*", |path| {
        let out = psrlint(&["check", "--format", "json", &relative(path)]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", shown(&out));
        insta::assert_snapshot!(redacted_json(&out));
    });
}

/// The awards that name an agreement, checked together with it: each is checked against the
/// agreement (JWA1xx) instead of being told that the agreement was not checked.
#[test]
fn awards_checked_with_the_agreement_they_rely_on() {
    let out = psrlint(&[
        "check",
        "examples/competitive-cheshire-merseyside-dialysis-under-delegation-agreement.arrangement.toml",
        "examples/violation-award-body-not-party-to-agreement.arrangement.toml",
        "examples/delegation-nhs-england-specialised-north-west-2024.arrangement.json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    insta::assert_snapshot!(shown(&out));
}

#[test]
fn explain_every_rule() {
    let out = psrlint(&["rules", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let list: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the rule list is JSON");
    let codes: Vec<String> = list["rules"]
        .as_array()
        .expect("a list of rules")
        .iter()
        .map(|r| r["code"].as_str().expect("a code").to_string())
        .collect();
    assert!(!codes.is_empty(), "no rules are listed");
    for code in codes {
        let out = psrlint(&["explain", &code]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "explain {code}:\n{}",
            shown(&out)
        );
        insta::assert_snapshot!(format!("explain_{code}"), shown(&out));
    }
}
