//! The floors psrlint is measured against, taken in the benchmark's own process (built with
//! psrlint's allocator and release profile): reading the files only, reading and parsing them with
//! `toml-spanner` (the parser psrlint uses), and reading and parsing them with the `toml` crate
//! (the first session's floor). Each reads every file in parallel on all cores, as psrlint does;
//! the file list is made before the clock starts.

use rayon::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A floor: what it does per file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Floor {
    /// Read the bytes.
    Read,
    /// Read, check UTF-8, parse with `toml-spanner` into its arena tree.
    TomlSpanner,
    /// Read, parse with the `toml` crate into a `toml::Table`.
    Toml,
}

impl Floor {
    /// Every floor, in the order they are printed.
    pub const ALL: [Floor; 3] = [Floor::Read, Floor::TomlSpanner, Floor::Toml];

    /// What it measures, for the printout.
    pub fn label(self) -> &'static str {
        match self {
            Floor::Read => "read the files only",
            Floor::TomlSpanner => "read + parse with toml-spanner",
            Floor::Toml => "read + parse with the toml crate",
        }
    }

    /// One timed pass over `files`; an error when a file cannot be read or parsed.
    pub fn measure(self, files: &[PathBuf]) -> Result<Duration, String> {
        let t = Instant::now();
        let ok = files.par_iter().filter(|p| self.one(p)).count();
        let d = t.elapsed();
        if ok != files.len() {
            return Err(format!(
                "{} of {} corpus files could not be read or parsed for the floor `{}`",
                files.len() - ok,
                files.len(),
                self.label()
            ));
        }
        Ok(d)
    }

    fn one(self, path: &PathBuf) -> bool {
        let Ok(bytes) = std::fs::read(path) else {
            return false;
        };
        match self {
            Floor::Read => std::hint::black_box(bytes.len()) > 0,
            Floor::TomlSpanner => {
                let Ok(text) = std::str::from_utf8(&bytes) else {
                    return false;
                };
                let arena = toml_spanner::Arena::new();
                toml_spanner::parse(text, &arena)
                    .map(|doc| std::hint::black_box(doc.table().len()) > 0)
                    .unwrap_or(false)
            }
            Floor::Toml => String::from_utf8(bytes)
                .ok()
                .and_then(|s| s.parse::<toml::Table>().ok())
                .is_some_and(|t| std::hint::black_box(t.len()) > 0),
        }
    }
}
