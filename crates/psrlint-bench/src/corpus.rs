//! Generating the benchmark corpus from the shipped examples: each file is a copy of an example
//! with its own reference, title and values, so that the corpus has the examples' mix of kinds
//! and processes; compliant and non-compliant seeds are drawn 60:40.

use std::path::{Path, PathBuf};

/// What was generated.
pub struct Stats {
    /// Files written.
    pub files: usize,
    /// Their size in bytes, together.
    pub bytes: u64,
    /// Files made from a compliant example.
    pub compliant: usize,
    /// Files made from a `violation-*` example.
    pub with_findings: usize,
}

/// A small deterministic generator (xorshift), so that every run makes the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Writes `n` files into `dir` (emptied first of earlier corpus files).
///
/// # Errors
/// When `examples` has no compliant or no `violation-*` TOML example, or a file cannot be
/// read or written.
pub fn generate(examples: &Path, dir: &Path, n: usize) -> Result<Stats, String> {
    let mut compliant = Vec::new();
    let mut failing = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(examples)
        .map_err(|e| format!("cannot read {}: {e}", examples.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".arrangement.toml"))
        .collect();
    entries.sort();
    for p in entries {
        let text = std::fs::read_to_string(&p).map_err(|e| e.to_string())?;
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with("violation-") {
            failing.push(text);
        } else {
            compliant.push(text);
        }
    }
    if compliant.is_empty() || failing.is_empty() {
        return Err(
            "examples/ needs compliant and violation-* TOML examples to seed the corpus".into(),
        );
    }
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    for old in list(dir, "toml")? {
        let _ = std::fs::remove_file(old);
    }
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut stats = Stats {
        files: n,
        bytes: 0,
        compliant: 0,
        with_findings: 0,
    };
    for i in 0..n {
        let bad = rng.next() % 10 < 4;
        let seeds = if bad { &failing } else { &compliant };
        let seed = &seeds[(rng.next() % seeds.len() as u64) as usize];
        let text = vary(seed, i);
        if bad {
            stats.with_findings += 1;
        } else {
            stats.compliant += 1;
        }
        stats.bytes += text.len() as u64;
        let shard = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&shard).map_err(|e| e.to_string())?;
        std::fs::write(shard.join(format!("a{i:05}.arrangement.toml")), text)
            .map_err(|e| e.to_string())?;
    }
    Ok(stats)
}

/// The seed with its own reference and title, so that no two files are the same.
fn vary(seed: &str, i: usize) -> String {
    let mut out = String::with_capacity(seed.len() + 64);
    let mut in_arrangement = false;
    for line in seed.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            in_arrangement = trimmed.starts_with("[arrangement]");
        }
        if in_arrangement && trimmed.starts_with("reference") {
            out.push_str(&format!("reference = \"BENCH-{i:05}\"\n"));
        } else if in_arrangement && trimmed.starts_with("title") {
            out.push_str(&format!("title = \"Benchmark arrangement {i}\"\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Every corpus file under `dir` in syntax `ext` (`*.arrangement.EXT`), sorted.
pub fn list(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    let suffix = format!(".arrangement.{ext}");
    for e in rd.filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            out.extend(list(&p, ext)?);
        } else if p.to_string_lossy().ends_with(&suffix) {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

/// The first corpus file.
pub fn first_file(dir: &Path) -> Result<PathBuf, String> {
    list(dir, "toml")?
        .into_iter()
        .next()
        .ok_or_else(|| "the corpus is empty".into())
}
