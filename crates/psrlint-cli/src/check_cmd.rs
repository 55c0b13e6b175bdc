//! `psrlint check`: discover files, check them in parallel with one compiled program, filter,
//! render in path order, and decide the exit status.

use crate::args::{CheckArgs, FailOn, OutputFormat};
use crate::codes::{KnownCodes, Origin};
use crate::config::Settings;
use crate::discover::{discover, Discovered};
use crate::error::CliError;
use output::{Checked, InOrder, Stream, Tally};
use psr_engine::{CheckOptions, Engine, FileReport, Severity, SourceFile};
use psr_render::{human::HumanOptions, Format, RunReport};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

mod output;

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
    let compiled = crate::packs::load_for(&args.packs, &settings)?;
    crate::render_lang_warnings(&compiled.warnings);
    let engine = Engine::new(Arc::new(compiled.program));

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
    let notes = check_codes(&args, &settings, &KnownCodes::of(engine.program()))?;
    if found.is_empty() && stdin.is_empty() && !args.allow_empty {
        return Err(nothing_found(&paths));
    }
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
    // A large buffer: a report over a register runs to megabytes, and each write is a system
    // call (the standard output's own line buffering would split them further).
    let mut out = std::io::BufWriter::with_capacity(256 * 1024, std::io::stdout());
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
    let fail_on = match args.fail_on.or(settings.fail_on) {
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Info) => Severity::Info,
        _ => Severity::Error,
    };
    // Standard input is checked first and reported in its place in path order.
    let mut from_stdin = if stdin.is_empty() {
        None
    } else {
        let bytes = crate::read_stdin()?;
        let name = args.stdin_filename.clone().unwrap_or_else(|| "-".into());
        let mut r = engine.check(&SourceFile { path: name, bytes }, &options);
        filter(&mut r);
        Some(r)
    };
    let mut tally = Tally::new(fail_on, args.statistics);
    let program = engine.program();
    let version = env!("CARGO_PKG_VERSION");
    let (written, mut out) = if matches!(format, Format::Human | Format::Json) {
        // Written as the files are checked, in path order: a chunk is checked in parallel while
        // the one before it is written, then its reports are dropped, so memory is bounded by
        // two chunks and what the report itself must hold (JSON's findings, which follow every
        // file in the document).
        let begun = match format {
            Format::Json => {
                psr_render::json::JsonWriter::begin(version, program, &mut out).map(Stream::Json)
            }
            _ => Ok(Stream::Human(human.clone(), psr_render::Summary::default())),
        };
        match begun {
            Err(e) => (Err(e), out),
            Ok(stream) => {
                let json = format == Format::Json;
                let check_chunk = |chunk: &[Discovered]| -> Vec<Checked> {
                    chunk
                        .par_iter()
                        .map(|d| {
                            let mut r = check_one(d);
                            // The thread that checked a file renders its JSON part and drops
                            // what only rendering needs.
                            let part = json.then(|| psr_render::json::file_part(&r));
                            if json {
                                r.keep_counts_only();
                            }
                            (r, part)
                        })
                        .collect()
                };
                let mut writer = InOrder::new(stream, tally, from_stdin.take(), out);
                let mut pending: Option<Vec<Checked>> = None;
                for chunk in found.chunks(256) {
                    let (batch, ()) = rayon::join(
                        || check_chunk(chunk),
                        || {
                            if let Some(done) = pending.take() {
                                writer.put_batch(done);
                            }
                        },
                    );
                    pending = Some(batch);
                }
                writer.put_batch(pending.unwrap_or_default());
                let (written, counted, out) = writer.finish();
                tally = counted;
                (written, out)
            }
        }
    } else {
        // Every other format is written whole at the end: each file is checked and compacted by
        // the thread that read it.
        let mut reports: Vec<FileReport> = found
            .par_iter()
            .map(|d| {
                let mut r = check_one(d);
                r.compact();
                r
            })
            .collect();
        reports.extend(from_stdin.take());
        reports.sort_by(|a, b| a.path.cmp(&b.path));
        for r in &reports {
            tally.add(r);
        }
        let report = RunReport {
            tool_version: version,
            program,
            files: &reports,
        };
        let written = psr_render::render(format, &report, &human, &mut out);
        // The process ends next: its memory goes back to the system whole, faster than freeing
        // the reports one by one.
        std::mem::forget(reports);
        (written, out)
    };
    // What multi-code prefixes covered, so that a prefix typed for one code is seen to switch off
    // others: with the summary (human) and with the statistics.
    let write_notes = |w: &mut dyn Write| -> std::io::Result<()> {
        for n in &notes {
            writeln!(w, "note: {n}")?;
        }
        Ok(())
    };
    if args.statistics {
        // Statistics after a document or commands would corrupt them: they go to stderr.
        let _ = if format.is_machine_readable() {
            let mut err = std::io::stderr().lock();
            write_notes(&mut err).and_then(|()| tally.write_statistics(&mut err))
        } else {
            write_notes(&mut out).and_then(|()| tally.write_statistics(&mut out))
        };
    } else if format == Format::Human && !args.quiet {
        let _ = write_notes(&mut out);
    }
    if let Err(e) = written.and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(CliError::Io {
                context: "cannot write the report".into(),
                source: e,
            });
        }
    }
    // As for the reports: the process ends next.
    std::mem::forget((found, engine));
    Ok(if tally.failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The error for a run that found no arrangement file: where it looked, and the files that
/// look like arrangements under another name.
fn nothing_found(paths: &[PathBuf]) -> CliError {
    let under: Vec<String> = paths.iter().map(|p| format!("`{}`", p.display())).collect();
    let misses = crate::discover::near_misses(paths, 5);
    let mut help: Vec<String> = misses
        .iter()
        .map(|(p, name)| format!("`{}`: did you mean to name it `{name}`?", p.display()))
        .collect();
    help.push("psrlint looks for files named `*.arrangement.toml`, `*.arrangement.json`, `*.arrangement.yaml` or `*.arrangement.yml`; `--allow-empty` lets a run with none pass".into());
    CliError::BadArgument {
        message: format!("no arrangement files found under {}", under.join(", ")),
        help: help.join("\n"),
    }
}

/// Checks every code and prefix named on the command line and in the configuration against the
/// codes the loaded program reports; gives back the notes on what multi-code prefixes cover.
fn check_codes(
    args: &CheckArgs,
    settings: &Settings,
    known: &KnownCodes,
) -> Result<Vec<String>, CliError> {
    let mut selected = Vec::new();
    let mut ignored = Vec::new();
    for (flag, list, notes) in [
        ("--select", &args.select, &mut selected),
        ("--ignore", &args.ignore, &mut ignored),
    ] {
        for c in list {
            notes.extend(known.check(c, &Origin::Option(flag), false)?);
        }
    }
    for c in &settings.codes {
        let origin = Origin::Config {
            key: c.key.clone(),
            source: settings
                .source
                .clone()
                .unwrap_or_else(|| psr_source::NamedText::new("psrlint.toml", "")),
            span: Some(c.span.clone()),
        };
        let note = known.check(&c.code, &origin, c.exact)?;
        if c.key == "select" && args.select.is_empty() {
            selected.extend(note);
        } else if c.key != "select" && c.key != "[severity]" {
            ignored.extend(note);
        }
    }
    Ok([
        crate::codes::note("selected", &selected),
        crate::codes::note("ignored", &ignored),
    ]
    .into_iter()
    .flatten()
    .collect())
}

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
