//! `psrlint check --format …`: every format over the same files, snapshot-tested, and the
//! machine-readable ones checked against their contracts (the SARIF 2.1.0 schema, the JSON report
//! of `shared/json-output.md`, GitHub's workflow-command syntax, JUnit's shape).

use psr_testing::bin::{normalise, run, Run, MINI, MINI_FILES, PSR_FILES};
use psr_testing::sarif;
use serde_json::Value;

const FORMATS: [&str; 6] = ["human", "concise", "json", "sarif", "github", "junit"];

/// `check tests/fixtures/mini` with the mini pack in `format`.
fn mini(format: &str) -> Run {
    run(&["check", MINI_FILES, "--rules", MINI, "--format", format])
}

#[test]
fn format_human() {
    let r = mini("human");
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn format_concise() {
    let r = mini("concise");
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn format_json() {
    let r = mini("json");
    r.expect_code(1);
    insta::assert_snapshot!(normalise(&r.transcript(), None));
}

#[test]
fn format_sarif() {
    let r = mini("sarif");
    r.expect_code(1);
    // `originalUriBaseIds` holds the directory psrlint ran in.
    insta::assert_snapshot!(normalise(&r.transcript(), Some(&psr_testing::bin::root())));
}

#[test]
fn format_github() {
    let r = mini("github");
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn format_junit() {
    let r = mini("junit");
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn every_format_of_a_clean_file_exits_0() {
    for format in FORMATS {
        let r = run(&[
            "check",
            "tests/fixtures/mini/a-clean.arrangement.toml",
            "--rules",
            MINI,
            "--format",
            format,
        ]);
        r.expect_code(0);
        assert!(r.stderr.is_empty(), "{format}: {}", r.stderr);
    }
}

#[test]
fn every_format_gives_the_same_bytes_twice_and_whatever_the_thread_count() {
    for format in FORMATS {
        let a = mini(format);
        let b = psr_testing::bin::command_in(&psr_testing::bin::root())
            .args(["check", MINI_FILES, "--rules", MINI, "--format", format])
            .env("RAYON_NUM_THREADS", "1")
            .output()
            .expect("psrlint runs");
        assert_eq!(
            a.stdout.as_bytes(),
            b.stdout.as_slice(),
            "{format}: output differs between runs"
        );
    }
}

#[test]
fn json_report_follows_the_contract() {
    let d = mini("json").json();
    for key in ["version", "tool", "rules", "files", "findings", "summary"] {
        assert!(d.get(key).is_some(), "no `{key}`");
    }
    assert_eq!(d["version"], 1);
    let keys = [
        "code",
        "name",
        "severity",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "span",
        "field",
        "message",
        "help",
        "citation",
        "related",
        "waived",
    ];
    let findings = d["findings"].as_array().expect("findings");
    for f in findings {
        for k in keys {
            assert!(f.get(k).is_some(), "finding {} lacks `{k}`", f["code"]);
        }
    }
    let order: Vec<(String, u64, u64, String)> = findings
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (
                s("file"),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
                s("code"),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(
        order, sorted,
        "findings are ordered by file, line, column, code"
    );
    assert_eq!(
        d["summary"],
        serde_json::json!({ "files": 7, "errors": 4, "warnings": 3, "infos": 2, "waived": 1 })
    );
}

#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    sarif::assert_valid(&mini("sarif").json());
    // The shipped packs (every rule in `tool.driver.rules`) over their fixtures.
    let shipped = run(&["check", PSR_FILES, "--format", "sarif"]);
    sarif::assert_valid(&shipped.expect_code(1).json());
    // No file at all (allowed): a run with no results is valid too.
    let empty = tempfile::tempdir().expect("a temporary directory");
    let none = run(&[
        "check",
        "--allow-empty",
        &empty.path().display().to_string(),
        "--rules",
        MINI,
        "--format",
        "sarif",
    ]);
    sarif::assert_valid(&none.expect_code(0).json());
}

#[test]
fn the_schema_check_would_catch_an_invalid_log() {
    let mut doc = mini("sarif").json();
    doc["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(
        !sarif::validator().is_valid(&doc),
        "a bad level must fail the schema"
    );
}

#[test]
fn sarif_lists_every_rule_and_indexes_results_into_the_list() {
    let rules = run(&["rules", "--format", "json"]).expect_code(0).json();
    let doc = run(&["check", PSR_FILES, "--format", "sarif"]).json();
    let run0 = &doc["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let descriptors = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = descriptors
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    for r in rules["rules"].as_array().expect("rules") {
        let code = r["code"].as_str().expect("code");
        let d = descriptors
            .iter()
            .find(|d| d["id"] == code)
            .unwrap_or_else(|| panic!("{code} is not in tool.driver.rules"));
        assert_eq!(d["name"], r["name"]);
        assert_eq!(d["shortDescription"]["text"], r["summary"]);
        assert_eq!(d["helpUri"], r["citations"][0]["url"]);
        assert_eq!(d["properties"]["severity"], r["severity"]);
        assert_eq!(d["properties"]["pack"], r["pack"]);
        assert_eq!(d["properties"]["citations"], r["citations"]);
        assert!(
            d["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty()),
            "{code} has no fullDescription"
        );
    }
    let results = run0["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for res in results {
        let i = res["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(
            res["ruleId"].as_str(),
            Some(ids[i]),
            "ruleIndex points at the rule"
        );
    }
    // psrlint's own codes that appear in results are described too.
    for code in ["ARR008", "ARR010"] {
        assert!(ids.contains(&code), "{code} is not described");
    }
    let psr012 = results
        .iter()
        .find(|r| r["ruleId"] == "PSR012" && r["suppressions"].is_null())
        .expect("a PSR012 result");
    let loc = &psr012["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "tests/fixtures/psr/da-c-where-da-b-required.arrangement.toml"
    );
    assert_eq!(
        loc["region"],
        serde_json::json!({ "startLine": 28, "startColumn": 8, "endLine": 28, "endColumn": 24 })
    );
    assert_eq!(
        psr012["relatedLocations"].as_array().map(Vec::len),
        Some(2),
        "the two related labels"
    );
    let waived = results
        .iter()
        .find(|r| r["ruleId"] == "PSR012" && !r["suppressions"].is_null())
        .expect("the waived PSR012");
    assert_eq!(waived["suppressions"][0]["kind"], "external");
    assert_eq!(
        waived["suppressions"][0]["justification"],
        "Interim 3-month extension while the DA B accreditation scheme is set up"
    );
}

#[test]
fn sarif_columns_count_unicode_scalar_values_and_whole_file_findings_start_at_line_1() {
    let doc = mini("sarif").json();
    let results = doc["runs"][0]["results"]
        .as_array()
        .expect("results")
        .clone();
    let region = |code: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == code)
            .map(|r| r["locations"][0]["physicalLocation"]["region"].clone())
            .expect("a result")
    };
    // `"titel"` starts at byte 82 of line 1, after `É`, `—`, `“`, `”` and `£`: column 74.
    assert_eq!(
        region("ARR008"),
        serde_json::json!({ "startLine": 1, "startColumn": 74, "endLine": 1, "endColumn": 81 })
    );
    assert_eq!(region("ARR006"), serde_json::json!({ "startLine": 1 }));
}

#[test]
fn github_annotations_have_real_lines_and_skip_waived_findings() {
    let r = mini("github");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(!lines.is_empty());
    for l in &lines {
        assert!(
            l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "),
            "{l}"
        );
        assert!(l.contains(",line="), "{l}");
        let (props, _) = l[2..].split_once("::").expect("a message");
        assert!(!props.contains('\n'));
    }
    // MINI001 in e-waived is waived: only b-wrong's MINI001 is annotated.
    assert_eq!(
        lines.iter().filter(|l| l.contains("title=MINI001")).count(),
        1
    );
    assert!(
        r.stdout.contains("100%25 of the \"rules\""),
        "`%` is escaped in messages"
    );
}

#[test]
fn junit_has_one_test_case_per_file_and_a_failure_per_error_or_warning() {
    let r = mini("junit");
    let out = &r.stdout;
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    assert_eq!(out.matches("<testsuite ").count(), 1);
    assert_eq!(out.matches("<testcase ").count(), 7, "one per file");
    // b-wrong: 2; d-unicode: 1; e-waived: WVR001, WVR002 (MINI001 waived, MINI003 an info); f, g: 1 each.
    assert_eq!(out.matches("<failure ").count(), 7);
    assert!(!out.contains(r#"type="MINI003""#), "infos are not failures");
    assert!(out.contains(r#"<testsuite name="psrlint" tests="7" failures="5""#));
}

#[test]
fn json_of_the_shipped_packs_reports_psr012_with_its_citation() {
    let r = run(&[
        "check",
        "tests/fixtures/psr/da-c-where-da-b-required.arrangement.toml",
        "--select",
        "PSR012",
        "--format",
        "json",
    ]);
    let d = r.expect_code(1).json();
    let f = &d["findings"][0];
    assert_eq!(f["code"], "PSR012");
    assert_eq!(f["name"], "direct-award-b-required");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(28), Some(8))
    );
    assert_eq!(f["field"], "process.type");
    assert_eq!(f["citation"]["provision"], "reg 6(4)");
    assert_eq!(d["files"][0]["status"], "fail");
}
