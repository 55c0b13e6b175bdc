//! `psrlint.toml`: found upward from the working directory or named with `--config`; select,
//! ignore, severity, rules, per_path_ignores, fail_on and max_file_size; command-line options
//! override it; an unknown key or a bad value stops psrlint with exit status 2 and the span.

use psr_testing::bin::{fixture, fixture_path, normalise, run, run_in, temp_tree, Run, MINI};
use std::path::Path;

/// A project: `psrlint.toml` (its `rules` pointing at the mini pack) and three arrangement files.
fn project(config: &str) -> tempfile::TempDir {
    let config = format!("rules = [{:?}]\n{config}", fixture_path(MINI));
    temp_tree(&[
        ("psrlint.toml", &config),
        (
            "wrong.arrangement.toml",
            &fixture("tests/fixtures/mini/b-wrong.arrangement.toml"),
        ),
        (
            "info.arrangement.yaml",
            &fixture("tests/fixtures/mini/c-competitive.arrangement.yaml"),
        ),
        (
            "legacy/old.arrangement.toml",
            &fixture("tests/fixtures/mini/b-wrong.arrangement.toml"),
        ),
    ])
}

fn check(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--format", "concise"];
    args.extend_from_slice(extra);
    run_in(dir, &args, None)
}

#[test]
fn without_configuration_every_finding_is_reported() {
    let dir = project("");
    let r = check(dir.path(), &[]);
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn select_ignore_severity_and_fail_on_from_the_file() {
    let dir = project(
        r#"
select = ["MINI"]
ignore = ["MINI001"]
fail_on = "warning"

[severity]
MINI003 = "error"
mini002 = "info"
"#,
    );
    let r = check(dir.path(), &[]);
    // MINI003 raised to an error fails the run.
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn fail_on_from_the_file_and_from_the_command_line() {
    let dir = project("select = [\"MINI002\"]\nfail_on = \"warning\"\n");
    check(dir.path(), &[]).expect_code(1);
    // The command line wins.
    check(dir.path(), &["--fail-on", "error"]).expect_code(0);
}

#[test]
fn command_line_select_replaces_and_ignore_adds_to_the_file() {
    let dir = project("select = [\"MINI003\"]\nignore = [\"MINI002\"]\n");
    let r = check(dir.path(), &["--select", "MINI", "--ignore", "MINI003"]);
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn per_path_ignores_apply_to_matching_files() {
    let dir =
        project("[per_path_ignores]\n\"legacy/**\" = [\"MINI\"]\n\"*.yaml\" = [\"MINI003\"]\n");
    let r = check(dir.path(), &["--fail-on", "info"]);
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn per_path_ignores_are_relative_to_the_configuration_file() {
    let dir = project("[per_path_ignores]\n\"legacy/**\" = [\"MINI\"]\n");
    // From `legacy/`, the file is `old.arrangement.toml`, or `./old.arrangement.toml`: the glob
    // still matches it, relative to the directory of psrlint.toml.
    for path in ["old.arrangement.toml", "./old.arrangement.toml", "."] {
        let r = run_in(
            &dir.path().join("legacy"),
            &["check", "--format", "concise", path],
            None,
        );
        r.expect_code(0);
        assert_eq!(r.stdout, "", "{path}");
    }
    // And from the project directory with `./`.
    check(dir.path(), &["./legacy/old.arrangement.toml"]).expect_code(0);
}

#[test]
fn max_file_size_from_the_file() {
    let dir = project("max_file_size = 100\nselect = [\"ARR004\"]\n");
    let r = check(dir.path(), &[]);
    r.expect_code(1);
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
    assert!(
        r.stdout.lines().all(|l| l.contains("ARR004 error")),
        "{}",
        r.stdout
    );
    // The command line wins.
    check(dir.path(), &["--max-file-size", "100000"]).expect_code(0);
}

#[test]
fn the_nearest_psrlint_toml_upward_is_used() {
    let dir = project("select = [\"MINI003\"]\nfail_on = \"info\"\n");
    let r = run_in(
        &dir.path().join("legacy"),
        &[
            "check",
            "--format",
            "concise",
            ".",
            "../info.arrangement.yaml",
        ],
        None,
    );
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn config_names_a_file_anywhere() {
    let dir = project("select = [\"MINI003\"]\n");
    let other = temp_tree(&[(
        "strict.toml",
        &format!(
            "rules = [{:?}]\nselect = [\"MINI002\"]\nfail_on = \"warning\"\n",
            fixture_path(MINI)
        ),
    )]);
    let strict = other.path().join("strict.toml").display().to_string();
    let r = check(dir.path(), &["--config", &strict, "wrong.arrangement.toml"]);
    r.expect_code(1);
    assert!(r.stdout.contains("MINI002 warning"), "{}", r.stdout);
    assert!(!r.stdout.contains("MINI003"), "{}", r.stdout);
}

#[test]
fn rules_explain_and_schema_read_the_configuration_too() {
    let dir = project("");
    let r = run_in(dir.path(), &["rules"], None);
    r.expect_code(0);
    assert!(
        r.stdout.contains("MINI001") && r.stdout.contains("3 rules in 1 pack"),
        "{}",
        r.stdout
    );
    run_in(dir.path(), &["explain", "MINI002"], None).expect_code(0);
    let schema = run_in(dir.path(), &["schema"], None).expect_code(0).json();
    assert_eq!(schema["$ref"], "#/$defs/MiniFile");
}

#[test]
fn an_unknown_key_stops_psrlint_with_its_span() {
    let dir = temp_tree(&[(
        "psrlint.toml",
        "select = [\"PSR\"]\nfail-on = \"warning\"\n",
    )]);
    let r = run_in(dir.path(), &["check", "."], None);
    r.expect_code(2);
    assert_eq!(r.stdout, "");
    insta::assert_snapshot!(normalise(&r.transcript(), Some(dir.path())));
}

#[test]
fn a_bad_value_stops_psrlint() {
    let dir = temp_tree(&[("psrlint.toml", "fail_on = \"sometimes\"\n")]);
    let r = run_in(dir.path(), &["check", "."], None);
    r.expect_code(2);
    insta::assert_snapshot!(normalise(&r.transcript(), Some(dir.path())));
}

#[test]
fn a_bad_severity_stops_psrlint() {
    let dir = temp_tree(&[("psrlint.toml", "[severity]\nPSR012 = \"fatal\"\n")]);
    let r = run_in(dir.path(), &["check", "."], None);
    r.expect_code(2);
    assert!(
        r.stderr.contains("CFG005") && r.stderr.contains("fatal"),
        "{}",
        r.stderr
    );
}

#[test]
fn invalid_toml_stops_psrlint() {
    let dir = temp_tree(&[("psrlint.toml", "select = [\"PSR\"\n")]);
    let r = run_in(dir.path(), &["check", "."], None);
    r.expect_code(2);
    assert!(r.stderr.contains("CFG005"), "{}", r.stderr);
}

#[test]
fn an_invalid_glob_stops_psrlint() {
    let dir = temp_tree(&[(
        "psrlint.toml",
        "[per_path_ignores]\n\"legacy/[\" = [\"PSR\"]\n",
    )]);
    let r = run_in(dir.path(), &["check", "."], None);
    r.expect_code(2);
    assert!(
        r.stderr.contains("CFG005") && r.stderr.contains("is not a valid glob"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_missing_rules_directory_in_the_file_stops_psrlint() {
    let dir = temp_tree(&[("psrlint.toml", "rules = [\"no-such-rules\"]\n")]);
    let r = run_in(dir.path(), &["check", "."], None);
    r.expect_code(2);
    insta::assert_snapshot!(normalise(&r.transcript(), Some(dir.path())));
}

#[test]
fn a_missing_config_file_stops_psrlint() {
    let r = run(&[
        "check",
        "--config",
        "no/such/psrlint.toml",
        "tests/fixtures/mini",
    ]);
    r.expect_code(2);
    insta::assert_snapshot!(r.transcript());
}
