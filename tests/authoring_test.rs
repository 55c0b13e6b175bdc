//! `psrlint test`: rule tests pass, fail with a diff, and are blessed; a missing or empty
//! expectation fails; the summary is the last line.

use psr_testing::demo::{demo, psrlint, read, write, FINDING};

#[test]
fn tests_without_expectations_fail_and_show_what_they_found() {
    let dir = demo();
    let r = psrlint(dir.path(), &["test"]);
    r.expect_code(1);
    assert_eq!(r.last_line(), "0 passed, 2 failed");
    assert!(
        r.stdout
            .contains("FAILED  rules/demo/tests/DEMO001-fires.arrangement.toml"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("DEMO001-fires.expected` does not exist"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!("+{FINDING}")),
        "the diff shows the finding:\n{}",
        r.stdout
    );
    assert!(r.stdout.contains("+# no findings"), "{}", r.stdout);
}

#[test]
fn bless_writes_the_expectations_and_then_the_tests_pass() {
    let dir = demo();
    let r = psrlint(dir.path(), &["test", "--bless", "rules"]);
    r.expect_code(0);
    assert!(
        r.stdout
            .contains("blessed rules/demo/tests/DEMO001-fires.arrangement.toml"),
        "{}",
        r.stdout
    );
    assert_eq!(r.last_line(), "2 passed, 0 failed");
    assert_eq!(
        read(dir.path(), "rules/demo/tests/DEMO001-fires.expected"),
        format!("{FINDING}\n")
    );
    assert_eq!(
        read(dir.path(), "rules/demo/tests/DEMO001-passes.expected"),
        "# no findings\n"
    );
    let again = psrlint(dir.path(), &["test", "rules"]);
    again.expect_code(0);
    assert_eq!(
        again.stdout,
        "ok      rules/demo/tests/DEMO001-fires.arrangement.toml\nok      rules/demo/tests/DEMO001-passes.arrangement.toml\n2 passed, 0 failed\n"
    );
}

#[test]
fn a_wrong_expectation_fails_with_a_unified_diff() {
    let dir = demo();
    write(
        dir.path(),
        "rules/demo/tests/DEMO001-fires.expected",
        "# the rule fires here\n18:8: DEMO001 warning: something else\n",
    );
    write(
        dir.path(),
        "rules/demo/tests/DEMO001-passes.expected",
        "# no findings\n",
    );
    let r = psrlint(dir.path(), &["test"]);
    r.expect_code(1);
    assert_eq!(r.last_line(), "1 passed, 1 failed");
    let diff = "--- expected\n+++ actual\n@@ -1 +1 @@\n-18:8: DEMO001 warning: something else\n+"
        .to_string()
        + FINDING
        + "\n";
    assert!(r.stdout.contains(&diff), "{}", r.stdout);
    // Blessing keeps the comment at the top.
    psrlint(dir.path(), &["test", "--bless"]).expect_code(0);
    assert_eq!(
        read(dir.path(), "rules/demo/tests/DEMO001-fires.expected"),
        format!("# the rule fires here\n{FINDING}\n")
    );
}

#[test]
fn an_empty_expectation_fails_even_when_there_are_no_findings() {
    let dir = demo();
    write(
        dir.path(),
        "rules/demo/tests/DEMO001-fires.expected",
        &format!("{FINDING}\n"),
    );
    write(dir.path(), "rules/demo/tests/DEMO001-passes.expected", "\n");
    let r = psrlint(dir.path(), &["test"]);
    r.expect_code(1);
    assert!(
        r.stdout.contains("DEMO001-passes.expected` is empty"),
        "{}",
        r.stdout
    );
    assert_eq!(r.last_line(), "1 passed, 1 failed");
    write(
        dir.path(),
        "rules/demo/tests/DEMO001-passes.expected",
        "# just a note\n",
    );
    psrlint(dir.path(), &["test"]).expect_code(1);
    write(
        dir.path(),
        "rules/demo/tests/DEMO001-passes.expected",
        "# just a note\n# no findings\n",
    );
    psrlint(dir.path(), &["test"]).expect_code(0);
}

#[test]
fn an_expectation_of_findings_fails_on_a_clean_file() {
    let dir = demo();
    write(
        dir.path(),
        "rules/demo/tests/DEMO001-fires.expected",
        &format!("{FINDING}\n"),
    );
    write(
        dir.path(),
        "rules/demo/tests/DEMO001-passes.expected",
        &format!("{FINDING}\n"),
    );
    let r = psrlint(dir.path(), &["test"]);
    r.expect_code(1);
    assert!(
        r.stdout.contains(&format!("-{FINDING}\n+# no findings\n")),
        "{}",
        r.stdout
    );
}

#[test]
fn tests_run_in_path_order_and_a_single_file_can_be_named() {
    let dir = demo();
    psrlint(dir.path(), &["test", "--bless"]).expect_code(0);
    write(
        dir.path(),
        "rules/demo/tests/a/DEMO001-again.arrangement.json",
        "{\"format\": 2}",
    );
    let r = psrlint(dir.path(), &["test", "--bless"]);
    r.expect_code(0);
    let order: Vec<&str> = r
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert_eq!(
        order,
        vec![
            "rules/demo/tests/DEMO001-fires.arrangement.toml",
            "rules/demo/tests/DEMO001-passes.arrangement.toml",
            "rules/demo/tests/a/DEMO001-again.arrangement.json",
            "passed,"
        ]
    );
    assert!(
        read(dir.path(), "rules/demo/tests/a/DEMO001-again.expected")
            .contains("unknown arrangement format")
    );
    let one = psrlint(
        dir.path(),
        &["test", "rules/demo/tests/DEMO001-fires.arrangement.toml"],
    );
    one.expect_code(0);
    assert_eq!(one.last_line(), "1 passed, 0 failed");
}

#[test]
fn a_pack_that_does_not_compile_is_an_error() {
    let dir = demo();
    write(dir.path(), "rules/demo/broken.psrl", "rule {");
    let r = psrlint(dir.path(), &["test"]);
    r.expect_code(2);
    assert!(r.stderr.contains("RL001"), "{}", r.stderr);
    assert_eq!(r.last_line(), "0 passed, 2 failed");
}

#[test]
fn no_tests_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(
        dir.path(),
        "rules/x/pack.psrl",
        "pack x {\n  version: \"1\"\n}\n",
    );
    let r = psrlint(dir.path(), &["test"]);
    r.expect_code(2);
    assert!(r.stderr.contains("no rule tests"), "{}", r.stderr);
}

#[test]
fn an_expectation_without_a_test_is_a_warning() {
    let dir = demo();
    psrlint(dir.path(), &["test", "--bless"]).expect_code(0);
    write(
        dir.path(),
        "rules/demo/tests/DEMO001-renamed.expected",
        "# no findings\n",
    );
    let r = psrlint(dir.path(), &["test"]);
    r.expect_code(0);
    assert!(
        r.stderr.contains("warning: `rules/demo/tests/DEMO001-renamed.expected` has no arrangement file beside it"),
        "{}",
        r.stderr
    );
}

#[test]
fn two_test_files_cannot_share_an_expectation() {
    let dir = demo();
    psrlint(dir.path(), &["test", "--bless"]).expect_code(0);
    write(
        dir.path(),
        "rules/demo/tests/DEMO001-fires.arrangement.json",
        "{\"format\": 1}",
    );
    let r = psrlint(dir.path(), &["test", "--bless"]);
    r.expect_code(1);
    assert!(r.stdout.contains("share one expectation"), "{}", r.stdout);
}

#[test]
fn rules_given_with_rules_check_every_test() {
    let dir = demo();
    psrlint(dir.path(), &["test", "--bless"]).expect_code(0);
    // With the demo pack itself, nothing changes.
    let r = psrlint(
        dir.path(),
        &["test", "rules/demo/tests", "--rules", "rules/demo"],
    );
    r.expect_code(0);
    let other = tempfile::tempdir().expect("a temporary directory");
    write(
        other.path(),
        "pack.psrl",
        "pack other {\n  version: \"1\"\n  uses: arrangement\n}\n",
    );
    // With another pack, the demo rule is not there: the firing test fails.
    let path = other.path().display().to_string();
    let r = psrlint(dir.path(), &["test", "--rules", &path]);
    r.expect_code(1);
    assert!(
        r.stdout.contains(&format!("-{FINDING}\n+# no findings")),
        "{}",
        r.stdout
    );
}
