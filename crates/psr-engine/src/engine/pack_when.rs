//! Each pack's `when:`, decided once per file. The same conditions are on each of the pack's
//! rules (where a rule whose pack does not apply holds); deciding them once lets a file skip the
//! rules of a pack for other kinds of arrangement as a block, without changing any finding. Which
//! rules share conditions is worked out once per run, not compared by text for every rule.

use crate::eval::Evaluator;
use psr_lang::Rule;

/// For each rule, the group of rules with the same pack and the same `when:` (`None` when its
/// pack has none).
#[derive(Debug, Default)]
pub(super) struct PackGroups {
    of_rule: Vec<Option<u32>>,
    count: usize,
}

impl PackGroups {
    /// The groups of `rules`.
    pub(super) fn new(rules: &[Rule]) -> Self {
        let mut firsts: Vec<&Rule> = Vec::new();
        let of_rule = rules
            .iter()
            .map(|rule| {
                if rule.applies.is_empty() {
                    return None;
                }
                let same = |other: &&Rule| {
                    other.pack == rule.pack
                        && other.applies.len() == rule.applies.len()
                        && other
                            .applies
                            .iter()
                            .zip(&rule.applies)
                            .all(|(a, b)| a.text == b.text)
                };
                let g = firsts.iter().position(same).unwrap_or_else(|| {
                    firsts.push(rule);
                    firsts.len() - 1
                });
                Some(g as u32)
            })
            .collect();
        PackGroups {
            of_rule,
            count: firsts.len(),
        }
    }

    /// Nothing decided yet, for one file.
    pub(super) fn per_file(&self) -> PackWhen<'_> {
        PackWhen {
            groups: self,
            decided: vec![None; self.count],
        }
    }
}

/// Whether a rule's pack applies to a file.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Applies {
    /// Its `when:` holds (or it has none): the rule need not evaluate it again.
    Yes,
    /// Its `when:` does not hold: the rule holds.
    No,
    /// Its `when:` could not be evaluated: the rule evaluates it and reports why.
    Undecided,
}

/// The packs' `when:` decided so far for one file.
pub(super) struct PackWhen<'g> {
    groups: &'g PackGroups,
    decided: Vec<Option<bool>>,
}

impl PackWhen<'_> {
    /// Whether the pack of `rule` (the `r`th rule) applies to the file. A condition that cannot
    /// be evaluated is left to the rule, which reports it.
    pub(super) fn applies(&mut self, r: usize, rule: &Rule, ev: &mut Evaluator<'_>) -> Applies {
        let Some(Some(g)) = self.groups.of_rule.get(r) else {
            return Applies::Yes;
        };
        let g = *g as usize;
        match self.decided[g] {
            Some(true) => return Applies::Yes,
            Some(false) => return Applies::No,
            None => {}
        }
        let mut holds = true;
        for c in &rule.applies {
            match ev.bool(&c.expr) {
                Ok(true) => {}
                Ok(false) => {
                    holds = false;
                    break;
                }
                Err(_) => return Applies::Undecided,
            }
        }
        self.decided[g] = Some(holds);
        if holds {
            Applies::Yes
        } else {
            Applies::No
        }
    }
}
