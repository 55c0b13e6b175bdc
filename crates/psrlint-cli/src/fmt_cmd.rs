//! `psrlint fmt`: lays rule files out in the canonical layout of [`psr_lang::format`].
//!
//! `--check` lists the files that are not formatted and exits 1; `--write` replaces them, each
//! atomically (a temporary file in the same directory, renamed over the original) and only when
//! its text changes. Without either, one named file is printed formatted on standard output, and
//! several files are checked as with `--check`.

use crate::args::FmtArgs;
use crate::error::CliError;
use psr_diagnostics::CfgError;
use psr_lang::format::{format_source, FormatError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// What happened to one file.
enum Outcome {
    /// Already in the canonical layout; its text.
    Formatted(String),
    /// Not formatted; the formatted text.
    Changes(String),
    /// Could not be formatted (reported already).
    Failed,
}

/// Runs `fmt`.
pub fn run(args: FmtArgs) -> Result<ExitCode, CliError> {
    let paths = crate::packs::author_dirs(&args.paths, "fmt", "rule files (`*.psrl`)")?;
    if paths.len() == 1 && paths[0].as_os_str() == "-" {
        return stdin(args.check);
    }
    let files = rule_files(&paths)?;
    let print_one = !args.check && !args.write && paths.len() == 1 && paths[0].is_file();
    let (mut unformatted, mut rewritten, mut failed) = (Vec::new(), 0usize, 0usize);
    for file in &files {
        let outcome = format_file(file);
        match outcome {
            Outcome::Failed => failed += 1,
            Outcome::Formatted(text) | Outcome::Changes(text) if print_one => print(&text)?,
            Outcome::Formatted(_) => {}
            Outcome::Changes(text) if args.write => {
                write_atomically(file, &text).map_err(|e| CfgError::Io {
                    context: format!("cannot write `{}`", file.display()),
                    source: e,
                })?;
                rewritten += 1;
            }
            Outcome::Changes(_) => unformatted.push(file),
        }
    }
    if print_one {
        return Ok(if failed > 0 {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        });
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for f in &unformatted {
        writeln!(out, "{}", f.display()).map_err(write_error)?;
    }
    out.flush().map_err(write_error)?;
    let total = files.len();
    if args.write {
        eprintln!(
            "{rewritten} file(s) reformatted, {} already formatted",
            total - rewritten - failed
        );
    } else if !unformatted.is_empty() {
        eprintln!(
            "{} of {total} file(s) would be reformatted: run `psrlint fmt --write`",
            unformatted.len()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else if unformatted.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Formats standard input to standard output (`psrlint fmt -`); with `--check`, prints nothing
/// and exits 1 when the text is not formatted.
fn stdin(check: bool) -> Result<ExitCode, CliError> {
    let bytes = crate::read_stdin()?;
    let Some(text) = decode("-", &bytes) else {
        return Ok(ExitCode::from(2));
    };
    match (format_text("-", &text), check) {
        (Outcome::Failed, _) => Ok(ExitCode::from(2)),
        (Outcome::Changes(_), true) => Ok(ExitCode::from(1)),
        (Outcome::Formatted(_), true) => Ok(ExitCode::SUCCESS),
        (Outcome::Formatted(t) | Outcome::Changes(t), false) => {
            print(&t).map(|()| ExitCode::SUCCESS)
        }
    }
}

fn print(text: &str) -> Result<(), CliError> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(write_error)
}

fn write_error(e: std::io::Error) -> CliError {
    CfgError::Io {
        context: "cannot write to standard output".into(),
        source: e,
    }
    .into()
}

/// The rule files named by `paths`: named files whatever their name, and the `*.psrl` files
/// under named directories (honouring `.gitignore`), sorted and without duplicates.
pub(crate) fn rule_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_file() {
            out.push(p.clone());
            continue;
        }
        if !p.is_dir() {
            return Err(CfgError::MissingPath {
                path: p.display().to_string(),
            }
            .into());
        }
        let walker = ignore::WalkBuilder::new(p)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = entry.map_err(|e| psr_lang::loader::PackDirError::new(p, e))?;
            let path = entry.path();
            if path.is_file() && path.extension().is_some_and(|e| e == "psrl") {
                out.push(path.to_path_buf());
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn read_text(path: &Path) -> Option<String> {
    match std::fs::read(path) {
        Ok(bytes) => decode(&path.display().to_string(), &bytes),
        Err(e) => {
            crate::report_error(CfgError::Io {
                context: format!("cannot read `{}`", path.display()),
                source: e,
            });
            None
        }
    }
}

/// The text of a rule file; reports a file that is not UTF-8.
fn decode(name: &str, bytes: &[u8]) -> Option<String> {
    match psr_source::decode(bytes) {
        Ok(t) => Some(t.to_string()),
        Err(e) => {
            crate::report_error(CfgError::BadArgument {
                message: format!(
                    "`{name}` is not UTF-8: invalid byte at offset {} (line {})",
                    e.offset, e.line
                ),
                help: "save the rule file as UTF-8".into(),
            });
            None
        }
    }
}

fn format_file(path: &Path) -> Outcome {
    match read_text(path) {
        Some(text) => format_text(&path.display().to_string(), &text),
        None => Outcome::Failed,
    }
}

/// Formats one text, reporting why it cannot be formatted.
fn format_text(name: &str, text: &str) -> Outcome {
    match format_source(text) {
        Ok(formatted) if formatted == text => Outcome::Formatted(formatted),
        Ok(formatted) => Outcome::Changes(formatted),
        Err(FormatError::Syntax(e)) => {
            let source = Arc::new(psr_source::NamedText::new(name, text));
            crate::render_lang_errors(&[e.in_source(&source)]);
            eprintln!("`{name}` was not formatted: fix the syntax error first");
            Outcome::Failed
        }
        Err(e @ FormatError::Changed(_)) => {
            crate::report_error(CfgError::BadArgument {
                message: format!("`{name}`: {e}"),
                help: "please report this with the file: the formatter must never change what a rule file means".into(),
            });
            Outcome::Failed
        }
    }
}

/// Replaces `path` with `text`: writes a temporary file beside the file the path resolves to,
/// gives it the original's permissions, flushes it to disk and renames it over the original, so
/// that a reader sees either the old text or the new one, never a mixture.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or_else(|| Path::new("."));
    let permissions = std::fs::metadata(&target)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".psrlint-fmt-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), permissions)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_replace_the_text_and_keep_permissions() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("a.psrl");
        std::fs::write(&path, "def x = 1\n").expect("written");
        let before = std::fs::metadata(&path).expect("exists").permissions();
        write_atomically(&path, "def x = 2\n").expect("replaced");
        assert_eq!(
            std::fs::read_to_string(&path).expect("readable"),
            "def x = 2\n"
        );
        assert_eq!(
            std::fs::metadata(&path).expect("exists").permissions(),
            before
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("listable")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("a.psrl")],
            "no temporary file is left behind"
        );
    }

    #[test]
    fn directories_yield_their_rule_files_sorted() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        std::fs::create_dir(dir.path().join("p")).expect("created");
        for name in ["p/b.psrl", "p/a.psrl", "p/notes.md"] {
            std::fs::write(dir.path().join(name), "").expect("written");
        }
        let files = rule_files(&[dir.path().to_path_buf()]).expect("found");
        let names: Vec<_> = files.iter().filter_map(|f| f.file_name()).collect();
        assert_eq!(names, vec!["a.psrl", "b.psrl"]);
    }
}
