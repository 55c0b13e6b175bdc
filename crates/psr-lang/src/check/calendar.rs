//! Checking the working-day calendar: one per program, over a column of holiday dates.

use super::*;
use crate::value::{Val, Value};
use chrono::Datelike;

impl Checker {
    /// Builds the working-day calendar from its holiday table.
    pub(crate) fn check_calendar(&mut self) {
        let Some((fid, decl)) = self.calendar_decl.clone() else {
            return;
        };
        self.current_file = fid;
        let Some((table, column)) = &decl.holidays else {
            self.report(
                LangError::new(
                    LangErrorKind::Calendar,
                    decl.name.span,
                    "the calendar has no `holidays:` column",
                )
                .with_help("write `holidays: TABLE.COLUMN`, a date column of a table"),
            );
            return;
        };
        let Some(super::SymbolKind::Table(tid)) = self.lookup(fid, &table.name, table.span) else {
            self.report(
                LangError::new(
                    LangErrorKind::UnknownName,
                    table.span,
                    format!("unknown table `{}`", table.name),
                )
                .with_help("declare the holiday table with `table`"),
            );
            return;
        };
        let row = self
            .schema
            .record(self.tables[tid as usize].row_type)
            .clone();
        let Some(ci) = row.field_index(&column.name) else {
            self.report(
                LangError::new(
                    LangErrorKind::UnknownName,
                    column.span,
                    format!("`{}` has no column `{}`", table.name, column.name),
                )
                .with_help("name a date column of the table"),
            );
            return;
        };
        if row.fields[ci].ty != Type::Date {
            self.report(
                LangError::new(
                    LangErrorKind::Calendar,
                    column.span,
                    "the holidays column must have type date",
                )
                .with_help("declare the column as `date`"),
            );
            return;
        }
        let mut holidays: Vec<chrono::NaiveDate> = Vec::new();
        if let Value::List(rows) = &self.tables[tid as usize].rows {
            for r in rows.iter() {
                if let Value::Record(cells) = &r.value {
                    if let Some(Val {
                        value: Value::Date(d),
                        ..
                    }) = cells.get(ci)
                    {
                        holidays.push(*d);
                    }
                }
            }
        }
        holidays.sort();
        holidays.dedup();
        let (Some(first), Some(last)) = (holidays.first().copied(), holidays.last().copied())
        else {
            self.report(
                LangError::new(
                    LangErrorKind::Calendar,
                    table.span,
                    "the holiday table is empty",
                )
                .with_help("a calendar needs at least one year of holidays"),
            );
            return;
        };
        let mut cal = Calendar {
            name: decl.name.name.clone(),
            holidays,
            christmas_day: false,
            good_friday: false,
            first_monday_in_may: false,
            covers_from: chrono::NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first),
            covers_until: chrono::NaiveDate::from_ymd_opt(last.year(), 12, 31).unwrap_or(last),
        };
        for extra in &decl.extra_closed_days {
            match extra.value.as_str() {
                "christmas-day" => cal.christmas_day = true,
                "good-friday" => cal.good_friday = true,
                "first-monday-in-may" => cal.first_monday_in_may = true,
                other => self.report(
                    LangError::new(
                        LangErrorKind::Calendar,
                        extra.span,
                        format!("`{other}` is not a closed day psrlint knows"),
                    )
                    .with_help("use `christmas-day`, `good-friday` or `first-monday-in-may`"),
                ),
            }
        }
        self.calendar = Some(cal);
    }
}
