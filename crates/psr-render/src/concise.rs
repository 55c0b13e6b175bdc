//! `--format concise`: one line per finding, `path:line:col: CODE severity: message` (the path
//! and message made printable, on one line).

use crate::safe::printable;
use crate::RunReport;
use std::io::{self, Write};

/// Writes one line per finding, then nothing else.
pub fn render(report: &RunReport<'_>, out: &mut dyn Write) -> io::Result<()> {
    for file in report.files {
        for f in &file.findings {
            let lc = file.line_col(f.span.map_or(0, |s| s.start));
            let waived = if f.waived.is_some() { " (waived)" } else { "" };
            writeln!(
                out,
                "{}:{}:{}: {} {}: {}{}",
                printable(&file.path, true),
                lc.line,
                lc.column,
                f.code,
                f.severity.as_str(),
                printable(&f.message, true),
                waived
            )?;
        }
    }
    Ok(())
}
