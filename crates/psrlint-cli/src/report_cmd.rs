//! `psrlint report`: reads a register (checking every file in parallel with the one compiled
//! program), then builds and writes the reg 25 / reg 26 report with `psr-report`. Files that cannot
//! be read are listed in the report and named on stderr; the exit status is then 1.

use crate::args::{ReportArgs, ReportFormat};
use crate::config::Settings;
use crate::discover::{discover, Discovered};
use crate::error::CliError;
use psr_diagnostics::CfgError;
use psr_engine::{CheckOptions, Engine, FileReport, SourceFile};
use psr_report::{Entry, Options, Period};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Runs `report`.
pub fn run(args: ReportArgs) -> Result<ExitCode, CliError> {
    let settings = Settings::load(args.packs.config.as_deref())?;
    let period = Period::from_args(
        args.year.as_deref(),
        args.from.as_deref(),
        args.to.as_deref(),
    )?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let found = discover(&paths)?;
    let compiled = crate::packs::load_for(&args.packs, &settings)?;
    crate::render_lang_warnings(&compiled.warnings);
    let engine = Engine::new(Arc::new(compiled.program));
    let mut options = CheckOptions::new(crate::today());
    if let Some(m) = args.max_file_size.or(settings.max_file_size) {
        options.max_file_size = m;
    }
    let entries = read_register(&found, &engine, &options, &|_| {});
    let report = psr_report::build(
        &entries,
        &Options {
            period,
            authority: args.authority.clone(),
        },
    )?;
    for u in &report.totals.reg26.unreadable_files {
        eprintln!(
            "warning: `{}` could not be read ({}: {}); it is listed in the report and not counted",
            u.path, u.code, u.message
        );
    }
    let format = match args.format {
        ReportFormat::Markdown => psr_report::ReportFormat::Markdown,
        ReportFormat::Html => psr_report::ReportFormat::Html,
        ReportFormat::Json => psr_report::ReportFormat::Json,
        ReportFormat::Csv => psr_report::ReportFormat::Csv,
    };
    let version = env!("CARGO_PKG_VERSION");
    match &args.output {
        Some(path) => {
            let mut text = Vec::new();
            psr_report::render(&report, &entries, format, version, &mut text)?;
            std::fs::write(path, text).map_err(|e| CfgError::Io {
                context: format!("cannot write `{}`", path.display()),
                source: e,
            })?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            psr_report::render(&report, &entries, format, version, &mut out)?;
            out.flush().map_err(|e| CfgError::Io {
                context: "cannot write the report".into(),
                source: e,
            })?;
        }
    }
    Ok(if report.totals.reg26.unreadable > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Checks and reads every file found, in parallel; `filter` adjusts each file's findings (as
/// `check` does with `--select`, `--ignore` and the configuration). The entries are in path
/// order.
pub(crate) fn read_register(
    found: &[Discovered],
    engine: &Engine,
    options: &CheckOptions,
    filter: &(dyn Fn(&mut FileReport) + Sync),
) -> Vec<Entry> {
    let mut entries: Vec<Entry> = found
        .par_iter()
        .map(|d| {
            let mut e = match d {
                Discovered::File(p) => {
                    let shown = p.display().to_string();
                    match std::fs::read(p) {
                        Ok(bytes) => psr_report::check_file(
                            engine,
                            &SourceFile { path: shown, bytes },
                            options,
                        ),
                        Err(e) => Entry::unreadable(psr_engine::unreadable(
                            &shown,
                            &crate::check_cmd::io_reason(&e),
                        )),
                    }
                }
                Discovered::Problem(p, why) => {
                    Entry::unreadable(psr_engine::unreadable(&p.display().to_string(), why))
                }
            };
            filter(&mut e.report);
            e
        })
        .collect();
    entries.sort_by(|a, b| a.report.path.cmp(&b.report.path));
    entries
}
