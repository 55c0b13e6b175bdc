//! Finding rule tests and checking them: shared by `psrlint test` and `psrlint coverage`.
//!
//! A rule test is a file `NAME.arrangement.{toml,json,yaml,yml}` somewhere under a directory
//! called `tests`, with its expectation `NAME.expected` beside it. A test belongs to the pack
//! whose directory (the nearest one with a `pack.psrl`) contains it, and is checked with that
//! pack and the packs it `uses` (found beside it, else the shipped ones), so that a pack's tests
//! give the same result however psrlint is invoked. A test outside any pack is checked with the
//! shipped packs; `--rules` makes every test use the packs it names.

use crate::AuthoringError;
use psr_diagnostics::CfgError;
use psr_engine::{CheckOptions, Engine, FileReport, SourceFile};
use psr_lang::loader::{owning_pack, with_sibling_uses, LoadError};
use psr_lang::{Compiled, LangError};
use psr_source::Syntax;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One rule test.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TestCase {
    /// The arrangement file.
    pub path: PathBuf,
    /// Its expectation file (which may not exist yet).
    pub expected: PathBuf,
    /// The directory of the pack it belongs to, if any.
    pub pack_dir: Option<PathBuf>,
}

/// What discovery found: the tests, and expectation files without a test.
#[derive(Debug, Default)]
pub struct Found {
    /// The tests, sorted by path.
    pub tests: Vec<TestCase>,
    /// `.expected` files with no arrangement file beside them.
    pub orphans: Vec<PathBuf>,
}

/// The rule tests under `paths` (directories are walked; a named arrangement file is a test
/// wherever it is).
pub fn discover(paths: &[PathBuf]) -> Result<Found, AuthoringError> {
    let mut tests = BTreeSet::new();
    let mut expected = BTreeSet::new();
    for p in paths {
        if p.is_file() {
            if Syntax::of_arrangement_name(p).is_some() {
                tests.insert(case(p));
            }
            continue;
        }
        if !p.is_dir() {
            return Err(CfgError::MissingPath {
                path: p.display().to_string(),
            }
            .into());
        }
        let walker = ignore::WalkBuilder::new(p).require_git(false).build();
        for entry in walker {
            let entry = entry.map_err(|e| psr_lang::loader::PackDirError::new(p, e))?;
            let path = entry.path();
            if !path.is_file() || !under_tests(p, path) {
                continue;
            }
            if Syntax::of_arrangement_name(path).is_some() {
                tests.insert(case(path));
            } else if path.extension().is_some_and(|e| e == "expected") {
                expected.insert(path.to_path_buf());
            }
        }
    }
    let claimed: BTreeSet<&PathBuf> = tests.iter().map(|t| &t.expected).collect();
    let orphans = expected
        .iter()
        .filter(|e| !claimed.contains(e))
        .cloned()
        .collect();
    Ok(Found {
        tests: tests.into_iter().collect(),
        orphans,
    })
}

/// Whether a directory called `tests` contains `path`: `root` itself, or one below it (so that
/// a `tests` directory above the one searched does not make every file a test).
fn under_tests(root: &Path, path: &Path) -> bool {
    let is_tests = |c: &std::ffi::OsStr| c == "tests";
    let below = path.strip_prefix(root).ok().and_then(Path::parent);
    root.file_name().is_some_and(is_tests)
        || below.is_some_and(|dir| dir.components().any(|c| is_tests(c.as_os_str())))
}

fn case(path: &Path) -> TestCase {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    let stem_len = lower.find(".arrangement.").unwrap_or(name.len());
    let expected = path.with_file_name(format!("{}.expected", &name[..stem_len]));
    TestCase {
        path: path.to_path_buf(),
        expected,
        pack_dir: owning_pack(path),
    }
}

/// Compiles a set of pack directories (none: the shipped packs).
pub type Loader = Box<dyn Fn(&[PathBuf]) -> Result<Compiled, LoadError> + Send + Sync>;

/// Checks tests, compiling each set of packs once.
pub struct Runner {
    rules: Vec<PathBuf>,
    engines: HashMap<Vec<PathBuf>, Option<Arc<Engine>>>,
    options: CheckOptions,
    load: Loader,
    /// The problems of the packs that did not compile, each set once, not yet taken.
    problems: Vec<LangError>,
    /// Whether some set of packs did not compile.
    pub broken: bool,
}

impl Runner {
    /// A runner checking with `options`, compiling packs with `load`; `rules` (from `--rules`),
    /// when not empty, are the packs for every test.
    pub fn new(rules: Vec<PathBuf>, options: CheckOptions, load: Loader) -> Runner {
        Runner {
            rules,
            engines: HashMap::new(),
            options,
            load,
            problems: Vec::new(),
            broken: false,
        }
    }

    /// The problems (and warnings) of the packs that did not compile since the last call.
    pub fn take_problems(&mut self) -> Vec<LangError> {
        std::mem::take(&mut self.problems)
    }

    /// The pack directories a test is checked with (empty: the shipped packs).
    pub fn packs_for(&self, test: &TestCase) -> Vec<PathBuf> {
        match &test.pack_dir {
            Some(dir) => self.packs_for_pack(dir),
            None => self.rules.clone(),
        }
    }

    /// The pack directories the tests of the pack in `dir` are checked with.
    pub fn packs_for_pack(&self, dir: &Path) -> Vec<PathBuf> {
        if self.rules.is_empty() {
            with_sibling_uses(dir)
        } else {
            self.rules.clone()
        }
    }

    /// The engine for a set of packs, compiled on first use; `None` when the packs have errors,
    /// which [`Runner::take_problems`] then gives once. A `--rules` directory that is not a pack
    /// is an error.
    pub fn engine(&mut self, packs: Vec<PathBuf>) -> Result<Option<Arc<Engine>>, AuthoringError> {
        if let Some(e) = self.engines.get(&packs) {
            return Ok(e.clone());
        }
        let engine = match (self.load)(&packs) {
            Ok(compiled) => Some(Arc::new(Engine::new(Arc::new(compiled.program)))),
            Err(LoadError::Packs(errors)) => {
                self.problems.extend(errors);
                self.broken = true;
                None
            }
            Err(LoadError::Dir(e)) => return Err(e.into()),
        };
        self.engines.insert(packs, engine.clone());
        Ok(engine)
    }

    /// Compiles the engines `tests` need, so that [`Runner::check`] can run in parallel.
    pub fn prepare(
        &mut self,
        tests: &[TestCase],
    ) -> Result<Vec<Option<Arc<Engine>>>, AuthoringError> {
        tests
            .iter()
            .map(|t| self.engine(self.packs_for(t)))
            .collect()
    }

    /// Checks one test file with `engine`; the path shown is the test's file name. The test's
    /// companions ([`companions`]) are checked in the same run, as the other files of a
    /// `psrlint check` run are: an award's test can give it the agreement it relies on.
    pub fn check(&self, engine: &Engine, test: &TestCase) -> FileReport {
        let shown = test
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let bytes = match std::fs::read(&test.path) {
            Ok(bytes) => bytes,
            Err(e) => return psr_engine::unreadable(&shown, &e.to_string()),
        };
        let mut run = vec![SourceFile { path: shown, bytes }];
        run.extend(companions(test));
        let mut reports = engine.check_run(&run, &self.options);
        reports.swap_remove(0)
    }
}

/// A test's companions: the files beside it named `STEM.with.NAME.toml` (or `.json`, `.yaml`,
/// `.yml`), where `STEM.expected` is the test's expectation, in name order. They are not tests
/// themselves; one that cannot be read is left out (its test then fails visibly, as it sees no
/// such file).
pub fn companions(test: &TestCase) -> Vec<SourceFile> {
    let (Some(dir), Some(stem)) = (
        test.expected.parent(),
        test.expected.file_stem().and_then(|s| s.to_str()),
    ) else {
        return Vec::new();
    };
    let prefix = format!("{stem}.with.");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.starts_with(&prefix) && Syntax::from_path(Path::new(n)).is_some())
        .collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|n| {
            let bytes = std::fs::read(dir.join(&n)).ok()?;
            Some(SourceFile { path: n, bytes })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_is_named_by_its_stem_and_expects_a_file_beside_it() {
        let t = case(Path::new("rules/p/tests/A001-fires.arrangement.toml"));
        assert_eq!(t.expected, Path::new("rules/p/tests/A001-fires.expected"));
        let rules = Path::new("rules");
        assert!(under_tests(
            rules,
            Path::new("rules/p/tests/deep/x.arrangement.yaml")
        ));
        assert!(under_tests(
            Path::new("rules/p/tests"),
            Path::new("rules/p/tests/x.arrangement.yaml")
        ));
        assert!(!under_tests(rules, Path::new("rules/x.arrangement.yaml")));
        let elsewhere = Path::new("/tmp/tests/work/rules");
        assert!(!under_tests(
            elsewhere,
            Path::new("/tmp/tests/work/rules/p/x.arrangement.yaml")
        ));
    }
}
