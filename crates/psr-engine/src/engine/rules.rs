//! Evaluating one rule over a validated arrangement and, when it fires, making its finding:
//! the location, related fields, message, help and the citation that applies.

use super::Engine;
use crate::document::Document;
use crate::eval::{EvalError, Evaluator};
use crate::finding::{Finding, RelatedLabel, Severity, TraceStep};
use crate::format::format_value;
use crate::trace::{explain, Step};
use psr_lang::{Citation, Origin, Rule, TemplatePart, Val, Value};
use psr_source::Span;

impl Engine {
    /// Evaluates one rule; `Some` when it fires, cannot be checked, or fails to evaluate.
    /// `pack_decided`: its pack's `when:` was already found to hold for this file.
    pub(super) fn check_rule(
        &self,
        rule: &Rule,
        pack_decided: bool,
        ev: &mut Evaluator<'_>,
        doc: &Document,
        steps: &mut Vec<Step>,
    ) -> Option<Finding> {
        steps.clear();
        let outcome = self.rule_fires(rule, pack_decided, ev, steps);
        if matches!(outcome, Ok(Outcome::Holds)) {
            return None;
        }
        let trace = explain(&self.program, rule, steps);
        match outcome {
            Ok(Outcome::Holds) => None,
            Ok(Outcome::Fires) => Some(self.finding(rule, ev, doc, trace, None)),
            Ok(Outcome::Missing(path, origin)) => {
                let mut f = self.finding(rule, ev, doc, trace, Some(origin));
                // A fact that is not recorded is never by itself a breach of the provision the
                // rule checks: the finding says the rule could not be checked, as a warning at
                // most. Where reg 24 requires the record, a rule of its own reports the gap.
                f.severity = f.severity.min(Severity::Warning);
                f.message = format!(
                    "`{path}` is not recorded, so this cannot be checked: {}",
                    rule.summary
                );
                f.help = Some(format!("record `{path}` in the arrangement file"));
                f.field = Some(path);
                f.related.clear();
                Some(f)
            }
            Err(EvalError(why)) => {
                let mut f = self.finding(rule, ev, doc, trace, None);
                f.message = format!("this cannot be checked ({why}): {}", rule.summary);
                f.help = Some("correct or complete the values this rule reads, or run with --explain to see them".into());
                f.related.clear();
                Some(f)
            }
        }
    }

    fn rule_fires(
        &self,
        rule: &Rule,
        pack_decided: bool,
        ev: &mut Evaluator<'_>,
        steps: &mut Vec<Step>,
    ) -> Result<Outcome, EvalError> {
        // The pack's `when:`: a rule of a pack for other kinds of arrangement does not apply.
        let applies = if pack_decided {
            &[][..]
        } else {
            &rule.applies[..]
        };
        for c in applies {
            if !ev.bool(&c.expr)? {
                return Ok(Outcome::Holds);
            }
        }
        for (i, c) in rule.when.iter().enumerate() {
            let held = ev.bool(&c.expr)?;
            steps.push(Step::When(i, held));
            if !held {
                return Ok(Outcome::Holds);
            }
        }
        for (i, (e, path)) in rule.needs.iter().enumerate() {
            let v = ev.eval(e)?;
            let recorded = v.value.is_present();
            steps.push(Step::Needs(i, recorded));
            if !recorded {
                return Ok(Outcome::Missing(path.clone(), v.origin));
            }
        }
        for (i, c) in rule.assertion.iter().enumerate() {
            let held = ev.bool(&c.expr)?;
            steps.push(Step::Assert(i, held));
            if !held {
                // `require: a and b` fails at the first false part; `forbid: a and b` is cleared by it.
                return Ok(if rule.require {
                    Outcome::Fires
                } else {
                    Outcome::Holds
                });
            }
        }
        Ok(if rule.require {
            Outcome::Holds
        } else {
            Outcome::Fires
        })
    }

    fn finding(
        &self,
        rule: &Rule,
        ev: &mut Evaluator<'_>,
        doc: &Document,
        trace: Vec<TraceStep>,
        at_origin: Option<Origin>,
    ) -> Finding {
        let schema = &self.program.schema;
        let at = at_origin
            .map(|o| Val::at(Value::Absent, o))
            .unwrap_or_else(|| ev.eval(&rule.at).unwrap_or(Val::new(Value::Absent)));
        let (span, field) = self.locate(doc, &at, rule.at_path.as_deref());
        let mut related = Vec::new();
        for r in &rule.related {
            if let Ok(v) = ev.eval(&r.expr) {
                if v.value.is_present() {
                    if let Some(s) = doc.span_of(v.origin) {
                        if Some(s) != span {
                            related.push(RelatedLabel {
                                field: r.path.clone().or_else(|| doc.path(schema, v.origin)),
                                span: s,
                                message: r.label.clone(),
                            });
                        }
                    }
                }
            }
        }
        let message = self.render(&rule.message, ev);
        let help = self.render(&rule.help, ev);
        Finding {
            code: rule.code.clone(),
            name: rule.name.clone(),
            severity: rule.severity,
            message,
            help: Some(help),
            span,
            field,
            citation: applicable_citation(rule, ev),
            related,
            trace,
            waived: None,
        }
    }

    /// The span and field path for a location value: its own span when recorded; when absent,
    /// the key of the nearest recorded record that should contain it.
    fn locate(
        &self,
        doc: &Document,
        v: &Val,
        static_path: Option<&str>,
    ) -> (Option<Span>, Option<String>) {
        let schema = &self.program.schema;
        if v.value.is_present() {
            (
                doc.span_of(v.origin),
                doc.path(schema, v.origin)
                    .or_else(|| static_path.map(String::from)),
            )
        } else {
            (
                doc.key_span_of(v.origin),
                static_path
                    .map(String::from)
                    .or_else(|| doc.path(schema, v.origin)),
            )
        }
    }

    fn render(&self, parts: &[TemplatePart], ev: &mut Evaluator<'_>) -> String {
        let mut out = String::new();
        for p in parts {
            match p {
                TemplatePart::Text(t) => out.push_str(t),
                TemplatePart::Value(e, ty) => match ev.eval(e) {
                    Ok(v) => out.push_str(&format_value(&self.program.schema, ty, &v.value)),
                    Err(_) => out.push_str("(cannot be computed)"),
                },
            }
        }
        out
    }
}

enum Outcome {
    Holds,
    Fires,
    Missing(String, Origin),
}

/// The citation that applies to this case: the first whose `cite when` condition holds, or the
/// unguarded one. A condition that cannot be evaluated does not hold.
fn applicable_citation(rule: &Rule, ev: &mut Evaluator<'_>) -> Option<Citation> {
    rule.citations
        .iter()
        .find(|c| {
            c.when
                .as_ref()
                .is_none_or(|w| ev.bool(&w.expr).unwrap_or(false))
        })
        .map(|c| c.citation.clone())
}
