//! Lowering a rule's clauses (and the paths of `needs:`) from pest's pairs to the syntax tree.

use super::{date_lit, ident, lower_expr, missing_expr, span_of, text, Rule};
use crate::ast::*;
use pest::iterators::Pair;
use psr_source::Span;

/// The next pair as an expression (a placeholder where the grammar left none).
pub(super) fn next_expr(inner: &mut pest::iterators::Pairs<'_, Rule>, span: Span) -> Expr {
    inner
        .next()
        .map(lower_expr)
        .unwrap_or_else(|| missing_expr(span))
}

pub(super) fn lower_clause(pair: Pair<'_, Rule>) -> Clause {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    let mut inner = pair.into_inner();
    let empty = || Text {
        value: String::new(),
        span,
        content_start: span.start,
    };
    let kind = match rule {
        Rule::severity_clause => ClauseKind::Severity(match inner.next().map(|p| p.as_str()) {
            Some("warning") => Severity::Warning,
            Some("info") => Severity::Info,
            _ => Severity::Error,
        }),
        Rule::cite_clause => {
            let mut guard = None;
            let mut texts = Vec::new();
            for p in inner {
                match p.as_rule() {
                    Rule::cite_guard => {
                        let mut parts = p.into_inner();
                        guard = parts
                            .find(|q| q.as_rule() == Rule::expr)
                            .map(lower_expr)
                            .or_else(|| Some(missing_expr(span)));
                    }
                    _ => texts.push(text(p)),
                }
            }
            let mut t = texts.into_iter();
            let instrument = t.next().unwrap_or_else(empty);
            let provision = t.next().unwrap_or_else(empty);
            let url = t.next().unwrap_or_else(empty);
            ClauseKind::Cite(
                guard,
                CitationDecl {
                    instrument,
                    provision,
                    url,
                    span,
                },
            )
        }
        Rule::see_clause => {
            let mut t = inner.map(text);
            let instrument = t.next().unwrap_or_else(empty);
            let provision = t.next().unwrap_or_else(empty);
            let url = t.next().unwrap_or_else(empty);
            ClauseKind::See(CitationDecl {
                instrument,
                provision,
                url,
                span,
            })
        }
        Rule::checks_clause => ClauseKind::Checks(match inner.next().map(|p| p.as_str()) {
            Some("record-only") => Checks::RecordOnly,
            _ => Checks::Substance,
        }),
        Rule::in_force_clause => {
            let from = inner.next().map(date_lit).unwrap_or(DateLit {
                text: String::new(),
                span,
            });
            ClauseKind::InForce(from, inner.next().map(date_lit))
        }
        Rule::when_clause => ClauseKind::When(next_expr(&mut inner, span)),
        Rule::require_clause => ClauseKind::Require(next_expr(&mut inner, span)),
        Rule::forbid_clause => ClauseKind::Forbid(next_expr(&mut inner, span)),
        Rule::at_clause => ClauseKind::At(next_expr(&mut inner, span)),
        Rule::needs_clause => ClauseKind::Needs(inner.map(lower_path).collect()),
        Rule::related_clause => {
            let e = next_expr(&mut inner, span);
            ClauseKind::Related(e, inner.next().map(text).unwrap_or_else(empty))
        }
        Rule::summary_clause => ClauseKind::Summary(inner.next().map(text).unwrap_or_else(empty)),
        Rule::message_clause => ClauseKind::Message(inner.next().map(text).unwrap_or_else(empty)),
        Rule::help_clause => ClauseKind::Help(inner.next().map(text).unwrap_or_else(empty)),
        Rule::doc_clause => ClauseKind::Doc(inner.next().map(text).unwrap_or_else(empty)),
        Rule::compliant_clause => {
            ClauseKind::Compliant(inner.next().map(text).unwrap_or_else(empty))
        }
        _ => ClauseKind::NonCompliant(inner.next().map(text).unwrap_or_else(empty)),
    };
    Clause { kind, span }
}

/// A dotted path as an expression of nested field accesses.
pub(super) fn lower_path(pair: Pair<'_, Rule>) -> Expr {
    let mut ids = pair.into_inner().map(ident);
    let Some(first) = ids.next() else {
        return missing_expr(Span::default());
    };
    let mut expr = Expr {
        span: first.span,
        kind: ExprKind::Name(first),
    };
    for id in ids {
        let span = expr.span.join(id.span);
        expr = Expr {
            kind: ExprKind::Field(Box::new(expr), id),
            span,
        };
    }
    expr
}
