//! The one-line form of a finding, `path:line:col: CODE severity: message`, shared by the concise
//! format, JUnit's failure text and the rule tests' expectation files (which leave the path out).

use crate::safe::printable;
use psr_engine::{FileReport, Finding};

/// `path:line:col: CODE severity: message`, with ` (waived)` after a waived finding's message;
/// without `path:` when `with_path` is false. The path and message are made printable on one
/// line (a line feed shows as `␊`), so that each finding is exactly one line. A finding about the
/// whole file is at 1:1.
pub fn finding_line(file: &FileReport, f: &Finding, with_path: bool) -> String {
    let lc = file.line_col(f.span.map_or(0, |s| s.start));
    let waived = if f.waived.is_some() { " (waived)" } else { "" };
    let path = if with_path {
        format!("{}:", printable(&file.path, true))
    } else {
        String::new()
    };
    format!(
        "{path}{}:{}: {} {}: {}{waived}",
        lc.line,
        lc.column,
        f.code,
        f.severity.as_str(),
        printable(&f.message, true),
    )
}
