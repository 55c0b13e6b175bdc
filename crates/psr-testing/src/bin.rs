//! Running the `psrlint` binary as users do, with a fixed environment (date, width, no colour),
//! and turning what it did into one text to snapshot. For the root package's integration tests,
//! where cargo builds the binary first.

pub use crate::root;
use std::path::Path;

/// The self-contained test pack (its own small schema and three rules: MINI001 error, MINI002
/// warning, MINI003 info), so that format snapshots do not move when the shipped packs grow.
pub const MINI: &str = "tests/fixtures/rules/mini";

/// Arrangement files for the mini pack: clean, each severity, Unicode, waivers, broken syntax, a
/// missing `format`.
pub const MINI_FILES: &str = "tests/fixtures/mini";

/// Arrangement files for the shipped packs (PSR012, engine codes).
pub const PSR_FILES: &str = "tests/fixtures/psr";

/// What one run did.
#[derive(Debug)]
pub struct Run {
    /// The exit status (`-1` when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Exit status, stdout and stderr in one text, for a snapshot.
    pub fn transcript(&self) -> String {
        format!(
            "exit: {}\n----- stdout -----\n{}----- stderr -----\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    /// Exit status and stdout, for runs whose stderr may carry warnings of the shipped packs
    /// (which other people are still writing).
    pub fn stdout_transcript(&self) -> String {
        format!("exit: {}\n----- stdout -----\n{}", self.code, self.stdout)
    }

    /// Stdout parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// The last line of standard output.
    pub fn last_line(&self) -> &str {
        self.stdout.lines().last().unwrap_or_default()
    }

    /// Asserts the exit status, showing everything when it differs, and that nothing panicked.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            code,
            "unexpected exit status\n{}",
            self.transcript()
        );
        assert!(
            !self.stderr.contains("panicked"),
            "psrlint panicked\n{}",
            self.transcript()
        );
        self
    }
}

/// A `psrlint` command with a reproducible environment, run from `dir`.
pub fn command_in(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin("psrlint"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("PSRLINT_TODAY", "2026-11-23")
        .env("COLUMNS", "100")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .env_remove("RUST_BACKTRACE");
    cmd
}

/// Runs psrlint with `args` in `dir`, feeding `stdin` (empty when `None`).
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = command_in(dir);
    cmd.args(args);
    cmd.write_stdin(stdin.unwrap_or("").as_bytes().to_vec());
    let out = cmd.output().expect("psrlint runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs psrlint with `args` from the repository root.
pub fn run(args: &[&str]) -> Run {
    run_in(&root(), args, None)
}

/// Runs psrlint with `args` from the repository root, with `stdin`.
pub fn run_stdin(args: &[&str], stdin: &str) -> Run {
    run_in(&root(), args, Some(stdin))
}

/// Replaces psrlint's own version (it changes with every release) and `dir` (a temporary
/// directory) in `text`.
pub fn normalise(text: &str, dir: Option<&Path>) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let mut s = text
        .replace(
            &format!("\"version\": \"{version}\""),
            "\"version\": \"[VERSION]\"",
        )
        .replace(
            &format!("\"semanticVersion\": \"{version}\""),
            "\"semanticVersion\": \"[VERSION]\"",
        )
        .replace(&format!("psrlint {version}"), "psrlint [VERSION]");
    if let Some(d) = dir {
        // The canonical form too: on macOS, /var is /private/var.
        for p in [
            d.to_path_buf(),
            d.canonicalize().unwrap_or_else(|_| d.to_path_buf()),
        ] {
            s = s.replace(&p.display().to_string(), "[TMP]");
        }
    }
    s
}

/// Writes `files` (relative path, contents) under a new temporary directory.
pub fn temp_tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (rel, text) in files {
        let p = dir.path().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create the directory");
        }
        std::fs::write(&p, text).expect("write the file");
    }
    dir
}

/// The text of a fixture file.
pub fn fixture(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

/// The absolute path of a fixture, as text.
pub fn fixture_path(rel: &str) -> String {
    root().join(rel).display().to_string()
}
