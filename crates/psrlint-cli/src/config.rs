//! `psrlint.toml`: found upward from the working directory (or given with `--config`). Selected
//! and ignored rules, severity overrides, rule directories, per-path ignores, the fail level and
//! the size limit. Unknown keys are errors with a span; command-line options override the file.

use crate::args::FailOn;
use crate::error::CliError;
use psr_diagnostics::CfgError;
use psr_engine::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The keys of `psrlint.toml`.
const KEYS: [&str; 8] = [
    "select",
    "ignore",
    "severity",
    "rules",
    "extra_rules",
    "per_path_ignores",
    "fail_on",
    "max_file_size",
];

/// A finding code or prefix named in the configuration file: the key that names it, the code,
/// and where it is.
#[derive(Debug, Clone)]
pub struct NamedCode {
    /// `select`, `ignore`, `[severity]` or `per_path_ignores."glob"`.
    pub key: String,
    /// The code or prefix as written.
    pub code: String,
    /// Where in the file.
    pub span: std::ops::Range<usize>,
    /// Whether only a whole code is allowed (a severity override).
    pub exact: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, SeverityName>>,
    rules: Option<Vec<PathBuf>>,
    extra_rules: Option<Vec<PathBuf>>,
    per_path_ignores: Option<BTreeMap<String, Vec<Spanned<String>>>>,
    fail_on: Option<FailOn>,
    max_file_size: Option<u64>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SeverityName {
    Error,
    Warning,
    Info,
}

/// The settings in force, from the configuration file (or defaults).
#[derive(Debug, Default)]
pub struct Settings {
    /// Only these codes or prefixes.
    pub select: Vec<String>,
    /// Not these codes or prefixes.
    pub ignore: Vec<String>,
    /// Severity overrides by code.
    pub severity: BTreeMap<String, Severity>,
    /// Rule directories replacing the embedded packs.
    pub rules: Vec<PathBuf>,
    /// Rule directories added to the packs in use.
    pub extra_rules: Vec<PathBuf>,
    /// Codes ignored in files matching each glob.
    pub per_path_ignores: Vec<(globset::GlobMatcher, Vec<String>)>,
    /// The fail level.
    pub fail_on: Option<FailOn>,
    /// The size limit.
    pub max_file_size: Option<u64>,
    /// The configuration file's directory (canonical), when a file was read.
    pub base: Option<PathBuf>,
    /// The configuration file, when one was read.
    pub source: Option<psr_source::NamedText>,
    /// Every code or prefix the file names, to be checked against the loaded rules.
    pub codes: Vec<NamedCode>,
}

impl Settings {
    /// Loads `explicit`, or the nearest `psrlint.toml` upward from the working directory, or
    /// nothing.
    pub fn load(explicit: Option<&Path>) -> Result<Settings, CliError> {
        let cwd = std::env::current_dir().ok();
        Settings::load_from(explicit, cwd.as_deref())
    }

    /// Loads `explicit`, or the nearest `psrlint.toml` upward from `start`, or nothing.
    pub fn load_from(explicit: Option<&Path>, start: Option<&Path>) -> Result<Settings, CliError> {
        let path = match explicit {
            Some(p) => {
                if !p.is_file() {
                    let what = if p.exists() {
                        "is not a file"
                    } else {
                        "does not exist"
                    };
                    return Err(CliError::Config {
                        message: format!("the configuration file `{}` {what}", p.display()),
                        span: None,
                        source_code: None,
                        help: "`--config` names a configuration file such as `psrlint.toml`; without it, psrlint uses the nearest `psrlint.toml` in the working directory or above".into(),
                    });
                }
                Some(p.to_path_buf())
            }
            None => start.and_then(find_upward),
        };
        match path {
            Some(p) => parse(&p),
            None => Ok(Settings::default()),
        }
    }

    /// The codes ignored for a file at `path` (as reported). A glob matches the path as given
    /// (without a leading `./`), or the path relative to the configuration file's directory, so
    /// that the file means the same from any working directory.
    pub fn ignores_for(&self, path: &str) -> Vec<String> {
        let given = Path::new(path);
        let given = given.strip_prefix("./").unwrap_or(given);
        let from_base = self.base.as_ref().and_then(|base| {
            let abs = std::env::current_dir().ok()?.join(given);
            let abs = abs.canonicalize().unwrap_or(abs);
            abs.strip_prefix(base).ok().map(Path::to_path_buf)
        });
        self.per_path_ignores
            .iter()
            .filter(|(g, _)| g.is_match(given) || from_base.as_ref().is_some_and(|p| g.is_match(p)))
            .flat_map(|(_, c)| c.iter().cloned())
            .collect()
    }

    /// Applies the configuration to a file's findings: keeps those `select` (when not empty)
    /// names and neither `ignore` nor the file's per-path ignores name, and overrides severities.
    pub fn filter(&self, r: &mut psr_engine::FileReport, select: &[String], ignore: &[String]) {
        use crate::check_cmd::matches_code;
        let per_path = self.ignores_for(&r.path);
        r.findings.retain(|f| {
            (select.is_empty() || select.iter().any(|s| matches_code(&f.code, s)))
                && !ignore.iter().any(|s| matches_code(&f.code, s))
                && !per_path.iter().any(|p| matches_code(&f.code, p))
        });
        for f in &mut r.findings {
            if let Some(s) = self.severity.get(&f.code) {
                f.severity = *s;
            }
        }
    }
}

/// The help line for a configuration that cannot be read: the closest key or value when one is
/// unknown (toml says "unknown field `X`, expected one of `a`, `b`"), else where to read more.
fn error_help(message: &str) -> String {
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let unknown_key = message.starts_with("unknown field");
    if let Some((given, expected)) = quoted.split_first() {
        let expected: Vec<&str> = if unknown_key {
            KEYS.to_vec()
        } else {
            expected.to_vec()
        };
        let normal = given.replace('-', "_").to_ascii_lowercase();
        let close = expected
            .iter()
            .find(|k| **k == normal)
            .copied()
            .or_else(|| psr_engine::suggest::closest(&normal, &expected));
        if let Some(c) = close {
            return format!("did you mean `{c}`?");
        }
        if unknown_key {
            return format!("the keys are: {}", KEYS.join(", "));
        }
    }
    "see the Configuration section of docs/cli.md for what each key takes".into()
}

fn find_upward(start: &Path) -> Option<PathBuf> {
    let mut dir = start.to_path_buf();
    loop {
        let candidate = dir.join("psrlint.toml");
        if candidate.is_file() {
            return Some(candidate);
        }
        if !dir.pop() {
            return None;
        }
    }
}

fn parse(path: &Path) -> Result<Settings, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| CfgError::Io {
        context: format!("cannot read `{}`", path.display()),
        source: e,
    })?;
    let name = path.display().to_string();
    let source = psr_source::NamedText::new(name.clone(), text.clone());
    let file: ConfigFile = toml::from_str(&text).map_err(|e| CliError::Config {
        message: format!("invalid configuration in `{name}`: {}", e.message()),
        span: e
            .span()
            .map(|s| (s.start, s.end.saturating_sub(s.start)).into()),
        source_code: Some(source.clone()),
        help: error_help(e.message()),
    })?;
    let mut codes = Vec::new();
    let mut named = |key: &str, list: &[Spanned<String>], exact: bool| {
        codes.extend(list.iter().map(|c| NamedCode {
            key: key.to_string(),
            code: c.get_ref().clone(),
            span: c.span(),
            exact,
        }));
    };
    named("select", file.select.as_deref().unwrap_or_default(), false);
    named("ignore", file.ignore.as_deref().unwrap_or_default(), false);
    let severity_keys: Vec<Spanned<String>> = file
        .severity
        .iter()
        .flatten()
        .map(|(k, _)| k.clone())
        .collect();
    named("[severity]", &severity_keys, true);
    for (glob, list) in file.per_path_ignores.iter().flatten() {
        named(&format!("per_path_ignores.{glob:?}"), list, false);
    }
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let rel = |v: Option<Vec<PathBuf>>| {
        v.unwrap_or_default()
            .into_iter()
            .map(|p| if p.is_absolute() { p } else { base.join(p) })
            .collect()
    };
    let mut per_path_ignores = Vec::new();
    for (glob, codes) in file.per_path_ignores.unwrap_or_default() {
        let g = globset::Glob::new(&glob).map_err(|e| CliError::Config {
            message: format!("`{glob}` in `{name}` is not a valid glob: {e}"),
            span: None,
            source_code: None,
            help: "write a glob such as `examples/legacy/**`".into(),
        })?;
        per_path_ignores.push((
            g.compile_matcher(),
            codes.into_iter().map(Spanned::into_inner).collect(),
        ));
    }
    let plain = |v: Option<Vec<Spanned<String>>>| {
        v.unwrap_or_default()
            .into_iter()
            .map(Spanned::into_inner)
            .collect()
    };
    Ok(Settings {
        source: Some(source),
        codes,
        select: plain(file.select),
        ignore: plain(file.ignore),
        severity: file
            .severity
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| {
                (
                    k.into_inner().to_ascii_uppercase(),
                    match v {
                        SeverityName::Error => Severity::Error,
                        SeverityName::Warning => Severity::Warning,
                        SeverityName::Info => Severity::Info,
                    },
                )
            })
            .collect(),
        rules: rel(file.rules),
        extra_rules: rel(file.extra_rules),
        per_path_ignores,
        base: if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base.as_path()
        }
        .canonicalize()
        .ok(),
        fail_on: file.fail_on,
        max_file_size: file.max_file_size,
    })
}
