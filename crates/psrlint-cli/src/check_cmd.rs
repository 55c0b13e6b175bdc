//! `psrlint check`: discover files, check them in parallel with one compiled program, filter,
//! render in path order, and decide the exit status.

use crate::args::{CheckArgs, FailOn};
use crate::codes::{KnownCodes, Origin};
use crate::config::Settings;
use crate::discover::{discover, Discovered};
use crate::error::CliError;
use linked::{Files, Notes, Source};
use output::{InOrder, Tally};
use psr_diagnostics::CfgError;
use psr_engine::{CheckOptions, Engine, FileReport, FirstPass, Severity, SourceFile};
use psr_render::Part;
use psr_render::{human::HumanOptions, EmitterContext, Format};
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

mod html;
mod linked;
mod output;
mod stopped;

/// Runs `check`; a run that cannot be done still writes a JSON or SARIF document when asked.
pub fn run(args: CheckArgs) -> Result<ExitCode, CliError> {
    let format = args.format;
    check(args).map_err(|e| stopped::document(format, e))
}

fn check(args: CheckArgs) -> Result<ExitCode, CliError> {
    let settings = Settings::load(args.packs.config.as_deref())?;
    let as_of = args
        .as_of
        .as_deref()
        .map(|s| {
            psr_lang::value::parse_date(s).ok_or_else(|| CfgError::BadArgument {
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
    options.public_record = args.public_record;
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
    let code_notes = check_codes(&args, &settings, &KnownCodes::of(engine.program()))?;
    if found.is_empty() && stdin.is_empty() && !args.allow_empty {
        return Err(nothing_found(&paths));
    }
    let filter = |r: &mut FileReport| settings.filter(r, &select, &ignore);
    let fail_on = match args.fail_on.or(settings.fail_on) {
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Info) => Severity::Info,
        _ => Severity::Error,
    };
    let human = HumanOptions {
        color: crate::use_color(),
        width: crate::term_width(),
        explain: args.explain,
        quiet: args.quiet,
    };
    let format = args.format;
    let context = EmitterContext {
        tool_version: env!("CARGO_PKG_VERSION"),
        program: engine.program(),
        human,
    };
    let Some(boxed) = format.emitter(&context) else {
        let stdin = (!stdin.is_empty()).then_some(args.stdin_filename.as_deref());
        return html::run(&found, stdin, &engine, &options, &filter, fail_on);
    };
    let emitter = &*boxed;
    // A large buffer: a report over a register runs to megabytes, and each write is a system
    // call (the standard output's own line buffering would split them further).
    let out = std::io::BufWriter::with_capacity(256 * 1024, std::io::stdout());
    let check_one = |d: &Discovered| -> FirstPass {
        let mut pass = match d {
            Discovered::File(p) => {
                let shown = p.display().to_string();
                match std::fs::read(p) {
                    Ok(bytes) => engine.check_first(&SourceFile { path: shown, bytes }, &options),
                    Err(e) => first_only(psr_engine::unreadable(&shown, &io_reason(&e))),
                }
            }
            Discovered::Problem(p, why) => {
                first_only(psr_engine::unreadable(&p.display().to_string(), why))
            }
        };
        if pass.wants.is_empty() {
            filter(&mut pass.report);
        }
        pass
    };
    // Standard input is checked first and reported in its place in path order.
    let stdin_file = if stdin.is_empty() {
        None
    } else {
        let bytes = crate::read_stdin()?;
        let name = args.stdin_filename.clone().unwrap_or_else(|| "-".into());
        Some((name, bytes))
    };
    let mut notes = Notes::default();
    let from_stdin = stdin_file.as_ref().map(|(name, bytes)| {
        let mut pass = engine.check_first(
            &SourceFile {
                path: name.clone(),
                bytes: bytes.clone(),
            },
            &options,
        );
        if pass.wants.is_empty() {
            filter(&mut pass.report);
        }
        let (r, deferred) = notes.note(Source::Stdin, pass);
        (r, None, deferred.then_some(Source::Stdin))
    });
    let files = Files {
        found: &found,
        stdin: stdin_file.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
    };
    // Written as the files are checked, in path order: a chunk is checked in parallel while the
    // one before it is written, then its reports are dropped, so memory is bounded by two chunks
    // and what the format keeps for the end of its document. The thread that checked a file
    // renders the emitter's part of it and drops what the emitter no longer reads.
    let reads_findings = emitter.reads_findings();
    let render = |r: &mut FileReport| {
        let part = emitter.part(r);
        if reads_findings {
            r.compact();
        } else {
            r.keep_counts_only();
        }
        part
    };
    let mut writer = InOrder::new(
        emitter,
        Tally::new(fail_on, args.statistics),
        from_stdin,
        out,
    );
    // A file that waits for the second pass is rendered after it.
    let check_chunk = |chunk: &[Discovered]| -> Vec<(FirstPass, Option<io::Result<Part>>)> {
        let check = |d: &Discovered| {
            let mut pass = check_one(d);
            let part = pass.wants.is_empty().then(|| render(&mut pass.report));
            (pass, part)
        };
        if chunk.len() == 1 {
            // One file is checked on this thread: starting the thread pool would cost more than
            // the check.
            return chunk.iter().map(check).collect();
        }
        chunk.par_iter().map(check).collect()
    };
    type Batch = (usize, Vec<(FirstPass, Option<io::Result<Part>>)>);
    let mut pending: Option<Batch> = None;
    let mut put = |writer: &mut InOrder<_>, (start, batch): Batch| {
        let checked = batch
            .into_iter()
            .enumerate()
            .map(|(i, (pass, part))| {
                let source = Source::Found(start + i);
                match notes.note(source, pass) {
                    (r, true) => (r, None, Some(source)),
                    (r, false) => (r, part, None),
                }
            })
            .collect();
        writer.put_batch(checked);
    };
    for (n, chunk) in found.chunks(CHUNK).enumerate() {
        let batch = match pending.take() {
            Some(done) => {
                let (batch, ()) = rayon::join(|| check_chunk(chunk), || put(&mut writer, done));
                batch
            }
            None => check_chunk(chunk),
        };
        pending = Some((n * CHUNK, batch));
    }
    if let Some(done) = pending.take() {
        put(&mut writer, done);
    }
    writer.end_of_files();
    if notes.any_deferred() {
        let run = linked::index(&engine, &options, &files, &notes);
        writer.release(linked::second_pass(
            &engine,
            &options,
            &files,
            &notes,
            &run,
            |mut r| {
                filter(&mut r);
                let part = render(&mut r);
                (r, Some(part))
            },
        ));
    }
    let (written, tally, mut out) = writer.finish();
    // What multi-code prefixes covered, so that a prefix typed for one code is seen to switch off
    // others: with the summary (human) and with the statistics.
    let write_notes = |w: &mut dyn Write| -> std::io::Result<()> {
        for n in &code_notes {
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
        if let Some(spill) = e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<psr_render::SpillError>())
        {
            return Err(CliError::TempFile {
                reason: spill.to_string(),
            });
        }
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(CfgError::Io {
                context: "cannot write the report".into(),
                source: e,
            }
            .into());
        }
    }
    // The process ends next: its memory goes back to the system whole, faster than freeing
    // what the run built piece by piece.
    std::mem::forget(boxed);
    std::mem::forget((found, engine));
    Ok(if tally.failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// How many files are checked in parallel while the chunk before them is written.
const CHUNK: usize = 256;

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
    CfgError::BadArgument {
        message: format!("no arrangement files found under {}", under.join(", ")),
        help: help.join("\n"),
    }
    .into()
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

/// Whether `code` is `pattern` or starts with it (`PSR0` matches `PSR012`).
pub fn matches_code(code: &str, pattern: &str) -> bool {
    let p = pattern.trim();
    !p.is_empty()
        && code
            .to_ascii_uppercase()
            .starts_with(&p.to_ascii_uppercase())
}

/// A report that needs no second pass.
fn first_only(report: FileReport) -> FirstPass {
    FirstPass {
        report,
        reference: None,
        wants: Vec::new(),
    }
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "the file does not exist".into(),
        _ => e.to_string(),
    }
}
