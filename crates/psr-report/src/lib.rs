//! psrlint's reports on a register of arrangements:
//!
//! - the **reg 25 annual summary** of an authority's contracting (SI 2023/1348 reg 25(2)(a)-(i)),
//!   counted from the arrangement files as [`reg25`] defines;
//! - the **reg 26 monitoring report**: the checker's findings over the same files, by provision
//!   and authority, with waivers and how each non-compliance is to be addressed ([`reg26`]);
//!
//! in Markdown, HTML, JSON (the versioned schema of docs/report-output.md) and CSV; and the HTML
//! page of `psrlint check --format html` ([`html`]).
//!
//! A register is read with [`register::check_file`], one file at a time (in parallel if the
//! caller likes), then [`build`] makes the [`Report`] and [`render`] writes it.

pub mod build;
pub mod error;
pub mod facts;
pub mod html;
mod markdown;
pub mod model;
pub mod period;
pub mod provider;
pub mod reg25;
pub mod reg26;
pub mod register;
mod tabular;
mod templates;

pub use build::{build, Options};
pub use error::ReportError;
pub use model::Report;
pub use period::Period;
pub use register::{check_file, Entry};

use std::io::Write;

/// A report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// Markdown, ready to publish.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// The JSON report (docs/report-output.md).
    Json,
    /// CSV, one row per authority and one of totals.
    Csv,
}

/// Writes `report` in `format`; `entries` supply the findings' file excerpts for HTML.
pub fn render(
    report: &Report,
    entries: &[Entry],
    format: ReportFormat,
    tool_version: &str,
    out: &mut dyn Write,
) -> Result<(), ReportError> {
    let text = match format {
        ReportFormat::Markdown => markdown::render(report, tool_version)?,
        ReportFormat::Html => html::render_report(report, entries, tool_version)?,
        ReportFormat::Json => {
            let mut s = serde_json::to_string_pretty(report)
                .map_err(|e| ReportError::Render(e.to_string()))?;
            s.push('\n');
            s
        }
        ReportFormat::Csv => tabular::render(report)?,
    };
    Ok(out.write_all(text.as_bytes())?)
}
