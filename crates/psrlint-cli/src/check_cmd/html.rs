//! `psrlint check --format html`: every file is checked and read (for the charts' authorities and
//! processes) with `check`'s own filter, then written as one self-contained HTML page.

use crate::discover::Discovered;
use crate::error::CliError;
use psr_diagnostics::CfgError;
use psr_engine::{CheckOptions, Engine, FileReport, Severity, SourceFile};
use std::io::Write;
use std::process::ExitCode;

/// Writes the page to standard output; the exit status is `check`'s.
pub fn run(
    found: &[Discovered],
    stdin: Option<Option<&str>>,
    engine: &Engine,
    options: &CheckOptions,
    filter: &(dyn Fn(&mut FileReport) + Sync),
    fail_on: Severity,
) -> Result<ExitCode, CliError> {
    let mut entries = crate::report_cmd::read_register(found, engine, options, filter);
    if let Some(name) = stdin {
        let bytes = crate::read_stdin()?;
        let path = name.unwrap_or("-").to_string();
        let mut e = psr_report::check_file(engine, &SourceFile { path, bytes }, options);
        filter(&mut e.report);
        entries.push(e);
        entries.sort_by(|a, b| a.report.path.cmp(&b.report.path));
    }
    let page = psr_report::html::render_check(&entries, env!("CARGO_PKG_VERSION"))?;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(page.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(CfgError::Io {
                context: "cannot write the report".into(),
                source: e,
            }
            .into());
        }
    }
    let failed = entries
        .iter()
        .any(|e| e.report.findings.iter().any(|f| f.fails(fail_on)));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
