//! `psrlint report` and `psrlint check --format html`: the shipped examples' 2024-25 report in
//! Markdown, JSON and CSV (snapshots whose counts docs/reports.md shows how to verify by hand),
//! the JSON keys docs/report-output.md promises, bad input, and escaping of text from files.

use psr_testing::bin::{run, run_in, temp_tree, Run};

fn examples(format: &str) -> Run {
    run(&[
        "report",
        "--year",
        "2024-25",
        "examples/",
        "--format",
        format,
    ])
}

#[test]
fn examples_2024_25_markdown() {
    let r = examples("markdown");
    r.expect_code(0);
    insta::assert_snapshot!(r.stdout_transcript());
}

#[test]
fn examples_2024_25_json() {
    let r = examples("json");
    r.expect_code(0);
    insta::assert_snapshot!(r.stdout_transcript());
}

#[test]
fn examples_2024_25_csv() {
    let r = examples("csv");
    r.expect_code(0);
    insta::assert_snapshot!(r.stdout_transcript());
}

#[test]
fn the_json_report_has_the_documented_keys() {
    let v = examples("json").json();
    let keys = |o: &serde_json::Value| -> Vec<String> {
        o.as_object().expect("an object").keys().cloned().collect()
    };
    assert_eq!(keys(&v), ["version", "period", "authorities", "totals"]);
    assert_eq!(v["version"], 1);
    let reg25 = [
        "direct_award_a",
        "direct_award_b",
        "direct_award_c",
        "most_suitable_provider",
        "competitive",
        "frameworks_concluded",
        "framework_call_offs",
        "urgent_awards",
        "urgent_modifications",
        "new_providers",
        "providers_lost",
        "representations",
    ];
    assert_eq!(keys(&v["totals"]["reg25"]), reg25);
    assert!(v["totals"]["reg26"].is_object());
    for a in v["authorities"].as_array().expect("authorities") {
        assert_eq!(keys(&a["reg25"]), reg25);
        assert!(a["reg26"].is_object());
    }
}

#[test]
fn authority_selects_one_by_ods_code_in_any_case() {
    let r = run(&[
        "report",
        "--year",
        "2024-25",
        "examples/",
        "--format",
        "csv",
        "--authority",
        "qnx",
    ]);
    r.expect_code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert!(
        lines[1].contains(",QNX,NHS Sussex Integrated Care Board,"),
        "{}",
        lines[1]
    );
}

#[test]
fn bad_periods_and_authorities_are_errors() {
    for (args, says) in [
        (
            vec![
                "report",
                "--from",
                "2025-03-01",
                "--to",
                "2025-02-01",
                "examples/",
            ],
            "the period ends on 2025-02-01, before it starts on 2025-03-01",
        ),
        (
            vec!["report", "--year", "2025-27", "examples/"],
            "is not a financial year",
        ),
        (
            vec![
                "report",
                "--from",
                "2025-13-01",
                "--to",
                "2026-01-01",
                "examples/",
            ],
            "is not a date",
        ),
        (
            vec![
                "report",
                "--year",
                "2024-25",
                "--authority",
                "QXX",
                "examples/",
            ],
            "no arrangement in the register is made by an authority with the ODS code `QXX`",
        ),
    ] {
        let r = run(&args);
        r.expect_code(2);
        assert!(r.stderr.contains(says), "{args:?}\n{}", r.stderr);
        assert!(r.stdout.is_empty());
    }
    let r = run(&["report", "examples/"]);
    r.expect_code(2);
    assert!(r.stderr.contains("--year"), "{}", r.stderr);
}

const AWARD: &str = r#"format = 1
[arrangement]
reference = "T-1 <script>alert(1)</script>"
title = "Title with <b>markup</b> & | pipes"
kind = "award"
decision_date = 2024-06-03
[authority]
type = "icb"
name = "NHS Test <i>ICB</i>"
ods_code = "QWU"
[services]
description = "x"
cpv_codes = ["85323000-9"]
[process]
type = "direct-award-a"
[proposed_contract]
provider = "Alpha <Care> Ltd"
start = 2024-07-01
[award]
contract_entered = 2024-07-01
"#;

#[test]
fn an_unreadable_file_is_listed_and_fails_the_run() {
    let dir = temp_tree(&[
        ("a.arrangement.toml", AWARD),
        ("b.arrangement.toml", "format = 1\n[arrangement\n"),
    ]);
    let r = run_in(
        dir.path(),
        &["report", "--year", "2024-25", "--format", "markdown"],
        None,
    );
    r.expect_code(1);
    assert!(
        r.stderr.contains("b.arrangement.toml` could not be read"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.contains("Files that could not be read"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("| (a) Direct Award Process A | 1 |"),
        "{}",
        r.stdout
    );
}

#[test]
fn text_from_files_is_escaped_in_html_and_markdown() {
    let dir = temp_tree(&[("a.arrangement.toml", AWARD)]);
    for args in [
        vec!["report", "--year", "2024-25", "--format", "html"],
        vec!["check", ".", "--format", "html"],
    ] {
        let r = run_in(dir.path(), &args, None);
        assert!(!r.stdout.contains("<script>alert"), "{args:?}");
        assert!(!r.stdout.contains("<b>markup"), "{args:?}");
        if args[0] == "report" {
            assert!(
                r.stdout
                    .contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
                "{args:?}"
            );
        }
        assert!(r.stdout.starts_with("<!DOCTYPE html>"));
        // Self-contained: nothing is fetched from elsewhere.
        for external in ["<link", " src=", "@import", "url("] {
            assert!(!r.stdout.contains(external), "{args:?} has {external}");
        }
    }
    let r = run_in(dir.path(), &["report", "--year", "2024-25"], None);
    assert!(
        r.stdout
            .contains(r"Title with \<b\>markup\</b\> & \| pipes"),
        "{}",
        r.stdout
    );
}

#[test]
fn check_html_exits_as_check_does() {
    let dir = temp_tree(&[("a.arrangement.toml", AWARD)]);
    let html = run_in(dir.path(), &["check", ".", "--format", "html"], None);
    let human = run_in(dir.path(), &["check", "."], None);
    assert_eq!(html.code, human.code);
    assert!(html.stdout.contains("id=\"findings\""));
}
