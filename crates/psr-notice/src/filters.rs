//! The filters templates write values with: money in pounds (exact, never rounded), dates in
//! words, lists in a sentence.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::str::FromStr;

/// `"1100000"` → `£1,100,000`; `"4501923.5"` → `£4,501,923.50`. Text that is not a decimal is
/// left as it is.
pub fn money(value: String) -> String {
    let Ok(d) = Decimal::from_str(value.trim()) else {
        return value;
    };
    let negative = d.is_sign_negative() && !d.is_zero();
    let text = d.abs().to_string();
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let pence = match fraction {
        Some(f) if f.len() == 1 => format!(".{f}0"),
        Some(f) => format!(".{f}"),
        None => String::new(),
    };
    format!("{}£{grouped}{pence}", if negative { "-" } else { "" })
}

/// `"2024-04-10"` → `10 April 2024`.
pub fn long_date(value: String) -> String {
    match NaiveDate::from_str(value.trim()) {
        Ok(d) => format!("{} {} {}", d.day(), month_name(d.month()), d.year()),
        Err(_) => value,
    }
}

/// `"2024-04-10"` → `Wednesday 10 April 2024`.
pub fn day_date(value: String) -> String {
    match NaiveDate::from_str(value.trim()) {
        Ok(d) => format!("{} {}", weekday_name(d.weekday()), long_date(value)),
        Err(_) => value,
    }
}

/// Text ending as a sentence: a full stop added unless it already ends with `.`, `!` or `?`.
pub fn sentence(value: String) -> String {
    let t = value.trim_end();
    if t.is_empty() || t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// `["A", "B", "C"]` → `A, B and C`.
pub fn and_list(values: Vec<String>) -> String {
    match values.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn month_name(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get(m.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

fn weekday_name(w: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match w {
        Mon => "Monday",
        Tue => "Tuesday",
        Wed => "Wednesday",
        Thu => "Thursday",
        Fri => "Friday",
        Sat => "Saturday",
        Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_exact_and_grouped() {
        assert_eq!(money("1100000".into()), "£1,100,000");
        assert_eq!(money("4501923.5".into()), "£4,501,923.50");
        assert_eq!(money("999.99".into()), "£999.99");
        assert_eq!(money("0.01".into()), "£0.01");
        assert_eq!(money("-250000".into()), "-£250,000");
        assert_eq!(money("123456789012.345".into()), "£123,456,789,012.345");
        assert_eq!(money("not money".into()), "not money");
    }

    #[test]
    fn dates_and_lists_read_as_words() {
        assert_eq!(long_date("2024-04-10".into()), "10 April 2024");
        assert_eq!(day_date("2024-04-10".into()), "Wednesday 10 April 2024");
        assert_eq!(sentence("Recused".into()), "Recused.");
        assert_eq!(sentence("Recused.".into()), "Recused.");
        assert_eq!(and_list(vec![]), "");
        assert_eq!(and_list(vec!["A".into()]), "A");
        assert_eq!(
            and_list(vec!["A".into(), "B".into(), "C".into()]),
            "A, B and C"
        );
    }
}
