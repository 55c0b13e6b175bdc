//! A tiny rule pack for the rule author's commands (`test`, `coverage`, `fmt`), written into a
//! temporary directory.

use crate::bin::Run;
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

/// The demo pack's provision map: reg 6(1), which DEMO001 cites, and reg 6(2) in scope; reg 4
/// out of scope.
pub const MAP: &str = r#"format = 1

[[instrument]]
name = "SI 2023/1348"
title = "The Health Care Services (Provider Selection Regime) Regulations 2023"

[[provision]]
id = "reg 6(1)"
title = "Follow the appropriate process"
status = "in-scope"

[[provision]]
id = "reg 6(2)"
title = "Reg 6 is subject to regs 13, 15 and 18"
status = "in-scope"

[[provision]]
id = "reg 4"
title = "Procurement principles"
status = "out-of-scope"
reason = "qualitative duties"
"#;

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

/// Runs `psrlint args` in `dir` with a fixed date, no colour and an empty stdin.
pub fn psrlint(dir: &Path, args: &[&str]) -> Run {
    crate::bin::run_in(dir, args, None)
}
