//! `psrlint coverage`: provisions matched to rules through their citations, rules counted as
//! tested when they both fire and stay silent in tests, `--min`, JSON, and warnings.

use psr_testing::demo::{demo, psrlint, write, MAP};

/// The demo pack with its map and blessed tests.
fn covered_demo() -> tempfile::TempDir {
    let dir = demo();
    write(dir.path(), "rules/demo/provisions.toml", MAP);
    psrlint(dir.path(), &["test", "--bless"]).expect_code(0);
    dir
}

#[test]
fn a_provision_is_covered_when_its_rules_fire_and_pass_in_tests() {
    let dir = covered_demo();
    let r = psrlint(dir.path(), &["coverage"]);
    r.expect_code(0);
    assert!(
        r.stdout
            .contains("covered      reg 6(1)  Follow the appropriate process: DEMO001"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("no rule      reg 6(2)"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("out of scope reg 4     Procurement principles: qualitative duties"),
        "{}",
        r.stdout
    );
    assert_eq!(
        r.stdout.lines().last(),
        Some("Total: 1 of 2 in-scope provisions covered by tested rules (50.0%); 0 record only")
    );
}

#[test]
fn a_provision_only_record_only_rules_cite_is_shown_apart_and_not_covered() {
    let dir = covered_demo();
    let rules = psr_testing::demo::RULES.replace(
        "  in_force: 2024-01-01 ..",
        "  checks: record-only\n  in_force: 2024-01-01 ..",
    );
    write(dir.path(), "rules/demo/rules.psrl", &rules);
    let r = psrlint(dir.path(), &["coverage"]);
    r.expect_code(0);
    assert!(
        r.stdout.contains(
            "record only  reg 6(1)  Follow the appropriate process: DEMO001 (record only)"
        ),
        "{}",
        r.stdout
    );
    assert_eq!(
        r.stdout.lines().last(),
        Some("Total: 0 of 2 in-scope provisions covered by tested rules (0.0%); 1 record only")
    );
    let json = psrlint(dir.path(), &["coverage", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(doc["record_only"], 1);
    assert_eq!(doc["packs"][0]["provisions"][0]["coverage"], "record-only");
    assert_eq!(
        doc["packs"][0]["provisions"][0]["record_only"][0],
        "DEMO001"
    );
    assert_eq!(
        doc["packs"][0]["provisions"][0]["rules"],
        serde_json::json!([])
    );
}

#[test]
fn min_fails_below_the_percentage() {
    let dir = covered_demo();
    psrlint(dir.path(), &["coverage", "--min", "50"]).expect_code(0);
    let r = psrlint(dir.path(), &["coverage", "rules", "--min", "80"]);
    r.expect_code(1);
    assert!(r.stderr.contains("below --min 80%"), "{}", r.stderr);
    psrlint(dir.path(), &["coverage", "--min", "120"]).expect_code(2);
}

#[test]
fn a_rule_without_a_passing_test_is_not_tested() {
    let dir = covered_demo();
    std::fs::remove_file(
        dir.path()
            .join("rules/demo/tests/DEMO001-passes.arrangement.toml"),
    )
    .expect("removed");
    std::fs::remove_file(dir.path().join("rules/demo/tests/DEMO001-passes.expected"))
        .expect("removed");
    let r = psrlint(dir.path(), &["coverage", "--format", "json"]);
    r.expect_code(0);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let pack = &report["packs"][0];
    assert_eq!(pack["pack"], "demo");
    assert_eq!(pack["provisions"][0]["coverage"], "untested");
    assert_eq!(pack["rules"][0]["code"], "DEMO001");
    assert_eq!(
        pack["rules"][0]["fires"][0],
        "rules/demo/tests/DEMO001-fires.arrangement.toml"
    );
    assert_eq!(pack["rules"][0]["passes"], serde_json::json!([]));
    assert_eq!(report["percent"], 0.0);
}

#[test]
fn citations_absent_from_the_map_are_warnings() {
    let dir = covered_demo();
    let rules =
        std::fs::read_to_string(dir.path().join("rules/demo/rules.psrl")).expect("the rules");
    write(
        dir.path(),
        "rules/demo/rules.psrl",
        &rules.replace("\"reg 6(1)\"", "\"reg 6(1), 7(2)\""),
    );
    let r = psrlint(dir.path(), &["coverage"]);
    r.expect_code(0);
    assert!(
        r.stdout.contains("demo DEMO001: cites `reg 7(2)` (SI 2023/1348), which `rules/demo/provisions.toml` does not list"),
        "{}",
        r.stdout
    );
    let json = psrlint(dir.path(), &["coverage", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(report["warnings"][0]["rule"], "DEMO001");
}

#[test]
fn a_bad_map_is_an_error_that_points_into_it() {
    let dir = covered_demo();
    write(
        dir.path(),
        "rules/demo/provisions.toml",
        &MAP.replace("reason = \"qualitative duties\"\n", ""),
    );
    let r = psrlint(dir.path(), &["coverage"]);
    r.expect_code(2);
    assert!(
        r.stderr
            .contains("`reg 4` is out of scope: say why in `reason`"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_pack_without_a_map_cannot_be_measured() {
    let dir = demo();
    let r = psrlint(dir.path(), &["coverage"]);
    r.expect_code(2);
    assert!(r.stderr.contains("provisions.toml"), "{}", r.stderr);
}
