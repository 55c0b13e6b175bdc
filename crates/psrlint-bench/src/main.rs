//! psrlint's benchmark (see docs/performance.md).
//!
//! `cargo run --release -p psrlint-bench -- [--files N] [--runs N] [--dir DIR] [--bin PATH] [--no-growth]`
//! generates a corpus of N arrangement files (default 10,000) from the shipped examples — a mix of
//! kinds and processes, about 40% with findings — and the same corpus as JSON and as YAML, then
//! measures, on all cores, each the best of `--runs` runs taken in turns (default 5; more on a
//! busy machine):
//! - the floors, in this process (same allocator and release profile as psrlint): reading the
//!   files only; reading and parsing them with `toml-spanner`; with the `toml` crate;
//! - `psrlint check --format json` over the TOML, JSON and YAML corpora: wall time, files per
//!   second, peak memory;
//! - `psrlint report --year 2024-25 --format json DIR`: the same;
//! - single-file latency: `psrlint check FILE`, process start included (median of 50 runs);
//! - growth: 1,000, 10,000 and 100,000 files (unless `--no-growth`);
//!
//! and prints the ratios against the targets of issue 16.
//!
//! With `--formats`, it measures instead `psrlint check --format F DIR` for every format, with
//! ratios to JSON (see `formats`).

mod convert;
mod floors;
mod formats;
mod growth;
mod targets;

use floors::Floor;

/// psrlint's allocator, so that the floors measured in this process are built as psrlint is.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use psr_source::Syntax;
use psrlint_bench::corpus;
use psrlint_bench::options::Common;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The options of this binary, besides the shared `--bin`, `--examples` and `--runs`.
struct Options {
    files: usize,
    dir: PathBuf,
    formats: bool,
    growth: bool,
}

fn parse_args() -> Result<(Common, Options), String> {
    let mut o = Options {
        files: 10_000,
        dir: std::env::temp_dir().join("psrlint-bench-corpus"),
        formats: false,
        growth: true,
    };
    let common = Common::parse(
        5,
        "usage: psrlint-bench [--files N] [--runs N] [--dir DIR] [--bin PATH] [--examples DIR] [--formats] [--no-growth]",
        |a, value| {
            match a {
                "--files" => {
                    o.files = value
                        .text()?
                        .parse()
                        .map_err(|_| "--files takes a number".to_string())?
                }
                "--dir" => o.dir = PathBuf::from(value.text()?),
                "--formats" => o.formats = true,
                "--no-growth" => o.growth = false,
                _ => return Ok(false),
            }
            Ok(true)
        },
    )?;
    Ok((common, o))
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("psrlint-bench: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let (c, o) = parse_args()?;
    c.check_bin()?;
    let stats = corpus::generate(&c.examples, &o.dir, o.files)?;
    println!(
        "corpus: {} files, {:.1} MB, {} from compliant seeds, {} from seeds with findings, in {}",
        stats.files,
        stats.bytes as f64 / 1e6,
        stats.compliant,
        stats.with_findings,
        o.dir.display()
    );
    if o.formats {
        return formats::measure(&c.bin, &o.dir, c.runs, stats.files);
    }
    let threads = rayon::current_num_threads();
    let files = corpus::list(&o.dir, "toml")?;
    // The same corpus as JSON and as YAML, beside it.
    let mut corpora = vec![(Syntax::Toml, o.dir.clone())];
    for syntax in [Syntax::Json, Syntax::Yaml] {
        let to = sibling(&o.dir, &syntax.name().to_ascii_lowercase());
        let bytes = convert::corpus(&o.dir, &files, &to, syntax)?;
        println!(
            "corpus as {}: {:.1} MB in {}",
            syntax.name(),
            bytes as f64 / 1e6,
            to.display()
        );
        corpora.push((syntax, to));
    }
    // The floors and the checks take turns, so that all see the machine in the same state; each
    // is the best of its runs.
    let mut floor_best = [Duration::MAX; Floor::ALL.len()];
    let mut check_best = [(Duration::MAX, 0u64); 3];
    for _ in 0..c.runs {
        for (i, f) in Floor::ALL.iter().enumerate() {
            floor_best[i] = floor_best[i].min(f.measure(&files)?);
        }
        for (i, (_, dir)) in corpora.iter().enumerate() {
            let (t, kb) = check_corpus(&c.bin, dir)?;
            check_best[i] = (check_best[i].0.min(t), check_best[i].1.max(kb));
        }
    }
    for (f, t) in Floor::ALL.iter().zip(floor_best) {
        println!(
            "floor, {} ({threads} threads): {:.3} s",
            f.label(),
            t.as_secs_f64()
        );
    }
    let spanner = floor_best[1];
    for ((syntax, _), (t, kb)) in corpora.iter().zip(check_best) {
        println!(
            "psrlint check --format json, {} input: {:.3} s ({:.0} files/s, {:.2}x read + toml-spanner), peak memory {:.1} MB",
            syntax.name(),
            t.as_secs_f64(),
            stats.files as f64 / t.as_secs_f64(),
            t.as_secs_f64() / spanner.as_secs_f64(),
            kb as f64 / 1024.0
        );
    }
    // The reg 25 / reg 26 report over the same files (docs/reports.md).
    let report_args = ["report", "--year", "2024-25", "--format", "json"];
    let mut report_best = (Duration::MAX, 0);
    for _ in 0..c.runs {
        let (t, kb) = run_corpus(&c.bin, &report_args, &o.dir)?;
        report_best = (report_best.0.min(t), report_best.1.max(kb));
    }
    println!(
        "psrlint report --year 2024-25 --format json: {:.3} s ({:.0} files/s), peak memory {:.1} MB",
        report_best.0.as_secs_f64(),
        stats.files as f64 / report_best.0.as_secs_f64(),
        report_best.1 as f64 / 1024.0
    );
    let one = corpus::first_file(&o.dir)?;
    let mut times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        Command::new(&c.bin)
            .arg("check")
            .arg(&one)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| e.to_string())?;
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "single file (process start included): median {:.2} ms, p90 {:.2} ms",
        ms(times[25]),
        ms(times[45])
    );
    let points = if o.growth {
        let points = growth::measure(&c.examples, &sibling(&o.dir, "growth"), &c.bin, c.runs)?;
        growth::print(&points);
        points
    } else {
        Vec::new()
    };
    targets::print(&targets::Figures {
        spanner_floor: spanner,
        toml: check_best[0].0,
        json: check_best[1].0,
        yaml: check_best[2].0,
        one_file_median: times[25],
        growth: &points,
    });
    Ok(())
}

/// `DIR-NAME` beside `dir`.
fn sibling(dir: &Path, name: &str) -> PathBuf {
    let mut s = dir.as_os_str().to_owned();
    s.push(format!("-{name}"));
    PathBuf::from(s)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The child's peak resident memory (VmHWM, kB) read from /proc while it runs; 0 where /proc
/// is not available.
fn high_water_mark(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn check_corpus(bin: &Path, dir: &Path) -> Result<(Duration, u64), String> {
    run_corpus(bin, &["check", "--format", "json"], dir)
}

/// `psrlint ARGS DIR`: wall time and peak memory; status 2 is an error.
pub(crate) fn run_corpus(bin: &Path, args: &[&str], dir: &Path) -> Result<(Duration, u64), String> {
    run_paths(bin, args, std::slice::from_ref(&dir.to_path_buf()))
}

/// `psrlint ARGS PATHS...`: wall time and peak memory; status 2 is an error.
fn run_paths(bin: &Path, args: &[&str], paths: &[PathBuf]) -> Result<(Duration, u64), String> {
    let t = Instant::now();
    let mut child = Command::new(bin)
        .args(args)
        .args(paths)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut peak = 0;
    let status = loop {
        if let Some(kb) = high_water_mark(child.id()) {
            peak = peak.max(kb);
        }
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let d = t.elapsed();
    if status.code() == Some(2) {
        return Err(format!("psrlint {} exited with status 2", args.join(" ")));
    }
    Ok((d, peak))
}
