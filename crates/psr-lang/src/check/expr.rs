//! Type checking and compiling expressions: names resolved to slots and indices, text literals
//! checked against enums, optional values accepted only where absence has been dealt with.

use super::{Checker, FileId, SymbolKind};
use crate::ast::{self, BinOp, ExprKind, Literal};
use crate::diagnostics::{LangError, LangErrorKind};
use crate::program::Expr;
use crate::types::Type;
use crate::value::{parse_date, parse_decimal, Val, Value};
use psr_source::Span;

/// What an expression can see: the file it is written in, local names, and paths known present.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scope {
    pub file: FileId,
    pub locals: Vec<(String, Type, u32)>,
    pub present: Vec<String>,
}

impl Checker {
    /// Checks `e`, returning the compiled expression and its type.
    pub(crate) fn expr(&mut self, scope: &mut Scope, e: &ast::Expr) -> (Expr, Type) {
        self.expr_expecting(scope, e, None)
    }

    /// Checks `e` where a value of `expected` is wanted: text literals become enum values.
    pub(crate) fn expr_expecting(
        &mut self,
        scope: &mut Scope,
        e: &ast::Expr,
        expected: Option<&Type>,
    ) -> (Expr, Type) {
        let (compiled, ty) = self.expr_inner(scope, e, expected);
        let ty = match path_key(self, scope, e) {
            Some(key) if ty.is_optional() && scope.present.contains(&key) => {
                ty.strip_optional().clone()
            }
            _ => ty,
        };
        (compiled, ty)
    }

    fn expr_inner(
        &mut self,
        scope: &mut Scope,
        e: &ast::Expr,
        expected: Option<&Type>,
    ) -> (Expr, Type) {
        match &e.kind {
            ExprKind::Literal(lit) => self.literal(lit, e.span, expected),
            ExprKind::List(items) => {
                let want = match expected.map(Type::strip_optional) {
                    Some(Type::List(t)) => Some((**t).clone()),
                    _ => None,
                };
                let mut elem_ty: Option<Type> = want.clone();
                let mut out = Vec::new();
                for item in items {
                    let (c, t) = self.expr_expecting(scope, item, elem_ty.as_ref());
                    match &elem_ty {
                        Some(et) if !et.accepts(&t) => self.type_error(
                            item.span,
                            format!(
                                "this list holds {} values, but this one is {}",
                                self.show(et),
                                self.show(&t)
                            ),
                            "every element of a list must have the same type",
                        ),
                        None => elem_ty = Some(t),
                        _ => {}
                    }
                    out.push(c);
                }
                let ty = Type::List(Box::new(elem_ty.unwrap_or(Type::Error)));
                (constant_list(out), ty)
            }
            ExprKind::Name(id) => self.name(scope, id),
            ExprKind::Field(base, field) => {
                let (b, bt) = self.expr(scope, base);
                let optional = bt.is_optional();
                match bt.strip_optional() {
                    Type::Record(rid) => {
                        let rec = self.schema.record(*rid);
                        match rec.field_index(&field.name) {
                            Some(i) => {
                                let ft = rec.fields[i].ty.clone();
                                let ft = if optional { ft.optional() } else { ft };
                                (Expr::Field(Box::new(b), i as u32), ft)
                            }
                            None => {
                                let names: Vec<&str> =
                                    rec.fields.iter().map(|f| f.name.as_str()).collect();
                                let kind = if rec.is_table_row {
                                    LangErrorKind::UnknownName
                                } else {
                                    LangErrorKind::UnknownField
                                };
                                let what = if rec.is_table_row { "column" } else { "field" };
                                let mut err = LangError::new(
                                    kind,
                                    field.span,
                                    format!("`{}` has no {what} `{}`", rec.name, field.name),
                                );
                                err = err.with_help(
                                    did_you_mean(&field.name, &names).unwrap_or_else(|| {
                                        format!(
                                            "the {what}s of `{}` are: {}",
                                            rec.name,
                                            names.join(", ")
                                        )
                                    }),
                                );
                                self.report(err);
                                (Expr::Const(Value::Absent), Type::Error)
                            }
                        }
                    }
                    Type::Error => (Expr::Const(Value::Absent), Type::Error),
                    other => {
                        let shown = self.show(other);
                        self.type_error(
                            field.span,
                            format!(
                                "`.{}` reads a field, but this is {shown}, not a record",
                                field.name
                            ),
                            "only records have fields",
                        );
                        (Expr::Const(Value::Absent), Type::Error)
                    }
                }
            }
            ExprKind::Call(name, args) => self.call(scope, name, args, e.span),
            ExprKind::Not(inner) => {
                let (c, t) = self.expr(scope, inner);
                self.want_bool(&t, inner.span, "`not`");
                (Expr::Not(Box::new(c)), Type::Bool)
            }
            ExprKind::Neg(inner) => {
                let (c, t) = self.expr(scope, inner);
                if !t.is_summable() {
                    self.operand_error(
                        &t,
                        inner.span,
                        "`-`",
                        "a number, money, a percentage or a duration",
                    );
                }
                (Expr::Neg(Box::new(c)), t)
            }
            ExprKind::Binary(op, l, r) => self.binary(scope, *op, l, r, e.span),
            ExprKind::If(c, a, b) => {
                let (cc, ct) = self.expr(scope, c);
                self.want_bool(&ct, c.span, "the condition of `if`");
                let mark = scope.present.len();
                scope.present.extend(presence_facts(self, scope, c, true));
                let (ac, at) = self.expr_expecting(scope, a, expected);
                scope.present.truncate(mark);
                scope.present.extend(presence_facts(self, scope, c, false));
                let (bc, bt) = self.expr_expecting(scope, b, expected.or(Some(&at)));
                scope.present.truncate(mark);
                let ty = if at.accepts(&bt) {
                    if bt.is_optional() {
                        at.optional()
                    } else {
                        at
                    }
                } else if bt.accepts(&at) {
                    bt
                } else {
                    let (sa, sb) = (self.show(&at), self.show(&bt));
                    self.type_error(
                        b.span,
                        format!("the branches of `if` differ: {sa} and {sb}"),
                        "both branches must give the same type",
                    );
                    Type::Error
                };
                (Expr::If(Box::new(cc), Box::new(ac), Box::new(bc)), ty)
            }
            ExprKind::Presence(inner, present) => {
                // Judged on the declared type: testing again a field already known present is
                // redundant, not wrong.
                let (c, t) = self.expr_inner(scope, inner, None);
                if !t.is_optional() && t != Type::Error {
                    let shown = self.show(&t);
                    self.report(
                        LangError::new(
                            LangErrorKind::Type,
                            inner.span,
                            format!("this is never absent (its type is {shown}, not optional)"),
                        )
                        .with_help(
                            "`is present` and `is absent` apply to optional values (`T?`) only",
                        ),
                    );
                }
                (Expr::Present(Box::new(c), *present), Type::Bool)
            }
            ExprKind::Quant {
                kind,
                var,
                list,
                filter,
                of,
            } => self.quantifier(
                scope,
                *kind,
                var,
                list,
                filter.as_deref(),
                of.as_deref(),
                e.span,
            ),
        }
    }

    pub(crate) fn literal(
        &mut self,
        lit: &Literal,
        span: Span,
        expected: Option<&Type>,
    ) -> (Expr, Type) {
        let bad = |this: &mut Self, what: &str| {
            this.report(
                LangError::new(LangErrorKind::InvalidLiteral, span, format!("this is not a valid {what}"))
                    .with_help("numbers are whole or decimal (`42`, `1.5`), money is `£500,000`, percentages `25%`; values must fit in 64 bits (28 digits for decimals)"),
            );
            (Expr::Const(Value::Absent), Type::Error)
        };
        match lit {
            Literal::Bool(b) => (Expr::Const(Value::Bool(*b)), Type::Bool),
            Literal::Integer(t) => match t.parse::<i64>() {
                Ok(n) => (Expr::Const(Value::Integer(n)), Type::Integer),
                Err(_) => bad(self, "whole number (too large)"),
            },
            Literal::Decimal(t) => match parse_decimal(t) {
                Some(d) => (Expr::Const(Value::Decimal(d)), Type::Decimal),
                None => bad(self, "decimal number"),
            },
            Literal::Money(t) => match parse_decimal(t) {
                Some(d) => (Expr::Const(Value::Money(d)), Type::Money),
                None => bad(self, "amount of money"),
            },
            Literal::Percent(t) => match parse_decimal(t) {
                Some(d) => (Expr::Const(Value::Percent(d)), Type::Percent),
                None => bad(self, "percentage"),
            },
            Literal::Date(t) => match parse_date(t) {
                Some(d) => (Expr::Const(Value::Date(d)), Type::Date),
                None => {
                    self.report(
                        LangError::new(LangErrorKind::InvalidDate, span, format!("`{t}` is not a calendar date"))
                            .with_help("write dates as YYYY-MM-DD, with a month from 01 to 12 and a day that exists in that month"),
                    );
                    (Expr::Const(Value::Absent), Type::Error)
                }
            },
            Literal::Days(t) => match t.parse::<i64>() {
                Ok(n) => (Expr::Const(Value::Days(n)), Type::Days),
                Err(_) => bad(self, "number of days"),
            },
            Literal::WorkingDays(t) => match t.parse::<i64>() {
                Ok(n) => (Expr::Const(Value::WorkingDays(n)), Type::WorkingDays),
                Err(_) => bad(self, "number of working days"),
            },
            Literal::Text(t) => match expected.map(Type::strip_optional) {
                Some(Type::Enum(id)) => {
                    let id = *id;
                    let def = &self.schema.enums[id as usize];
                    match def.values.iter().position(|(v, _)| v == t) {
                        Some(i) => (Expr::Const(Value::Enum(i as u32)), Type::Enum(id)),
                        None => {
                            let names: Vec<&str> =
                                def.values.iter().map(|(v, _)| v.as_str()).collect();
                            let help = did_you_mean(t, &names).unwrap_or_else(|| {
                                format!("the values of `{}` are: {}", def.name, names.join(", "))
                            });
                            let msg = format!("`{t}` is not a value of `{}`", def.name);
                            self.report(
                                LangError::new(LangErrorKind::InvalidLiteral, span, msg)
                                    .with_help(help),
                            );
                            (Expr::Const(Value::Absent), Type::Error)
                        }
                    }
                }
                _ => (Expr::Const(Value::Text(t.as_str().into())), Type::Text),
            },
        }
    }

    fn name(&mut self, scope: &mut Scope, id: &ast::Ident) -> (Expr, Type) {
        if let Some((_, ty, slot)) = scope.locals.iter().rev().find(|(n, _, _)| *n == id.name) {
            return (Expr::Local(*slot), ty.clone());
        }
        if id.name == "law_date" {
            return (Expr::LawDate, Type::Date);
        }
        if let Some(sym) = self.lookup(scope.file, &id.name, id.span) {
            match sym {
                SymbolKind::Def(d) => {
                    let ty = self.def_type(d, id.span);
                    if self.def_is_function(d) {
                        self.type_error(
                            id.span,
                            format!("`{}` is a function: call it with arguments", id.name),
                            "write `name(arguments)`",
                        );
                        return (Expr::Const(Value::Absent), Type::Error);
                    }
                    return (Expr::Def(d), ty);
                }
                SymbolKind::Param(p) => {
                    return (Expr::Param(p), self.params[p as usize].ty.clone())
                }
                SymbolKind::Table(t) => {
                    let row = self.tables[t as usize].row_type;
                    return (Expr::Table(t), Type::List(Box::new(Type::Record(row))));
                }
                _ => {
                    self.type_error(
                        id.span,
                        format!("`{}` is a type, not a value", id.name),
                        "use a field, definition, parameter or table here",
                    );
                    return (Expr::Const(Value::Absent), Type::Error);
                }
            }
        }
        if let Some(root) = self.schema.root {
            let rec = self.schema.record(root);
            if let Some(i) = rec.field_index(&id.name) {
                return (
                    Expr::Field(Box::new(Expr::Root), i as u32),
                    rec.fields[i].ty.clone(),
                );
            }
        }
        self.unknown_name(scope, id);
        (Expr::Const(Value::Absent), Type::Error)
    }

    fn unknown_name(&mut self, scope: &Scope, id: &ast::Ident) {
        let mut candidates: Vec<String> = scope.locals.iter().map(|(n, _, _)| n.clone()).collect();
        candidates.extend(self.symbols.keys().cloned());
        if let Some(root) = self.schema.root {
            candidates.extend(
                self.schema
                    .record(root)
                    .fields
                    .iter()
                    .map(|f| f.name.clone()),
            );
        }
        let refs: Vec<&str> = candidates.iter().map(String::as_str).collect();
        let help = did_you_mean(&id.name, &refs).unwrap_or_else(|| {
            "declare it with `def`, `param` or `table`, or use a field of the arrangement".into()
        });
        let kind = LangErrorKind::UnknownName;
        self.report(
            LangError::new(kind, id.span, format!("unknown name `{}`", id.name)).with_help(help),
        );
    }

    pub(crate) fn want_bool(&mut self, t: &Type, span: Span, context: &str) {
        if t.is_optional() {
            self.absence_error(t, span);
        } else if !matches!(t, Type::Bool | Type::Error) {
            let shown = self.show(t);
            self.type_error(
                span,
                format!("{context} needs a bool, but this is {shown}"),
                "use a comparison or a yes/no field here",
            );
        }
    }

    pub(crate) fn want(&mut self, expected: &Type, got: &Type, span: Span) {
        if got.is_optional() && !expected.is_optional() && *got != Type::Error {
            self.absence_error(got, span);
        } else if !expected.accepts(got) {
            let (a, b) = (self.show(expected), self.show(got));
            self.type_error(
                span,
                format!("expected {a}, found {b}"),
                format!("give a value of type {a} here"),
            );
        }
    }

    pub(super) fn no_absence(&mut self, t: &Type, span: Span) {
        if t.is_optional() {
            self.absence_error(t, span);
        }
    }

    fn absence_error(&mut self, t: &Type, span: Span) {
        let shown = self.show(t);
        self.report(
            LangError::new(LangErrorKind::Absence, span, format!("this may be absent (its type is {shown})"))
                .with_help("say what absence means: `x ?? default`, `x is present and …`, or list the field in the rule's `needs:`"),
        );
    }

    pub(super) fn operand_error(&mut self, t: &Type, span: Span, what: &str, wants: &str) {
        let shown = self.show(t);
        self.type_error(
            span,
            format!("{what} needs {wants}, but this is {shown}"),
            format!("give {what} {wants}"),
        );
    }

    pub(crate) fn type_error(
        &mut self,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.report(LangError::new(LangErrorKind::Type, span, message).with_help(help));
    }

    pub(crate) fn show(&self, t: &Type) -> String {
        crate::types::TypeDisplay {
            ty: t,
            schema: &self.schema,
        }
        .to_string()
    }
}

pub(super) fn is_text_literal(e: &ast::Expr) -> bool {
    matches!(e.kind, ExprKind::Literal(Literal::Text(_)))
}

/// A list of constants folds into one constant list.
fn constant_list(items: Vec<Expr>) -> Expr {
    if items.iter().all(|i| matches!(i, Expr::Const(_))) {
        let vals: Vec<Val> = items
            .into_iter()
            .map(|i| match i {
                Expr::Const(v) => Val::new(v),
                _ => Val::new(Value::Absent),
            })
            .collect();
        Expr::Const(Value::List(vals.into()))
    } else {
        Expr::List(items)
    }
}

/// The canonical key of a path expression (a local, a definition, or fields from the root), used
/// to remember which optional paths are known to be present.
pub(crate) fn path_key(c: &Checker, scope: &Scope, e: &ast::Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Name(id) => {
            if let Some((_, _, slot)) = scope.locals.iter().rev().find(|(n, _, _)| *n == id.name) {
                Some(format!("${slot}"))
            } else if c.symbols.contains_key(&id.name) {
                Some(format!("#{}", id.name))
            } else {
                Some(id.name.clone())
            }
        }
        ExprKind::Field(base, f) => path_key(c, scope, base).map(|k| format!("{k}.{}", f.name)),
        _ => None,
    }
}

/// Paths known present when `e` evaluates to `when_true`.
pub(crate) fn presence_facts(
    c: &Checker,
    scope: &Scope,
    e: &ast::Expr,
    when_true: bool,
) -> Vec<String> {
    match (&e.kind, when_true) {
        (ExprKind::Presence(inner, present), _) if *present == when_true => {
            let mut keys = Vec::new();
            let mut cur: &ast::Expr = inner;
            // `a.b.c is present` also means `a.b` and `a` are present.
            loop {
                if let Some(k) = path_key(c, scope, cur) {
                    keys.push(k);
                }
                match &cur.kind {
                    ExprKind::Field(base, _) => cur = base,
                    _ => break,
                }
            }
            keys
        }
        (ExprKind::Binary(BinOp::And, l, r), true) | (ExprKind::Binary(BinOp::Or, l, r), false) => {
            let mut v = presence_facts(c, scope, l, when_true);
            v.extend(presence_facts(c, scope, r, when_true));
            v
        }
        (ExprKind::Not(inner), _) => presence_facts(c, scope, inner, !when_true),
        _ => Vec::new(),
    }
}

pub(crate) use psr_diagnostics::suggest::did_you_mean;
