//! Explanation traces: the conditions of a rule recorded cheaply as it is evaluated, written out
//! as [`TraceStep`]s only when the rule fires. A condition that is a definition with a
//! description is also given in the description's words.

use crate::finding::{TraceStep, TraceWords};
use psr_lang::{Condition, Program, Rule};

/// One evaluated condition, recorded cheaply while a rule is evaluated (most rules hold and
/// their trace is never shown): the clause, the condition's index in it, and its outcome.
#[derive(Clone, Copy)]
pub(crate) enum Step {
    When(usize, bool),
    Needs(usize, bool),
    Assert(usize, bool),
}

/// The explanation trace of a rule that fired, from its recorded steps.
pub(crate) fn explain(program: &Program, rule: &Rule, steps: &[Step]) -> Vec<TraceStep> {
    let assert_clause = if rule.require { "require" } else { "forbid" };
    let step = |clause, c: &Condition, held: bool| TraceStep {
        clause,
        condition: c.text.clone(),
        outcome: held.to_string(),
        words: words(program, c, held),
    };
    steps
        .iter()
        .map(|s| match *s {
            Step::When(i, held) => step("when", &rule.when[i], held),
            Step::Needs(i, recorded) => TraceStep {
                clause: "needs",
                condition: rule.needs[i].1.clone(),
                outcome: if recorded { "recorded" } else { "not recorded" }.into(),
                words: None,
            },
            Step::Assert(i, held) => step(assert_clause, &rule.assertion[i], held),
        })
        .collect()
}

/// The condition in its definition's words, with the definition's value.
fn words(program: &Program, c: &Condition, held: bool) -> Option<TraceWords> {
    let (d, negated) = c.named_def()?;
    let description = program.defs.get(d as usize)?.description.clone()?;
    Some(TraceWords {
        description,
        holds: held != negated,
    })
}
