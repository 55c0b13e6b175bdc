//! Lowering pest expression pairs into [`crate::ast::Expr`].

use super::{ident, span_of, Rule};
use crate::ast::*;
use pest::iterators::Pair;
use psr_source::Span;

fn placeholder(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Literal(Literal::Bool(false)),
        span,
    }
}

/// Lowers any expression-level pair.
pub(crate) fn lower(pair: Pair<'_, Rule>) -> Expr {
    let span = span_of(&pair);
    match pair.as_rule() {
        Rule::expr | Rule::standalone_expr => pair
            .into_inner()
            .next()
            .map(lower)
            .unwrap_or_else(|| placeholder(span)),
        Rule::conditional => {
            let mut it = pair.into_inner().map(lower);
            let c = it.next().unwrap_or_else(|| placeholder(span));
            let a = it.next().unwrap_or_else(|| placeholder(span));
            let b = it.next().unwrap_or_else(|| placeholder(span));
            Expr {
                kind: ExprKind::If(Box::new(c), Box::new(a), Box::new(b)),
                span,
            }
        }
        Rule::or_expr | Rule::and_expr | Rule::coalesce | Rule::additive | Rule::multiplicative => {
            let implicit = match pair.as_rule() {
                Rule::or_expr => Some(BinOp::Or),
                Rule::and_expr => Some(BinOp::And),
                Rule::coalesce => Some(BinOp::Coalesce),
                _ => None,
            };
            left_assoc(pair, implicit)
        }
        Rule::comparison => {
            let mut it = pair.into_inner();
            let left = it.next().map(lower).unwrap_or_else(|| placeholder(span));
            match (it.next(), it.next()) {
                (Some(op), Some(right)) => {
                    let op = compare_op(op.as_str());
                    let right = lower(right);
                    Expr {
                        span,
                        kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
                    }
                }
                _ => left,
            }
        }
        Rule::not_expr => {
            let mut nots = 0;
            let mut inner = None;
            for p in pair.into_inner() {
                if p.as_rule() == Rule::not_op {
                    nots += 1;
                } else {
                    inner = Some(lower(p));
                }
            }
            let mut e = inner.unwrap_or_else(|| placeholder(span));
            for _ in 0..nots {
                e = Expr {
                    kind: ExprKind::Not(Box::new(e)),
                    span,
                };
            }
            e
        }
        Rule::unary => {
            let mut negs = 0;
            let mut inner = None;
            for p in pair.into_inner() {
                if p.as_rule() == Rule::neg_op {
                    negs += 1;
                } else {
                    inner = Some(lower(p));
                }
            }
            let mut e = inner.unwrap_or_else(|| placeholder(span));
            for _ in 0..negs {
                e = Expr {
                    kind: ExprKind::Neg(Box::new(e)),
                    span,
                };
            }
            e
        }
        Rule::postfix => {
            let mut it = pair.into_inner();
            let mut e = it.next().map(lower).unwrap_or_else(|| placeholder(span));
            for op in it {
                let end = span_of(&op).end;
                let s = Span::new(e.span.start, end);
                e = match op.as_rule() {
                    Rule::field_access => {
                        let id = op.into_inner().next().map(ident).unwrap_or(Ident {
                            name: String::new(),
                            span: s,
                        });
                        Expr {
                            kind: ExprKind::Field(Box::new(e), id),
                            span: s,
                        }
                    }
                    _ => {
                        let present = op
                            .into_inner()
                            .next()
                            .is_some_and(|p| p.as_rule() == Rule::present_kw);
                        Expr {
                            kind: ExprKind::Presence(Box::new(e), present),
                            span: s,
                        }
                    }
                };
            }
            e
        }
        Rule::quantifier => {
            let mut it = pair.into_inner();
            let kind = match it.next().map(|p| p.as_str().to_string()).as_deref() {
                Some("all") => QuantKind::All,
                Some("count") => QuantKind::Count,
                Some("first") => QuantKind::First,
                Some("sum") => QuantKind::Sum,
                Some("select") => QuantKind::Select,
                _ => QuantKind::Any,
            };
            let var = it.next().map(ident).unwrap_or(Ident {
                name: String::new(),
                span,
            });
            let list = it.next().map(lower).unwrap_or_else(|| placeholder(span));
            let (mut filter, mut of) = (None, None);
            if let Some(body) = it.next() {
                let text = body.as_str().to_string();
                let parts: Vec<Pair<'_, Rule>> = body.into_inner().collect();
                let where_first = text.trim_start().starts_with("where");
                let mut parts = parts.into_iter().map(|p| Box::new(lower(p)));
                if where_first {
                    filter = parts.next();
                    of = parts.next();
                } else {
                    of = parts.next();
                }
            }
            Expr {
                kind: ExprKind::Quant {
                    kind,
                    var,
                    list: Box::new(list),
                    filter,
                    of,
                },
                span,
            }
        }
        Rule::call => {
            let mut it = pair.into_inner();
            let name = it.next().map(ident).unwrap_or(Ident {
                name: String::new(),
                span,
            });
            Expr {
                kind: ExprKind::Call(name, it.map(lower).collect()),
                span,
            }
        }
        Rule::name => {
            let id = pair.into_inner().next().map(ident).unwrap_or(Ident {
                name: String::new(),
                span,
            });
            Expr {
                kind: ExprKind::Name(id),
                span,
            }
        }
        Rule::list_literal => Expr {
            kind: ExprKind::List(pair.into_inner().map(lower).collect()),
            span,
        },
        Rule::working_days | Rule::days => {
            let n = pair
                .clone()
                .into_inner()
                .next()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default();
            let lit = if pair.as_rule() == Rule::days {
                Literal::Days(n)
            } else {
                Literal::WorkingDays(n)
            };
            Expr {
                kind: ExprKind::Literal(lit),
                span,
            }
        }
        Rule::date => Expr {
            kind: ExprKind::Literal(Literal::Date(pair.as_str().into())),
            span,
        },
        Rule::money => {
            let t: String = pair
                .as_str()
                .chars()
                .filter(|c| *c != '£' && *c != ',')
                .collect();
            Expr {
                kind: ExprKind::Literal(Literal::Money(t)),
                span,
            }
        }
        Rule::percent => {
            let t = pair.as_str().trim_end_matches('%').to_string();
            Expr {
                kind: ExprKind::Literal(Literal::Percent(t)),
                span,
            }
        }
        Rule::decimal => Expr {
            kind: ExprKind::Literal(Literal::Decimal(pair.as_str().into())),
            span,
        },
        Rule::integer => Expr {
            kind: ExprKind::Literal(Literal::Integer(pair.as_str().into())),
            span,
        },
        Rule::boolean => Expr {
            kind: ExprKind::Literal(Literal::Bool(pair.as_str() == "true")),
            span,
        },
        Rule::string => {
            let raw = pair
                .into_inner()
                .next()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default();
            Expr {
                kind: ExprKind::Literal(Literal::Text(unescape(&raw))),
                span,
            }
        }
        _ => placeholder(span),
    }
}

fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `a op b op c` → `((a op b) op c)`. Where the grammar has no operator pair between operands
/// (`or`, `and`, `??`), the operator is implicit.
fn left_assoc(pair: Pair<'_, Rule>, implicit: Option<BinOp>) -> Expr {
    let span = span_of(&pair);
    let mut it = pair.into_inner().peekable();
    let mut acc = it.next().map(lower).unwrap_or_else(|| placeholder(span));
    while let Some(p) = it.next() {
        let (op, right) = match p.as_rule() {
            Rule::or_op => (BinOp::Or, it.next()),
            Rule::and_op => (BinOp::And, it.next()),
            Rule::add_op => (
                if p.as_str() == "+" {
                    BinOp::Add
                } else {
                    BinOp::Sub
                },
                it.next(),
            ),
            Rule::mul_op => (
                if p.as_str() == "*" {
                    BinOp::Mul
                } else {
                    BinOp::Div
                },
                it.next(),
            ),
            _ => (implicit.unwrap_or(BinOp::Coalesce), Some(p)),
        };
        let Some(right) = right else { break };
        let right = lower(right);
        let s = acc.span.join(right.span);
        acc = Expr {
            kind: ExprKind::Binary(op, Box::new(acc), Box::new(right)),
            span: s,
        };
    }
    acc
}

fn compare_op(s: &str) -> BinOp {
    match s {
        "==" => BinOp::Eq,
        "!=" => BinOp::Ne,
        "<" => BinOp::Lt,
        "<=" => BinOp::Le,
        ">" => BinOp::Gt,
        ">=" => BinOp::Ge,
        "in" => BinOp::In,
        _ => BinOp::NotIn,
    }
}
