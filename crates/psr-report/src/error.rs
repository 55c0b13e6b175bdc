//! What can stop a report from being made: the period and authority asked for.

use chrono::NaiveDate;

/// A report that cannot be made as asked.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ReportError {
    /// `--to` before `--from`.
    #[error("the period ends on {to}, before it starts on {from}")]
    #[diagnostic(
        code(RPT001),
        help("give the first day with --from and the last day with --to (both included)")
    )]
    PeriodBackwards {
        /// The first day asked for.
        from: NaiveDate,
        /// The last day asked for.
        to: NaiveDate,
    },
    /// `--year` not written `2025-26`.
    #[error("`--year {0}` is not a financial year")]
    #[diagnostic(
        code(RPT002),
        help("write the financial year as YYYY-YY, for example `--year 2025-26` for 1 April 2025 to 31 March 2026")
    )]
    BadYear(String),
    /// A date that is not `YYYY-MM-DD`.
    #[error("`{0}` is not a date")]
    #[diagnostic(code(RPT003), help("write dates as YYYY-MM-DD"))]
    BadDate(String),
    /// Neither `--year` nor both of `--from` and `--to`.
    #[error("no reporting period was given")]
    #[diagnostic(
        code(RPT004),
        help("give --year 2025-26 (1 April to 31 March), or --from DATE and --to DATE")
    )]
    NoPeriod,
    /// `--authority` names no authority of the register.
    #[error("no arrangement in the register is made by an authority with the ODS code `{code}`")]
    #[diagnostic(code(RPT005), help("{help}"))]
    UnknownAuthority {
        /// The code asked for.
        code: String,
        /// The codes the register has.
        help: String,
    },
    /// The report could not be written.
    #[error("cannot write the report")]
    #[diagnostic(code(RPT006))]
    Write(#[from] std::io::Error),
    /// The template engine failed (a bug in psrlint's templates).
    #[error("cannot render the report: {0}")]
    #[diagnostic(code(RPT007))]
    Render(String),
}
