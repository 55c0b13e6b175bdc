//! Growth: the check over 1,000, 10,000 and 100,000 files of one corpus (the first shards of a
//! 100,000-file corpus, so each size holds the smaller ones), each against the toml-spanner floor
//! over the same files, in turns, best of the runs: time per file and peak memory, and how far
//! each decade is from linear.

use crate::floors::Floor;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The sizes measured.
pub const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// One size's figures.
pub struct Point {
    pub files: usize,
    pub floor: Duration,
    pub check: Duration,
    pub peak_kb: u64,
}

/// Generates the 100,000-file corpus in `dir` and measures every size.
pub fn measure(examples: &Path, dir: &Path, bin: &Path, runs: usize) -> Result<Vec<Point>, String> {
    let largest = SIZES[SIZES.len() - 1];
    crate::corpus::generate(examples, dir, largest)?;
    let mut points = Vec::new();
    for n in SIZES {
        // The generator writes 1,000 files per shard directory, in order.
        let shards: Vec<PathBuf> = (0..n.div_ceil(1000))
            .map(|s| dir.join(format!("{s:03}")))
            .collect();
        let mut files = Vec::new();
        for s in &shards {
            files.extend(crate::corpus::list(s, "toml")?);
        }
        if files.len() != n {
            return Err(format!(
                "the growth corpus has {} files, not {n}",
                files.len()
            ));
        }
        let (mut floor, mut check, mut peak) = (Duration::MAX, Duration::MAX, 0);
        for _ in 0..runs {
            floor = floor.min(Floor::TomlSpanner.measure(&files)?);
            let (t, kb) = crate::run_paths(bin, &["check", "--format", "json"], &shards)?;
            check = check.min(t);
            peak = peak.max(kb);
        }
        points.push(Point {
            files: n,
            floor,
            check,
            peak_kb: peak,
        });
    }
    Ok(points)
}

/// Prints the growth table: per size the time per file, the ratio to the floor and the peak; per
/// decade how far the time per file moved from linear (0% is exactly linear).
pub fn print(points: &[Point]) {
    println!("growth (check --format json, best of the runs; floor = read + toml-spanner):");
    println!("  files    | check     | per file  | floor     | vs floor | peak memory | vs linear");
    let mut prev: Option<&Point> = None;
    for p in points {
        let per_file = p.check.as_secs_f64() / p.files as f64;
        let linear = prev
            .map(|q| {
                let q_per_file = q.check.as_secs_f64() / q.files as f64;
                format!("{:+.1}%", (per_file / q_per_file - 1.0) * 100.0)
            })
            .unwrap_or_else(|| "-".into());
        println!(
            "  {:>8} | {:>7.3} s | {:>6.1} µs | {:>7.3} s | {:>7.2}x | {:>8.1} MB | {linear}",
            p.files,
            p.check.as_secs_f64(),
            per_file * 1e6,
            p.floor.as_secs_f64(),
            p.check.as_secs_f64() / p.floor.as_secs_f64(),
            p.peak_kb as f64 / 1024.0,
        );
        prev = Some(p);
    }
}
