//! A run must never pass by checking less than the user meant: codes and prefixes that match no
//! finding code (on the command line or in `psrlint.toml`) stop psrlint with a did-you-mean;
//! prefixes that cover several codes are shown; a run that finds no arrangement file fails,
//! naming the files that look like arrangements under another name.

use psr_testing::bin::{fixture, normalise, run, run_in, temp_tree, Run};
use std::path::Path;

const EXAMPLES: &str = "examples/";
const PSR012: &str = "examples/violation-da-c-where-da-b-required.arrangement.toml";

fn check_in(dir: &Path, args: &[&str]) -> Run {
    let mut a = vec!["check"];
    a.extend_from_slice(args);
    run_in(dir, &a, None)
}

#[test]
fn a_select_that_matches_no_code_is_an_error_with_a_suggestion() {
    let r = run(&["check", "--select", "PRS", EXAMPLES]);
    r.expect_code(2);
    assert_eq!(r.stdout, "");
    insta::assert_snapshot!(r.transcript(), @r"
    exit: 2
    ----- stdout -----
    ----- stderr -----
    CFG004

      × `--select PRS` matches no finding code
      help: did you mean `PSR`? (`psrlint rules` lists every rule's code)
    ");
}

#[test]
fn an_ignored_code_with_a_typo_is_an_error() {
    let r = run(&["check", "--ignore", "PSR012X", PSR012]);
    r.expect_code(2);
    assert!(
        r.stderr
            .contains("`--ignore PSR012X` matches no finding code"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("did you mean `PSR012`?"), "{}", r.stderr);
    // An empty code is no code.
    run(&["check", "--ignore", "", PSR012]).expect_code(2);
    // The engine's own codes are codes too.
    run(&["check", "--ignore", "ARR008,WVR", PSR012]).expect_code(1);
}

#[test]
fn a_prefix_that_covers_several_codes_is_shown_with_the_summary_and_the_statistics() {
    let r = run(&["check", "--ignore", "PSR06", "--select", "PSR01", PSR012]);
    r.expect_code(1);
    let tail: Vec<&str> = r.stdout.lines().rev().take(3).collect();
    assert!(
        tail.contains(&"note: ignored: PSR06 (PSR060–PSR069, 10 rules)"),
        "{}",
        r.stdout
    );
    assert!(
        tail.iter()
            .any(|l| l.starts_with("note: selected: PSR01 (PSR010–PSR01")),
        "{}",
        r.stdout
    );
    let r = run(&[
        "check",
        "--ignore",
        "psr06",
        "--statistics",
        "--format",
        "json",
        PSR012,
    ]);
    r.expect_code(1);
    assert!(
        r.stderr
            .starts_with("note: ignored: psr06 (PSR060–PSR069, 10 rules)\n"),
        "{}",
        r.stderr
    );
    // A whole code is not a prefix: nothing to note.
    let r = run(&["check", "--ignore", "PSR066", PSR012]);
    assert!(!r.stdout.contains("note:"), "{}", r.stdout);
}

#[test]
fn codes_in_the_configuration_are_checked_with_their_span() {
    let cases = [
        (
            "select = [\"PSR\", \"CMO\"]\n",
            "`CMO` in `select`",
            "did you mean `COM`?",
        ),
        (
            "ignore = [\"PSR0666\"]\n",
            "`PSR0666` in `ignore`",
            "did you mean `PSR066`?",
        ),
        (
            "[severity]\nPSR01 = \"info\"\n",
            "`PSR01` in `[severity]`",
            "did you mean `PSR001`?",
        ),
        (
            "[per_path_ignores]\n\"old/**\" = [\"PRS012\"]\n",
            "`PRS012` in `per_path_ignores.\"old/**\"`",
            "did you mean `PSR012`?",
        ),
    ];
    for (config, message, help) in cases {
        let dir = temp_tree(&[
            ("psrlint.toml", config),
            ("a.arrangement.toml", &fixture(PSR012)),
        ]);
        let r = check_in(dir.path(), &["."]);
        r.expect_code(2);
        assert!(r.stderr.contains(message), "{config}\n{}", r.stderr);
        assert!(r.stderr.contains(help), "{config}\n{}", r.stderr);
        assert!(
            r.stderr.contains("psrlint.toml:"),
            "the span is shown\n{}",
            r.stderr
        );
    }
}

#[test]
fn a_directory_without_arrangement_files_fails_and_names_the_near_misses() {
    let psr = fixture(PSR012);
    let dir = temp_tree(&[
        ("register/podiatry.toml", &psr),
        ("register/podiatry-arrangement.toml", &psr),
        ("register/notes.yaml", "colour: blue\n"),
        ("register/Cargo.toml", "[package]\nname = \"x\"\n"),
    ]);
    let r = check_in(dir.path(), &["register"]);
    r.expect_code(2);
    insta::assert_snapshot!(normalise(&r.transcript(), Some(dir.path())), @r"
    exit: 2
    ----- stdout -----
    ----- stderr -----
    CFG004

      × no arrangement files found under `register`
      help: `register/podiatry-arrangement.toml`: did you mean to name it `podiatry.arrangement.toml`?
            `register/podiatry.toml`: did you mean to name it `podiatry.arrangement.toml`?
            psrlint looks for files named `*.arrangement.toml`, `*.arrangement.json`,
            `*.arrangement.yaml` or `*.arrangement.yml`; `--allow-empty` lets a run with none pass
    ");
    let r = check_in(
        dir.path(),
        &["register", "--allow-empty", "--format", "json"],
    );
    r.expect_code(0);
    assert_eq!(r.json()["summary"]["files"], 0);
    // A file named on the command line is checked whatever its name (as pre-commit names them).
    check_in(dir.path(), &["register/podiatry.toml"]).expect_code(1);
}
