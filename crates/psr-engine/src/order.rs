//! Ordering two values of one ordered type, for the bounds a schema declares on fields.

use psr_lang::Value;

/// How two present values of one ordered type compare; `None` when either is absent.
pub(crate) fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::Integer(x), Value::Integer(y))
        | (Value::Days(x), Value::Days(y))
        | (Value::WorkingDays(x), Value::WorkingDays(y)) => Some(x.cmp(y)),
        (Value::Decimal(x), Value::Decimal(y))
        | (Value::Money(x), Value::Money(y))
        | (Value::Percent(x), Value::Percent(y)) => Some(x.cmp(y)),
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        _ => None,
    }
}
