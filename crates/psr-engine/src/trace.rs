//! The explanation of a rule that fired: each condition it evaluated and whether it held, recorded
//! cheaply while the rule runs and turned into text only for rules that fire.

use crate::finding::TraceStep;
use psr_lang::Rule;

/// One evaluated condition, recorded cheaply while a rule is evaluated (most rules hold and
/// their trace is never shown): the clause, the condition's index in it, and its outcome.
#[derive(Clone, Copy)]
pub(crate) enum Step {
    When(usize, bool),
    Needs(usize, bool),
    Assert(usize, bool),
}

/// The explanation trace of a rule that fired, from its recorded steps.
pub(crate) fn explain(rule: &Rule, steps: &[Step]) -> Vec<TraceStep> {
    let assert_clause = if rule.require { "require" } else { "forbid" };
    steps
        .iter()
        .map(|s| match *s {
            Step::When(i, held) => TraceStep {
                clause: "when",
                condition: rule.when[i].text.clone(),
                outcome: held.to_string(),
            },
            Step::Needs(i, recorded) => TraceStep {
                clause: "needs",
                condition: rule.needs[i].1.clone(),
                outcome: if recorded { "recorded" } else { "not recorded" }.into(),
            },
            Step::Assert(i, held) => TraceStep {
                clause: assert_clause,
                condition: rule.assertion[i].text.clone(),
                outcome: held.to_string(),
            },
        })
        .collect()
}
