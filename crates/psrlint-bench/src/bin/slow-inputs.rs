//! Times psrlint on the inputs built to be slow (docs/robustness.md, "Inputs built to be slow").
//!
//! `cargo run --release -p psrlint-bench --bin slow-inputs -- [--runs N] [--bin PATH]` writes
//! every shape of `psrlint_bench::slow_inputs` in TOML, JSON and YAML to a temporary directory,
//! then runs `psrlint check --format F FILE` on each, in every output format F, and prints the
//! best of `--runs` runs (default 3) of each: CPU time (user and system, from /proc), the wall
//! time of the slowest format, and what psrlint answered. It exits with status 1 when an answer
//! took a second or more of CPU time (wall time where /proc is missing), or was not the one
//! expected.

use psrlint_bench::options::Common;
use psrlint_bench::slow_inputs::{self, Expect, READING_CODES};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() -> std::process::ExitCode {
    match run() {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::from(1),
        Err(e) => {
            eprintln!("slow-inputs: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

/// The options: `--bin`, `--examples` and `--runs` only.
type Options = Common;

fn parse_args() -> Result<Options, String> {
    Common::parse(
        3,
        "usage: slow-inputs [--runs N] [--bin PATH] [--examples DIR]",
        |_, _| Ok(false),
    )
}

fn run() -> Result<bool, String> {
    let o = parse_args()?;
    o.check_bin()?;
    let dir = std::env::temp_dir().join(format!("psrlint-slow-inputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let result = measure_all(&o, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn measure_all(o: &Options, dir: &Path) -> Result<bool, String> {
    let inputs = slow_inputs::all(&o.examples)?;
    println!(
        "| shape | syntax | size | answer | {} | slowest wall | under 1 s CPU |\n| --- | --- | --- | --- |{} --- | --- |",
        FORMATS.map(|f| format!("`{f}` CPU")).join(" | "),
        " --- |".repeat(FORMATS.len())
    );
    let mut all_good = true;
    for input in &inputs {
        let path = dir.join(&input.file_name);
        std::fs::write(&path, &input.text).map_err(|e| e.to_string())?;
        let mut times = Vec::new();
        let mut crash = None;
        let mut stdout = Vec::new();
        for format in FORMATS {
            let (t, out) = best_of(o, &path, &["--format", format])?;
            times.push(t);
            if out.starts_with(b"crash: ") {
                crash.get_or_insert(out);
            } else if format == "json" {
                stdout = out;
            }
        }
        let _ = std::fs::remove_file(&path);
        // A crash in any format is the answer.
        let answer = answer(crash.as_deref().unwrap_or(&stdout))?;
        let expected = match (input.expect, &answer) {
            (Expect::Checked, Answer::Checked(_)) => true,
            (Expect::Refused(code), Answer::Refused(got)) => code == got,
            _ => false,
        };
        // On a shared machine the wall time is mostly waiting for a core: the CPU time decides.
        let slowest = times
            .iter()
            .map(|t| t.cpu.unwrap_or(t.wall))
            .max()
            .unwrap_or_default();
        let wall = times.iter().map(|t| t.wall).max().unwrap_or_default();
        let fast = slowest < Duration::from_secs(1);
        all_good &= expected && fast;
        println!(
            "| {} | {} | {:.1} MB | {}{} | {} | {:.2} s | {} |",
            input.shape,
            input.syntax,
            input.text.len() as f64 / 1e6,
            answer.describe(),
            if expected { "" } else { " (NOT AS EXPECTED)" },
            times
                .iter()
                .map(|t| show(*t))
                .collect::<Vec<_>>()
                .join(" | "),
            wall.as_secs_f64(),
            if fast { "yes" } else { "NO" }
        );
    }
    Ok(all_good)
}

/// Every output format of `psrlint check`, the JSON report first (its answer is read).
const FORMATS: [&str; 7] = [
    "json", "human", "concise", "sarif", "github", "junit", "html",
];

/// Wall and CPU time of one run.
#[derive(Clone, Copy)]
struct Times {
    wall: Duration,
    /// User and system time of the process and its threads; `None` where /proc is missing.
    cpu: Option<Duration>,
}

/// `psrlint check ARGS FILE`: the best times of the runs, and the last run's stdout.
fn best_of(o: &Options, path: &Path, args: &[&str]) -> Result<(Times, Vec<u8>), String> {
    let mut best = Times {
        wall: Duration::MAX,
        cpu: None,
    };
    let out_path = path.with_extension("stdout");
    for _ in 0..o.runs {
        let out_file = std::fs::File::create(&out_path).map_err(|e| e.to_string())?;
        let t = Instant::now();
        let mut child = Command::new(&o.bin)
            .arg("check")
            .args(args)
            .arg(path)
            .stdin(Stdio::null())
            .stdout(out_file)
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        // The child's CPU time is read from /proc once it has exited and before it is reaped.
        let mut cpu = None;
        loop {
            match proc_stat(child.id()) {
                Some(('Z', time)) => {
                    cpu = Some(time);
                    break;
                }
                Some(_) => std::thread::sleep(Duration::from_millis(1)),
                None => break,
            }
        }
        let status = child.wait().map_err(|e| e.to_string())?;
        let wall = t.elapsed();
        if status.code() == Some(2) {
            return Err(format!("psrlint check {} failed: {status}", path.display()));
        }
        if status.code().is_none() || status.code() == Some(101) {
            // A panic: the answer is the crash, whatever was written.
            let _ = std::fs::remove_file(&out_path);
            return Ok((Times { wall, cpu }, format!("crash: {status}").into_bytes()));
        }
        best.wall = best.wall.min(wall);
        best.cpu = match (best.cpu, cpu) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    let stdout = std::fs::read(&out_path).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&out_path);
    Ok((best, stdout))
}

/// A process's state letter and its user + system time so far (/proc/PID/stat, in the 1/100 s
/// ticks Linux reports to user space).
fn proc_stat(pid: u32) -> Option<(char, Duration)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: fields count from after it.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let state = fields.first()?.chars().next()?;
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some((state, Duration::from_millis(ticks * 10)))
}

/// `0.12 s`: CPU time (`? (0.40 s wall)` where /proc is missing).
fn show(t: Times) -> String {
    match t.cpu {
        Some(cpu) => format!("{:.2} s", cpu.as_secs_f64()),
        None => format!("? ({:.2} s wall)", t.wall.as_secs_f64()),
    }
}

enum Answer {
    /// Checked, with this many findings.
    Checked(usize),
    /// Refused with this reading code.
    Refused(String),
    /// psrlint panicked or was killed (this status).
    Crashed(String),
}

impl Answer {
    fn describe(&self) -> String {
        match self {
            Answer::Checked(n) => format!("checked, {n} findings"),
            Answer::Refused(code) => format!("refused, {code}"),
            Answer::Crashed(status) => format!("CRASHED ({status})"),
        }
    }
}

/// What the JSON report says psrlint did with the one file.
fn answer(stdout: &[u8]) -> Result<Answer, String> {
    if let Some(crash) = stdout.strip_prefix(b"crash: ") {
        return Ok(Answer::Crashed(String::from_utf8_lossy(crash).into_owned()));
    }
    let report: serde_json::Value =
        serde_json::from_slice(stdout).map_err(|e| format!("the JSON report: {e}"))?;
    let findings = report["findings"]
        .as_array()
        .ok_or("the JSON report has no findings list")?;
    let reading = findings
        .iter()
        .filter_map(|f| f["code"].as_str())
        .find(|c| READING_CODES.contains(c));
    Ok(match reading {
        Some(code) => Answer::Refused(code.to_owned()),
        None => Answer::Checked(findings.len()),
    })
}
