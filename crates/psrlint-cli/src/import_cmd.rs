//! `psrlint import ocds FILE|DIR|- -o DIR`: thin wiring around `psr_import`. Reads the files
//! (a directory's `*.json`, sorted), writes one arrangement file per PSR notice, and reports
//! every release it could not read or read only as words. Exit status 1 when a file or release
//! could not be imported, 2 when psrlint could not run (a missing path, an unwritable directory).

use crate::args::{ImportOcdsArgs, ImportSyntax};
use crate::error::CliError;
use psr_diagnostics::CfgError;
use psr_import::{Import, Level, Saved, Syntax};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs `import ocds`.
pub fn run(args: ImportOcdsArgs) -> Result<ExitCode, CliError> {
    let mut import = Import::default();
    let mut files = 0;
    for p in &args.paths {
        if p.as_os_str() == "-" {
            let bytes = crate::read_stdin()?;
            import.extend(psr_import::read("-", &bytes));
            files += 1;
            continue;
        }
        for f in json_files(p)? {
            let name = f.display().to_string();
            let one = match std::fs::read(&f) {
                Ok(bytes) => psr_import::read(&name, &bytes),
                Err(e) => {
                    let mut i = Import::default();
                    i.findings.push(psr_import::ImportFinding::new(
                        psr_import::ImportCode::UnreadableFile,
                        &name,
                        format!("cannot read the file: {e}"),
                    ));
                    i
                }
            };
            import.extend(one);
            files += 1;
        }
    }
    let syntax = match args.syntax {
        ImportSyntax::Toml => Syntax::Toml,
        ImportSyntax::Json => Syntax::Json,
        ImportSyntax::Yaml => Syntax::Yaml,
    };
    let saved =
        psr_import::save(&import.arrangements, &args.output, syntax).map_err(|e| CfgError::Io {
            context: format!("cannot create `{}`", args.output.display()),
            source: e,
        })?;
    let mut out = String::new();
    let mut written = 0;
    for s in &saved {
        match s {
            Saved::Written(p) => {
                written += 1;
                out.push_str(&format!("wrote {}\n", p.display()));
            }
            Saved::Refused(f) => import.findings.push(f.clone()),
        }
    }
    for f in &import.findings {
        out.push_str(&format!("{f}\n"));
    }
    let not_written = import.releases.saturating_sub(import.skipped + written);
    out.push_str(&format!(
        "Read {} release(s) from {files} file(s): {written} PSR notice(s) written to {}, {} other release(s) skipped, {not_written} not written.\n",
        import.releases,
        args.output.display(),
        import.skipped,
    ));
    if written > 0 {
        out.push_str(&format!(
            "Check them with: psrlint check {}\n",
            args.output.display()
        ));
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .map_err(|e| CfgError::Io {
            context: "cannot write".into(),
            source: e,
        })?;
    let failed = import
        .findings
        .iter()
        .any(|f| f.code.level() == Level::Error);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The file itself, or a directory's `*.json` files (walked, sorted).
fn json_files(p: &Path) -> Result<Vec<PathBuf>, CliError> {
    if !p.exists() {
        return Err(CfgError::MissingPath {
            path: p.display().to_string(),
        }
        .into());
    }
    if !p.is_dir() {
        return Ok(vec![p.to_path_buf()]);
    }
    let mut out = Vec::new();
    for entry in ignore::WalkBuilder::new(p).require_git(false).build() {
        let entry = entry.map_err(|e| CfgError::BadArgument {
            message: format!("cannot walk `{}`: {e}", p.display()),
            help: "check the directory and its permissions".into(),
        })?;
        let path = entry.path();
        if path.is_file()
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            out.push(path.to_path_buf());
        }
    }
    out.sort();
    Ok(out)
}
