//! When psrlint cannot do its job: bad arguments, a missing or unreadable path, a broken rule pack.
//! Each gives a clear message on stderr, nothing on stdout, exit status 2, and no panic.

use psr_testing::bin::{normalise, run, run_in, temp_tree, Run, MINI};

#[track_caller]
fn refused(r: &Run) {
    r.expect_code(2);
    assert_eq!(r.stdout, "", "nothing on stdout");
    assert!(!r.stderr.is_empty(), "a message on stderr");
}

#[test]
fn an_unknown_option() {
    let r = run(&["check", "--colour", "tests/fixtures/mini"]);
    refused(&r);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn an_unknown_format() {
    let r = run(&["check", "--format", "xml", "tests/fixtures/mini"]);
    refused(&r);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn an_unknown_fail_level() {
    refused(&run(&[
        "check",
        "--fail-on",
        "never",
        "tests/fixtures/mini",
    ]));
}

#[test]
fn a_size_that_is_not_a_number() {
    refused(&run(&[
        "check",
        "--max-file-size",
        "ten",
        "tests/fixtures/mini",
    ]));
}

#[test]
fn an_unknown_command() {
    let r = run(&["lint", "tests/fixtures/mini"]);
    refused(&r);
    assert!(
        r.stderr.contains("unrecognized subcommand 'lint'"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_missing_path() {
    let r = run(&[
        "check",
        "tests/fixtures/mini/a-clean.arrangement.toml",
        "no/such/file.arrangement.toml",
        "--rules",
        MINI,
    ]);
    refused(&r);
    insta::assert_snapshot!(r.transcript());
}

#[cfg(unix)]
#[test]
fn a_broken_symbolic_link() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::os::unix::fs::symlink(
        "nowhere.arrangement.toml",
        dir.path().join("link.arrangement.toml"),
    )
    .expect("a symbolic link");
    let r = run_in(
        dir.path(),
        &[
            "check",
            "link.arrangement.toml",
            "--rules",
            &psr_testing::bin::fixture_path(MINI),
        ],
        None,
    );
    refused(&r);
    insta::assert_snapshot!(r.transcript());
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_tree(&[("locked.arrangement.toml", "format = 1\n")]);
    let path = dir.path().join("locked.arrangement.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to test.
        return;
    }
    let r = run_in(
        dir.path(),
        &[
            "check",
            "locked.arrangement.toml",
            "--rules",
            &psr_testing::bin::fixture_path(MINI),
        ],
        None,
    );
    refused(&r);
    assert!(
        r.stderr.contains("cannot read `locked.arrangement.toml`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("ermission denied"), "{}", r.stderr);
}

#[test]
fn a_rules_directory_that_does_not_exist() {
    let r = run(&["check", "tests/fixtures/mini", "--rules", "no/such/rules"]);
    refused(&r);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn a_rules_directory_without_a_pack() {
    let dir = temp_tree(&[("notes.txt", "no pack here\n")]);
    let r = run(&[
        "check",
        "tests/fixtures/mini",
        "--rules",
        &dir.path().display().to_string(),
    ]);
    refused(&r);
    assert!(r.stderr.contains("it has no `pack.psrl`"), "{}", r.stderr);
}

/// A pack with a syntax error in one file and an unknown name in another.
fn broken_pack() -> tempfile::TempDir {
    temp_tree(&[
        (
            "broken/pack.psrl",
            "pack broken {\n  version: \"0.0.1\"\n  description: \"A pack with mistakes\"\n}\n",
        ),
        (
            "broken/schema.psrl",
            "record File {\n  format: integer\n  title: text\n}\nroot File\n",
        ),
        (
            "broken/rules.psrl",
            r#"rule BRK001 title-recorded {
  severity: error
  cite: "SI 2023/1348" "reg 24" "https://www.legislation.gov.uk/uksi/2023/1348/regulation/24"
  in_force: 2024-01-01 ..
  summary: "The title is recorded"
  require: titel != ""
  at: title
  message: "no title"
  help: "add a title"
  doc: "Reg 24."
  compliant: "title = \"x\""
  non_compliant: "title = \"\""
}
"#,
        ),
        ("broken/syntax.psrl", "rule BRK002 {\n  severity: error\n"),
    ])
}

#[test]
fn a_broken_rule_pack() {
    let dir = broken_pack();
    let rules = dir.path().join("broken").display().to_string();
    let r = run(&["check", "tests/fixtures/mini", "--rules", &rules]);
    refused(&r);
    assert!(
        r.stderr.contains("RL001"),
        "the syntax error is reported\n{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("RL002") || r.stderr.contains("RL006"),
        "the unknown name is reported\n{}",
        r.stderr
    );
    insta::assert_snapshot!(normalise(&r.transcript(), Some(dir.path())));
}

#[test]
fn a_broken_rule_pack_stops_every_command_that_loads_rules() {
    let dir = broken_pack();
    let rules = dir.path().join("broken").display().to_string();
    for args in [
        vec!["rules", "--rules", &rules],
        vec!["schema", "--rules", &rules],
        vec!["explain", "BRK001", "--rules", &rules],
    ] {
        let r = run(&args);
        refused(&r);
        assert!(r.stderr.contains("CFG003"), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn a_rule_pack_with_errors_and_the_directory_of_packs_form() {
    // `--rules DIR` where DIR holds packs one level down: the broken one is found and refused.
    let dir = broken_pack();
    let r = run(&[
        "check",
        "tests/fixtures/mini",
        "--rules",
        &dir.path().display().to_string(),
    ]);
    refused(&r);
    assert!(r.stderr.contains("CFG003"), "{}", r.stderr);
}

#[test]
fn stdin_filename_alone_reads_nothing_and_checks_the_paths() {
    // `--stdin-filename` without `-` is not an error: the paths are checked as usual.
    let r = run(&[
        "check",
        "tests/fixtures/mini/a-clean.arrangement.toml",
        "--stdin-filename",
        "x.arrangement.toml",
        "--rules",
        MINI,
    ]);
    r.expect_code(0);
}
