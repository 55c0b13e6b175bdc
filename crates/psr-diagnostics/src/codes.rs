//! [`CODES`]: one row for every code psrlint itself can emit, read by `psrlint explain`,
//! `psrlint rules`, SARIF rule descriptors, the language server and `docs/codes.md`. Adding a code
//! is adding one row; the typed enums of the crates that emit codes (`EngineCode`, `LangErrorKind`,
//! `ImportCode`) give only each variant's id, and their tests check them against this table.

use crate::Severity;

/// Where a code comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// `ARR…`: a problem with an arrangement file (it cannot be read, or does not fit the schema).
    Arr,
    /// `WVR…`: a problem with a waiver.
    Wvr,
    /// `RL…`: a problem in a rule file (`*.psrl`).
    Rl,
    /// `CFG…`: psrlint cannot do its job (arguments, paths, configuration, rule packs).
    Cfg,
    /// `IMP…`: reported by `psrlint import ocds`.
    Imp,
    /// `RPT…`: a report that cannot be made as asked.
    Rpt,
    /// `NTC…`: a notice that cannot be drafted as asked.
    Ntc,
    /// A rule's code (`PSR…`, `COM…`, `JWA…`), from the rule packs at run time.
    Rule,
}

impl Family {
    /// The families of psrlint's own codes, in the order of [`CODES`] and `docs/codes.md`.
    pub const OWN: [Family; 7] = [
        Family::Arr,
        Family::Wvr,
        Family::Rl,
        Family::Cfg,
        Family::Imp,
        Family::Rpt,
        Family::Ntc,
    ];

    /// The prefix of its codes (`ARR`); empty for rule codes, whose prefixes the packs choose.
    pub fn prefix(self) -> &'static str {
        match self {
            Family::Arr => "ARR",
            Family::Wvr => "WVR",
            Family::Rl => "RL",
            Family::Cfg => "CFG",
            Family::Imp => "IMP",
            Family::Rpt => "RPT",
            Family::Ntc => "NTC",
            Family::Rule => "",
        }
    }

    /// A heading for the family.
    pub fn title(self) -> &'static str {
        match self {
            Family::Arr => "Arrangement files",
            Family::Wvr => "Waivers",
            Family::Rl => "Rule files",
            Family::Cfg => "Running psrlint",
            Family::Imp => "Importing the public record",
            Family::Rpt => "Reports",
            Family::Ntc => "Notice drafts",
            Family::Rule => "Rules",
        }
    }

    /// What the family's codes have in common, and what happens when one is reported.
    pub fn about(self) -> &'static str {
        match self {
            Family::Arr => "A problem with an arrangement file: it cannot be read, or it does not fit the arrangement format. `psrlint check` reports it as a finding of the file (exit status 1 for an error); no rule is checked against a file with an `ARR` error.",
            Family::Wvr => "A problem with a waiver (`[[waivers]]` in an arrangement file), reported as a finding of the file.",
            Family::Rl => "A problem in a rule file (`*.psrl`). psrlint reports every such problem it finds, with the file, the exact place and a help line, and then exits with status 2: no rule is used from a pack with errors. A warning does not stop a pack from loading. The language: docs/language.md.",
            Family::Cfg => "psrlint could not do its job: a path, an argument, the configuration file (`psrlint.toml`) or the rule packs are not usable. The run stops with exit status 2; with `--format json` or `sarif`, `check` still writes a valid document that carries the problem.",
            Family::Imp => "Reported by `psrlint import ocds`: a release it cannot read, or a fact it records as words rather than guess. An error means the release or file is not imported (exit status 1); a warning means it is imported with the notice's words recorded. See docs/public-record.md.",
            Family::Rpt => "Reported by `psrlint report`: the report cannot be made as asked. The run stops with exit status 2. See docs/reports.md.",
            Family::Ntc => "Reported by `psrlint notice`: the notice cannot be drafted as asked. A record that is not a valid arrangement file exits with status 1; a notice the record does not call for, or a notice template of the packs that is not valid, stops the run with exit status 2. See docs/cli.md.",
            Family::Rule => "A rule's finding: `psrlint explain CODE` shows the rule, the provisions it cites and examples.",
        }
    }

    /// The family a code belongs to, by its prefix; a code with no known prefix is a rule's.
    pub fn of(code: &str) -> Family {
        let letters = code.trim_end_matches(|c: char| c.is_ascii_digit());
        Family::OWN
            .into_iter()
            .find(|f| f.prefix().eq_ignore_ascii_case(letters))
            .unwrap_or(Family::Rule)
    }
}

/// One of psrlint's own codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code {
    /// The stable code (`ARR001`).
    pub id: &'static str,
    /// The kebab-case name (`file-unreadable`).
    pub name: &'static str,
    /// Its family.
    pub family: Family,
    /// Its default severity.
    pub severity: Severity,
    /// One line: what went wrong.
    pub summary: &'static str,
    /// What it means and what to do, for `psrlint explain` and `docs/codes.md`.
    pub explanation: &'static str,
}

impl Code {
    /// Where it is documented: its heading in `docs/codes.md`.
    pub fn docs_url(&self) -> String {
        docs_url(self.id)
    }
}

/// Where psrlint lives (the workspace's `repository`).
pub const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// The page that documents one of psrlint's own codes: its heading in `docs/codes.md`.
pub fn docs_url(code: &str) -> String {
    format!(
        "{INFORMATION_URI}/blob/main/docs/codes.md#{}",
        code.to_ascii_lowercase()
    )
}

/// The row of `code` (in any case), when it is one of psrlint's own.
pub fn lookup(code: &str) -> Option<&'static Code> {
    CODES
        .iter()
        .find(|c| c.id.eq_ignore_ascii_case(code.trim()))
}

/// The row of `code`, which must be in the table: for the typed enums of the crates that emit
/// codes, whose tests check that every variant has a row.
pub fn row(code: &str) -> &'static Code {
    lookup(code).unwrap_or(&MISSING)
}

/// What [`row`] gives for a code that is not in the table (never, as the tests check).
const MISSING: Code = c(
    "",
    "unknown-code",
    Family::Rule,
    Severity::Error,
    "a code psrlint does not know",
    "",
);

const fn c(
    id: &'static str,
    name: &'static str,
    family: Family,
    severity: Severity,
    summary: &'static str,
    explanation: &'static str,
) -> Code {
    Code {
        id,
        name,
        family,
        severity,
        summary,
        explanation,
    }
}

use Family::{Arr, Cfg, Imp, Ntc, Rl, Rpt, Wvr};
use Severity::{Error as E, Warning as W};

/// Every code psrlint itself can emit, by family and then by code.
pub const CODES: &[Code] = &[
    c("ARR001", "file-unreadable", Arr, E, "file unreadable", "The file could not be read (it does not exist, is a directory, or permission is denied). The run goes on with the other files."),
    c("ARR002", "not-utf8", Arr, E, "not utf8", "Arrangement files must be UTF-8 text. The finding points at the first byte that is not UTF-8; re-save the file as UTF-8."),
    c("ARR003", "invalid-syntax", Arr, E, "invalid syntax", "The file is not valid TOML, JSON or YAML (chosen by its extension: .toml, .json, .yaml/.yml). The finding points where the parser stopped; duplicate keys and YAML aliases are refused too."),
    c("ARR004", "file-too-large", Arr, E, "file too large", "The file is larger than the size limit (10 MiB unless configured with `max_file_size` or `--max-file-size`). Arrangement files are small; a larger file is almost certainly not one."),
    c("ARR005", "structure-too-large", Arr, E, "structure too large", "Lists and tables are nested deeper, or a list is longer, than the limits allow. The limits protect psrlint and CI from hostile or broken files."),
    c("ARR006", "missing-format", Arr, E, "missing format", "Every arrangement file starts with `format = 1`, the version of the arrangement format it is written in."),
    c("ARR007", "unknown-format", Arr, E, "unknown format", "The `format` is not one psrlint knows. Format 1 is the only format so far."),
    c("ARR008", "unknown-key", Arr, E, "unknown key", "The file has a key the arrangement format does not declare; often a typo. The help line suggests the closest declared key."),
    c("ARR009", "wrong-type", Arr, E, "wrong type", "A value has the wrong type for its field: a list where text is expected, a number where a yes/no is expected, and so on."),
    c("ARR010", "invalid-enum-value", Arr, E, "invalid enum value", "A value is not one of the values its field allows; the message lists them."),
    c("ARR011", "invalid-amount", Arr, E, "invalid amount", "A money amount or percentage cannot be read. Write money as a number or a string of pounds (`\"1100000\"`, `\"1100000.50\"`, `\"£1,100,000\"`) and percentages as strings with `%` (`\"40%\"`). psrlint never rounds through floating point."),
    c("ARR012", "invalid-date", Arr, E, "invalid date", "A date cannot be read. Write dates as `YYYY-MM-DD` (a TOML date or a string), with a day that exists."),
    c("ARR013", "missing-field", Arr, E, "missing field", "A field the arrangement format requires is missing, or holds only blank text."),
    c("ARR014", "value-out-of-range", Arr, E, "value out of range", "A value is outside what its field allows: a contract that ends before it starts, a negative amount of money. The schema declares each bound (`end: date? >= start`); the help line says what the value must be."),
    c("ARR015", "placeholder-not-filled", Arr, E, "placeholder not filled", "A value is still a placeholder: a text of the form `\"<TODO: …>\"`, as `psrlint new` writes for each fact it cannot fill. It is reported once, whatever the field's type, and read as not recorded. While a file has placeholders (as with any other finding about the file's form) psrlint does not apply the rules, which would otherwise judge a gap as an answer: replace each placeholder with the fact it asks for, or delete the line when the field does not apply."),
    c("WVR001", "expired-waiver", Wvr, W, "expired waiver", "A waiver's expiry date has passed, so the finding it accepted is reported again. Renew the waiver with a new approval, or fix the finding."),
    c("WVR002", "unused-waiver", Wvr, W, "unused waiver", "A waiver names a code that no finding in this file has. Remove it, or correct the code."),
    c("RL001", "rule-syntax", Rl, E, "syntax error in a rule file", "The text does not follow the rule language's grammar. The message says what was expected where the parser stopped; docs/language.md has the grammar."),
    c("RL002", "unknown-name", Rl, E, "unknown name", "A name that nothing declares: a definition, parameter, table, function, record or enum value. The help line suggests the closest declared name; a name from another pack needs `uses`."),
    c("RL003", "type-mismatch", Rl, E, "type mismatch", "A value of the wrong type: money compared with a date, text where a yes/no is needed, a function given the wrong number or kind of arguments. The message names both types."),
    c("RL004", "duplicate", Rl, E, "duplicate declaration or clause", "Two declarations with one name, two rules with one code, or a clause written twice in one rule. The second place is shown beside the first."),
    c("RL005", "citation", Rl, E, "missing or incomplete citation", "Every rule cites the provision it checks (`cite:` with the instrument, the provision and an `https://` URL). A rule without one, or with a part missing, is refused: a finding must always say which law it applies."),
    c("RL006", "unknown-field", Rl, E, "field not declared by the arrangement schema", "A rule reads a field that the arrangement schema does not declare. The help line suggests the closest declared field; new fields are declared in the schema pack."),
    c("RL007", "invalid-rule-date", Rl, E, "invalid date or date window", "A date that is not a real calendar date, or an in-force window (`from`/`until`) that ends before it starts."),
    c("RL008", "overlapping-windows", Rl, E, "overlapping parameter windows", "Two values of one parameter are in force on the same day, so psrlint could not tell which applies. Make the windows meet without overlapping."),
    c("RL009", "unused-definition", Rl, W, "unused definition", "A definition that no rule, definition or function uses. A warning: the pack still loads. Remove it, or use it."),
    c("RL010", "missing-clause", Rl, E, "rule lacks a required clause", "A rule lacks a clause every rule must have, or a parameter has no value. The message names what is missing."),
    c("RL011", "recursion", Rl, E, "recursive definition", "A definition or function that uses itself, directly or through others. Definitions must be evaluable in a finite number of steps."),
    c("RL012", "table-row", Rl, E, "table row does not fit its columns", "A data table does not fit its declared columns: a row with too many or too few values, a cell that is not of its column's type or not a literal, a CSV file without a declared column or with a row that cannot be read, or a table with both a file and `rows { }`."),
    c("RL013", "file-access", Rl, E, "rule pack file cannot be read", "A file a pack names (a rule file, a CSV table) cannot be read or is not UTF-8 text, or its path leaves the pack's directory."),
    c("RL014", "pack-manifest", Rl, E, "pack manifest problem", "A problem with a pack's manifest or its `uses`: a directory without `pack.psrl`, a manifest that does not declare the pack or its `version`, a `pack` declared outside `pack.psrl`, a pack that uses one that is not loaded, or a code prefix reserved for psrlint's own findings."),
    c("RL015", "absence", Rl, E, "optional value used without saying what absence means", "An optional value (`T?`) is used where a plain value is needed. Say what absence means: test `is present` first, or give a default with `or`."),
    c("RL016", "invalid-literal", Rl, E, "invalid literal", "A literal that cannot be read: a money amount, a number, a percentage or a value that is not in its enum."),
    c("RL017", "template", Rl, E, "invalid message template", "A message with a broken `{…}` placeholder: a `{` without a closing `}`, a `}` without a `{`, or a placeholder that is not an expression."),
    c("RL018", "calendar", Rl, E, "calendar problem", "Working days need exactly one calendar (`calendar NAME { holidays: TABLE.COLUMN }`) in a pack the file uses; its holidays column must be a non-empty column of dates, and its closed days ones psrlint knows."),
    c("RL019", "schema", Rl, E, "schema problem", "A problem with the arrangement schema: a second `root` record, an optional list (an absent list is the empty list), a bound or a condition on a field that cannot have one, or `files_with_reference` without a root that declares `arrangement.reference` as text."),
    c("RL020", "citation-cases", Rl, E, "citations that do not give each case exactly one", "A rule with several `cite:` clauses must end with one that has no `when`, so that every case has a provision, and none may follow it where it could never apply."),
    c("RL021", "description", Rl, E, "a definition's description that is not one short line", "A definition's description (`def NAME \"description\" = ...`) that is empty, holds a line break, or is longer than 72 characters: it must fit on one line of `--explain`."),
    c("RL022", "missing-description", Rl, W, "a definition explained by its name alone", "A definition that a rule's `when`, `require` or `forbid` consists of has no description, so `--explain` would show the condition by the definition's name alone. A warning, reported only for a pack without errors: give the definition a description (`def NAME \"description\" = ...`)."),
    c("CFG001", "missing-path", Cfg, E, "a path given does not exist", "A file or directory named on the command line does not exist. Check the path; psrlint checks the files and directories you name."),
    c("CFG002", "not-a-rule-pack", Cfg, E, "not a rule pack directory", "A `--rules` (or `rules` in `psrlint.toml`) directory is not usable: it has no `pack.psrl`, and holds no directories that do."),
    c("CFG003", "rule-pack-errors", Cfg, E, "the rule packs have errors", "A rule pack has errors (`RL…` codes, each reported with its place). No rule is used from a pack with errors, so the run stops rather than check with some law missing."),
    c("CFG004", "bad-argument", Cfg, E, "invalid argument", "An argument is invalid: a date that is not YYYY-MM-DD, a code that matches no finding code, or options that cannot be used together. The help line says what is expected."),
    c("CFG005", "invalid-config", Cfg, E, "invalid configuration file", "`psrlint.toml` (or the file given with `--config`) is invalid: not TOML, a key psrlint does not know, a value of the wrong kind, or a code that matches no finding code. The problem is shown in the file."),
    c("CFG006", "io-error", Cfg, E, "cannot read or write", "Reading or writing failed: a file or standard input could not be read, or the output could not be written. Check the path and its permissions."),
    c("IMP001", "unreadable-file", Imp, E, "file not an OCDS release package", "The file is not JSON, or its JSON is not an OCDS release package (`releases`), a record package (`records`), a release, or a list of releases. Nothing is imported from it."),
    c("IMP002", "unreadable-release", Imp, E, "release cannot be read", "A release in the file is not a JSON object, or has no `date` that is an RFC 3339 date and time. Without its publication date no PSR period can be counted, so it is reported and not written."),
    c("IMP003", "impossible-date", Imp, W, "impossible date recorded as words", "The notice states a day that does not exist (\"31 April 2026\"). The importer records the notice's words in `representations_by_text` (or `standstill_ends_text`) instead of moving the date to a real day; `psrlint check` then reports PSR123."),
    c("IMP004", "disagreeing-dates", Imp, W, "disagreeing dates recorded as words", "The notice states two or more different dates for the same thing. The importer records the words, not one of the dates; `psrlint check` then reports PSR123."),
    c("IMP005", "date-not-stated", Imp, W, "date not stated", "The notice has a placeholder (\"[Add date]\") or a period (\"within 8 days of publication\") where the last day for representations or the end of the standstill should be. The words are recorded; `psrlint check` reports PSR123."),
    c("IMP006", "process-unclear", Imp, W, "process unclear", "The PSR notice names no process the importer recognises, or names more than one. `process.type` is left out rather than guessed, so `psrlint check` reports the missing field."),
    c("IMP007", "kind-unrecognised", Imp, E, "notice kind not recognised", "The release says it is a Provider Selection Regime notice, but not which notice (intention to award, award, urgent award, modification, …). It is reported and not written."),
    c("IMP008", "not-overwritten", Imp, E, "existing file not overwritten", "An output file of that name exists and has no `imported_from` marker, so it was not written by `psrlint import`. It is left as it is; import into another directory."),
    c("RPT001", "period-backwards", Rpt, E, "the period ends before it starts", "`--to` is before `--from`. Give the first day with `--from` and the last day with `--to` (both included)."),
    c("RPT002", "bad-year", Rpt, E, "not a financial year", "`--year` is not a financial year written YYYY-YY: `--year 2025-26` is 1 April 2025 to 31 March 2026."),
    c("RPT003", "bad-date", Rpt, E, "not a date", "A date given to `report` is not a date written YYYY-MM-DD."),
    c("RPT004", "no-period", Rpt, E, "no reporting period", "A report covers a period: give `--year 2025-26` (1 April to 31 March), or both `--from DATE` and `--to DATE`."),
    c("RPT005", "unknown-authority", Rpt, E, "no such authority in the register", "`--authority` names an ODS code that no arrangement in the register has as its authority. The help line lists the codes the register has."),
    c("RPT006", "report-not-written", Rpt, E, "cannot write the report", "The report could not be written: check the output path and its permissions."),
    c("RPT007", "report-not-rendered", Rpt, E, "cannot render the report", "The report's template failed. This is a bug in psrlint's templates; please report it with the command you ran."),
    c("NTC001", "notice-template-syntax", Ntc, E, "notice template cannot be read", "A notice template (`PACK/notices/*.toml`) is not valid TOML, or not in the template format (`schedule`, `notice`, `title`, `in_force`, `when`, `step`, `cite` and `[[items]]`). The message points where reading stopped. See docs/authoring.md, \"Notice templates\"."),
    c("NTC002", "notice-template-invalid", Ntc, E, "notice template not valid", "A notice template names something the rule packs do not declare (a definition, parameter, finding code or notice type), or has an invalid item. Templates are checked against the compiled packs before any draft is made, so a change to the law that renames a definition is caught here."),
    c("NTC003", "notice-not-called-for", Ntc, E, "notice not called for", "The record's kind and process call for no notice of the type asked for with `--type` (for example an intention-to-award notice for Direct Award Process A). The help line lists the notices the record does call for; run without `--type` to draft the one the record has reached."),
    c("NTC004", "record-not-valid", Ntc, E, "record not valid", "The arrangement file has syntax or schema findings (`ARR…` errors), so no fact can be read from it and no notice drafted. Run `psrlint check` on it and fix what it reports first. Exit status 1."),
    c("NTC005", "notice-template-render", Ntc, E, "notice template cannot be rendered", "A notice template's text could not be rendered: an error in its minijinja expressions (`{{ value }}`, `{% if %}`). Correct the template's text."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_within_their_family_and_fully_described() {
        let mut seen = std::collections::BTreeSet::new();
        for pair in CODES.windows(2) {
            assert!(
                (pair[0].family, pair[0].id) < (pair[1].family, pair[1].id),
                "{} and {} are out of order",
                pair[0].id,
                pair[1].id
            );
        }
        for code in CODES {
            assert!(seen.insert(code.id), "{} twice", code.id);
            assert!(seen.insert(code.name), "the name {} twice", code.name);
            assert_eq!(Family::of(code.id), code.family, "{}", code.id);
            assert!(code.id.starts_with(code.family.prefix()));
            assert!(
                !code.summary.is_empty() && !code.explanation.is_empty(),
                "{}",
                code.id
            );
            assert!(code
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()));
        }
    }

    #[test]
    fn lookup_ignores_case_and_knows_rule_codes_are_not_its_own() {
        assert_eq!(lookup("cfg001").map(|c| c.name), Some("missing-path"));
        assert!(lookup("PSR012").is_none());
        assert_eq!(Family::of("PSR012"), Family::Rule);
        assert_eq!(Family::of("RL020"), Family::Rl);
        assert!(docs_url("ARR010").ends_with("/blob/main/docs/codes.md#arr010"));
    }
}
