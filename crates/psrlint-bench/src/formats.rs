//! `--formats`: `psrlint check --format F DIR` over the corpus for every streaming format, each
//! the best of the runs taken in turns (so that every format sees the machine in the same state),
//! with its peak memory and its time as a ratio of JSON's.

use std::path::Path;
use std::time::Duration;

/// The formats measured; JSON first, the reference of the ratios.
const FORMATS: [&str; 6] = ["json", "sarif", "junit", "github", "concise", "human"];

/// Measures every format over `dir` and prints one line each.
pub fn measure(bin: &Path, dir: &Path, runs: usize, files: usize) -> Result<(), String> {
    let mut best = [(Duration::MAX, 0u64); FORMATS.len()];
    for _ in 0..runs {
        for (format, best) in FORMATS.iter().zip(best.iter_mut()) {
            let (t, kb) = crate::run_corpus(bin, &["check", "--format", format], dir)?;
            *best = (best.0.min(t), best.1.max(kb));
        }
    }
    let json = best[0].0.as_secs_f64();
    println!("psrlint check --format F over {files} files (best of {runs}, taken in turns):");
    for (format, (t, kb)) in FORMATS.iter().zip(best) {
        println!(
            "  {format:<8} {:.3} s  {:.2}x json  peak memory {:.1} MB",
            t.as_secs_f64(),
            t.as_secs_f64() / json,
            kb as f64 / 1024.0
        );
    }
    Ok(())
}
