//! Runtime values: what rules compute with. Exact decimals for money and percentages, calendar
//! dates, and for values read from an arrangement, where they came from ([`Origin`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Where a value was read from: an index into the arrangement's table of locations, or nowhere
/// (a literal, a table row, a computed value).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Origin(pub u32);

impl Origin {
    /// A value that was not read from the arrangement.
    pub const NONE: Origin = Origin(u32::MAX);

    /// The location index, when the value was read from the arrangement.
    pub fn index(self) -> Option<usize> {
        (self != Origin::NONE).then_some(self.0 as usize)
    }
}

/// A value and where it came from.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Val {
    /// The value.
    pub value: Value,
    /// Where it came from. For an absent field: the record it is missing from.
    pub origin: Origin,
}

impl Val {
    /// A value from nowhere in particular.
    pub fn new(value: Value) -> Self {
        Val {
            value,
            origin: Origin::NONE,
        }
    }

    /// A value read from `origin`.
    pub fn at(value: Value, origin: Origin) -> Self {
        Val { value, origin }
    }
}

/// A value of the language.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    /// An absent optional value.
    Absent,
    /// `bool`
    Bool(bool),
    /// `integer`
    Integer(i64),
    /// `decimal`
    Decimal(Decimal),
    /// `money`, in pounds.
    Money(Decimal),
    /// `percent`, in percentage points (`25%` is 25).
    Percent(Decimal),
    /// `date`
    Date(NaiveDate),
    /// `days`
    Days(i64),
    /// `working days`
    WorkingDays(i64),
    /// `text`
    Text(Arc<str>),
    /// An enum value: the index of the value in its enum.
    Enum(u32),
    /// A list.
    List(Arc<[Val]>),
    /// A record: field values in declaration order (absent ones as [`Value::Absent`]).
    Record(Arc<[Val]>),
}

impl Value {
    /// Whether the value is present.
    pub fn is_present(&self) -> bool {
        !matches!(self, Value::Absent)
    }
}

/// Reads an exact decimal written with digits, an optional sign, `.` and thousands separators
/// (`,`), and an optional leading `£`. Never goes through a float.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    let t = t.strip_prefix('£').unwrap_or(t);
    let (neg, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.strip_prefix('£').unwrap_or(rest)),
        None => (false, t),
    };
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    if t.contains(',') && !valid_grouping(t) {
        return None;
    }
    let cleaned: String = t.chars().filter(|c| *c != ',').collect();
    if cleaned.starts_with('.') || cleaned.ends_with('.') || cleaned.matches('.').count() > 1 {
        return None;
    }
    let d: Decimal = cleaned.parse().ok()?;
    Some(if neg { -d } else { d })
}

fn valid_grouping(t: &str) -> bool {
    let int = t.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int.split(',').collect();
    groups
        .first()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.chars().all(|c| c.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3)
        && !t.split('.').nth(1).is_some_and(|f| f.contains(','))
}

/// Reads a `YYYY-MM-DD` calendar date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<u32>().ok());
    let y = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(y, num(5..7)?, num(8..10)?)
}

/// Writes money as users read it: `£1,100,000`, or `£1,100,000.50` when there are pence.
pub fn format_money(amount: Decimal) -> String {
    let neg = amount.is_sign_negative() && !amount.is_zero();
    let abs = amount.abs();
    let rounded = abs.round_dp(2);
    let whole = rounded.trunc();
    let frac = rounded - whole;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let pence = if frac.is_zero() {
        String::new()
    } else {
        let p = (frac * Decimal::from(100)).trunc();
        format!(".{:02}", p)
    };
    format!("{}£{}{}", if neg { "-" } else { "" }, grouped, pence)
}

/// Writes a percentage: `25%`, `12.5%`.
pub fn format_percent(p: Decimal) -> String {
    format!("{}%", p.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_exact_and_grouping_is_checked() {
        assert_eq!(
            parse_decimal("£1,100,000").map(format_money).as_deref(),
            Some("£1,100,000")
        );
        assert_eq!(
            parse_decimal("1100000.5").map(format_money).as_deref(),
            Some("£1,100,000.50")
        );
        assert_eq!(
            parse_decimal("0.1").map(|d| d + parse_decimal("0.2").unwrap_or_default()),
            parse_decimal("0.3")
        );
        assert_eq!(parse_decimal("1,00,000"), None);
        assert_eq!(parse_decimal("12abc"), None);
        assert_eq!(parse_decimal("."), None);
        assert_eq!(format_percent(Decimal::new(125, 1)), "12.5%");
    }

    #[test]
    fn dates_must_exist() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2023-02-29").is_none());
        assert!(parse_date("2024-1-01").is_none());
    }
}
