//! Helpers shared by the report's tests: the shipped packs, compiled once, and reading a
//! register of in-memory files into entries.

#![allow(dead_code, reason = "each test binary uses a different subset")]

use chrono::NaiveDate;
use psr_engine::{CheckOptions, Engine, SourceFile};
use psr_lang::{compile, DirPack, PackReader};
use psr_report::Entry;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fixed "today", so that waiver expiry never depends on the clock.
pub fn options() -> CheckOptions {
    CheckOptions::new(NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date"))
}

/// The engine with every shipped pack.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let packs: Vec<DirPack> = ["arrangement", "psr2023", "commissioning"]
            .iter()
            .map(|p| DirPack::new(root().join("rules").join(p)))
            .collect();
        let readers: Vec<&dyn PackReader> = packs.iter().map(|p| p as &dyn PackReader).collect();
        let compiled = compile(&readers).unwrap_or_else(|e| panic!("the packs compile: {e:#?}"));
        Engine::new(Arc::new(compiled.program))
    })
}

/// Checks and reads `files` (path, text), in path order.
pub fn entries(files: &[(String, String)]) -> Vec<Entry> {
    let mut files = files.to_vec();
    files.sort();
    files
        .into_iter()
        .map(|(path, text)| {
            psr_report::check_file(
                engine(),
                &SourceFile {
                    path,
                    bytes: text.into_bytes(),
                },
                &options(),
            )
        })
        .collect()
}

/// The date `s` (YYYY-MM-DD).
pub fn d(s: &str) -> NaiveDate {
    psr_lang::value::parse_date(s).expect("a test date")
}
