//! The engine's own finding codes: problems with arrangement files (`ARR…`) and with waivers
//! (`WVR…`), as a typed enum; their names, severities and explanations are their rows in
//! `psr_diagnostics::CODES`. Rule findings use the rules' codes.

use psr_lang::ast::Severity;

/// A finding the engine itself produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EngineCode {
    /// The file cannot be read.
    Unreadable,
    /// The file is not UTF-8.
    NotUtf8,
    /// The text is not valid TOML, JSON or YAML.
    Syntax,
    /// The file is larger than the size limit.
    TooLarge,
    /// Nesting deeper, or a list longer, than the limits allow.
    TooDeep,
    /// No `format` key.
    MissingFormat,
    /// A `format` psrlint does not know.
    UnknownFormat,
    /// A key the schema does not declare.
    UnknownKey,
    /// A value of the wrong type.
    WrongType,
    /// A value not in its enum.
    BadEnumValue,
    /// A money amount or percentage that cannot be read.
    BadAmount,
    /// A date that cannot be read.
    BadDate,
    /// A required field is missing.
    MissingField,
    /// A value outside the bound its field declares (an end before the start, a negative amount).
    OutOfRange,
    /// A placeholder (`"<TODO: …>"`, as `psrlint new` writes) not yet replaced by a value.
    Placeholder,
    /// A waiver that has expired.
    ExpiredWaiver,
    /// A waiver that matches no finding.
    UnusedWaiver,
}

impl EngineCode {
    /// Every code, in order.
    pub const ALL: [EngineCode; 17] = [
        EngineCode::Unreadable,
        EngineCode::NotUtf8,
        EngineCode::Syntax,
        EngineCode::TooLarge,
        EngineCode::TooDeep,
        EngineCode::MissingFormat,
        EngineCode::UnknownFormat,
        EngineCode::UnknownKey,
        EngineCode::WrongType,
        EngineCode::BadEnumValue,
        EngineCode::BadAmount,
        EngineCode::BadDate,
        EngineCode::MissingField,
        EngineCode::OutOfRange,
        EngineCode::Placeholder,
        EngineCode::ExpiredWaiver,
        EngineCode::UnusedWaiver,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            EngineCode::Unreadable => "ARR001",
            EngineCode::NotUtf8 => "ARR002",
            EngineCode::Syntax => "ARR003",
            EngineCode::TooLarge => "ARR004",
            EngineCode::TooDeep => "ARR005",
            EngineCode::MissingFormat => "ARR006",
            EngineCode::UnknownFormat => "ARR007",
            EngineCode::UnknownKey => "ARR008",
            EngineCode::WrongType => "ARR009",
            EngineCode::BadEnumValue => "ARR010",
            EngineCode::BadAmount => "ARR011",
            EngineCode::BadDate => "ARR012",
            EngineCode::MissingField => "ARR013",
            EngineCode::OutOfRange => "ARR014",
            EngineCode::Placeholder => "ARR015",
            EngineCode::ExpiredWaiver => "WVR001",
            EngineCode::UnusedWaiver => "WVR002",
        }
    }

    /// Its row in the code table: name, severity and explanation.
    pub fn row(self) -> &'static psr_diagnostics::Code {
        psr_diagnostics::codes::row(self.code())
    }

    /// The kebab-case name.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The severity of its findings.
    pub fn severity(self) -> Severity {
        self.row().severity
    }

    /// What it means, for `psrlint explain`.
    pub fn description(self) -> &'static str {
        self.row().explanation
    }

    /// The engine code with this code text.
    pub fn from_code(code: &str) -> Option<EngineCode> {
        EngineCode::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code))
    }
}

#[cfg(test)]
mod tests {
    use super::EngineCode;
    use psr_diagnostics::{Family, CODES};

    #[test]
    fn the_engine_codes_are_the_tables_arr_and_wvr_rows() {
        let table: Vec<&str> = CODES
            .iter()
            .filter(|c| matches!(c.family, Family::Arr | Family::Wvr))
            .map(|c| c.id)
            .collect();
        let ours: Vec<&str> = EngineCode::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(ours, table);
    }
}
