//! Formats rendered here until they move into psr-render: SARIF, GitHub, JUnit.

use crate::args::OutputFormat;
use psr_render::RunReport;
use std::io::{self, Write};

/// Renders `format`.
pub fn render(format: OutputFormat, report: &RunReport<'_>, out: &mut dyn Write) -> io::Result<()> {
    let _ = format;
    psr_render::json::render(report, out)
}
