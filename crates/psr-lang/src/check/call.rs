//! Checking calls: of functions the packs define, and of the built-in functions of
//! [`crate::builtin::BUILTINS`] (their names, arity and argument types).

use super::expr::{did_you_mean, Scope};
use super::{Checker, SymbolKind};
use crate::ast;
use crate::diagnostics::{LangError, LangErrorKind};
use crate::program::{Builtin, Expr};
use crate::types::Type;
use crate::value::Value;
use psr_source::Span;

impl Checker {
    pub(super) fn call(
        &mut self,
        scope: &mut Scope,
        name: &ast::Ident,
        args: &[ast::Expr],
        span: Span,
    ) -> (Expr, Type) {
        if let Some(SymbolKind::Def(d)) = self.lookup(scope.file, &name.name, name.span) {
            let Some(param_types) = self.def_signature(d) else {
                self.type_error(
                    name.span,
                    format!(
                        "`{}` is a definition, not a function: use it without `( )`",
                        name.name
                    ),
                    "remove the arguments",
                );
                return (Expr::Const(Value::Absent), Type::Error);
            };
            let ret = self.def_type(d, name.span);
            if param_types.len() != args.len() {
                self.type_error(
                    span,
                    format!(
                        "`{}` takes {} argument(s), but {} are given",
                        name.name,
                        param_types.len(),
                        args.len()
                    ),
                    "match the function's parameters",
                );
            }
            let mut compiled = Vec::new();
            for (arg, pt) in args.iter().zip(param_types.iter()) {
                let (c, t) = self.expr_expecting(scope, arg, Some(pt));
                self.want(pt, &t, arg.span);
                compiled.push(c);
            }
            return (Expr::Call(d, compiled), ret);
        }
        let builtin = match Builtin::from_name(&name.name) {
            Some(b) => b,
            None => {
                let mut names: Vec<String> =
                    Builtin::ALL.iter().map(|b| b.name().to_string()).collect();
                names.extend(self.symbols.keys().cloned());
                let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                let help = did_you_mean(&name.name, &refs)
                    .unwrap_or_else(|| "see docs/language.md for the built-in functions".into());
                self.report(
                    LangError::new(
                        LangErrorKind::UnknownName,
                        name.span,
                        format!("unknown function `{}`", name.name),
                    )
                    .with_help(help),
                );
                for a in args {
                    self.expr(scope, a);
                }
                return (Expr::Const(Value::Absent), Type::Error);
            }
        };
        let checked: Vec<(Expr, Type, Span)> = args
            .iter()
            .map(|a| {
                let (c, t) = self.expr(scope, a);
                (c, t, a.span)
            })
            .collect();
        let want_n = builtin.arity();
        if checked.len() != want_n {
            self.type_error(
                span,
                format!(
                    "`{}` takes {want_n} argument(s), but {} are given",
                    name.name,
                    checked.len()
                ),
                "see docs/language.md for the built-in functions",
            );
            return (Expr::Const(Value::Absent), Type::Error);
        }
        let ty = match builtin {
            Builtin::Len => {
                if !matches!(checked[0].1, Type::List(_) | Type::Error) {
                    self.operand_error(&checked[0].1, checked[0].2, "`len`", "a list");
                }
                Type::Integer
            }
            Builtin::WorkingDaysBetween
            | Builtin::IsWorkingDay
            | Builtin::Year
            | Builtin::Month
            | Builtin::Day => {
                for (_, t, s) in &checked {
                    self.want(&Type::Date, t, *s);
                }
                if self.calendar_decl.is_none()
                    && matches!(builtin, Builtin::WorkingDaysBetween | Builtin::IsWorkingDay)
                {
                    self.report(
                        LangError::new(LangErrorKind::Calendar, span, "working days need a calendar, and none is declared")
                            .with_help("declare `calendar NAME { holidays: TABLE.COLUMN }` in a pack this file uses"),
                    );
                }
                match builtin {
                    Builtin::WorkingDaysBetween => Type::WorkingDays,
                    Builtin::IsWorkingDay => Type::Bool,
                    _ => Type::Integer,
                }
            }
            Builtin::Min | Builtin::Max => {
                let (a, b) = (&checked[0].1, &checked[1].1);
                if !a.is_ordered() {
                    self.operand_error(
                        a,
                        checked[0].2,
                        "`min`/`max`",
                        "values that can be ordered",
                    );
                }
                self.want(a, b, checked[1].2);
                a.clone()
            }
            Builtin::PercentOf => {
                self.want(&Type::Money, &checked[0].1, checked[0].2);
                self.want(&Type::Money, &checked[1].1, checked[1].2);
                Type::Percent
            }
            Builtin::Lower | Builtin::Trim => {
                self.want(&Type::Text, &checked[0].1, checked[0].2);
                Type::Text
            }
            Builtin::Prefix => {
                self.want(&Type::Text, &checked[0].1, checked[0].2);
                self.want(&Type::Integer, &checked[1].1, checked[1].2);
                Type::Text
            }
            Builtin::AddYears | Builtin::AddMonths => {
                self.want(&Type::Date, &checked[0].1, checked[0].2);
                self.want(&Type::Integer, &checked[1].1, checked[1].2);
                Type::Date
            }
            Builtin::FilesWithReference => {
                let arg = checked[0].1.strip_optional().clone();
                self.want(&Type::Text, &arg, checked[0].2);
                self.referenced_root(span)
            }
            Builtin::Item => {
                self.want(&Type::Integer, &checked[1].1, checked[1].2);
                match &checked[0].1 {
                    Type::List(t) => (**t).clone().optional(),
                    Type::Error => Type::Error,
                    other => {
                        let other = other.clone();
                        self.operand_error(&other, checked[0].2, "`item`", "a list");
                        Type::Error
                    }
                }
            }
        };
        (
            Expr::Builtin(builtin, checked.into_iter().map(|(c, _, _)| c).collect()),
            ty,
        )
    }

    /// The type `files_with_reference` gives: a list of the schema's root record, which must have
    /// `arrangement.reference` (text), the key the host finds the files by.
    pub(super) fn referenced_root(&mut self, span: Span) -> Type {
        let Some(root) = self.schema.root else {
            self.report(
                LangError::new(
                    LangErrorKind::Schema,
                    span,
                    "`files_with_reference` needs the schema's `root`, and none is declared",
                )
                .with_help("declare `root NAME` in a pack this file uses"),
            );
            return Type::Error;
        };
        let keyed = {
            let r = self.schema.record(root);
            r.field_index("arrangement")
                .and_then(|a| match r.fields[a].ty.strip_optional() {
                    Type::Record(id) => Some(*id),
                    _ => None,
                })
                .and_then(|id| {
                    let arr = self.schema.record(id);
                    arr.field_index("reference")
                        .map(|f| *arr.fields[f].ty.strip_optional() == Type::Text)
                })
                .unwrap_or(false)
        };
        if !keyed {
            self.report(
                LangError::new(
                    LangErrorKind::Schema,
                    span,
                    "`files_with_reference` finds files by `arrangement.reference`, which the schema's root does not declare as text",
                )
                .with_help("declare `arrangement: RECORD` on the root, with `reference: text` in it"),
            );
            return Type::Error;
        }
        Type::List(Box::new(Type::Record(root)))
    }
}
