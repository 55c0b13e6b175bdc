//! The finding codes a user names (`--select`, `--ignore`, and `select`, `ignore`, `[severity]`
//! and `per_path_ignores` in `psrlint.toml`), checked against the codes the loaded program can
//! report: a code or prefix that matches nothing is an error with a did-you-mean, so that a typo
//! never switches a check off; a prefix that matches several codes is described, so that the user
//! sees what it covers.

use crate::error::CliError;
use psr_diagnostics::CfgError;
use psr_engine::EngineCode;
use psr_lang::Program;

/// Where a code was named, for messages.
#[derive(Clone, Debug)]
pub enum Origin {
    /// A command-line option (`--select`).
    Option(&'static str),
    /// A key of the configuration file: its name, and the file.
    Config {
        /// `select`, `ignore`, `[severity]`, `per_path_ignores."glob"`.
        key: String,
        /// The configuration file's name and text.
        source: psr_source::NamedText,
        /// The code's place in the file.
        span: Option<std::ops::Range<usize>>,
    },
}

impl Origin {
    fn describe(&self, pattern: &str) -> String {
        match self {
            Origin::Option(flag) => format!("`{flag} {pattern}`"),
            Origin::Config { key, source, .. } => {
                format!("`{pattern}` in `{key}` of `{}`", source.name())
            }
        }
    }
}

/// Every code the loaded program can report: its rules' codes and the engine's own (`ARR…`,
/// `WVR…`), sorted.
pub struct KnownCodes {
    codes: Vec<(String, bool)>,
}

impl KnownCodes {
    /// The codes of `program` and of the engine.
    pub fn of(program: &Program) -> Self {
        let mut codes: Vec<(String, bool)> = program
            .rules
            .iter()
            .map(|r| (r.code.to_ascii_uppercase(), true))
            .chain(
                EngineCode::ALL
                    .iter()
                    .map(|c| (c.code().to_string(), false)),
            )
            .collect();
        codes.sort();
        codes.dedup();
        KnownCodes { codes }
    }

    /// The codes `pattern` matches (the code itself, or every code it begins).
    fn matching(&self, pattern: &str) -> Vec<&(String, bool)> {
        let p = pattern.trim().to_ascii_uppercase();
        self.codes
            .iter()
            .filter(|(c, _)| c.starts_with(&p))
            .collect()
    }

    /// Checks a code or prefix: an error when it matches no code (or, with `exact`, when it is
    /// not a whole code); otherwise, for a prefix with digits, a note saying what it covers
    /// (`PSR06` → `PSR060–PSR069, 10 rules`).
    pub fn check(
        &self,
        pattern: &str,
        origin: &Origin,
        exact: bool,
    ) -> Result<Option<String>, CliError> {
        let p = pattern.trim().to_ascii_uppercase();
        let found = if p.is_empty() {
            Vec::new()
        } else {
            self.matching(&p)
        };
        let whole = found.iter().any(|(c, _)| *c == p);
        if found.is_empty() || (exact && !whole) {
            return Err(self.unknown(pattern, origin, exact, found.len()));
        }
        // A whole code, or a whole family (`PSR`, `ARR`), says what it means; a prefix with
        // digits (`PSR06`) may be a code typed short, so what it covers is shown.
        if whole || !p.chars().any(|c| c.is_ascii_digit()) {
            return Ok(None);
        }
        Ok(Some(describe_range(pattern.trim(), &found)))
    }

    fn unknown(&self, pattern: &str, origin: &Origin, exact: bool, prefix_of: usize) -> CliError {
        let p = pattern.trim().to_ascii_uppercase();
        let message = if p.is_empty() {
            format!("{} is empty: it names no code", origin.describe(pattern))
        } else if prefix_of > 0 {
            format!(
                "{} is a prefix, not a code: severities are set code by code",
                origin.describe(pattern)
            )
        } else {
            format!("{} matches no finding code", origin.describe(pattern))
        };
        let suggestion = self.suggest(&p, exact);
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`? (`psrlint rules` lists every rule's code)"),
            None => {
                "name a code or a code prefix such as `PSR012` or `COM`; `psrlint rules` lists every rule's code".into()
            }
        };
        match origin {
            Origin::Option(_) => CfgError::BadArgument { message, help }.into(),
            Origin::Config { source, span, .. } => CliError::Config {
                message,
                span: span.clone().map(|s| (s.start, s.end - s.start).into()),
                source_code: Some(source.clone()),
                help,
            },
        }
    }

    /// The code, or code family (`PSR`, `COM`), closest to `p`.
    fn suggest(&self, p: &str, exact: bool) -> Option<String> {
        let mut candidates: Vec<String> = self.codes.iter().map(|(c, _)| c.clone()).collect();
        if !exact {
            let mut families: Vec<String> = self
                .codes
                .iter()
                .map(|(c, _)| {
                    c.trim_end_matches(|ch: char| ch.is_ascii_digit())
                        .to_string()
                })
                .collect();
            families.dedup();
            candidates.extend(families);
        }
        if p.len() < 6 {
            // A short pattern is a family or a prefix: compare it with prefixes of its length.
            let mut prefixes: Vec<String> = candidates
                .iter()
                .filter_map(|c| c.get(..p.len()).map(str::to_string))
                .collect();
            prefixes.sort();
            prefixes.dedup();
            if exact {
                prefixes.clear();
            }
            candidates.extend(prefixes);
        }
        // Codes are short: an edit distance (a transposition counting one) fits them better than
        // a similarity score.
        let allowed = (p.chars().count() / 3).max(1);
        candidates
            .into_iter()
            .map(|c| (strsim::damerau_levenshtein(p, &c), c))
            .filter(|(d, c)| *d <= allowed && c != p)
            .min()
            .map(|(_, c)| c)
    }
}

/// `PSR06 (PSR060–PSR069, 10 rules)` (or `codes`, when some are the engine's own).
fn describe_range(pattern: &str, found: &[&(String, bool)]) -> String {
    let all_rules = found.iter().all(|(_, rule)| *rule);
    let noun = if all_rules { "rule" } else { "code" };
    let n = found.len();
    let range = match (found.first(), found.last()) {
        (Some(a), Some(b)) if n > 1 => format!("{}–{}", a.0, b.0),
        (Some(a), _) => a.0.clone(),
        _ => String::new(),
    };
    let plural = if n == 1 { "" } else { "s" };
    format!("{pattern} ({range}, {n} {noun}{plural})")
}

/// The notes on what the prefixes of one kind cover, as one line
/// (`ignored: PSR06 (PSR060–PSR069, 10 rules)`), or nothing.
pub fn note(kind: &str, described: &[String]) -> Option<String> {
    (!described.is_empty()).then(|| format!("{kind}: {}", described.join("; ")))
}
