//! Working days as reg 12(12) defines them: not a Saturday or Sunday, not Christmas Day, not Good
//! Friday, not a bank holiday, over the calendar table the packs declare. Dates outside the
//! table's years are an error, never a guess.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use psr_lang::Calendar;

/// Why a working-day question cannot be answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutOfRange {
    /// The date asked about.
    pub date: NaiveDate,
    /// The first day the calendar covers.
    pub from: NaiveDate,
    /// The last day the calendar covers.
    pub until: NaiveDate,
}

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is outside the bank-holiday calendar ({} to {}), so working days cannot be counted",
            self.date, self.from, self.until
        )
    }
}

/// Whether `d` is a working day.
pub fn is_working_day(cal: &Calendar, d: NaiveDate) -> Result<bool, OutOfRange> {
    covered(cal, d)?;
    if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        return Ok(false);
    }
    if cal.holidays.binary_search(&d).is_ok() {
        return Ok(false);
    }
    if cal.christmas_day && d.month() == 12 && d.day() == 25 {
        return Ok(false);
    }
    if cal.good_friday && easter_sunday(d.year()).is_some_and(|e| e - Duration::days(2) == d) {
        return Ok(false);
    }
    if cal.first_monday_in_may && d.month() == 5 && d.weekday() == Weekday::Mon && d.day() <= 7 {
        return Ok(false);
    }
    Ok(true)
}

/// The number of working days after `a`, up to and including `b` (0 when `b <= a`).
pub fn working_days_between(cal: &Calendar, a: NaiveDate, b: NaiveDate) -> Result<i64, OutOfRange> {
    if b <= a {
        return Ok(0);
    }
    covered(cal, a)?;
    covered(cal, b)?;
    let mut n = 0;
    let mut d = a;
    while d < b {
        d = d.succ_opt().unwrap_or(d);
        if is_working_day(cal, d)? {
            n += 1;
        }
    }
    Ok(n)
}

/// The date `n` working days after `d` (before it when `n` is negative): the `n`th working day
/// counting from the day after `d`. `d + 0 working days` is `d`.
pub fn add_working_days(cal: &Calendar, d: NaiveDate, n: i64) -> Result<NaiveDate, OutOfRange> {
    covered(cal, d)?;
    let step = if n >= 0 { 1 } else { -1 };
    let mut left = n.abs();
    let mut cur = d;
    while left > 0 {
        cur = cur
            .checked_add_signed(Duration::days(step))
            .ok_or(OutOfRange {
                date: cur,
                from: cal.covers_from,
                until: cal.covers_until,
            })?;
        if is_working_day(cal, cur)? {
            left -= 1;
        }
    }
    Ok(cur)
}

fn covered(cal: &Calendar, d: NaiveDate) -> Result<(), OutOfRange> {
    if d < cal.covers_from || d > cal.covers_until {
        Err(OutOfRange {
            date: d,
            from: cal.covers_from,
            until: cal.covers_until,
        })
    } else {
        Ok(())
    }
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        psr_lang::value::parse_date(s).expect("test date")
    }

    fn cal() -> Calendar {
        Calendar {
            name: "test".into(),
            holidays: vec![
                d("2024-03-29"),
                d("2024-04-01"),
                d("2024-05-06"),
                d("2024-12-25"),
                d("2024-12-26"),
            ],
            christmas_day: true,
            good_friday: true,
            first_monday_in_may: false,
            covers_from: d("2024-01-01"),
            covers_until: d("2024-12-31"),
        }
    }

    #[test]
    fn easter_dates_are_right() {
        assert_eq!(easter_sunday(2024), Some(d("2024-03-31")));
        assert_eq!(easter_sunday(2025), Some(d("2025-04-20")));
        assert_eq!(easter_sunday(2026), Some(d("2026-04-05")));
    }

    #[test]
    fn standstill_over_easter_skips_good_friday_and_easter_monday() {
        // Intention notice Tuesday 26 March 2024: 8 working days after it, skipping 29 March,
        // 1 April and the weekends, is Monday 8 April... counted: 27, 28, 2, 3, 4, 5, 8, 9.
        let c = cal();
        assert_eq!(
            add_working_days(&c, d("2024-03-26"), 8),
            Ok(d("2024-04-09"))
        );
        assert_eq!(
            working_days_between(&c, d("2024-03-26"), d("2024-04-09")),
            Ok(8)
        );
        assert_eq!(is_working_day(&c, d("2024-03-29")), Ok(false));
        assert_eq!(
            add_working_days(&c, d("2024-04-09"), -8),
            Ok(d("2024-03-26"))
        );
    }

    #[test]
    fn dates_outside_the_table_are_errors() {
        let c = cal();
        assert!(is_working_day(&c, d("2025-01-02")).is_err());
        assert!(add_working_days(&c, d("2024-12-30"), 5).is_err());
    }
}
