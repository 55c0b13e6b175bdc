//! `psrlint coverage`: wires statute coverage (`psr_authoring::coverage`) to the command line;
//! the exit status is 1 when the percentage is below `--min`.

use crate::args::{CoverageArgs, ListFormat};
use crate::error::CliError;
use psr_authoring::coverage::{self, render};
use psr_diagnostics::CfgError;
use std::process::ExitCode;

/// Runs `coverage`.
pub fn run(args: CoverageArgs) -> Result<ExitCode, CliError> {
    coverage::check_min(args.min)?;
    let dirs = crate::packs::author_dirs(&args.dirs, "coverage", "rule packs and their tests")?;
    let mut runner = crate::test_cmd::runner(args.packs.rules.clone());
    let measured = coverage::measure(&dirs, &mut runner, args.min);
    crate::render_lang_errors(&runner.take_problems());
    let report = measured?;
    let mut out = std::io::stdout().lock();
    match args.format {
        ListFormat::Text => render::text(&report, &mut out),
        ListFormat::Json => render::json(&report, &mut out),
    }
    .map_err(|e| CfgError::Io {
        context: "cannot write the coverage report".into(),
        source: e,
    })?;
    if report.below_min {
        eprintln!(
            "coverage {:.1}% is below --min {}%: test the rules of the uncovered provisions, or add rules",
            report.percent,
            args.min.unwrap_or_default()
        );
    }
    Ok(if report.below_min {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
