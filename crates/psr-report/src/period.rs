//! The reporting period (`--year 2025-26`, or `--from`/`--to`, both days included) and the
//! previous period of the same length that reg 25(2)(g) and (h) compare it with.

use crate::error::ReportError;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

/// A run of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
}

impl Period {
    /// The period from `from` to `to`, both included.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self, ReportError> {
        if to < from {
            return Err(ReportError::PeriodBackwards { from, to });
        }
        Ok(Period { from, to })
    }

    /// The financial year `2025-26`: 1 April 2025 to 31 March 2026.
    pub fn financial_year(text: &str) -> Result<Self, ReportError> {
        let bad = || ReportError::BadYear(text.to_string());
        let (first, second) = text.trim().split_once(['-', '/']).ok_or_else(bad)?;
        let start: i32 = first
            .parse()
            .ok()
            .filter(|_| first.len() == 4)
            .ok_or_else(bad)?;
        let end: i32 = second.parse().map_err(|_| bad())?;
        let follows = match second.len() {
            2 => end == (start + 1) % 100,
            4 => end == start + 1,
            _ => false,
        };
        if !follows {
            return Err(bad());
        }
        let from = NaiveDate::from_ymd_opt(start, 4, 1).ok_or_else(bad)?;
        let to = NaiveDate::from_ymd_opt(start + 1, 3, 31).ok_or_else(bad)?;
        Ok(Period { from, to })
    }

    /// Reads `--year`, or `--from` and `--to`.
    pub fn from_args(
        year: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Self, ReportError> {
        let date = |s: &str| {
            psr_lang::value::parse_date(s).ok_or_else(|| ReportError::BadDate(s.to_string()))
        };
        match (year, from, to) {
            (Some(y), None, None) => Period::financial_year(y),
            (None, Some(f), Some(t)) => Period::new(date(f)?, date(t)?),
            _ => Err(ReportError::NoPeriod),
        }
    }

    /// Whether `d` falls in the period.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// Whether the run of days from `start` to `end` (each open when `None`) has a day in the
    /// period.
    pub fn overlaps(&self, start: Option<NaiveDate>, end: Option<NaiveDate>) -> bool {
        start.is_none_or(|s| s <= self.to) && end.is_none_or(|e| e >= self.from)
    }

    /// The number of days, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// Whether the period is a financial year (1 April to 31 March).
    pub fn is_financial_year(&self) -> bool {
        self.from.month() == 4
            && self.from.day() == 1
            && self.to.month() == 3
            && self.to.day() == 31
            && self.to.year() == self.from.year() + 1
    }

    /// The previous period of the same length: the year before for a financial year (365 or
    /// 366 days as the calendar has it), otherwise the same number of days ending the day
    /// before this one starts.
    pub fn previous(&self) -> Period {
        if self.is_financial_year() {
            let y = self.from.year() - 1;
            if let (Some(from), Some(to)) = (
                NaiveDate::from_ymd_opt(y, 4, 1),
                NaiveDate::from_ymd_opt(y + 1, 3, 31),
            ) {
                return Period { from, to };
            }
        }
        let to = self.from - Duration::days(1);
        Period {
            from: to - Duration::days(self.days() - 1),
            to,
        }
    }

    /// `2025-26` for a financial year, else `2025-04-01 to 2026-03-31`.
    pub fn label(&self) -> String {
        if self.is_financial_year() {
            format!("{}-{:02}", self.from.year(), (self.from.year() + 1) % 100)
        } else {
            format!("{} to {}", self.from, self.to)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        psr_lang::value::parse_date(s).expect("test date")
    }

    #[test]
    fn a_financial_year_runs_from_april_to_march() {
        let p = Period::financial_year("2025-26").expect("valid");
        assert_eq!((p.from, p.to), (d("2025-04-01"), d("2026-03-31")));
        assert_eq!(p.label(), "2025-26");
        let prev = p.previous();
        assert_eq!((prev.from, prev.to), (d("2024-04-01"), d("2025-03-31")));
        assert_eq!(
            Period::financial_year("1999-00").map(|p| p.to).ok(),
            Some(d("2000-03-31"))
        );
    }

    #[test]
    fn bad_years_and_backwards_periods_are_errors() {
        for y in ["2025", "2025-27", "25-26", "2025-2027", "abcd-ef"] {
            assert!(Period::financial_year(y).is_err(), "{y}");
        }
        assert!(matches!(
            Period::new(d("2025-02-01"), d("2025-01-31")),
            Err(ReportError::PeriodBackwards { .. })
        ));
        assert!(matches!(
            Period::from_args(None, Some("2025-01-01"), None),
            Err(ReportError::NoPeriod)
        ));
    }

    #[test]
    fn a_free_period_is_compared_with_as_many_days_before_it() {
        let p = Period::new(d("2025-01-01"), d("2025-01-10")).expect("valid");
        let prev = p.previous();
        assert_eq!((prev.from, prev.to), (d("2024-12-22"), d("2024-12-31")));
        assert!(p.overlaps(None, Some(d("2025-01-01"))));
        assert!(!p.overlaps(Some(d("2025-01-11")), None));
        assert!(p.overlaps(None, None));
    }
}
