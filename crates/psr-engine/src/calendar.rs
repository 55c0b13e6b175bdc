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
    let holiday = cal.holidays.binary_search(&d).is_ok();
    Ok(open(cal, d, holiday, || easter_sunday(d.year())))
}

/// Whether `d` (a bank holiday or not, as `holiday` says) is a working day under `cal`'s rules;
/// `easter` gives Easter Sunday of `d`'s year, asked only when Good Friday matters.
fn open(
    cal: &Calendar,
    d: NaiveDate,
    holiday: bool,
    easter: impl FnOnce() -> Option<NaiveDate>,
) -> bool {
    let weekday = d.weekday();
    !(matches!(weekday, Weekday::Sat | Weekday::Sun)
        || holiday
        || (cal.christmas_day && d.month() == 12 && d.day() == 25)
        || (cal.good_friday && easter().is_some_and(|e| e - Duration::days(2) == d))
        || (cal.first_monday_in_may && d.month() == 5 && weekday == Weekday::Mon && d.day() <= 7))
}

/// A calendar's working days counted once, day by day over the years it covers, so that
/// counting and adding working days is a lookup rather than a walk over every day between.
/// Answers exactly what walking day by day with [`is_working_day`] answers, errors included.
#[derive(Clone, Debug)]
pub struct WorkingDays {
    from: NaiveDate,
    until: NaiveDate,
    /// `before[i]`: the working days from `from` up to, not including, the `i`th day after it
    /// (one entry per covered day, plus one for the day after `until`).
    before: Vec<u32>,
}

impl WorkingDays {
    /// The working days of `cal`.
    pub fn new(cal: &Calendar) -> Self {
        let mut before = vec![0u32];
        let mut n = 0u32;
        let mut d = cal.covers_from;
        // The holidays are sorted: one pass over them beside the days, and Easter once a year.
        let from = cal.covers_from;
        let mut holidays = cal
            .holidays
            .iter()
            .skip_while(move |h| **h < from)
            .peekable();
        let mut easter = (d.year(), easter_sunday(d.year()));
        while d <= cal.covers_until {
            let holiday = holidays.next_if(|h| **h == d).is_some();
            while holidays.next_if(|h| **h <= d).is_some() {}
            if easter.0 != d.year() {
                easter = (d.year(), easter_sunday(d.year()));
            }
            if open(cal, d, holiday, || easter.1) {
                n += 1;
            }
            before.push(n);
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
        WorkingDays {
            from: cal.covers_from,
            until: cal.covers_until,
            before,
        }
    }

    /// The position of a covered day in [`Self::before`], or why it is not covered.
    fn day(&self, d: NaiveDate) -> Result<usize, OutOfRange> {
        let i = (d - self.from).num_days();
        match usize::try_from(i) {
            Ok(i) if d <= self.until && i + 1 < self.before.len() => Ok(i),
            _ => Err(self.out(d)),
        }
    }

    fn out(&self, date: NaiveDate) -> OutOfRange {
        OutOfRange {
            date,
            from: self.from,
            until: self.until,
        }
    }

    /// Whether `d` is a working day.
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool, OutOfRange> {
        let i = self.day(d)?;
        Ok(self.before[i + 1] > self.before[i])
    }

    /// The number of working days after `a`, up to and including `b` (0 when `b <= a`).
    pub fn between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64, OutOfRange> {
        if b <= a {
            return Ok(0);
        }
        let (i, j) = (self.day(a)?, self.day(b)?);
        Ok(i64::from(self.before[j + 1] - self.before[i + 1]))
    }

    /// The date `n` working days after `d` (before it when `n` is negative): the `n`th working
    /// day counting from the day after `d`. `d + 0 working days` is `d`. Running off the
    /// calendar is an error about the first day past its end (or before its start).
    pub fn add(&self, d: NaiveDate, n: i64) -> Result<NaiveDate, OutOfRange> {
        let i = self.day(d)?;
        let at = |k: usize| self.from + Duration::days(k as i64);
        if n > 0 {
            // The first day whose count from the day after `d` reaches `n`.
            let target = i64::from(self.before[i + 1]) + n;
            let k = self.before.partition_point(|&c| i64::from(c) < target);
            if k >= self.before.len() {
                return Err(self.out(self.until.succ_opt().unwrap_or(self.until)));
            }
            Ok(at(k - 1))
        } else if n < 0 {
            // The last day before `d` with `-n` working days from it up to `d`.
            let target = i64::from(self.before[i]) + n;
            if target < 0 {
                return Err(self.out(self.from.pred_opt().unwrap_or(self.from)));
            }
            let k = self.before.partition_point(|&c| i64::from(c) <= target);
            Ok(at(k - 1))
        } else {
            Ok(d)
        }
    }
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
        let w = WorkingDays::new(&cal());
        assert_eq!(w.add(d("2024-03-26"), 8), Ok(d("2024-04-09")));
        assert_eq!(w.between(d("2024-03-26"), d("2024-04-09")), Ok(8));
        assert_eq!(w.is_working_day(d("2024-03-29")), Ok(false));
        assert_eq!(w.add(d("2024-04-09"), -8), Ok(d("2024-03-26")));
    }

    #[test]
    fn dates_outside_the_table_are_errors() {
        let c = cal();
        let w = WorkingDays::new(&c);
        assert!(is_working_day(&c, d("2025-01-02")).is_err());
        assert!(w.is_working_day(d("2025-01-02")).is_err());
        assert_eq!(
            w.add(d("2024-12-30"), 5).map_err(|e| e.date),
            Err(d("2025-01-01"))
        );
        assert_eq!(
            w.add(d("2024-01-03"), -5).map_err(|e| e.date),
            Err(d("2023-12-31"))
        );
        assert_eq!(
            w.between(d("2023-12-30"), d("2025-01-02"))
                .map_err(|e| e.date),
            Err(d("2023-12-30"))
        );
    }

    /// Walks day by day, as the definition reads: the table must give the same answers.
    fn walk(c: &Calendar, from: NaiveDate, n: i64) -> Result<NaiveDate, OutOfRange> {
        is_working_day(c, from)?;
        let mut left = n.abs();
        let mut cur = from;
        while left > 0 {
            cur += Duration::days(n.signum());
            if is_working_day(c, cur)? {
                left -= 1;
            }
        }
        Ok(cur)
    }

    #[test]
    fn the_table_answers_what_walking_day_by_day_answers() {
        the_table_walks(&cal());
        let mut other = cal();
        other.christmas_day = false;
        other.good_friday = false;
        other.first_monday_in_may = true;
        other.holidays.retain(|h| *h != d("2024-05-06"));
        the_table_walks(&other);
    }

    fn the_table_walks(c: &Calendar) {
        let w = WorkingDays::new(c);
        let mut a = d("2023-12-25");
        while a <= d("2025-01-05") {
            assert_eq!(w.is_working_day(a), is_working_day(c, a), "{a}");
            for n in [-300, -40, -9, -1, 0, 1, 2, 9, 40, 300] {
                assert_eq!(w.add(a, n), walk(c, a, n), "{a} + {n}");
            }
            let mut b = a;
            for _ in 0..40 {
                let walked = match walk(c, a, 0).and_then(|_| walk(c, b, 0)) {
                    _ if b <= a => Ok(0),
                    Err(e) => Err(e),
                    Ok(_) => {
                        let mut n = 0;
                        let mut x = a;
                        while x < b {
                            x += Duration::days(1);
                            n += i64::from(is_working_day(c, x).unwrap_or(false));
                        }
                        Ok(n)
                    }
                };
                assert_eq!(w.between(a, b), walked, "{a} to {b}");
                b += Duration::days(9);
            }
            a += Duration::days(1);
        }
    }
}
