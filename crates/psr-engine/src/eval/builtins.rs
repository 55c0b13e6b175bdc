//! The built-in functions (`working_days_between`, `add_months`, `len`, `files_with_reference`,
//! ...), applied to evaluated arguments.

use super::values::{checked, compare, div, overflow, unexpected};
use super::{EvalError, Evaluator, R};
use chrono::Datelike;
use psr_lang::{Builtin, Expr, Val, Value};
use rust_decimal::Decimal as Dec;
use std::cmp::Ordering;
use std::sync::Arc;

impl Evaluator<'_> {
    pub(super) fn builtin(&mut self, b: Builtin, args: &[Expr]) -> R<Val> {
        if let (Builtin::FilesWithReference, [arg]) = (b, args) {
            return self.files_with_reference(arg);
        }
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            vals.push(self.eval(a)?.value);
        }
        let date = |v: &Value| match v {
            Value::Date(d) => Ok(*d),
            other => Err(unexpected("a date", other)),
        };
        Ok(Val::new(match (b, vals.as_slice()) {
            (Builtin::Len, [Value::List(items)]) => Value::Integer(items.len() as i64),
            (Builtin::WorkingDaysBetween, [a, c]) => Value::WorkingDays(
                self.working_days()?
                    .between(date(a)?, date(c)?)
                    .map_err(|e| EvalError(e.to_string()))?,
            ),
            (Builtin::IsWorkingDay, [a]) => Value::Bool(
                self.working_days()?
                    .is_working_day(date(a)?)
                    .map_err(|e| EvalError(e.to_string()))?,
            ),
            (Builtin::Year, [a]) => Value::Integer(i64::from(date(a)?.year())),
            (Builtin::Month, [a]) => Value::Integer(i64::from(date(a)?.month())),
            (Builtin::Day, [a]) => Value::Integer(i64::from(date(a)?.day())),
            (Builtin::Min, [a, c]) => {
                if compare(a, c)? == Ordering::Greater {
                    c.clone()
                } else {
                    a.clone()
                }
            }
            (Builtin::Max, [a, c]) => {
                if compare(a, c)? == Ordering::Less {
                    c.clone()
                } else {
                    a.clone()
                }
            }
            (Builtin::PercentOf, [Value::Money(p), Value::Money(w)]) => {
                Value::Percent(div(checked(p.checked_mul(Dec::ONE_HUNDRED))?, *w)?)
            }
            (Builtin::AddYears | Builtin::AddMonths, [Value::Date(d), Value::Integer(n)]) => {
                let months = if b == Builtin::AddYears {
                    n.checked_mul(12).ok_or_else(overflow)?
                } else {
                    *n
                };
                let m = chrono::Months::new(
                    u32::try_from(months.unsigned_abs()).map_err(|_| overflow())?,
                );
                let moved = if months >= 0 {
                    d.checked_add_months(m)
                } else {
                    d.checked_sub_months(m)
                };
                Value::Date(moved.ok_or_else(overflow)?)
            }
            (Builtin::Item, [Value::List(items), Value::Integer(i)]) => {
                return Ok(usize::try_from(*i)
                    .ok()
                    .and_then(|i| items.get(i))
                    .cloned()
                    .unwrap_or(Val::new(Value::Absent)));
            }
            (Builtin::Item, [Value::Absent, _]) => Value::Absent,
            (Builtin::Lower, [Value::Text(t)]) => Value::Text(t.to_lowercase().into()),
            (Builtin::Prefix, [Value::Text(t), Value::Integer(n)]) => {
                let n = usize::try_from(*n).unwrap_or(0);
                Value::Text(t.chars().take(n).collect::<String>().into())
            }
            (Builtin::Trim, [Value::Text(t)]) => {
                Value::Text(t.split_whitespace().collect::<Vec<_>>().join(" ").into())
            }
            (_, [first, ..]) => return Err(unexpected("an argument of the right type", first)),
            _ => {
                return Err(EvalError(
                    "a built-in function was called without arguments".into(),
                ))
            }
        }))
    }

    /// `files_with_reference(r)`: the run's files with reference `r`; none when `r` is absent.
    fn files_with_reference(&mut self, arg: &Expr) -> R<Val> {
        let key = self.eval(arg)?;
        Ok(Val::new(match (&key.value, self.run) {
            (Value::Text(t), Some(run)) => run.files_with_reference(t).ok_or_else(|| {
                EvalError(format!(
                    "the files with reference `{t}` were not collected: a reference read from another file is not followed"
                ))
            })?,
            (Value::Text(t), None) => {
                self.wants.push(Arc::clone(t));
                Value::List(Vec::new().into())
            }
            (Value::Absent, _) => Value::List(Vec::new().into()),
            (other, _) => return Err(unexpected("a text", other)),
        }))
    }
}
