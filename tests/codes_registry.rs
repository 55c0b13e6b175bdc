//! The code table (`psr_diagnostics::CODES`) against what psrlint does: every code in it is
//! explained by `psrlint explain` and triggered by a fixture, and every code the source can emit
//! is in it.
//!
//! A fixture is a directory `tests/fixtures/codes/CODE/` with the files of a run and `args`: the
//! command's arguments, one a line (`{root}` is the repository root), after any of the lines
//! `env NAME=VALUE`, `symlink TARGET LINK` (made before the run: links are not committed) and
//! `stdout-full` (standard output is `/dev/full`). The run is made in a copy of the directory.
//! An `RL…` code's fixture is its pack under `crates/psr-lang/tests/fixtures/diagnostics/`.

mod cli_util {
    pub use psr_testing::bin::*;
    pub use psr_testing::root;
}

use psr_diagnostics::{Family, CODES};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Codes no run of the binary can produce, and why; each is tested where it can arise.
const NOT_FROM_THE_COMMAND_LINE: [(&str, &str); 2] = [
    (
        "RPT004",
        "the command line refuses `report` without a period before the library sees it; psr-report's own tests produce it",
    ),
    (
        "RPT007",
        "a failure of psrlint's own report templates, which would be a bug",
    ),
];

fn codes_dir() -> PathBuf {
    cli_util::root().join("tests/fixtures/codes")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("a fixture directory") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Runs the fixture of `code`; gives back everything it wrote.
fn run_fixture(code: &str) -> String {
    let dir = tempfile::tempdir().expect("a temporary directory");
    copy_dir(&codes_dir().join(code), dir.path());
    let root = cli_util::root();
    let args_text =
        std::fs::read_to_string(dir.path().join("args")).expect("the fixture has `args`");
    // A plain command, as `cli_util::command_in` sets it up, so that standard output can be
    // redirected.
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_psrlint"));
    cmd.current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("PSRLINT_TODAY", "2026-11-23")
        .env("COLUMNS", "100")
        .stdin(std::process::Stdio::null());
    for line in args_text.lines() {
        if let Some(pair) = line.strip_prefix("env ") {
            let (name, value) = pair.split_once('=').expect("env NAME=VALUE");
            cmd.env(name, value);
        } else if let Some(pair) = line.strip_prefix("symlink ") {
            let (target, link) = pair.split_once(' ').expect("symlink TARGET LINK");
            std::os::unix::fs::symlink(target, dir.path().join(link)).expect("symlink");
        } else if line == "stdout-full" {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .expect("/dev/full");
            cmd.stdout(full);
        } else {
            cmd.arg(line.replace("{root}", &root.display().to_string()));
        }
    }
    let out = cmd.output().expect("psrlint runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !text.contains("panicked"),
        "{code}: psrlint panicked\n{text}"
    );
    text
}

/// Runs psrlint over the rule-language fixture of `code` with the shipped arrangement schema.
fn run_rule_fixture(code: &str) -> Option<String> {
    let fixtures = cli_util::root().join("crates/psr-lang/tests/fixtures/diagnostics");
    let prefix = format!("{}-", code.to_ascii_lowercase());
    let mut names: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("the rule-language fixtures")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix))
        })
        .collect();
    names.sort();
    let pack = names.first()?;
    let empty = tempfile::tempdir().expect("a temporary directory");
    let schema = cli_util::root().join("rules/arrangement");
    let args = [
        "check",
        "--allow-empty",
        "--rules",
        schema.to_str().expect("a UTF-8 path"),
        "--rules",
        pack.to_str().expect("a UTF-8 path"),
        ".",
    ];
    let r = cli_util::run_in(empty.path(), &args, None);
    Some(format!("{}{}", r.stdout, r.stderr))
}

/// Whether `text` names `code` as a whole word.
fn names_code(text: &str, code: &str) -> bool {
    text.match_indices(code).any(|(i, _)| {
        let after = text[i + code.len()..].chars().next();
        let before = text[..i].chars().next_back();
        !after.is_some_and(|c| c.is_ascii_alphanumeric())
            && !before.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[test]
fn every_code_in_the_table_is_explained_and_triggered_by_a_fixture() {
    let mut missing = Vec::new();
    for c in CODES {
        let explained = cli_util::run(&["explain", c.id]);
        explained.expect_code(0);
        assert!(
            explained.stdout.contains(c.explanation) && explained.stdout.contains(c.name),
            "`psrlint explain {}` does not show its row:\n{}",
            c.id,
            explained.stdout
        );
        if NOT_FROM_THE_COMMAND_LINE.iter().any(|(id, _)| *id == c.id) {
            continue;
        }
        let output = if c.family == Family::Rl {
            run_rule_fixture(c.id)
        } else if codes_dir().join(c.id).is_dir() {
            Some(run_fixture(c.id))
        } else {
            None
        };
        match output {
            None => missing.push(c.id),
            Some(text) => assert!(
                names_code(&text, c.id),
                "the fixture of {} does not produce it:\n{text}",
                c.id
            ),
        }
    }
    assert!(missing.is_empty(), "no fixture for {missing:?}");
}

#[test]
fn every_fixture_directory_is_a_code_of_the_table() {
    for entry in std::fs::read_dir(codes_dir()).expect("tests/fixtures/codes") {
        let name = entry.expect("an entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            psr_diagnostics::lookup(&name).is_some_and(|c| c.id == name),
            "tests/fixtures/codes/{name} is not a code of the table"
        );
    }
}

/// Every `ARR001`-like word in the crates' source.
fn codes_in_source(dir: &Path, found: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("a source directory") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            if !path.ends_with("tests") {
                codes_in_source(&path, found);
            }
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("UTF-8 source");
        let bytes = text.as_bytes();
        for family in Family::OWN {
            let prefix = family.prefix();
            for (i, _) in text.match_indices(prefix) {
                let digits = &bytes[i + prefix.len()..];
                let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
                let three = digits.len() >= 3 && digits[..3].iter().all(u8::is_ascii_digit);
                let ends_word = digits.get(3).is_none_or(|b| !b.is_ascii_alphanumeric());
                if starts_word && three && ends_word {
                    found.insert(text[i..i + prefix.len() + 3].to_string());
                }
            }
        }
    }
}

#[test]
fn every_code_the_source_can_emit_is_in_the_table() {
    let mut found = BTreeSet::new();
    let crates = cli_util::root().join("crates");
    for entry in std::fs::read_dir(&crates).expect("crates/") {
        let src = entry.expect("an entry").path().join("src");
        if src.is_dir() {
            codes_in_source(&src, &mut found);
        }
    }
    assert!(found.contains("CFG001") && found.contains("ARR001"));
    let unknown: Vec<&String> = found
        .iter()
        .filter(|c| psr_diagnostics::lookup(c).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "codes in the source but not in psr_diagnostics::CODES: {unknown:?}"
    );
}

#[test]
fn rules_own_lists_the_table() {
    let r = cli_util::run(&["rules", "--own", "--format", "json"]);
    r.expect_code(0);
    let listed: Vec<String> = r.json()["codes"]
        .as_array()
        .expect("a list of codes")
        .iter()
        .map(|c| c["code"].as_str().expect("a code").to_string())
        .collect();
    let table: Vec<&str> = CODES.iter().map(|c| c.id).collect();
    assert_eq!(listed, table);
    let text = cli_util::run(&["rules", "--own"]);
    text.expect_code(0);
    assert!(
        text.stdout.starts_with("ARR001   error    file-unreadable"),
        "{}",
        text.stdout
    );
    assert!(text
        .stdout
        .contains(&format!("{} codes of psrlint's own", CODES.len())));
}
