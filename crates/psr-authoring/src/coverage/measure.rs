//! Measuring one pack: its rules' tests, and the provisions of its map they cover.

use super::map::{self, Map, Status, Unmatched};
use super::{
    percent, InstrumentInfo, PackCoverage, ProvisionCoverage, Report, RuleCoverage, Warning,
};
use crate::rule_tests::expect::Expectation;
use crate::rule_tests::suite::{Runner, TestCase};
use crate::AuthoringError;
use psr_diagnostics::CfgError;
use psr_lang::loader::{manifest, Manifest};
use psr_lang::DirPack;
use psr_lang::Rule;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Adds the coverage of the pack in `dir` to `report`, when it has a provision map.
pub(super) fn pack(
    dir: &Path,
    tests: &[TestCase],
    runner: &mut Runner,
    report: &mut Report,
) -> Result<(), AuthoringError> {
    let Some(Manifest { name, .. }) = manifest(&DirPack::new(dir)) else {
        return Ok(());
    };
    let packs = runner.packs_for_pack(dir);
    let Some(engine) = runner.engine(packs)? else {
        return Err(CfgError::BadArgument {
            message: format!("pack `{name}` does not compile (problems above)"),
            help: "fix the rule files first: coverage needs the rules".into(),
        }
        .into());
    };
    let rules: Vec<&Rule> = engine
        .program()
        .rules
        .iter()
        .filter(|r| r.pack == name)
        .collect();
    let map_path = dir.join(map::FILE_NAME);
    if !map_path.is_file() {
        if !rules.is_empty() {
            let message = format!(
                "the pack has {} rule(s) and no `{}`: it is not counted",
                rules.len(),
                map::FILE_NAME
            );
            report.warnings.push(Warning {
                pack: name,
                rule: None,
                message,
            });
        }
        return Ok(());
    }
    let map = Map::load(&map_path)?;
    let mine: Vec<&TestCase> = tests
        .iter()
        .filter(|t| t.pack_dir.as_deref() == Some(dir))
        .collect();
    let runs = run_tests(&mine, runner, &engine, &name, report);
    let rule_cov: Vec<RuleCoverage> = rules.iter().map(|r| rule_coverage(r, &runs)).collect();
    let tested: BTreeSet<&str> = rule_cov
        .iter()
        .filter(|r| r.tested)
        .map(|r| r.code.as_str())
        .collect();
    let record_only: BTreeSet<&str> = rules
        .iter()
        .filter(|r| r.checks == psr_lang::ast::Checks::RecordOnly)
        .map(|r| r.code.as_str())
        .collect();
    let mut citing: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for rule in &rules {
        let mut mapped = false;
        // A `see:` source is applied by the rule as much as what its findings cite.
        for c in rule.all_citations().chain(&rule.see_also) {
            let (hits, misses) = map.find(&c.instrument, &c.provision);
            for h in hits {
                mapped = true;
                citing.entry(h).or_default().insert(rule.code.clone());
                let p = &map.provisions[h];
                if p.status == Status::OutOfScope {
                    let message = format!("cites `{}`, which the map says is out of scope", p.id);
                    report.warnings.push(Warning {
                        pack: name.clone(),
                        rule: Some(rule.code.clone()),
                        message,
                    });
                }
            }
            for miss in misses {
                let message = match miss {
                    Unmatched::NotListed(p) => format!(
                        "cites `{p}` ({}), which `{}` does not list",
                        c.instrument,
                        map_path.display()
                    ),
                    Unmatched::Unreadable(why) => why,
                };
                report.warnings.push(Warning {
                    pack: name.clone(),
                    rule: Some(rule.code.clone()),
                    message,
                });
                mapped = true;
            }
        }
        if !mapped {
            let message = "cites no instrument of the provision map".to_string();
            report.warnings.push(Warning {
                pack: name.clone(),
                rule: Some(rule.code.clone()),
                message,
            });
        }
    }
    let provisions: Vec<ProvisionCoverage> = map
        .provisions
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (record_only, rules): (Vec<String>, Vec<String>) = citing
                .get(&i)
                .map(|s| {
                    s.iter()
                        .cloned()
                        .partition(|c| record_only.contains(c.as_str()))
                })
                .unwrap_or_default();
            let n_tested = rules.iter().filter(|c| tested.contains(c.as_str())).count();
            let coverage = match (p.status, rules.len(), n_tested) {
                (Status::OutOfScope, _, _) => "out-of-scope",
                (_, 0, _) if !record_only.is_empty() => "record-only",
                (_, 0, _) => "no-rules",
                (_, n, t) if t == n => "covered",
                (_, _, 0) => "untested",
                _ => "partial",
            };
            ProvisionCoverage {
                instrument: map.instruments[p.instrument].name.clone(),
                id: p.id.clone(),
                title: p.title.clone(),
                status: p.status,
                reason: p.reason.clone(),
                coverage,
                rules,
                record_only,
            }
        })
        .collect();
    let in_scope = provisions
        .iter()
        .filter(|p| p.status == Status::InScope)
        .count();
    let count = |state: &str| provisions.iter().filter(|p| p.coverage == state).count();
    let (covered, record_only) = (count("covered"), count("record-only"));
    report.packs.push(PackCoverage {
        pack: name,
        map: map_path.display().to_string(),
        instruments: map
            .instruments
            .iter()
            .map(|i| InstrumentInfo {
                name: i.name.clone(),
                title: i.title.clone(),
                url: i.url.clone(),
            })
            .collect(),
        provisions,
        rules: rule_cov,
        in_scope,
        covered,
        record_only,
        percent: percent(covered, in_scope),
    });
    Ok(())
}

/// A test that can count: its name, the codes it expects, and the date whose law it was checked
/// on (none when no rule was evaluated, for example when the file does not fit the schema).
struct Run {
    name: String,
    stem: String,
    codes: BTreeSet<String>,
    law_date: Option<chrono::NaiveDate>,
}

fn run_tests(
    tests: &[&TestCase],
    runner: &Runner,
    engine: &psr_engine::Engine,
    pack: &str,
    report: &mut Report,
) -> Vec<Run> {
    let mut out = Vec::new();
    for t in tests {
        let name = t.path.display().to_string();
        let expectation = std::fs::read_to_string(&t.expected)
            .ok()
            .map(|text| Expectation::parse(&text));
        let Some(e) = expectation.filter(|e| e.problem().is_none()) else {
            let message = format!(
                "`{name}` has no usable expectation (`{}`): it is not counted",
                t.expected.display()
            );
            report.warnings.push(Warning {
                pack: pack.to_string(),
                rule: None,
                message,
            });
            continue;
        };
        let law_date = runner.check(engine, t).law_as_of;
        let stem = t
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push(Run {
            name,
            stem,
            codes: e.codes().map(str::to_string).collect(),
            law_date,
        });
    }
    out
}

fn rule_coverage(rule: &Rule, runs: &[Run]) -> RuleCoverage {
    let fires: Vec<String> = runs
        .iter()
        .filter(|r| r.codes.contains(&rule.code))
        .map(|r| r.name.clone())
        .collect();
    let named = format!("{}-passes", rule.code);
    let passes: Vec<String> = runs
        .iter()
        .filter(|r| {
            !r.codes.contains(&rule.code)
                && r.law_date
                    .is_some_and(|d| rule.in_force_on(d) || r.stem.starts_with(&named))
        })
        .map(|r| r.name.clone())
        .collect();
    let tested = !fires.is_empty() && !passes.is_empty();
    RuleCoverage {
        code: rule.code.clone(),
        fires,
        passes,
        tested,
    }
}
