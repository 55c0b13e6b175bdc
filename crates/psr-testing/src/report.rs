//! For the report's tests: the packs a register is checked with, compiled once, and reading a
//! register of in-memory files into entries.

pub use crate::root;
use chrono::NaiveDate;
use psr_engine::{CheckOptions, Engine, SourceFile};
use psr_report::Entry;
use std::sync::OnceLock;

/// A fixed "today", so that waiver expiry never depends on the clock.
pub fn options() -> CheckOptions {
    CheckOptions::new(NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date"))
}

/// The engine with the arrangement, PSR and commissioning packs.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let dirs: Vec<_> = ["arrangement", "psr2023", "commissioning"]
            .iter()
            .map(|p| root().join("rules").join(p))
            .collect();
        crate::engine::engine_of(&dirs)
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
