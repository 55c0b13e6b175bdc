//! Renderers for psrlint's results, one module per `--format`. Each writes to a `&mut dyn Write`
//! and knows nothing about rules beyond what a [`Finding`](psr_engine::Finding) carries (and, for
//! SARIF's rule list, what the compiled program declares).
//!
//! | format    | module       | for                                                        |
//! |-----------|--------------|------------------------------------------------------------|
//! | `human`   | [`human`]    | people: source excerpts with labels, help and the law      |
//! | `concise` | [`concise`]  | people and `grep`: `path:line:col: CODE severity: message` |
//! | `json`    | [`json`]     | programs: the versioned JSON report                        |
//! | `sarif`   | [`sarif`]    | code scanning: SARIF 2.1.0                                 |
//! | `github`  | [`github`]   | GitHub Actions annotations                                 |
//! | `junit`   | [`junit`]    | CI test reports                                            |

pub mod concise;
mod excerpt;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
mod run;
pub mod safe;
pub mod sarif;

pub use run::{Format, RunReport, Summary};

use std::io::{self, Write};

/// Writes `report` in `format`. `options` applies to the human format only.
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
        Format::Sarif => sarif::render(report, out),
        Format::Github => github::render(report, out),
        Format::Junit => junit::render(report, out),
    }
}
