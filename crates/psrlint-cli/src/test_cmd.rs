//! `psrlint test`: checks every rule test and compares its findings with its expectation.
//!
//! Each test prints `ok` or `FAILED` (with the reason and a unified diff of expected against
//! actual findings), or `blessed` when `--bless` wrote its expectation; the last line is always
//! `N passed, N failed`. The exit status is 0 when every test passes, 1 when some fail, and 2
//! when some pack does not compile (its tests are reported failed, the others still run).

pub(crate) mod expect;
pub(crate) mod suite;

use crate::args::TestArgs;
use crate::error::CliError;
use expect::{lines_of, Expectation, Problem};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use suite::TestCase;

/// The result of one test.
enum Outcome {
    /// The findings are the expected ones.
    Passed,
    /// `--bless` wrote the actual findings as the expectation.
    Blessed,
    /// Why it failed, and the diff to show.
    Failed(String, Option<String>),
}

/// Runs `test`.
pub fn run(args: TestArgs) -> Result<ExitCode, CliError> {
    let dirs = crate::packs::author_dirs(&args.dirs, "test", "rule tests")?;
    let found = suite::discover(&dirs)?;
    if found.tests.is_empty() {
        let shown: Vec<String> = dirs.iter().map(|d| format!("`{}`", d.display())).collect();
        return Err(CliError::BadArgument {
            message: format!("no rule tests under {}", shown.join(", ")),
            help: "a rule test is `tests/NAME.arrangement.toml` (or .json, .yaml) in a pack, with `NAME.expected` beside it".into(),
        });
    }
    for orphan in &found.orphans {
        eprintln!(
            "warning: `{}` has no arrangement file beside it",
            orphan.display()
        );
    }
    let mut runner = suite::Runner::new(args.packs.rules.clone());
    let engines = runner.prepare(&found.tests)?;
    let outcomes = check_all(&found.tests, &runner, &engines, args.bless);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let color = crate::use_color();
    let (mut passed, mut failed) = (0usize, 0usize);
    for (test, outcome) in found.tests.iter().zip(outcomes) {
        let text = match outcome {
            Outcome::Passed => {
                passed += 1;
                format!("ok      {}\n", test.path.display())
            }
            Outcome::Blessed => {
                passed += 1;
                format!("blessed {}\n", test.path.display())
            }
            Outcome::Failed(why, diff) => {
                failed += 1;
                let mut t = format!("FAILED  {}\n        {why}\n", test.path.display());
                if let Some(d) = diff {
                    t.push_str(&paint(&d, color));
                }
                t
            }
        };
        out.write_all(text.as_bytes()).map_err(write_error)?;
    }
    writeln!(out, "{passed} passed, {failed} failed")
        .and_then(|()| out.flush())
        .map_err(write_error)?;
    Ok(match (runner.broken, failed) {
        (true, _) => ExitCode::from(2),
        (false, 0) => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    })
}

/// Checks every test (in parallel) and judges it against its expectation.
fn check_all(
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

fn write_error(e: std::io::Error) -> CliError {
    CliError::Io {
        context: "cannot write the test results".into(),
        source: e,
    }
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

/// Compares a test's actual findings with its expectation, blessing when asked.
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
