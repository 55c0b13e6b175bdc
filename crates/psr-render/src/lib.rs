//! Renderers for psrlint's results, one module per `--format`. Each writes to a `&mut dyn Write`
//! and knows nothing about rules beyond what a [`Finding`](psr_engine::Finding) carries.

pub mod concise;
pub mod human;
pub mod json;
mod run;

pub use run::{Format, RunReport, Summary};

use std::io::{self, Write};

/// Writes `report` in `format`.
pub fn render(
    format: Format,
    report: &RunReport<'_>,
    options: &human::HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(report, options, out),
        Format::Concise => concise::render(report, out),
        Format::Json => json::render(report, out),
    }
}
