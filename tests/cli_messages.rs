//! Messages a new user meets: standard input in YAML without a name, rule-author commands run
//! outside a checkout, the other places where psrlint must say what it looked for, and `--explain`
//! in words rather than definition names.

use psr_testing::bin::{fixture, run, run_in, run_stdin};

/// `text` with its line wrapping (and miette's margin) undone, for matching sentences.
fn flat(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| *w != "│")
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn yaml_on_stdin_without_a_name_is_read_as_yaml() {
    let yaml = fixture("tests/fixtures/mini/c-competitive.arrangement.yaml");
    let r = run_stdin(
        &[
            "check",
            "-",
            "--rules",
            psr_testing::bin::MINI,
            "--format",
            "concise",
        ],
        &yaml,
    );
    // Read as TOML it would be ARR003 (invalid TOML); read as YAML, it is an info only.
    r.expect_code(0);
    assert!(!r.stdout.contains("ARR003"), "{}", r.stdout);
    assert!(r.stdout.starts_with("-:"), "{}", r.stdout);
    let r = run_stdin(
        &["check", "-", "--format", "concise"],
        &fixture("examples/urgent-modification-norfolk-virtual-ward.arrangement.yaml"),
    );
    r.expect_code(0);
}

#[test]
fn author_commands_outside_a_checkout_say_what_they_look_for() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (cmd, what) in [
        ("test", "rule tests"),
        ("coverage", "rule packs"),
        ("fmt", "rule files"),
    ] {
        let r = run_in(dir.path(), &[cmd], None);
        r.expect_code(2);
        let err = flat(&r.stderr);
        assert!(
            err.contains(&format!("`psrlint {cmd}` looks for {what}")),
            "{err}"
        );
        assert!(err.contains("there is no `rules/` here"), "{err}");
        assert!(
            err.contains(&format!("`psrlint {cmd} PATH/TO/rules`")),
            "{err}"
        );
    }
}

#[test]
fn a_key_left_in_the_wrong_table_by_a_deleted_header_says_where_it_belongs() {
    let text =
        fixture("examples/competitive-birmingham-satellite-dialysis-delegated.arrangement.toml");
    assert!(text.contains("\n[standstill]\n"));
    let dir = psr_testing::bin::temp_tree(&[(
        "no-header.arrangement.toml",
        &text.replace("\n[standstill]\n", "\n"),
    )]);
    let r = run_in(dir.path(), &["check", ".", "--select", "ARR008"], None);
    r.expect_code(1);
    let out = flat(&r.stdout);
    assert!(
        out.contains("unknown key `representations` in `notices[2]`"),
        "{out}"
    );
    assert!(
        out.contains("help: `representations` looks like it belongs under `[standstill]`: is that table's header missing above it?"),
        "{out}"
    );
}

#[test]
fn urls_are_never_broken_across_lines_and_plain_without_a_terminal() {
    let mut cmd = psr_testing::bin::command_in(&psr_testing::bin::root());
    cmd.env("COLUMNS", "50").args([
        "check",
        "examples/violation-da-c-where-da-b-required.arrangement.toml",
    ]);
    let out = cmd.output().expect("psrlint runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        stdout.contains("<https://www.legislation.gov.uk/uksi/2023/1348/regulation/6>"),
        "{stdout}"
    );
    // Not a terminal (and NO_COLOR): no hyperlink escapes.
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
}

#[test]
fn as_of_messages_speak_of_the_date_used_and_say_where_it_came_from() {
    let file = "examples/violation-da-c-where-da-b-required.arrangement.toml";
    let r = psr_testing::bin::run(&[
        "check",
        "--as-of",
        "2023-12-01",
        "--format",
        "concise",
        "--select",
        "PSR001",
        file,
    ]);
    assert!(
        r.stdout
            .contains("does not apply on 2023-12-01 (the date given with --as-of)"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("2025-04-23"), "{}", r.stdout);
    let r = psr_testing::bin::run(&[
        "check",
        "--as-of",
        "2027-04-01",
        "--format",
        "concise",
        "--select",
        "COM007",
        file,
    ]);
    assert!(
        r.stdout.contains(
            "could not check that QKS was an ICB on 2027-04-01 (the date given with --as-of)"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn explain_puts_shipped_definitions_in_words_with_their_names_below() {
    let file = "tests/fixtures/psr/da-c-where-da-b-required.arrangement.toml";
    let r = run(&["check", file, "--select", "PSR012", "--explain"]);
    r.expect_code(1);
    insta::assert_snapshot!(r.stdout_transcript());
    // JSON keeps the condition as written and adds the words and the definition's value.
    let json = run(&["check", file, "--select", "PSR012", "--format", "json"]);
    let json = json.expect_code(1).json();
    let trace = &json["findings"][0]["trace"];
    let step = trace
        .as_array()
        .and_then(|t| {
            t.iter()
                .find(|s| s["condition"] == "core_da_b_not_ruled_out")
        })
        .unwrap_or_else(|| panic!("no core_da_b_not_ruled_out step in {trace}"));
    assert_eq!(
        step["description"],
        "none of the conditions for Direct Award Process B is recorded as not met"
    );
    assert_eq!(step["description_holds"], true);
    assert_eq!(step["outcome"], "true");
}
