//! psrlint's benchmark (see docs/performance.md).
//!
//! `cargo run --release -p psrlint-bench -- [--files N] [--runs N] [--dir DIR] [--bin PATH]`
//! generates a corpus of N arrangement files (default 10,000) from the shipped examples — a mix of
//! kinds and processes, about 40% with findings — then measures, on all cores, each the best of
//! `--runs` runs taken in turns (default 5; more on a busy machine):
//! - the floor: reading and parsing every file with the `toml` crate, in parallel;
//! - `psrlint check --format json DIR` over the corpus: wall time, files per second, peak memory;
//! - `psrlint report --year 2024-25 --format json DIR`: the same;
//! - single-file latency: `psrlint check FILE`, process start included (median of 50 runs).

use psrlint_bench::corpus;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Options {
    files: usize,
    dir: PathBuf,
    bin: PathBuf,
    examples: PathBuf,
    runs: usize,
}

fn parse_args() -> Result<Options, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut o = Options {
        files: 10_000,
        dir: std::env::temp_dir().join("psrlint-bench-corpus"),
        bin: root.join("target/release/psrlint"),
        examples: root.join("examples"),
        runs: 5,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--files" => {
                o.files = value()?
                    .parse()
                    .map_err(|_| "--files takes a number".to_string())?
            }
            "--dir" => o.dir = PathBuf::from(value()?),
            "--bin" => o.bin = PathBuf::from(value()?),
            "--examples" => o.examples = PathBuf::from(value()?),
            "--runs" => {
                o.runs = value()?
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| "--runs takes a number above 0".to_string())?
            }
            "-h" | "--help" => {
                return Err(
                    "usage: psrlint-bench [--files N] [--runs N] [--dir DIR] [--bin PATH] [--examples DIR]"
                        .into(),
                )
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
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
    let o = parse_args()?;
    if !o.bin.is_file() {
        return Err(format!(
            "{} does not exist: run `cargo build --release` first",
            o.bin.display()
        ));
    }
    let stats = corpus::generate(&o.examples, &o.dir, o.files)?;
    println!(
        "corpus: {} files, {:.1} MB, {} from compliant seeds, {} from seeds with findings, in {}",
        stats.files,
        stats.bytes as f64 / 1e6,
        stats.compliant,
        stats.with_findings,
        o.dir.display()
    );
    let threads = rayon::current_num_threads();
    // The floor and the check take turns, so that both see the machine in the same state; each
    // is the best of its runs.
    let (mut floor_best, mut check_best, mut peak_kb) = (Duration::MAX, Duration::MAX, 0);
    for _ in 0..o.runs {
        floor_best = floor_best.min(floor(&o.dir)?);
        let (t, kb) = check_corpus(&o.bin, &o.dir)?;
        check_best = check_best.min(t);
        peak_kb = peak_kb.max(kb);
    }
    let (floor, check) = (floor_best, check_best);
    println!(
        "floor (read + toml parse, {threads} threads): {:.3} s",
        floor.as_secs_f64()
    );

    let files_per_s = stats.files as f64 / check.as_secs_f64();
    println!(
        "psrlint check --format json: {:.3} s ({:.0} files/s, {:.2}x the floor), peak memory {:.1} MB",
        check.as_secs_f64(),
        files_per_s,
        check.as_secs_f64() / floor.as_secs_f64(),
        peak_kb as f64 / 1024.0
    );
    // The reg 25 / reg 26 report over the same files (docs/reports.md).
    let report_args = ["report", "--year", "2024-25", "--format", "json"];
    let mut report_best = (Duration::MAX, 0);
    for _ in 0..o.runs {
        let (t, kb) = run_corpus(&o.bin, &report_args, &o.dir)?;
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
        Command::new(&o.bin)
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
    Ok(())
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

fn floor(dir: &Path) -> Result<Duration, String> {
    let files = corpus::list(dir)?;
    let t = Instant::now();
    let ok = files
        .par_iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .ok()
                .and_then(|s| s.parse::<toml::Table>().ok())
                .is_some()
        })
        .filter(|ok| *ok)
        .count();
    let d = t.elapsed();
    if ok != files.len() {
        return Err(format!(
            "{} of {} corpus files did not parse as TOML",
            files.len() - ok,
            files.len()
        ));
    }
    Ok(d)
}

fn check_corpus(bin: &Path, dir: &Path) -> Result<(Duration, u64), String> {
    run_corpus(bin, &["check", "--format", "json"], dir)
}

/// `psrlint ARGS DIR`: wall time and peak memory; status 2 is an error.
fn run_corpus(bin: &Path, args: &[&str], dir: &Path) -> Result<(Duration, u64), String> {
    let t = Instant::now();
    let mut child = Command::new(bin)
        .args(args)
        .arg(dir)
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
