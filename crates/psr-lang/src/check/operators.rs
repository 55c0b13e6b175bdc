//! Checking operators: comparisons, arithmetic, `and`/`or`, and the quantifiers (`any`, `all`,
//! `count`, `sum`).

use super::expr::{is_text_literal, presence_facts, Scope};
use super::Checker;
use crate::ast::{self, BinOp, ExprKind, QuantKind};
use crate::diagnostics::{LangError, LangErrorKind};
use crate::program::{ArithOp, CmpOp, Expr};
use crate::types::Type;
use psr_source::Span;

impl Checker {
    pub(super) fn binary(
        &mut self,
        scope: &mut Scope,
        op: BinOp,
        l: &ast::Expr,
        r: &ast::Expr,
        span: Span,
    ) -> (Expr, Type) {
        match op {
            BinOp::And | BinOp::Or => {
                let (lc, lt) = self.expr(scope, l);
                self.want_bool(&lt, l.span, if op == BinOp::And { "`and`" } else { "`or`" });
                let mark = scope.present.len();
                scope
                    .present
                    .extend(presence_facts(self, scope, l, op == BinOp::And));
                let (rc, rt) = self.expr(scope, r);
                scope.present.truncate(mark);
                self.want_bool(&rt, r.span, if op == BinOp::And { "`and`" } else { "`or`" });
                let e = if op == BinOp::And {
                    Expr::And(Box::new(lc), Box::new(rc))
                } else {
                    Expr::Or(Box::new(lc), Box::new(rc))
                };
                (e, Type::Bool)
            }
            BinOp::Coalesce => {
                let (lc, lt) = self.expr(scope, l);
                if !lt.is_optional() && lt != Type::Error {
                    let shown = self.show(&lt);
                    self.report(
                        LangError::new(
                            LangErrorKind::Type,
                            l.span,
                            format!(
                                "this is never absent (its type is {shown}), so `??` has no effect"
                            ),
                        )
                        .with_help("remove `?? …`"),
                    );
                }
                let inner = lt.strip_optional().clone();
                let (rc, rt) = self.expr_expecting(scope, r, Some(&inner));
                self.want(&inner.clone().optional(), &rt, r.span);
                let ty = if rt.is_optional() {
                    inner.optional()
                } else {
                    inner
                };
                (Expr::Coalesce(Box::new(lc), Box::new(rc)), ty)
            }
            BinOp::In | BinOp::NotIn => {
                let ((lc, lt), (rc, rt)) = if is_text_literal(l) {
                    let (rc, rt) = self.expr(scope, r);
                    let elem = match rt.strip_optional() {
                        Type::List(t) => Some((**t).clone()),
                        _ => None,
                    };
                    (self.expr_expecting(scope, l, elem.as_ref()), (rc, rt))
                } else {
                    let (lc, lt) = self.expr(scope, l);
                    let want = Type::List(Box::new(lt.clone()));
                    ((lc, lt), self.expr_expecting(scope, r, Some(&want)))
                };
                self.no_absence(&lt, l.span);
                match &rt {
                    Type::List(et) => self.want(et, &lt, l.span),
                    Type::Error => {}
                    other => self.operand_error(other, r.span, "`in`", "a list"),
                }
                (
                    Expr::In(Box::new(lc), Box::new(rc), op == BinOp::NotIn),
                    Type::Bool,
                )
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let ((lc, lt), (rc, rt)) =
                    if is_text_literal(l) || matches!(l.kind, ExprKind::List(_)) {
                        let (rc, rt) = self.expr(scope, r);
                        (self.expr_expecting(scope, l, Some(&rt)), (rc, rt))
                    } else {
                        let (lc, lt) = self.expr(scope, l);
                        let rr = self.expr_expecting(scope, r, Some(&lt));
                        ((lc, lt), rr)
                    };
                self.no_absence(&lt, l.span);
                self.no_absence(&rt, r.span);
                let (lt, rt) = (lt.strip_optional().clone(), rt.strip_optional().clone());
                if !lt.accepts(&rt) {
                    let (a, b) = (self.show(&lt), self.show(&rt));
                    self.type_error(
                        span,
                        format!("cannot compare {a} with {b}"),
                        "compare values of the same type",
                    );
                } else if !matches!(op, BinOp::Eq | BinOp::Ne) && !lt.is_ordered() {
                    self.operand_error(&lt, l.span, &format!("`{}`", op.symbol()), "values that can be ordered (numbers, money, percentages, dates, durations, text)");
                }
                let cmp = match op {
                    BinOp::Eq => CmpOp::Eq,
                    BinOp::Ne => CmpOp::Ne,
                    BinOp::Lt => CmpOp::Lt,
                    BinOp::Le => CmpOp::Le,
                    BinOp::Gt => CmpOp::Gt,
                    _ => CmpOp::Ge,
                };
                (Expr::Cmp(cmp, Box::new(lc), Box::new(rc)), Type::Bool)
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
                let (lc, lt) = self.expr(scope, l);
                let (rc, rt) = self.expr(scope, r);
                self.no_absence(&lt, l.span);
                self.no_absence(&rt, r.span);
                let (lt, rt) = (lt.strip_optional().clone(), rt.strip_optional().clone());
                let ty = match arith_type(op, &lt, &rt) {
                    Some(t) => t,
                    None => {
                        let (a, b) = (self.show(&lt), self.show(&rt));
                        self.type_error(
                            span,
                            format!("`{}` does not apply to {a} and {b}", op.symbol()),
                            arith_help(op),
                        );
                        Type::Error
                    }
                };
                let aop = match op {
                    BinOp::Add => ArithOp::Add,
                    BinOp::Sub => ArithOp::Sub,
                    BinOp::Mul => ArithOp::Mul,
                    _ => ArithOp::Div,
                };
                if matches!(ty, Type::Date)
                    && matches!(rt, Type::WorkingDays)
                    && self.calendar_decl.is_none()
                {
                    self.report(
                        LangError::new(
                            LangErrorKind::Calendar,
                            span,
                            "working days need a calendar, and none is declared",
                        )
                        .with_help("declare `calendar NAME { holidays: TABLE.COLUMN }`"),
                    );
                }
                (Expr::Arith(aop, Box::new(lc), Box::new(rc)), ty)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn quantifier(
        &mut self,
        scope: &mut Scope,
        kind: QuantKind,
        var: &ast::Ident,
        list: &ast::Expr,
        filter: Option<&ast::Expr>,
        of: Option<&ast::Expr>,
        span: Span,
    ) -> (Expr, Type) {
        let (lc, lt) = self.expr(scope, list);
        let elem = match &lt {
            Type::List(t) => (**t).clone(),
            Type::Error => Type::Error,
            other => {
                self.operand_error(other, list.span, "a quantifier", "a list");
                Type::Error
            }
        };
        let slot = self.new_slot();
        scope.locals.push((var.name.clone(), elem.clone(), slot));
        let fc = filter.map(|f| {
            let (c, t) = self.expr(scope, f);
            self.want_bool(&t, f.span, "`where`");
            Box::new(c)
        });
        let mark = scope.present.len();
        if let Some(f) = filter {
            scope.present.extend(presence_facts(self, scope, f, true));
        }
        let oc = of.map(|o| {
            let (c, t) = self.expr(scope, o);
            (Box::new(c), t, o.span)
        });
        scope.present.truncate(mark);
        scope.locals.pop();
        let ty = match kind {
            QuantKind::Any | QuantKind::All => Type::Bool,
            QuantKind::Count => Type::Integer,
            QuantKind::First => elem.clone().optional(),
            QuantKind::Select => Type::List(Box::new(elem.clone())),
            QuantKind::Sum => {
                let t = oc.as_ref().map_or(elem.clone(), |(_, t, _)| t.clone());
                if !t.is_summable() {
                    self.operand_error(
                        &t,
                        oc.as_ref().map_or(list.span, |(_, _, s)| *s),
                        "`sum`",
                        "numbers, money, percentages or durations",
                    );
                }
                t
            }
        };
        if matches!(
            kind,
            QuantKind::Any | QuantKind::All | QuantKind::First | QuantKind::Select
        ) && filter.is_none()
        {
            self.report(
                LangError::new(
                    LangErrorKind::Type,
                    span,
                    format!("`{}` needs a `where` condition", quant_word(kind)),
                )
                .with_help("write `… where CONDITION`"),
            );
        }
        if kind != QuantKind::Sum && of.is_some() {
            self.report(
                LangError::new(LangErrorKind::Type, span, "`of` belongs to `sum` only")
                    .with_help("remove `of …`"),
            );
        }
        (
            Expr::Quant {
                kind,
                slot,
                list: Box::new(lc),
                filter: fc,
                of: oc.map(|(c, _, _)| c),
            },
            ty,
        )
    }
}

fn quant_word(kind: QuantKind) -> &'static str {
    match kind {
        QuantKind::Any => "any",
        QuantKind::All => "all",
        QuantKind::Count => "count",
        QuantKind::First => "first",
        QuantKind::Sum => "sum",
        QuantKind::Select => "select",
    }
}

/// The result type of arithmetic, or `None` when it does not apply.
pub(crate) fn arith_type(op: BinOp, l: &Type, r: &Type) -> Option<Type> {
    use Type::*;
    if matches!(l, Error) || matches!(r, Error) {
        return Some(Error);
    }
    Some(match (op, l, r) {
        (BinOp::Add, Text, Text) => Text,
        (BinOp::Add, List(a), List(b)) if a.accepts(b) => List(a.clone()),
        (BinOp::Add | BinOp::Sub, Integer, Integer) => Integer,
        (BinOp::Add | BinOp::Sub, Decimal | Integer, Decimal | Integer) => Decimal,
        (BinOp::Add | BinOp::Sub, Money, Money) => Money,
        (BinOp::Add | BinOp::Sub, Percent, Percent) => Percent,
        (BinOp::Add | BinOp::Sub, Days, Days) => Days,
        (BinOp::Add | BinOp::Sub, WorkingDays, WorkingDays) => WorkingDays,
        (BinOp::Add | BinOp::Sub, Date, Days | WorkingDays) => Date,
        (BinOp::Add, Days | WorkingDays, Date) => Date,
        (BinOp::Sub, Date, Date) => Days,
        (BinOp::Mul, Integer, Integer) => Integer,
        (BinOp::Mul, Decimal | Integer, Decimal | Integer) => Decimal,
        (BinOp::Mul, Money, Percent | Integer | Decimal)
        | (BinOp::Mul, Percent | Integer | Decimal, Money) => Money,
        (BinOp::Mul, Percent, Integer | Decimal) | (BinOp::Mul, Integer | Decimal, Percent) => {
            Percent
        }
        (BinOp::Mul, Days, Integer) | (BinOp::Mul, Integer, Days) => Days,
        (BinOp::Div, Money, Money) => Percent,
        (BinOp::Div, Money, Integer | Decimal) => Money,
        (BinOp::Div, Decimal | Integer, Decimal | Integer) => Decimal,
        (BinOp::Div, Percent, Integer | Decimal) => Percent,
        _ => return None,
    })
}

fn arith_help(op: BinOp) -> &'static str {
    match op {
        BinOp::Add | BinOp::Sub => {
            "add or subtract values of one kind (money and money, a date and days, ...)"
        }
        BinOp::Mul => "multiply money by a percentage or a number, or numbers together",
        _ => "divide money by money (a percentage) or by a number, or numbers",
    }
}
