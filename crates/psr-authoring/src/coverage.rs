//! Statute coverage (`psrlint coverage`): which provisions of each pack's law are enforced by tested rules.
//!
//! For every pack with a provision map (`provisions.toml`, see [`map`]), each rule's citations
//! (every `cite`, guarded or not, and every `see:` source) are matched to the map's provisions ([`map::Map::find`]). A rule is *tested* when some test of
//! its pack expects it to fire (its code is in the test's expectation) and some other test of
//! the pack whose rules were evaluated expects it not to (the code is absent from a usable
//! expectation): a test checked on a date the rule is in force, or one named `CODE-passes…`
//! (which may show that the rule stays silent outside its `in_force` window). An in-scope
//! provision is *covered* when rules that check its substance cite it and all of them are tested;
//! *partial* when only some are. Rules declared `checks: record-only` see only that a record
//! exists: a provision that only such rules cite is *record-only*, shown apart and not covered. The percentage is covered in-scope provisions over all in-scope provisions; `--min` fails
//! the run below it.

pub mod map;
mod measure;
pub mod provision;
pub mod render;

use crate::rule_tests::suite::{self, Runner};
use crate::AuthoringError;
use map::Status;
use psr_diagnostics::CfgError;
use serde::Serialize;
use std::path::PathBuf;

/// How well one rule is tested.
#[derive(Debug, Clone, Serialize)]
pub struct RuleCoverage {
    /// The rule's code.
    pub code: String,
    /// Tests that expect it to fire.
    pub fires: Vec<String>,
    /// Tests, checked while it is in force, that expect it not to fire.
    pub passes: Vec<String>,
    /// Whether both lists are non-empty.
    pub tested: bool,
}

/// One provision of a map, and the rules that cite it.
#[derive(Debug, Clone, Serialize)]
pub struct ProvisionCoverage {
    /// The instrument, as rules cite it.
    pub instrument: String,
    /// The provision's id.
    pub id: String,
    /// What it says.
    pub title: String,
    /// `in-scope` or `out-of-scope`.
    pub status: Status,
    /// Why it is out of scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `covered`, `partial`, `untested`, `record-only`, `no-rules` or `out-of-scope`.
    pub coverage: &'static str,
    /// The codes of the rules that cite it and check its substance.
    pub rules: Vec<String>,
    /// The codes of the rules that cite it but check only that a record exists.
    pub record_only: Vec<String>,
}

/// A pack's coverage.
#[derive(Debug, Clone, Serialize)]
pub struct PackCoverage {
    /// The pack's name.
    pub pack: String,
    /// Its provision map.
    pub map: String,
    /// Its instruments.
    pub instruments: Vec<InstrumentInfo>,
    /// The map's provisions, in map order.
    pub provisions: Vec<ProvisionCoverage>,
    /// The pack's rules, by code.
    pub rules: Vec<RuleCoverage>,
    /// How many provisions are in scope.
    pub in_scope: usize,
    /// How many of those are covered.
    pub covered: usize,
    /// How many of those only record-only rules cite (not covered).
    pub record_only: usize,
    /// `covered / in_scope` as a percentage (0 when nothing is in scope).
    pub percent: f64,
}

/// An instrument of a map, as reported.
#[derive(Debug, Clone, Serialize)]
pub struct InstrumentInfo {
    /// As rules cite it.
    pub name: String,
    /// Its full title.
    pub title: Option<String>,
    /// Where to read it.
    pub url: Option<String>,
}

/// A problem that does not stop the report.
#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    /// The pack.
    pub pack: String,
    /// The rule, when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Packs with a provision map.
    pub packs: Vec<PackCoverage>,
    /// Citations absent from the maps, and other problems.
    pub warnings: Vec<Warning>,
    /// In-scope provisions of all maps.
    pub in_scope: usize,
    /// Covered ones.
    pub covered: usize,
    /// In-scope provisions only record-only rules cite.
    pub record_only: usize,
    /// The percentage.
    pub percent: f64,
    /// `--min`, when given.
    pub min: Option<f64>,
    /// Whether the percentage is below `--min`.
    pub below_min: bool,
}

/// Measures the coverage of the packs under `dirs` (each a pack or a directory of packs) by
/// their tests, checked with `runner`; `min` is the percentage below which the report says it
/// fails.
///
/// # Errors
/// When `min` is not a percentage, a directory holds no pack, no pack has a provision map, a
/// map is invalid, or a pack with a map does not compile (its problems are then in
/// [`Runner::take_problems`]).
pub fn measure(
    dirs: &[PathBuf],
    runner: &mut Runner,
    min: Option<f64>,
) -> Result<Report, AuthoringError> {
    check_min(min)?;
    let pack_dirs = psr_lang::loader::pack_dirs(dirs)?;
    let tests = suite::discover(dirs)?.tests;
    let mut report = Report {
        packs: Vec::new(),
        warnings: Vec::new(),
        in_scope: 0,
        covered: 0,
        record_only: 0,
        percent: 0.0,
        min,
        below_min: false,
    };
    for dir in &pack_dirs {
        measure::pack(dir, &tests, runner, &mut report)?;
    }
    if report.packs.is_empty() {
        return Err(CfgError::BadArgument {
            message: format!("no pack under {} has a `{}`", shown(dirs), map::FILE_NAME),
            help: "write the pack's provision map: see docs/authoring.md, \"Provision maps\""
                .into(),
        }
        .into());
    }
    report.in_scope = report.packs.iter().map(|p| p.in_scope).sum();
    report.covered = report.packs.iter().map(|p| p.covered).sum();
    report.record_only = report.packs.iter().map(|p| p.record_only).sum();
    report.percent = percent(report.covered, report.in_scope);
    report.below_min = min.is_some_and(|m| report.percent < m);
    Ok(report)
}

/// Refuses a minimum that is not a percentage.
///
/// # Errors
/// When `min` is outside 0 to 100.
pub fn check_min(min: Option<f64>) -> Result<(), AuthoringError> {
    match min.filter(|m| !(0.0..=100.0).contains(m)) {
        Some(min) => Err(CfgError::BadArgument {
            message: format!("`--min {min}` is not a percentage"),
            help: "give a number from 0 to 100".into(),
        }
        .into()),
        None => Ok(()),
    }
}

fn shown(dirs: &[PathBuf]) -> String {
    dirs.iter()
        .map(|d| format!("`{}`", d.display()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn percent(covered: usize, in_scope: usize) -> f64 {
    if in_scope == 0 {
        0.0
    } else {
        // Counts of provisions are small: the conversions are exact.
        (covered as f64) * 100.0 / (in_scope as f64)
    }
}
