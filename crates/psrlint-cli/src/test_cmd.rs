//! `psrlint test`: wires the rule-test runner (`psr_authoring::rule_tests`) to the command line.
//! The exit status is 0 when every test passes, 1 when some fail, and 2 when some pack does not
//! compile (its tests are reported failed, the others still run).

use crate::args::TestArgs;
use crate::error::CliError;
use psr_authoring::rule_tests::{self, suite};
use psr_diagnostics::CfgError;
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs `test`.
pub fn run(args: TestArgs) -> Result<ExitCode, CliError> {
    let dirs = crate::packs::author_dirs(&args.dirs, "test", "rule tests")?;
    let found = suite::discover(&dirs)?;
    if found.tests.is_empty() {
        let shown: Vec<String> = dirs.iter().map(|d| format!("`{}`", d.display())).collect();
        return Err(CfgError::BadArgument {
            message: format!("no rule tests under {}", shown.join(", ")),
            help: "a rule test is `tests/NAME.arrangement.toml` (or .json, .yaml) in a pack, with `NAME.expected` beside it".into(),
        }.into());
    }
    for orphan in &found.orphans {
        eprintln!(
            "warning: `{}` has no arrangement file beside it",
            orphan.display()
        );
    }
    let mut runner = runner(args.packs.rules.clone());
    let engines = runner.prepare(&found.tests)?;
    crate::render_lang_errors(&runner.take_problems());
    let outcomes = rule_tests::check_all(&found.tests, &runner, &engines, args.bless);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let tally = rule_tests::write_results(&found.tests, outcomes, crate::use_color(), &mut out)
        .map_err(|e| CfgError::Io {
            context: "cannot write the test results".into(),
            source: e,
        })?;
    Ok(match (runner.broken, tally.failed) {
        (true, _) => ExitCode::from(2),
        (false, 0) => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    })
}

/// A test runner checking as of today, with the packs psrlint loads (`rules`, when given, for
/// every test).
pub fn runner(rules: Vec<PathBuf>) -> suite::Runner {
    let options = psr_engine::CheckOptions::new(crate::today());
    suite::Runner::new(rules, options, Box::new(crate::packs::load_pack_dirs))
}
