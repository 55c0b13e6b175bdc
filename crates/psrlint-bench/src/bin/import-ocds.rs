//! The importer's benchmark (docs/performance.md, "Importing published notices").
//!
//! `cargo run --release -p psrlint-bench --bin import-ocds -- [--releases N] [--runs N]` builds a
//! release package of N releases (default 10,000) from the example package of `examples/ocds/`
//! (its releases in turn, each with its own id; about one in eight is not a PSR notice and one
//! in eight cannot be read), then measures, best of `--runs` runs (default 5):
//! - reading it: parsing the JSON and turning each PSR release into an arrangement;
//! - writing the arrangement files (TOML) to a temporary directory;
//! - both together, which is what `psrlint import ocds FILE -o DIR` does after reading the file.
//!
//! With `--no-write` the files' text is made but not written, leaving the file system out.

use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("import-ocds: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

/// Time this thread has spent on a CPU (Linux: /proc/thread-self/schedstat), so that a busy
/// machine's waiting is not counted.
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn run() -> Result<(), String> {
    let mut releases = 10_000usize;
    let mut runs = 5usize;
    let mut write = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut number = || {
            args.next()
                .and_then(|v| v.parse::<usize>().ok())
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("{a} takes a number above 0"))
        };
        match a.as_str() {
            "--releases" => releases = number()?,
            "--runs" => runs = number()?,
            "--no-write" => write = false,
            other => return Err(format!("unknown argument {other}; usage: import-ocds [--releases N] [--runs N] [--no-write]")),
        }
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let example = root.join("examples/ocds/exampleshire-psr-notices.json");
    let text =
        std::fs::read_to_string(&example).map_err(|e| format!("{}: {e}", example.display()))?;
    let mut package: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let models = package["releases"].as_array().cloned().unwrap_or_default();
    if models.is_empty() {
        return Err("the example package has no releases".into());
    }
    let generated: Vec<serde_json::Value> = (0..releases)
        .map(|i| {
            let mut r = models[i % models.len()].clone();
            if let Some(o) = r.as_object_mut() {
                o.insert("id".into(), serde_json::json!(format!("{:06}-2026", i)));
            }
            r
        })
        .collect();
    package["releases"] = serde_json::Value::Array(generated);
    let bytes = serde_json::to_vec(&package).map_err(|e| e.to_string())?;
    let out = std::env::temp_dir().join("psrlint-bench-import");
    let _ = std::fs::remove_dir_all(&out);

    let mut best = (Duration::MAX, Duration::MAX, Duration::MAX);
    let mut best_cpu = Duration::MAX;
    let mut written = 0;
    let mut import = psr_import::Import::default();
    for _ in 0..runs {
        let t0 = Instant::now();
        let c0 = cpu_time();
        import = psr_import::read("bench.json", &bytes);
        let t1 = Instant::now();
        if let (Some(a), Some(b)) = (c0, cpu_time()) {
            best_cpu = best_cpu.min(b.saturating_sub(a));
        }
        if write {
            let saved = psr_import::save(&import.arrangements, &out, psr_import::Syntax::Toml)
                .map_err(|e| format!("{}: {e}", out.display()))?;
            written = saved
                .iter()
                .filter(|s| matches!(s, psr_import::Saved::Written(_)))
                .count();
        } else {
            // The text of every file, without the file system.
            written = import
                .arrangements
                .iter()
                .map(|a| psr_import::write(a, psr_import::Syntax::Toml).len())
                .filter(|n| *n > 0)
                .count();
        }
        let t2 = Instant::now();
        best.0 = best.0.min(t1 - t0);
        best.1 = best.1.min(t2 - t1);
        best.2 = best.2.min(t2 - t0);
    }
    println!(
        "{} releases ({:.1} MB): {} PSR notices, {} skipped, {} findings; {written} files written",
        import.releases,
        bytes.len() as f64 / 1e6,
        import.arrangements.len(),
        import.skipped,
        import.findings.len(),
    );
    println!(
        "read (parse + recognise + extract): {:.3} s",
        best.0.as_secs_f64()
    );
    if best_cpu != Duration::MAX {
        println!(
            "  of which on the CPU:              {:.3} s",
            best_cpu.as_secs_f64()
        );
    }
    println!(
        "write {written} TOML files:          {:.3} s",
        best.1.as_secs_f64()
    );
    println!(
        "read and write (best of {runs}):     {:.3} s",
        best.2.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&out);
    Ok(())
}
