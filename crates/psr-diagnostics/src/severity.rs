//! How much a finding or a problem matters.

/// Severity of a finding, a rule, or one of psrlint's own codes.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// For information.
    Info,
    /// Worth a look; does not fail the run by default.
    Warning,
    /// Non-compliance.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}
