//! `psrlint check`: discover files, check them in parallel with one compiled program, filter,
//! render in path order, and decide the exit status.

use crate::args::{CheckArgs, FailOn, OutputFormat};
use crate::config::Settings;
use crate::discover::{discover, Discovered};
use crate::error::CliError;
use psr_engine::{CheckOptions, Engine, FileReport, Severity, SourceFile};
use psr_render::{human::HumanOptions, Format, RunReport};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Runs `check`.
pub fn run(args: CheckArgs) -> Result<ExitCode, CliError> {
    let settings = Settings::load(args.packs.config.as_deref())?;
    let as_of = args
        .as_of
        .as_deref()
        .map(|s| {
            psr_lang::value::parse_date(s).ok_or_else(|| CliError::BadArgument {
                message: format!("`--as-of {s}` is not a date"),
                help: "write the date as YYYY-MM-DD".into(),
            })
        })
        .transpose()?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (stdin, paths): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.into_iter().partition(|p| p.as_os_str() == "-");
    let found = discover(&paths)?;
    let compiled = crate::packs::load(&crate::packs::rule_dirs(&args.packs, &settings))?;
    let warnings = compiled.warnings;
    let engine = Engine::new(Arc::new(compiled.program));
    crate::render_lang_warnings(&warnings);

    let mut options = CheckOptions::new(crate::today());
    options.as_of = as_of;
    if let Some(m) = args.max_file_size.or(settings.max_file_size) {
        options.max_file_size = m;
    }

    let select: Vec<String> = if args.select.is_empty() {
        settings.select.clone()
    } else {
        args.select.clone()
    };
    let mut ignore = settings.ignore.clone();
    ignore.extend(args.ignore.iter().cloned());
    let filter = |r: &mut FileReport| {
        let per_path = settings.ignores_for(&r.path);
        r.findings.retain(|f| {
            keep(&f.code, &select, &ignore) && !per_path.iter().any(|p| matches_code(&f.code, p))
        });
        for f in &mut r.findings {
            if let Some(s) = settings.severity.get(&f.code) {
                f.severity = *s;
            }
        }
    };
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Concise => Format::Concise,
        OutputFormat::Json => Format::Json,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Github => Format::Github,
        OutputFormat::Junit => Format::Junit,
    };
    let human = HumanOptions {
        color: crate::use_color(),
        width: crate::term_width(),
        explain: args.explain,
        quiet: args.quiet,
    };
    let stdout = std::io::stdout();
    // A large buffer: a report over a register runs to megabytes, and each write is a system
    // call (the standard output's own line buffering would split them further).
    let mut out = std::io::BufWriter::with_capacity(256 * 1024, stdout.lock());
    let check_one = |d: &Discovered| {
        let mut r = match d {
            Discovered::File(p) => {
                let shown = p.display().to_string();
                match std::fs::read(p) {
                    Ok(bytes) => engine.check(&SourceFile { path: shown, bytes }, &options),
                    Err(e) => psr_engine::unreadable(&shown, &io_reason(&e)),
                }
            }
            Discovered::Problem(p, why) => psr_engine::unreadable(&p.display().to_string(), why),
        };
        filter(&mut r);
        r
    };
    // The JSON report's part for each file is written by the thread that checked it.
    let json_part =
        |r: &FileReport| (format == Format::Json).then(|| psr_render::json::file_part(r));
    let mut written: std::io::Result<()> = Ok(());
    let mut checked: Vec<Checked> = if format == Format::Human {
        // Human output is written as files are checked, in path order: a chunk at a time in
        // parallel, then rendered, then each file's text dropped once its findings are placed,
        // so memory is bounded by the chunk, not by the number of files.
        let mut checked = Vec::with_capacity(found.len());
        for chunk in found.chunks(256) {
            let batch: Vec<FileReport> = chunk.par_iter().map(check_one).collect();
            for mut r in batch {
                if written.is_ok() {
                    written = psr_render::human::render_file(&r, &human, &mut out);
                }
                r.compact();
                checked.push((r, None));
            }
        }
        checked
    } else {
        // Every other format is written whole at the end: each file is checked, rendered (JSON)
        // and compacted by the thread that read it.
        found
            .par_iter()
            .map(|d| {
                let mut r = check_one(d);
                let json = json_part(&r);
                r.compact();
                if json.is_some() {
                    r.keep_counts_only();
                }
                (r, json)
            })
            .collect()
    };
    if !stdin.is_empty() {
        let bytes = crate::read_stdin()?;
        let name = args.stdin_filename.clone().unwrap_or_else(|| "-".into());
        let mut r = engine.check(&SourceFile { path: name, bytes }, &options);
        filter(&mut r);
        if format == Format::Human && written.is_ok() {
            written = psr_render::human::render_file(&r, &human, &mut out);
        }
        let json = json_part(&r);
        r.compact();
        checked.push((r, json));
    }
    checked.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let (reports, json_parts): (Vec<FileReport>, Vec<_>) = checked.into_iter().unzip();

    let fail_on = match args.fail_on.or(settings.fail_on) {
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Info) => Severity::Info,
        _ => Severity::Error,
    };
    let program = engine.program();
    let report = RunReport {
        tool_version: env!("CARGO_PKG_VERSION"),
        program,
        files: &reports,
    };
    let written = written.and_then(|_| {
        if format == Format::Human {
            psr_render::human::render_summary(&report, &human, &mut out)
        } else if format == Format::Json {
            let parts = json_parts
                .into_iter()
                .flatten()
                .collect::<Result<Vec<_>, _>>()?;
            let written = psr_render::json::render_parts(&report, &parts, &mut out);
            // The process ends next: its memory goes back to the system whole, faster than
            // freeing the parts one by one.
            std::mem::forget(parts);
            written
        } else {
            psr_render::render(format, &report, &human, &mut out)
        }
    });
    if args.statistics {
        // Statistics after a document or commands would corrupt them: they go to stderr.
        let _ = if format.is_machine_readable() {
            statistics(&reports, &mut std::io::stderr().lock())
        } else {
            statistics(&reports, &mut out)
        };
    }
    if let Err(e) = written.and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(CliError::Io {
                context: "cannot write the report".into(),
                source: e,
            });
        }
    }
    let failed = reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.fails(fail_on));
    // As for the JSON parts: the process ends next.
    std::mem::forget((reports, found, engine));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A checked file, and its part of the JSON report when that is the format.
type Checked = (
    FileReport,
    Option<std::io::Result<psr_render::json::FilePart>>,
);

fn keep(code: &str, select: &[String], ignore: &[String]) -> bool {
    (select.is_empty() || select.iter().any(|s| matches_code(code, s)))
        && !ignore.iter().any(|s| matches_code(code, s))
}

/// Whether `code` is `pattern` or starts with it (`PSR0` matches `PSR012`).
pub fn matches_code(code: &str, pattern: &str) -> bool {
    let p = pattern.trim();
    !p.is_empty()
        && code
            .to_ascii_uppercase()
            .starts_with(&p.to_ascii_uppercase())
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "the file does not exist".into(),
        _ => e.to_string(),
    }
}

fn statistics(reports: &[FileReport], out: &mut dyn Write) -> std::io::Result<()> {
    let mut counts: std::collections::BTreeMap<(&str, &str, &str), usize> =
        std::collections::BTreeMap::new();
    for f in reports
        .iter()
        .flat_map(|r| &r.findings)
        .filter(|f| f.waived.is_none())
    {
        *counts
            .entry((&f.code, &f.name, f.severity.as_str()))
            .or_default() += 1;
    }
    for ((code, name, sev), n) in counts {
        writeln!(out, "{n:>6}  {code:<8} {sev:<8} {name}")?;
    }
    Ok(())
}
