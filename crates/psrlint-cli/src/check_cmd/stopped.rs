//! A `check` that stops (exit status 2) with `--format json` or `sarif` still writes a valid
//! document, whose findings or results are the problems that stopped it (a broken rule pack, an
//! invalid `psrlint.toml`, a bad argument), so that a program reading it sees why.

use crate::args::OutputFormat;
use crate::error::CliError;
use psr_diagnostics::CfgError;
use std::io::Write;

/// Writes the document of a stopped run for `format`, when it is JSON or SARIF and the error is
/// not one of writing; gives the error back, for the message on stderr and the exit status.
pub fn document(format: OutputFormat, e: CliError) -> CliError {
    if matches!(e, CliError::Cfg(CfgError::Io { .. })) {
        return e;
    }
    let version = env!("CARGO_PKG_VERSION");
    let (stopped, problems) = e.diagnostics();
    let doc = match format {
        OutputFormat::Json => psr_render::problems::json_document(version, &stopped, &problems),
        OutputFormat::Sarif => psr_render::problems::sarif_log(version, &stopped, &problems),
        _ => return e,
    };
    let mut out = std::io::stdout().lock();
    // A reader that stopped reading gets no document; the error still goes to stderr.
    let _ = psr_render::problems::write(&doc, &mut out).and_then(|()| out.flush());
    e
}
