//! The psrlint command line: parses arguments, loads configuration and rule packs, runs a
//! command, renders its output and decides the exit status (0 all well, 1 findings at or above
//! the fail level, 2 psrlint could not do its job).

#![expect(
    clippy::result_large_err,
    reason = "a `CliError` (with the configuration's text for its excerpt) is returned at most once per run, on the way to exit status 2: its size costs nothing"
)]

mod args;
mod check_cmd;
mod codes;
mod config;
mod coverage_cmd;
mod discover;
mod error;
mod explain_cmd;
mod fmt_cmd;
mod import_cmd;
mod man_cmd;
mod new_cmd;
mod notice_cmd;
mod packs;
mod report_cmd;
mod rules_cmd;
mod schema_cmd;
mod server_cmd;
mod test_cmd;

use args::{Cli, Command};
use clap::Parser;
use error::CliError;
use miette::{GraphicalReportHandler, GraphicalTheme};
use psr_diagnostics::CfgError;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Runs psrlint with the process's arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Check(a) => check_cmd::run(a),
        Command::Report(a) => report_cmd::run(a),
        Command::Explain(a) => explain_cmd::run(a),
        Command::Rules(a) => rules_cmd::run(a),
        Command::Schema(a) => schema_cmd::run(a),
        Command::Test(a) => test_cmd::run(a),
        Command::Fmt(a) => fmt_cmd::run(a),
        Command::Notice(a) => notice_cmd::run(a),
        Command::Import(args::ImportCommand::Ocds(a)) => import_cmd::run(a),
        Command::Coverage(a) => coverage_cmd::run(a),
        Command::Server(a) => server_cmd::run(a),
        Command::Completions(a) => completions(a),
        Command::Man(a) => man_cmd::run(a),
        Command::New(a) => new_cmd::run(a),
    };
    match result {
        Ok(code) => code,
        // A reader that stopped reading (`psrlint rules | head -1`) is not a failure.
        Err(CliError::Cfg(CfgError::Io { source, .. }))
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            report_error(e);
            ExitCode::from(2)
        }
    }
}

fn completions(a: args::CompletionsArgs) -> Result<ExitCode, CliError> {
    use args::clap_complete_shell::Shell as S;
    use clap::CommandFactory;
    use clap_complete::Shell;
    let shell = match a.shell {
        S::Bash => Shell::Bash,
        S::Zsh => Shell::Zsh,
        S::Fish => Shell::Fish,
        S::Powershell => Shell::PowerShell,
        S::Elvish => Shell::Elvish,
    };
    clap_complete::generate(
        shell,
        &mut Cli::command(),
        "psrlint",
        &mut std::io::stdout(),
    );
    Ok(ExitCode::SUCCESS)
}

/// Reads all of standard input.
pub(crate) fn read_stdin() -> Result<Vec<u8>, CliError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| CfgError::Io {
            context: "cannot read standard input".into(),
            source: e,
        })?;
    Ok(bytes)
}

/// Whether to use colour on stderr/stdout: only on a terminal, never with `NO_COLOR`.
pub(crate) fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// The width to render at: `COLUMNS` when set, else 100.
pub(crate) fn term_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w| *w >= 40)
        .unwrap_or(100)
}

/// Today's date, or `PSRLINT_TODAY` (YYYY-MM-DD) when set, for reproducible waiver expiry.
pub(crate) fn today() -> chrono::NaiveDate {
    if let Some(d) = std::env::var("PSRLINT_TODAY")
        .ok()
        .and_then(|s| psr_lang::value::parse_date(&s))
    {
        return d;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(secs as i64, 0)
        .map_or(chrono::NaiveDate::MIN, |t| t.date_naive())
}

fn handler() -> GraphicalReportHandler {
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stderr().is_terminal();
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme).with_width(term_width())
}

/// Writes rule-language problems to stderr.
pub(crate) fn render_lang_errors(errors: &[psr_lang::LangError]) {
    let h = handler();
    for e in errors {
        let mut s = String::new();
        if h.render_report(&mut s, e).is_ok() {
            if e.source.is_none() {
                eprintln!("{}", s.trim_end());
            } else {
                eprintln!("{s}");
            }
        }
    }
}

/// Writes rule-language warnings to stderr.
pub(crate) fn render_lang_warnings(warnings: &[psr_lang::LangError]) {
    render_lang_errors(warnings);
}

fn report_error(e: impl Into<CliError>) {
    let e = e.into();
    if let CliError::Packs(errors) = &e {
        render_lang_errors(errors);
    }
    let mut s = String::new();
    if handler().render_report(&mut s, &e).is_ok() {
        eprintln!("{}", s.trim_end());
    } else {
        eprintln!("error: {e}");
    }
}
