//! The rule-test runner, coverage and the schema export as a library, without the binary: the
//! demo pack (psr_testing::demo) in a temporary directory, compiled with the shipped packs it uses.

use psr_authoring::coverage::{self, render};
use psr_authoring::rule_tests::{self, suite, Outcome};
use psr_authoring::AuthoringError;
use psr_engine::CheckOptions;
use psr_testing::demo::{demo, read, write, FINDING, MAP, RULES};
use psr_testing::engine::{shipped_engine, shipped_packs, today};
use std::path::{Path, PathBuf};

fn runner() -> suite::Runner {
    suite::Runner::new(
        Vec::new(),
        CheckOptions::new(today()),
        Box::new(|dirs| psr_lang::loader::load(dirs, &[], shipped_packs(), false)),
    )
}

/// Finds, checks and judges the tests under `dir/rules`; the outcomes and what was written.
fn run(dir: &Path, bless: bool) -> (Vec<Outcome>, String, suite::Runner) {
    let found = suite::discover(&[dir.join("rules")]).expect("the tests are found");
    let mut runner = runner();
    let engines = runner.prepare(&found.tests).expect("the packs are found");
    let outcomes = rule_tests::check_all(&found.tests, &runner, &engines, bless);
    let mut out = Vec::new();
    rule_tests::write_results(&found.tests, outcomes.clone(), false, &mut out).expect("written");
    (outcomes, String::from_utf8(out).expect("UTF-8"), runner)
}

#[test]
fn tests_without_expectations_fail_until_blessed_and_then_pass() {
    let dir = demo();
    let (outcomes, text, _) = run(dir.path(), false);
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Failed(why, _) if why.contains("does not exist"))),
        "{text}"
    );
    assert_eq!(text.lines().last(), Some("0 passed, 2 failed"));

    let (outcomes, text, _) = run(dir.path(), true);
    assert_eq!(outcomes, [Outcome::Blessed, Outcome::Blessed], "{text}");
    let fires = read(dir.path(), "rules/demo/tests/DEMO001-fires.expected");
    assert_eq!(fires.lines().collect::<Vec<_>>(), [FINDING]);
    assert_eq!(
        read(dir.path(), "rules/demo/tests/DEMO001-passes.expected").trim(),
        rule_tests::expect::NO_FINDINGS
    );

    let (outcomes, text, runner) = run(dir.path(), false);
    assert_eq!(outcomes, [Outcome::Passed, Outcome::Passed]);
    assert!(!runner.broken);
    assert_eq!(text.lines().last(), Some("2 passed, 0 failed"));
}

#[test]
fn a_wrong_expectation_fails_with_a_diff() {
    let dir = demo();
    run(dir.path(), true);
    write(
        dir.path(),
        "rules/demo/tests/DEMO001-fires.expected",
        "18:8: DEMO001 warning: an award needs a selection process\n",
    );
    let (outcomes, text, _) = run(dir.path(), false);
    let Outcome::Failed(why, Some(diff)) = &outcomes[0] else {
        panic!("the first test fails with a diff: {text}")
    };
    assert!(why.contains("the findings differ"), "{why}");
    assert!(
        diff.contains(&format!("+{FINDING}"))
            && diff.contains("-18:8: DEMO001 warning: an award needs a selection process"),
        "{diff}"
    );
    assert!(text.contains("FAILED  "), "{text}");
}

#[test]
fn a_pack_that_does_not_compile_fails_its_tests_and_gives_its_problems() {
    let dir = demo();
    write(
        dir.path(),
        "rules/demo/rules.psrl",
        &RULES.replace("forbid:", "forbidd:"),
    );
    let (outcomes, _, mut runner) = run(dir.path(), false);
    assert!(runner.broken);
    assert!(!runner.take_problems().is_empty());
    assert!(runner.take_problems().is_empty(), "given once");
    assert!(outcomes
        .iter()
        .all(|o| matches!(o, Outcome::Failed(why, None) if why.contains("have errors"))));
}

#[test]
fn a_missing_directory_is_an_error_with_a_code() {
    let e = suite::discover(&[PathBuf::from("/no/such/rules")]).expect_err("missing");
    assert!(
        matches!(
            e,
            AuthoringError::Cfg(psr_diagnostics::CfgError::MissingPath { .. })
        ),
        "{e:?}"
    );
    let code = miette::Diagnostic::code(&e).map(|c| c.to_string());
    assert_eq!(code.as_deref(), Some("CFG001"));
}

#[test]
fn coverage_counts_a_provision_whose_rule_fires_and_passes() {
    let dir = demo();
    write(dir.path(), "rules/demo/provisions.toml", MAP);
    run(dir.path(), true);
    let mut runner = runner();
    let report =
        coverage::measure(&[dir.path().join("rules")], &mut runner, Some(60.0)).expect("measured");
    assert_eq!((report.covered, report.in_scope), (1, 2));
    assert!(report.below_min);
    let pack = &report.packs[0];
    let states: Vec<(&str, &str)> = pack
        .provisions
        .iter()
        .map(|p| (p.id.as_str(), p.coverage))
        .collect();
    assert_eq!(
        states,
        [
            ("reg 6(1)", "covered"),
            ("reg 6(2)", "no-rules"),
            ("reg 4", "out-of-scope")
        ]
    );
    let mut text = Vec::new();
    render::text(&report, &mut text).expect("written");
    let text = String::from_utf8(text).expect("UTF-8");
    assert_eq!(
        text.lines().last(),
        Some("Total: 1 of 2 in-scope provisions covered by tested rules (50.0%); 0 record only")
    );
    let mut json = Vec::new();
    render::json(&report, &mut json).expect("written");
    let v: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    assert_eq!(v["percent"], 50.0);
}

#[test]
fn coverage_without_a_map_or_with_a_bad_minimum_is_refused() {
    let dir = demo();
    let e =
        coverage::measure(&[dir.path().join("rules")], &mut runner(), None).expect_err("no map");
    assert!(e.to_string().contains("has a `provisions.toml`"), "{e}");
    let e = coverage::measure(&[dir.path().join("rules")], &mut runner(), Some(101.0))
        .expect_err("not a percentage");
    assert_eq!(e.to_string(), "`--min 101` is not a percentage");
}

#[test]
fn an_invalid_map_points_at_the_problem() {
    let dir = demo();
    write(
        dir.path(),
        "rules/demo/provisions.toml",
        &MAP.replace("status = \"in-scope\"", "status = \"maybe\""),
    );
    let e = coverage::measure(&[dir.path().join("rules")], &mut runner(), None)
        .expect_err("an invalid map");
    let AuthoringError::Map(map) = &e else {
        panic!("a map error: {e:?}")
    };
    let (span, message) = (&map.span, &map.message);
    assert!(span.is_some(), "{message}");
    assert!(message.contains("provisions.toml"), "{message}");
}

#[test]
fn the_schema_describes_the_shipped_arrangement_format() {
    let schema = psr_authoring::schema::json_schema(&shipped_engine().program().schema)
        .expect("the packs declare a root");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let root = schema["$ref"].as_str().expect("a root reference");
    let name = root.trim_start_matches("#/$defs/");
    let props = &schema["$defs"][name]["properties"];
    assert_eq!(props["format"]["const"], 1);
    assert!(props["arrangement"].is_object(), "{props}");
}

#[test]
fn a_schema_needs_a_root_record() {
    let compiled = psr_lang::loader::load(
        &[],
        &[],
        &[psr_lang::MemoryPack::new(
            "bare",
            vec![(
                "pack.psrl".into(),
                b"pack bare { version: \"1.0.0\" }".as_slice(),
            )],
        )],
        false,
    )
    .expect("an empty pack compiles");
    let e = psr_authoring::schema::json_schema(&compiled.program.schema).expect_err("no root");
    assert!(e.to_string().contains("no `root` record"), "{e}");
}
