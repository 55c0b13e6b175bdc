//! `psrlint fmt`: `--check` lists unformatted files, `--write` rewrites only those (atomically),
//! one file is printed, a file that does not parse is an error, and formatting is idempotent.

use psr_testing::demo::{demo, psrlint, read, write, RULES};
use std::time::{Duration, SystemTime};

const MESSY: &str = "# A messy file.\ndef   demo_flag=process.type ==\"none\"   # why\n\n\n\nrule DEMO002 messy {severity : warning\n    cite: \"I\" \"reg 6(1)\" \"U\"\n}\n";
const TIDY: &str = "# A messy file.\ndef demo_flag = process.type == \"none\"   # why\n\nrule DEMO002 messy {\n  severity: warning\n  cite: \"I\" \"reg 6(1)\" \"U\"\n}\n";

fn mtime(path: &std::path::Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("a modification time")
}

/// Sets a file's modification time into the past, so that a rewrite would be visible.
fn age(path: &std::path::Path) {
    let old = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(old))
        .expect("an aged file");
}

#[test]
fn check_lists_the_unformatted_files_and_changes_nothing() {
    let dir = demo();
    write(dir.path(), "rules/demo/messy.psrl", MESSY);
    let r = psrlint(dir.path(), &["fmt", "--check"]);
    r.expect_code(1);
    assert_eq!(r.stdout, "rules/demo/messy.psrl\n");
    assert!(
        r.stderr.contains("1 of 3 file(s) would be reformatted"),
        "{}",
        r.stderr
    );
    assert_eq!(read(dir.path(), "rules/demo/messy.psrl"), MESSY);
    // Several files without a flag: the same as --check.
    psrlint(dir.path(), &["fmt", "rules"]).expect_code(1);
}

#[test]
fn write_rewrites_changed_files_only_and_leaves_no_temporary_file() {
    let dir = demo();
    write(dir.path(), "rules/demo/messy.psrl", MESSY);
    let tidy = dir.path().join("rules/demo/rules.psrl");
    let messy = dir.path().join("rules/demo/messy.psrl");
    age(&tidy);
    age(&messy);
    let (tidy_before, messy_before) = (mtime(&tidy), mtime(&messy));
    let r = psrlint(dir.path(), &["fmt", "--write"]);
    r.expect_code(0);
    assert_eq!(read(dir.path(), "rules/demo/messy.psrl"), TIDY);
    assert_eq!(read(dir.path(), "rules/demo/rules.psrl"), RULES);
    assert_eq!(
        mtime(&tidy),
        tidy_before,
        "an unchanged file is not touched"
    );
    assert_ne!(mtime(&messy), messy_before, "the changed file is rewritten");
    let names: Vec<String> = std::fs::read_dir(dir.path().join("rules/demo"))
        .expect("a directory")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".psrlint-fmt")),
        "{names:?}"
    );
    // Idempotent: the result is formatted, and writing again changes nothing.
    psrlint(dir.path(), &["fmt", "--check"]).expect_code(0);
    let after = mtime(&messy);
    psrlint(dir.path(), &["fmt", "--write", "rules/demo"]).expect_code(0);
    assert_eq!(mtime(&messy), after);
}

#[test]
fn one_file_is_printed_formatted() {
    let dir = demo();
    write(dir.path(), "messy.psrl", MESSY);
    let r = psrlint(dir.path(), &["fmt", "messy.psrl"]);
    r.expect_code(0);
    assert_eq!(r.stdout, TIDY);
    assert_eq!(read(dir.path(), "messy.psrl"), MESSY);
}

#[test]
fn standard_input_is_formatted_to_standard_output() {
    let dir = demo();
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_psrlint"))
        .current_dir(dir.path())
        .args(["fmt", "-"])
        .write_stdin(MESSY)
        .output()
        .expect("psrlint runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), TIDY);
}

#[test]
fn a_file_that_does_not_parse_is_reported_and_left_alone() {
    let dir = demo();
    write(dir.path(), "rules/demo/broken.psrl", "rule DEMO003 {\n");
    let r = psrlint(dir.path(), &["fmt", "--write"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("RL001") && r.stderr.contains("broken.psrl"),
        "{}",
        r.stderr
    );
    assert_eq!(
        read(dir.path(), "rules/demo/broken.psrl"),
        "rule DEMO003 {\n"
    );
}
