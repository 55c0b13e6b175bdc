//! `psrlint man`: the manual pages, one for psrlint and one per command (`psrlint-check(1)`, ...),
//! each with its options (from the clap declaration), exit statuses, configuration, environment
//! and the other pages.

use crate::args::{Cli, ManArgs};
use crate::error::CliError;
use clap::CommandFactory;
use psr_diagnostics::CfgError;
use std::io::Write;
use std::process::ExitCode;

/// Runs `man`.
pub fn run(args: ManArgs) -> Result<ExitCode, CliError> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let names: Vec<String> = root
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    let io = |context: String| move |source| CfgError::Io { context, source };
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir).map_err(io(format!("cannot create `{}`", dir.display())))?;
        let mut pages = vec![(None, "psrlint.1".to_string())];
        pages.extend(
            names
                .iter()
                .map(|n| (Some(n.as_str()), format!("psrlint-{n}.1"))),
        );
        for (command, file) in pages {
            let path = dir.join(&file);
            let mut out = Vec::new();
            page(&root, command, &names, &mut out).map_err(io(format!("cannot render {file}")))?;
            std::fs::write(&path, out).map_err(io(format!("cannot write `{}`", path.display())))?;
            println!("{}", path.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(c) = &args.command {
        if !names.contains(c) {
            return Err(CfgError::BadArgument {
                message: format!("psrlint has no command `{c}`"),
                help: format!("the commands are: {}", names.join(", ")),
            }
            .into());
        }
    }
    let mut out = std::io::stdout().lock();
    page(&root, args.command.as_deref(), &names, &mut out)
        .map_err(io("cannot write the man page".into()))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the page of `command` (psrlint itself when `None`).
fn page(
    root: &clap::Command,
    command: Option<&str>,
    names: &[String],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let cmd = match command.and_then(|c| root.find_subcommand(c)) {
        Some(c) => c.clone(),
        None => root.clone(),
    };
    let man = clap_mangen::Man::new(cmd.clone())
        .manual("psrlint manual")
        .source(format!("psrlint {}", env!("CARGO_PKG_VERSION")));
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(out)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(out)?;
    }
    out.write_all(EXIT_STATUS.as_bytes())?;
    if command.is_none_or(|c| c != "completions" && c != "man" && c != "fmt") {
        out.write_all(CONFIGURATION.as_bytes())?;
    }
    out.write_all(ENVIRONMENT.as_bytes())?;
    let this = command.map(|c| format!("psrlint-{c}"));
    let others: Vec<String> = std::iter::once("psrlint".to_string())
        .chain(names.iter().map(|n| format!("psrlint-{n}")))
        .filter(|p| Some(p) != this.as_ref() && (command.is_some() || p != "psrlint"))
        .map(|p| format!("\\fB{}\\fR(1)", p.replace('-', "\\-")))
        .collect();
    writeln!(out, ".SH \"SEE ALSO\"\n{}", others.join(", "))?;
    writeln!(
        out,
        "The full reference, with a sample of every output format: docs/cli.md in psrlint's repository."
    )?;
    man.render_version_section(out)
}

const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
No finding at or above the fail level (default: error; see \fB\-\-fail\-on\fR). Waived findings never count.
.TP
\fB1\fR
At least one such finding (a malformed or invalid arrangement file is one); for \fBtest\fR, a failing rule test; for \fBfmt \-\-check\fR, a file not formatted; for \fBcoverage \-\-min\fR, coverage below the minimum; for \fBnotice\fR, a draft with a gap.
.TP
\fB2\fR
psrlint could not do its job: invalid arguments, an unknown finding code or prefix, a path that does not exist, no arrangement file found (unless \fB\-\-allow\-empty\fR), an invalid rule pack or configuration file; for \fBnotice\fR, a notice the record does not call for or an invalid notice template. The reason is on standard error.
"#;

const CONFIGURATION: &str = r#".SH CONFIGURATION
psrlint reads the nearest \fIpsrlint.toml\fR upward from the working directory, or the file named with \fB\-\-config\fR; command\-line options override it. An unknown key, a wrong value, or a code or prefix that matches no finding code stops psrlint with exit status 2.
.TP
\fBselect\fR, \fBignore\fR
Lists of codes or code prefixes to report only, or never to report.
.TP
\fB[severity]\fR
Code = "error", "warning" or "info": the severity of that rule's findings.
.TP
\fBfail_on\fR
"error" (default), "warning" or "info": the lowest severity that fails the run.
.TP
\fBrules\fR, \fBextra_rules\fR
Rule pack directories instead of, or as well as, the shipped packs.
.TP
\fB[per_path_ignores]\fR
Glob = list of codes or prefixes not reported for matching files.
.TP
\fBmax_file_size\fR
The largest arrangement file read, in bytes (default 10485760).
"#;

const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
No colour and no hyperlinks, even on a terminal.
.TP
\fBCOLUMNS\fR
The width the human format wraps at (default 100).
.TP
\fBPSRLINT_TODAY\fR
The date (YYYY\-MM\-DD) waivers expire against, and \fBpsrlint new\fR's default decision date, for reproducible runs.
"#;
