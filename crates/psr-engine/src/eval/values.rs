//! Operations on values: arithmetic on money, percentages, days and dates; ordering; list
//! membership; truth; and the errors they give.

use super::{EvalError, Evaluator, R};
use chrono::Duration;
use psr_lang::{ArithOp, QuantKind, Val, Value};
use rust_decimal::Decimal as Dec;
use std::cmp::Ordering;

impl Evaluator<'_> {
    pub(super) fn arith(&self, op: ArithOp, x: Value, y: Value) -> R<Value> {
        use Value::*;
        let dec = |v: &Value| match v {
            Integer(n) => Some(Dec::from(*n)),
            Decimal(d) => Some(*d),
            _ => None,
        };
        Ok(match (op, &x, &y) {
            (ArithOp::Add, Text(a), Text(b)) => Text(format!("{a}{b}").into()),
            (ArithOp::Add, List(a), List(b)) => List(a.iter().chain(b.iter()).cloned().collect()),
            (ArithOp::Add, Integer(a), Integer(b)) => {
                Integer(a.checked_add(*b).ok_or_else(overflow)?)
            }
            (ArithOp::Sub, Integer(a), Integer(b)) => {
                Integer(a.checked_sub(*b).ok_or_else(overflow)?)
            }
            (ArithOp::Mul, Integer(a), Integer(b)) => {
                Integer(a.checked_mul(*b).ok_or_else(overflow)?)
            }
            (ArithOp::Add, Money(a), Money(b)) => Money(checked(a.checked_add(*b))?),
            (ArithOp::Sub, Money(a), Money(b)) => Money(checked(a.checked_sub(*b))?),
            (ArithOp::Add, Percent(a), Percent(b)) => Percent(checked(a.checked_add(*b))?),
            (ArithOp::Sub, Percent(a), Percent(b)) => Percent(checked(a.checked_sub(*b))?),
            (ArithOp::Add, Days(a), Days(b)) => Days(a.checked_add(*b).ok_or_else(overflow)?),
            (ArithOp::Sub, Days(a), Days(b)) => Days(a.checked_sub(*b).ok_or_else(overflow)?),
            (ArithOp::Add, WorkingDays(a), WorkingDays(b)) => {
                WorkingDays(a.checked_add(*b).ok_or_else(overflow)?)
            }
            (ArithOp::Sub, WorkingDays(a), WorkingDays(b)) => {
                WorkingDays(a.checked_sub(*b).ok_or_else(overflow)?)
            }
            (ArithOp::Add | ArithOp::Sub, Date(d), Days(n)) | (ArithOp::Add, Days(n), Date(d)) => {
                let n = if op == ArithOp::Sub { -*n } else { *n };
                Date(
                    d.checked_add_signed(Duration::try_days(n).ok_or_else(overflow)?)
                        .ok_or_else(overflow)?,
                )
            }
            (ArithOp::Add | ArithOp::Sub, Date(d), WorkingDays(n))
            | (ArithOp::Add, WorkingDays(n), Date(d)) => {
                let n = if op == ArithOp::Sub { -*n } else { *n };
                Date(
                    self.working_days()?
                        .add(*d, n)
                        .map_err(|e| EvalError(e.to_string()))?,
                )
            }
            (ArithOp::Sub, Date(a), Date(b)) => Days((*a - *b).num_days()),
            (ArithOp::Mul, Money(m), Percent(p)) | (ArithOp::Mul, Percent(p), Money(m)) => {
                Money(checked(m.checked_mul(*p))? / Dec::ONE_HUNDRED)
            }
            (ArithOp::Mul, Money(m), o) | (ArithOp::Mul, o, Money(m)) if dec(o).is_some() => {
                Money(checked(m.checked_mul(dec(o).unwrap_or_default()))?)
            }
            (ArithOp::Mul, Percent(p), o) | (ArithOp::Mul, o, Percent(p)) if dec(o).is_some() => {
                Percent(checked(p.checked_mul(dec(o).unwrap_or_default()))?)
            }
            (ArithOp::Mul, Days(d), Integer(n)) | (ArithOp::Mul, Integer(n), Days(d)) => {
                Days(d.checked_mul(*n).ok_or_else(overflow)?)
            }
            (ArithOp::Div, Money(a), Money(b)) => {
                Percent(div(checked(a.checked_mul(Dec::ONE_HUNDRED))?, *b)?)
            }
            (ArithOp::Div, Money(a), o) if dec(o).is_some() => {
                Money(div(*a, dec(o).unwrap_or_default())?)
            }
            (ArithOp::Div, Percent(a), o) if dec(o).is_some() => {
                Percent(div(*a, dec(o).unwrap_or_default())?)
            }
            (_, a, b) if dec(a).is_some() && dec(b).is_some() => {
                let (a, b) = (dec(a).unwrap_or_default(), dec(b).unwrap_or_default());
                Decimal(match op {
                    ArithOp::Add => checked(a.checked_add(b))?,
                    ArithOp::Sub => checked(a.checked_sub(b))?,
                    ArithOp::Mul => checked(a.checked_mul(b))?,
                    ArithOp::Div => div(a, b)?,
                })
            }
            (_, Absent, _) | (_, _, Absent) => {
                return Err(EvalError(
                    "a value the rule relies on is not recorded".into(),
                ))
            }
            (_, a, _) => return Err(unexpected("a number", a)),
        })
    }
}

/// Whether `v` is an element of the list `list`.
pub(super) fn member(v: &Value, list: &Value) -> R<bool> {
    let Value::List(items) = list else {
        return Err(unexpected("a list", list));
    };
    for i in items.iter() {
        // Enum and text values, what lists of codes hold, are compared in place.
        let equal = match (v, &i.value) {
            (Value::Enum(a), Value::Enum(b)) => a == b,
            (Value::Text(a), Value::Text(b)) => a == b,
            (a, b) => compare(a, b)? == Ordering::Equal,
        };
        if equal {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A condition's value: `true` or `false`, else why it cannot be decided.
pub(super) fn truth(v: &Value) -> R<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::Absent => Err(EvalError(
            "a value the rule relies on is not recorded".into(),
        )),
        other => Err(unexpected("true or false", other)),
    }
}

/// What a quantifier gives when no element satisfies its condition.
pub(super) fn empty_result(kind: QuantKind) -> Val {
    Val::new(match kind {
        QuantKind::Any => Value::Bool(false),
        QuantKind::All => Value::Bool(true),
        QuantKind::Count => Value::Integer(0),
        QuantKind::Select => Value::List(Vec::new().into()),
        QuantKind::First | QuantKind::Sum => Value::Absent,
    })
}

pub(super) fn div(a: Dec, b: Dec) -> R<Dec> {
    if b.is_zero() {
        return Err(EvalError(
            "a division by zero (a value of £0 or 0 was divided by)".into(),
        ));
    }
    checked(a.checked_div(b))
}

pub(super) fn checked(d: Option<Dec>) -> R<Dec> {
    d.ok_or_else(overflow)
}

pub(super) fn overflow() -> EvalError {
    EvalError("a number too large to compute with".into())
}

pub(super) fn unexpected(want: &str, got: &Value) -> EvalError {
    if matches!(got, Value::Absent) {
        EvalError("a value the rule relies on is not recorded".into())
    } else {
        EvalError(format!("expected {want} while evaluating the rule"))
    }
}

/// Orders two values of one type.
pub fn compare(a: &Value, b: &Value) -> R<Ordering> {
    use Value::*;
    Ok(match (a, b) {
        (Bool(x), Bool(y)) => x.cmp(y),
        (Integer(x), Integer(y)) => x.cmp(y),
        (Decimal(x), Decimal(y)) | (Money(x), Money(y)) | (Percent(x), Percent(y)) => x.cmp(y),
        (Integer(x), Decimal(y)) => Dec::from(*x).cmp(y),
        (Decimal(x), Integer(y)) => x.cmp(&Dec::from(*y)),
        (Date(x), Date(y)) => x.cmp(y),
        (Days(x), Days(y)) | (WorkingDays(x), WorkingDays(y)) => x.cmp(y),
        (Text(x), Text(y)) => x.cmp(y),
        (Enum(x), Enum(y)) => x.cmp(y),
        (Absent, _) | (_, Absent) => {
            return Err(EvalError(
                "a value the rule relies on is not recorded".into(),
            ))
        }
        _ => {
            return Err(EvalError(
                "two values of different kinds were compared".into(),
            ))
        }
    })
}
