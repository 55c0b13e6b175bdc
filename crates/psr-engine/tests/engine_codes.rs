//! Every finding code of the engine's own (ARR001–ARR015, WVR001–WVR002) in TOML, JSON and YAML:
//! where it points (line and column, and the exact text underlined), its field, message and help.
//!
//! Each case starts from one valid arrangement, written by hand in the three syntaxes, and
//! changes it in one place. The arrangement's title holds `é`, `£` and `—`, so every offending
//! value after it sits behind multi-byte characters.

use psr_engine::{CheckOptions, FileReport};
use psr_testing::engine::{check, describe_all, expected_line_col, options, test_engine};
use std::collections::BTreeSet;

const TOML: &str = r#"format = 1

[arrangement]
reference = "SOM-2024-017"
title = "Café £ services — hearing"
kind = "award"
decision_date = 2024-06-03

[authority]
type = "icb"
name = "NHS Somerset ICB"

[services]
description = "Adult hearing services"
cpv_codes = ["85100000-0"]

[process]
type = "direct-award-b"

[proposed_contract]
lifetime_value = "£1,100,000"

[[waivers]]
code = "TST001"
reason = "accepted for the test"
approved_by = "ICB board"
expires = 2030-01-01
"#;

const JSON: &str = r#"{
  "format": 1,
  "arrangement": {
    "reference": "SOM-2024-017",
    "title": "Café £ services — hearing",
    "kind": "award",
    "decision_date": "2024-06-03"
  },
  "authority": {
    "type": "icb",
    "name": "NHS Somerset ICB"
  },
  "services": {
    "description": "Adult hearing services",
    "cpv_codes": ["85100000-0"]
  },
  "process": {
    "type": "direct-award-b"
  },
  "proposed_contract": {
    "lifetime_value": "£1,100,000"
  },
  "waivers": [
    {
      "code": "TST001",
      "reason": "accepted for the test",
      "approved_by": "ICB board",
      "expires": "2030-01-01"
    }
  ]
}
"#;

const YAML: &str = r#"format: 1
arrangement:
  reference: SOM-2024-017
  title: "Café £ services — hearing"
  kind: award
  decision_date: 2024-06-03
authority:
  type: icb
  name: NHS Somerset ICB
services:
  description: Adult hearing services
  cpv_codes:
    - 85100000-0
process:
  type: direct-award-b
proposed_contract:
  lifetime_value: "£1,100,000"
waivers:
  - code: TST001
    reason: accepted for the test
    approved_by: ICB board
    expires: 2030-01-01
"#;

/// Stands for a byte that is not UTF-8 (Latin-1 `é`) in an edit.
const LATIN1_E: &str = "\u{E000}";

/// One change to a base document: `from` becomes `to`, and the finding must underline the
/// first `at` at or after the change, or else the last one before it (`None`: a finding about
/// the whole file). Where `at` has
/// `«…»`, the finding underlines only that part of it: `«»\n` is an empty span before a newline
/// (where a parser stopped).
#[derive(Clone, Debug)]
pub struct Edit {
    from: String,
    to: String,
    at: Option<String>,
}

fn edit(from: &str, to: &str, at: Option<&str>) -> Edit {
    Edit {
        from: from.into(),
        to: to.into(),
        at: at.map(String::from),
    }
}

struct Case {
    name: &'static str,
    code: &'static str,
    toml: Edit,
    json: Edit,
    yaml: Edit,
    options: CheckOptions,
    /// Whether field and message are the same in the three syntaxes (a parser's words differ).
    same_words: bool,
}

fn case(name: &'static str, code: &'static str, toml: Edit, json: Edit, yaml: Edit) -> Case {
    Case {
        name,
        code,
        toml,
        json,
        yaml,
        options: options(),
        same_words: true,
    }
}

fn nested(open: &str, close: &str, depth: usize) -> String {
    format!(
        "{}\"85100000-0\"{}",
        open.repeat(depth),
        close.repeat(depth)
    )
}

fn cases() -> Vec<Case> {
    let deep_toml = format!("cpv_codes = {}", nested("[", "]", 70));
    let deep_json = format!("\"cpv_codes\": {}", nested("[", "]", 70));
    let deep_yaml = format!("cpv_codes: {}", nested("[", "]", 70));
    // The file is level 1 and `services` level 2, so the 63rd `[` is the 65th level: one too many.
    let too_deep = format!("{}«[»", "[".repeat(62));
    let mut small = options();
    small.max_file_size = 100;
    vec![
        Case {
            same_words: false,
            ..case(
                "arr002_not_utf8",
                "ARR002",
                edit("Café", &format!("Caf{LATIN1_E}"), Some("Caf«»")),
                edit("Café", &format!("Caf{LATIN1_E}"), Some("Caf«»")),
                edit("Café", &format!("Caf{LATIN1_E}"), Some("Caf«»")),
            )
        },
        Case {
            same_words: false,
            ..case(
                "arr003_invalid_syntax",
                "ARR003",
                edit("kind = \"award\"", "kind = \"award", Some("«»\n")),
                edit(
                    "\"kind\": \"award\",",
                    "\"kind\": \"award\"",
                    Some("«»\n    \"decision_date\""),
                ),
                edit("  kind: award", "  kind: award: x", Some("award«:» x")),
            )
        },
        Case {
            options: small,
            same_words: false,
            ..case(
                "arr004_file_too_large",
                "ARR004",
                edit("", "", None),
                edit("", "", None),
                edit("", "", None),
            )
        },
        Case {
            same_words: false,
            ..case(
                "arr005_nesting_too_deep",
                "ARR005",
                edit("cpv_codes = [\"85100000-0\"]", &deep_toml, Some(&too_deep)),
                edit(
                    "\"cpv_codes\": [\"85100000-0\"]",
                    &deep_json,
                    Some(&too_deep),
                ),
                edit(
                    "  cpv_codes:\n    - 85100000-0",
                    &format!("  {deep_yaml}"),
                    Some(&too_deep),
                ),
            )
        },
        case(
            "arr006_missing_format",
            "ARR006",
            edit("format = 1\n", "", None),
            edit("\"format\": 1,", "", None),
            edit("format: 1\n", "", None),
        ),
        Case {
            same_words: false,
            ..case(
                "arr007_unknown_format",
                "ARR007",
                edit("format = 1", "format = 2", Some("2")),
                edit("\"format\": 1", "\"format\": \"1\"", Some("\"1\"")),
                edit("format: 1", "format: 1.0", Some("1.0")),
            )
        },
        case(
            "arr008_unknown_key",
            "ARR008",
            edit("kind = ", "knid = ", Some("knid")),
            edit("\"kind\": ", "\"knid\": ", Some("\"knid\"")),
            edit("  kind: ", "  knid: ", Some("knid")),
        ),
        case(
            "arr009_wrong_type",
            "ARR009",
            edit("name = \"NHS Somerset ICB\"", "name = 42", Some("42")),
            edit("\"name\": \"NHS Somerset ICB\"", "\"name\": 42", Some("42")),
            edit("name: NHS Somerset ICB", "name: 42", Some("42")),
        ),
        case(
            "arr010_invalid_enum_value",
            "ARR010",
            edit("kind = \"award\"", "kind = \"awrd\"", Some("\"awrd\"")),
            edit(
                "\"kind\": \"award\"",
                "\"kind\": \"awrd\"",
                Some("\"awrd\""),
            ),
            edit("kind: award", "kind: awrd", Some("awrd")),
        ),
        case(
            "arr011_invalid_amount",
            "ARR011",
            edit("\"£1,100,000\"", "\"£1,10,0000\"", Some("\"£1,10,0000\"")),
            edit("\"£1,100,000\"", "\"£1,10,0000\"", Some("\"£1,10,0000\"")),
            edit("\"£1,100,000\"", "\"£1,10,0000\"", Some("\"£1,10,0000\"")),
        ),
        case(
            "arr012_invalid_date",
            "ARR012",
            edit("2024-06-03", "\"2024-02-30\"", Some("\"2024-02-30\"")),
            edit("\"2024-06-03\"", "\"2024-02-30\"", Some("\"2024-02-30\"")),
            edit("2024-06-03", "2024-02-30", Some("2024-02-30")),
        ),
        case(
            "arr013_missing_field",
            "ARR013",
            edit("name = \"NHS Somerset ICB\"\n", "", Some("authority")),
            edit(
                ",\n    \"name\": \"NHS Somerset ICB\"",
                "",
                Some("\"authority\""),
            ),
            edit("  name: NHS Somerset ICB\n", "", Some("authority")),
        ),
        case(
            "arr014_value_out_of_range",
            "ARR014",
            edit("\"£1,100,000\"", "\"-1100000\"", Some("\"-1100000\"")),
            edit("\"£1,100,000\"", "\"-1100000\"", Some("\"-1100000\"")),
            edit("\"£1,100,000\"", "\"-1100000\"", Some("\"-1100000\"")),
        ),
        case(
            "arr015_placeholder_not_filled",
            "ARR015",
            edit(
                "\"£1,100,000\"",
                "\"<TODO: an amount in pounds>\"",
                Some("\"<TODO: an amount in pounds>\""),
            ),
            edit(
                "\"£1,100,000\"",
                "\"<TODO: an amount in pounds>\"",
                Some("\"<TODO: an amount in pounds>\""),
            ),
            edit(
                "\"£1,100,000\"",
                "\"<TODO: an amount in pounds>\"",
                Some("\"<TODO: an amount in pounds>\""),
            ),
        ),
        case(
            "wvr001_expired_waiver",
            "WVR001",
            edit(
                "expires = 2030-01-01",
                "expires = 2025-12-31",
                Some("2025-12-31"),
            ),
            edit("\"2030-01-01\"", "\"2025-12-31\"", Some("\"2025-12-31\"")),
            edit(
                "expires: 2030-01-01",
                "expires: 2025-12-31",
                Some("2025-12-31"),
            ),
        ),
        case(
            "wvr002_unused_waiver",
            "WVR002",
            edit("code = \"TST001\"", "code = \"TST999\"", Some("\"TST999\"")),
            edit(
                "\"code\": \"TST001\"",
                "\"code\": \"TST999\"",
                Some("\"TST999\""),
            ),
            edit("code: TST001", "code: TST999", Some("TST999")),
        ),
    ]
}

/// The base text with the edit made, as bytes, and where the change starts.
fn apply(base: &str, e: &Edit) -> (Vec<u8>, usize) {
    let at = base
        .find(&e.from)
        .unwrap_or_else(|| panic!("{:?} is not in the base document", e.from));
    let text = base.replacen(&e.from, &e.to, 1);
    let bytes = text.replace(LATIN1_E, "\u{0}").into_bytes();
    let bytes = bytes
        .iter()
        .map(|&b| if b == 0 { 0xE9 } else { b })
        .collect();
    (bytes, at)
}

struct Outcome {
    syntax: &'static str,
    report: FileReport,
}

fn run(c: &Case) -> Vec<Outcome> {
    let mut out = Vec::new();
    for (syntax, base, e) in [
        ("toml", TOML, &c.toml),
        ("json", JSON, &c.json),
        ("yaml", YAML, &c.yaml),
    ] {
        let (bytes, start) = apply(base, e);
        let path = format!("case.arrangement.{syntax}");
        let report = check(test_engine(), &path, &bytes, &c.options);
        let found = report.findings.iter().find(|f| f.code == c.code);
        let found = found.unwrap_or_else(|| {
            panic!(
                "{} {syntax}: no {}; findings:\n{}",
                c.name,
                c.code,
                describe_all(&report)
            )
        });
        match &e.at {
            None => assert_eq!(
                found.span, None,
                "{} {syntax}: a file-level finding",
                c.name
            ),
            Some(at) => {
                let text = &report.text;
                let find = at.replace(['«', '»'], "");
                let (skip, underlined) = match (at.find('«'), at.find('»')) {
                    (Some(a), Some(b)) => (a, &at[a + '«'.len_utf8()..b]),
                    _ => (0, at.as_str()),
                };
                let offset = text[start..]
                    .find(&find)
                    .map(|i| i + start)
                    .or_else(|| text[..start].rfind(&find))
                    .map(|i| i + skip)
                    .unwrap_or_else(|| panic!("{find:?} is not in the edited document"));
                let span = found
                    .span
                    .unwrap_or_else(|| panic!("{} {syntax}: no span", c.name));
                assert_eq!(
                    (span.start, &text[span.start..span.end]),
                    (offset, underlined),
                    "{} {syntax}: the finding underlines the wrong text",
                    c.name
                );
                let lc = report.line_col(span.start);
                assert_eq!(
                    (lc.line, lc.column),
                    expected_line_col(text, offset),
                    "{} {syntax}: line and column",
                    c.name
                );
            }
        }
        out.push(Outcome { syntax, report });
    }
    out
}

#[test]
fn the_base_documents_are_valid_and_the_same() {
    for (syntax, base) in [("toml", TOML), ("json", JSON), ("yaml", YAML)] {
        let report = check(
            test_engine(),
            &format!("base.arrangement.{syntax}"),
            base.as_bytes(),
            &options(),
        );
        let summary: Vec<(String, bool)> = report
            .findings
            .iter()
            .map(|f| (f.code.clone(), f.waived.is_some()))
            .collect();
        assert_eq!(
            summary,
            [("TST001".to_string(), true)],
            "{syntax}: only the waived test finding:\n{}",
            describe_all(&report)
        );
    }
}

#[test]
fn every_engine_code_in_every_syntax() {
    for c in cases() {
        let outcomes = run(&c);
        if c.same_words {
            let words: Vec<BTreeSet<(String, Option<String>, String)>> = outcomes
                .iter()
                .map(|o| {
                    o.report
                        .findings
                        .iter()
                        .map(|f| (f.code.clone(), f.field.clone(), f.message.clone()))
                        .collect()
                })
                .collect();
            assert_eq!(words[0], words[1], "{}: TOML and JSON differ", c.name);
            assert_eq!(words[0], words[2], "{}: TOML and YAML differ", c.name);
        }
        let shown: String = outcomes
            .iter()
            .map(|o| format!("--- {}\n{}\n", o.syntax, describe_all(&o.report)))
            .collect();
        insta::assert_snapshot!(c.name, shown);
    }
}

#[test]
fn every_engine_code_is_covered() {
    let covered: BTreeSet<&str> = cases().iter().map(|c| c.code).chain(["ARR001"]).collect();
    for code in psr_engine::EngineCode::ALL {
        assert!(covered.contains(code.code()), "no case for {}", code.code());
    }
}

#[test]
fn arr001_an_unreadable_file_is_one_file_level_finding() {
    for path in [
        "a.arrangement.toml",
        "a.arrangement.json",
        "a.arrangement.yaml",
    ] {
        let report = psr_engine::unreadable(path, "permission denied");
        assert_eq!(report.findings.len(), 1);
        let f = &report.findings[0];
        assert_eq!(
            (f.code.as_str(), f.span, f.field.as_deref()),
            ("ARR001", None, None)
        );
        assert_eq!(f.message, "cannot read the file: permission denied");
        assert_eq!(report.status(), psr_engine::Status::Fail);
    }
}

#[test]
fn a_finding_that_is_waived_and_in_date_does_not_fail_the_file() {
    let report = check(
        test_engine(),
        "a.arrangement.toml",
        TOML.as_bytes(),
        &options(),
    );
    assert_eq!(report.status(), psr_engine::Status::Pass);
    let expired = TOML.replace("2030-01-01", "2025-12-31");
    let report = check(
        test_engine(),
        "a.arrangement.toml",
        expired.as_bytes(),
        &options(),
    );
    assert_eq!(report.status(), psr_engine::Status::Fail);
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["TST001", "WVR001"]);
}

#[test]
fn a_waiver_that_expires_today_still_holds() {
    let today = TOML.replace("2030-01-01", "2026-11-23");
    let report = check(
        test_engine(),
        "a.arrangement.toml",
        today.as_bytes(),
        &options(),
    );
    let codes: Vec<(&str, bool)> = report
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.waived.is_some()))
        .collect();
    assert_eq!(codes, [("TST001", true)]);
}

#[test]
fn several_validation_findings_are_all_reported_and_no_rule_runs() {
    let text = TOML
        .replace("kind = \"award\"", "kind = \"awrd\"")
        .replace("name = \"NHS Somerset ICB\"", "name = 42\nnmae = \"x\"");
    let report = check(
        test_engine(),
        "a.arrangement.toml",
        text.as_bytes(),
        &options(),
    );
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(
        codes,
        ["ARR010", "ARR009", "ARR008"],
        "{}",
        describe_all(&report)
    );
}

#[test]
fn the_format_help_is_written_in_the_files_syntax() {
    for (syntax, base, from, to, want) in [
        ("json", JSON, "\"format\": 1,", "", "\"format\": 1"),
        (
            "json",
            JSON,
            "\"format\": 1",
            "\"format\": 2",
            "\"format\": 1",
        ),
        ("yaml", YAML, "format: 1\n", "", "format: 1"),
        ("yaml", YAML, "format: 1", "format: 2", "format: 1"),
    ] {
        let text = base.replacen(from, to, 1);
        let report = check(
            test_engine(),
            &format!("a.arrangement.{syntax}"),
            text.as_bytes(),
            &options(),
        );
        let help = report
            .findings
            .first()
            .and_then(|f| f.help.clone())
            .unwrap_or_default();
        assert!(help.contains(want), "{syntax}: {help}");
    }
}
