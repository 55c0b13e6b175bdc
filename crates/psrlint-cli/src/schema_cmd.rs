//! `psrlint schema`: prints the JSON Schema of the arrangement format
//! (`psr_authoring::schema`) for the packs in force.

use crate::args::PackArgs;
use crate::error::CliError;
use psr_diagnostics::CfgError;
use std::io::Write;
use std::process::ExitCode;

/// Runs `schema`.
pub fn run(args: PackArgs) -> Result<ExitCode, CliError> {
    let compiled = crate::packs::load_configured(&args)?;
    let doc = psr_authoring::schema::json_schema(&compiled.program.schema)?;
    let mut out = std::io::stdout().lock();
    let io = |e| CfgError::Io {
        context: "cannot write the schema".into(),
        source: e,
    };
    serde_json::to_writer_pretty(&mut out, &doc).map_err(|e| io(std::io::Error::from(e)))?;
    writeln!(out).map_err(io)?;
    Ok(ExitCode::SUCCESS)
}
