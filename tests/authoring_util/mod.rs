//! Shared helpers of the `authoring_*` tests: a tiny rule pack written into a temporary
//! directory, and a `psrlint` run there with a fixed environment.

#![allow(dead_code, reason = "each test binary uses part of the helpers")]

use std::path::Path;

/// The manifest of the demo pack.
pub const PACK: &str = "pack demo {\n  version: \"1.0.0\"\n  description: \"A demonstration pack\"\n  uses: arrangement\n}\n";

/// The demo pack's one rule: an award must follow a process.
pub const RULES: &str = r#"# The demo rule.
rule DEMO001 award-needs-a-process {
  severity: error
  cite: "SI 2023/1348" "reg 6(1)" "https://www.legislation.gov.uk/uksi/2023/1348/regulation/6"
  in_force: 2024-01-01 ..
  summary: "An award follows a process"
  when: arrangement.kind == "award"
  forbid: process.type == "none"
  at: process.type
  message: "an award needs a selection process"
  help: "record the process in process.type"
  doc: """
    Reg 6(1).
  """
  compliant: """
    [process]
    type = "competitive"
  """
  non_compliant: """
    [process]
    type = "none"
  """
}
"#;

/// An arrangement file the demo rule fires on (`process.type` on line 18, column 8).
pub const FIRES: &str = "format = 1\n\n[arrangement]\nreference = \"X-1\"\ntitle = \"Demo\"\nkind = \"award\"\ndecision_date = 2024-06-01\n\n[authority]\ntype = \"icb\"\nname = \"NHS Demo ICB\"\n\n[services]\ndescription = \"Demo services\"\ncpv_codes = [\"85100000-0\"]\n\n[process]\ntype = \"none\"\n";

/// The line the demo rule gives for [`FIRES`].
pub const FINDING: &str = "18:8: DEMO001 error: an award needs a selection process";

/// An arrangement file the demo rule does not fire on.
pub fn passes() -> String {
    FIRES.replace("type = \"none\"", "type = \"competitive\"")
}

/// Writes `text` to `dir/rel`, creating directories.
pub fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("a directory");
    }
    std::fs::write(path, text).expect("a written file");
}

/// Reads `dir/rel`.
pub fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).expect("a readable file")
}

/// A temporary directory holding `rules/demo`: the manifest, the rule and two tests
/// (`DEMO001-fires`, `DEMO001-passes`) without expectations.
pub fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(dir.path(), "rules/demo/pack.psrl", PACK);
    write(dir.path(), "rules/demo/rules.psrl", RULES);
    write(
        dir.path(),
        "rules/demo/tests/DEMO001-fires.arrangement.toml",
        FIRES,
    );
    write(
        dir.path(),
        "rules/demo/tests/DEMO001-passes.arrangement.toml",
        &passes(),
    );
    dir
}

/// What one run did.
#[derive(Debug)]
pub struct Run {
    /// The exit status.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Asserts the exit status, showing the output when it differs.
    #[track_caller]
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit status\n--- stdout ---\n{}--- stderr ---\n{}",
            self.stdout, self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "psrlint panicked:\n{}",
            self.stderr
        );
        self
    }

    /// The last line of standard output.
    pub fn last_line(&self) -> &str {
        self.stdout.lines().last().unwrap_or_default()
    }
}

/// Runs `psrlint args` in `dir` with a fixed date, no colour and an empty stdin.
pub fn psrlint(dir: &Path, args: &[&str]) -> Run {
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_psrlint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("PSRLINT_TODAY", "2026-11-23")
        .env("COLUMNS", "100")
        .args(args)
        .write_stdin("")
        .output()
        .expect("psrlint runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
