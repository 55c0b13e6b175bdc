//! The engine's own finding codes: problems with arrangement files (`ARR…`) and with waivers
//! (`WVR…`). Rule findings use the rules' codes.

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

    /// The kebab-case name.
    pub fn name(self) -> &'static str {
        match self {
            EngineCode::Unreadable => "file-unreadable",
            EngineCode::NotUtf8 => "not-utf8",
            EngineCode::Syntax => "invalid-syntax",
            EngineCode::TooLarge => "file-too-large",
            EngineCode::TooDeep => "structure-too-large",
            EngineCode::MissingFormat => "missing-format",
            EngineCode::UnknownFormat => "unknown-format",
            EngineCode::UnknownKey => "unknown-key",
            EngineCode::WrongType => "wrong-type",
            EngineCode::BadEnumValue => "invalid-enum-value",
            EngineCode::BadAmount => "invalid-amount",
            EngineCode::BadDate => "invalid-date",
            EngineCode::MissingField => "missing-field",
            EngineCode::OutOfRange => "value-out-of-range",
            EngineCode::Placeholder => "placeholder-not-filled",
            EngineCode::ExpiredWaiver => "expired-waiver",
            EngineCode::UnusedWaiver => "unused-waiver",
        }
    }

    /// The severity of its findings.
    pub fn severity(self) -> Severity {
        match self {
            EngineCode::ExpiredWaiver | EngineCode::UnusedWaiver => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// What it means, for `psrlint explain`.
    pub fn description(self) -> &'static str {
        match self {
            EngineCode::Unreadable => "The file could not be read (it does not exist, is a directory, or permission is denied). The run goes on with the other files.",
            EngineCode::NotUtf8 => "Arrangement files must be UTF-8 text. The finding points at the first byte that is not UTF-8; re-save the file as UTF-8.",
            EngineCode::Syntax => "The file is not valid TOML, JSON or YAML (chosen by its extension: .toml, .json, .yaml/.yml). The finding points where the parser stopped; duplicate keys and YAML aliases are refused too.",
            EngineCode::TooLarge => "The file is larger than the size limit (10 MiB unless configured with `max_file_size` or `--max-file-size`). Arrangement files are small; a larger file is almost certainly not one.",
            EngineCode::TooDeep => "Lists and tables are nested deeper, or a list is longer, than the limits allow. The limits protect psrlint and CI from hostile or broken files.",
            EngineCode::MissingFormat => "Every arrangement file starts with `format = 1`, the version of the arrangement format it is written in.",
            EngineCode::UnknownFormat => "The `format` is not one psrlint knows. Format 1 is the only format so far.",
            EngineCode::UnknownKey => "The file has a key the arrangement format does not declare; often a typo. The help line suggests the closest declared key.",
            EngineCode::WrongType => "A value has the wrong type for its field: a list where text is expected, a number where a yes/no is expected, and so on.",
            EngineCode::BadEnumValue => "A value is not one of the values its field allows; the message lists them.",
            EngineCode::BadAmount => "A money amount or percentage cannot be read. Write money as a number or a string of pounds (`\"1100000\"`, `\"1100000.50\"`, `\"£1,100,000\"`) and percentages as strings with `%` (`\"40%\"`). psrlint never rounds through floating point.",
            EngineCode::BadDate => "A date cannot be read. Write dates as `YYYY-MM-DD` (a TOML date or a string), with a day that exists.",
            EngineCode::MissingField => "A field the arrangement format requires is missing, or holds only blank text.",
            EngineCode::OutOfRange => "A value is outside what its field allows: a contract that ends before it starts, a negative amount of money. The schema declares each bound (`end: date? >= start`); the help line says what the value must be.",
            EngineCode::Placeholder => "A value is still a placeholder: a text of the form `\"<TODO: …>\"`, as `psrlint new` writes for each fact it cannot fill. It is reported once, whatever the field's type, and read as not recorded. While a file has placeholders (as with any other finding about the file's form) psrlint does not apply the rules, which would otherwise judge a gap as an answer: replace each placeholder with the fact it asks for, or delete the line when the field does not apply.",
            EngineCode::ExpiredWaiver => "A waiver's expiry date has passed, so the finding it accepted is reported again. Renew the waiver with a new approval, or fix the finding.",
            EngineCode::UnusedWaiver => "A waiver names a code that no finding in this file has. Remove it, or correct the code.",
        }
    }

    /// The engine code with this code text.
    pub fn from_code(code: &str) -> Option<EngineCode> {
        EngineCode::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code))
    }
}
