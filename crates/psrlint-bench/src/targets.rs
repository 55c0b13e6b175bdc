//! The targets of issue 16, each against the figure this run measured: met or not, with the
//! ratio.

use crate::growth::Point;
use std::time::Duration;

/// What a run measured.
pub struct Figures<'a> {
    /// Reading and parsing the TOML corpus with toml-spanner.
    pub spanner_floor: Duration,
    /// `check --format json` over the corpus in each syntax.
    pub toml: Duration,
    pub json: Duration,
    pub yaml: Duration,
    /// One file, process start included: the median.
    pub one_file_median: Duration,
    /// Growth, when measured.
    pub growth: &'a [Point],
}

/// Prints one line per target.
pub fn print(f: &Figures<'_>) {
    println!("targets (issue 16):");
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    let line = |what: &str, measured: String, met: bool| {
        println!(
            "  {:<58} {:<22} {}",
            what,
            measured,
            if met { "met" } else { "NOT met" }
        )
    };
    let r = ratio(f.toml, f.spanner_floor);
    line(
        "TOML check within 2.5x of read + toml-spanner parse",
        format!("{r:.2}x"),
        r <= 2.5,
    );
    let r = ratio(f.json, f.toml);
    line(
        "JSON input within 1.1x of TOML input",
        format!("{r:.2}x"),
        r <= 1.1,
    );
    let r = ratio(f.yaml, f.toml);
    line(
        "YAML input within 1.4x of TOML input",
        format!("{r:.2}x"),
        r <= 1.4,
    );
    let ms = f.one_file_median.as_secs_f64() * 1000.0;
    line(
        "one file, process start included: median under 4 ms",
        format!("{ms:.2} ms"),
        ms < 4.0,
    );
    for w in f.growth.windows(2) {
        let per = |p: &Point| p.check.as_secs_f64() / p.files as f64;
        let drift = per(&w[1]) / per(&w[0]) - 1.0;
        line(
            &format!(
                "time linear within 10% per decade ({} → {} files)",
                w[0].files, w[1].files
            ),
            format!("{:+.1}% per file", drift * 100.0),
            drift.abs() <= 0.10,
        );
        let mem = w[1].peak_kb as f64 / w[0].peak_kb.max(1) as f64 - 1.0;
        line(
            &format!("memory flat ({} → {} files)", w[0].files, w[1].files),
            format!("{:+.1}% peak", mem * 100.0),
            mem <= 0.10,
        );
    }
}
