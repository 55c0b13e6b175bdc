//! Rule tests (`psrlint test`): each test is checked and its findings compared with its
//! expectation ([`expect`]); tests are found and checked by [`suite`].
//!
//! [`write_results`] prints `ok` or `FAILED` for each test (with the reason and a unified diff of
//! expected against actual findings), or `blessed` when its expectation was written, and last
//! `N passed, N failed`.

pub mod expect;
pub mod suite;

use expect::{lines_of, Expectation, Problem};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use suite::TestCase;

/// The result of one test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The findings are the expected ones.
    Passed,
    /// The actual findings were written as the expectation (blessing).
    Blessed,
    /// Why it failed, and the diff to show.
    Failed(String, Option<String>),
}

/// How many tests passed and failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Passed or blessed.
    pub passed: usize,
    /// Failed.
    pub failed: usize,
}

/// Writes each test's line (with its diff, coloured when `color`) and then the summary line.
///
/// # Errors
/// When `out` cannot be written.
pub fn write_results(
    tests: &[TestCase],
    outcomes: Vec<Outcome>,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<Tally> {
    let mut tally = Tally::default();
    for (test, outcome) in tests.iter().zip(outcomes) {
        let text = match outcome {
            Outcome::Passed => {
                tally.passed += 1;
                format!("ok      {}\n", test.path.display())
            }
            Outcome::Blessed => {
                tally.passed += 1;
                format!("blessed {}\n", test.path.display())
            }
            Outcome::Failed(why, diff) => {
                tally.failed += 1;
                let mut t = format!("FAILED  {}\n        {why}\n", test.path.display());
                if let Some(d) = diff {
                    t.push_str(&paint(&d, color));
                }
                t
            }
        };
        out.write_all(text.as_bytes())?;
    }
    writeln!(out, "{} passed, {} failed", tally.passed, tally.failed)?;
    out.flush()?;
    Ok(tally)
}

/// Checks every test (in parallel) and judges it against its expectation.
pub fn check_all(
    tests: &[TestCase],
    runner: &suite::Runner,
    engines: &[Option<std::sync::Arc<psr_engine::Engine>>],
    bless: bool,
) -> Vec<Outcome> {
    let shared = shared_expectations(tests);
    tests
        .par_iter()
        .zip(engines.par_iter())
        .map(|(test, engine)| {
            if let Some(others) = shared.get(&test.expected).filter(|o| o.len() > 1) {
                let names: Vec<String> = others
                    .iter()
                    .map(|p| format!("`{}`", p.display()))
                    .collect();
                return Outcome::Failed(
                    format!(
                        "{} share one expectation: rename all but one",
                        names.join(" and ")
                    ),
                    None,
                );
            }
            let Some(engine) = engine else {
                return Outcome::Failed(
                    "the packs it is checked with have errors (above)".into(),
                    None,
                );
            };
            let actual = lines_of(&runner.check(engine, test));
            judge(test, &actual, bless)
        })
        .collect()
}

/// Tests by expectation file, to find two test files (`X.arrangement.toml`, `X.arrangement.json`)
/// that would share one.
fn shared_expectations(tests: &[TestCase]) -> BTreeMap<PathBuf, Vec<PathBuf>> {
    let mut by: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for t in tests {
        by.entry(t.expected.clone())
            .or_default()
            .push(t.path.clone());
    }
    by
}

/// Compares a test's actual findings with its expectation, writing them as the expectation
/// when `bless` is set and they differ.
fn judge(test: &TestCase, actual: &[String], bless: bool) -> Outcome {
    let name = test.expected.display();
    let text = match std::fs::read_to_string(&test.expected) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Outcome::Failed(format!("cannot read `{name}`: {e}"), None),
    };
    let expectation = Expectation::parse(text.as_deref().unwrap_or_default());
    let failure = match (&text, expectation.problem()) {
        (None, _) => Some((format!("`{name}` does not exist: write the expected findings there, or run `psrlint test --bless`"), None)),
        (Some(_), Some(Problem::Empty)) => Some((
            format!("`{name}` is empty: list the expected findings, or write `{}` if there must be none", expect::NO_FINDINGS),
            None,
        )),
        (Some(_), Some(Problem::Contradictory)) => {
            Some((format!("`{name}` lists findings and also says `{}`", expect::NO_FINDINGS), None))
        }
        (Some(_), None) if expectation.lines() == actual => None,
        (Some(_), None) => Some((format!("the findings differ from `{name}`:"), Some(diff(&expectation.lines(), actual)))),
    };
    let Some((why, diff_text)) = failure else {
        return Outcome::Passed;
    };
    if !bless {
        let diff_text = diff_text.or_else(|| Some(diff(&expectation.findings, actual)));
        return Outcome::Failed(why, diff_text);
    }
    match std::fs::write(&test.expected, expectation.blessed(actual)) {
        Ok(()) => Outcome::Blessed,
        Err(e) => Outcome::Failed(format!("cannot write `{name}`: {e}"), None),
    }
}

/// A unified diff of expected against actual lines.
fn diff(expected: &[String], actual: &[String]) -> String {
    let (e, a) = (joined(expected), joined(actual));
    let mut out = String::new();
    let _ = write!(
        out,
        "{}",
        similar::TextDiff::from_lines(&e, &a)
            .unified_diff()
            .context_radius(3)
            .header("expected", "actual")
    );
    out
}

fn joined(lines: &[String]) -> String {
    lines.iter().fold(String::new(), |mut s, l| {
        s.push_str(l);
        s.push('\n');
        s
    })
}

/// Colours a diff's removed lines red and added lines green, on a terminal.
fn paint(diff: &str, color: bool) -> String {
    if !color {
        return diff.to_string();
    }
    diff.lines().fold(String::new(), |mut s, l| {
        let code = match l.as_bytes().first() {
            Some(b'-') if !l.starts_with("---") => "\x1b[31m",
            Some(b'+') if !l.starts_with("+++") => "\x1b[32m",
            Some(b'@') => "\x1b[36m",
            _ => "",
        };
        let reset = if code.is_empty() { "" } else { "\x1b[0m" };
        let _ = writeln!(s, "{code}{l}{reset}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diff_shows_both_sides() {
        let d = diff(&["# no findings".into()], &["1:1: A1 error: x".into()]);
        assert!(
            d.contains("--- expected") && d.contains("+++ actual"),
            "{d}"
        );
        assert!(
            d.contains("-# no findings") && d.contains("+1:1: A1 error: x"),
            "{d}"
        );
    }
}
