//! `psrlint server`: the language server (crate `psr-lsp`) on standard input and output, with the
//! configuration and rule packs loaded exactly as `check` loads them.

use crate::args::PackArgs;
use crate::config::Settings;
use crate::error::CliError;
use psr_diagnostics::CfgError;
use psr_engine::{CheckOptions, Engine};
use psr_lang::{Compiled, LangError, LangErrorKind};
use psr_lsp::{Host, HostError, Workspace};
use psr_source::Span;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Runs the server until the editor shuts it down.
pub fn run(args: PackArgs) -> Result<ExitCode, CliError> {
    let host = CliHost { args };
    psr_lsp::serve_stdio(&host).map_err(|e| CfgError::Io {
        context: "the language server stopped".into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The command line's configuration and packs, for the server.
struct CliHost {
    args: PackArgs,
}

impl Host for CliHost {
    fn workspace(&self, root: Option<&Path>) -> Result<Workspace, HostError> {
        let cwd = std::env::current_dir().ok();
        let start = root.or(cwd.as_deref());
        let settings =
            Settings::load_from(self.args.config.as_deref(), start).map_err(host_error)?;
        let compiled = crate::packs::load_for(&self.args, &settings).map_err(host_error)?;
        let mut options = CheckOptions::new(crate::today());
        if let Some(m) = settings.max_file_size {
            options.max_file_size = m;
        }
        Ok(Workspace {
            engine: Engine::new(Arc::new(compiled.program)),
            options,
            filter: Box::new(move |r| settings.filter(r, &settings.select, &settings.ignore)),
            warnings: compiled.warnings,
        })
    }

    fn compile_rules(
        &self,
        dirs: &[PathBuf],
        overlay: &[(PathBuf, String)],
    ) -> Result<Compiled, Vec<LangError>> {
        crate::packs::load_overlaid(dirs, overlay).map_err(|e| match e {
            CliError::Packs(errors) => errors,
            other => vec![LangError::new(
                LangErrorKind::Pack,
                Span::default(),
                other.to_string(),
            )],
        })
    }
}

/// A configuration or pack error for the editor: pack problems as they are, anything else as the
/// report `check` would print (without colour).
fn host_error(e: CliError) -> HostError {
    match e {
        CliError::Packs(errors) => HostError::Packs(errors),
        other => {
            let mut s = String::new();
            let handler = miette::GraphicalReportHandler::new_themed(
                miette::GraphicalTheme::unicode_nocolor(),
            );
            if handler.render_report(&mut s, &other).is_err() {
                s = other.to_string();
            }
            HostError::Config(s.trim_end().to_string())
        }
    }
}
