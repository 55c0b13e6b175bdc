//! Findings point at the right line and column whatever the file's bytes look like: CRLF line
//! ends, a UTF-8 byte order mark, tabs, and multi-byte characters (`é`, `£`, `—`, `😀`) on the
//! same line before the offending value, in TOML, JSON and YAML.
//!
//! The expected position is computed independently of psrlint: lines are counted at `\n`,
//! columns in characters, and a byte order mark is no column.

use psr_testing::engine::{check, describe_all, expected_line_col, options, test_engine};

/// An arrangement whose `arrangement` record is written on one line, after a title full of
/// multi-byte characters. `{kind}`, `{date}` and `{reference}` are filled in by each case.
const TOML: &str = "format = 1\n\
arrangement = { reference = \"{reference}\", title = \"Café £ — 😀 hearing\", kind = \"{kind}\", decision_date = {date} }\n\
\n\
[authority]\n\
type = \"icb\"\n\
name = \"NHS Somerset ICB\"\n\
\n\
[services]\n\
description = \"Adult hearing services\"\n\
\n\
[process]\n\
type = \"competitive\"\n";

const JSON: &str = "{\n  \"format\": 1,\n\
  \"arrangement\": { \"reference\": \"{reference}\", \"title\": \"Café £ — 😀 hearing\", \"kind\": \"{kind}\", \"decision_date\": \"{date}\" },\n\
  \"authority\": {\n    \"type\": \"icb\",\n    \"name\": \"NHS Somerset ICB\"\n  },\n\
  \"services\": {\n    \"description\": \"Adult hearing services\"\n  },\n\
  \"process\": {\n    \"type\": \"competitive\"\n  }\n}\n";

const YAML: &str = "format: 1\n\
arrangement: {reference: \"{reference}\", title: \"Café £ — 😀 hearing\", kind: {kind}, decision_date: {date}}\n\
authority:\n  type: icb\n  name: NHS Somerset ICB\n\
services:\n  description: Adult hearing services\n\
process:\n  type: competitive\n";

/// One way to write a file's bytes.
#[derive(Clone, Copy, Debug)]
enum Variant {
    Plain,
    Crlf,
    Bom,
    BomCrlf,
    Tabs,
}

const VARIANTS: [Variant; 5] = [
    Variant::Plain,
    Variant::Crlf,
    Variant::Bom,
    Variant::BomCrlf,
    Variant::Tabs,
];

fn apply(variant: Variant, syntax: &str, text: &str) -> String {
    let tabs = |t: &str| match syntax {
        // TOML and JSON take tabs anywhere spaces go. psrlint's YAML takes them between the
        // items of a flow mapping, not in indentation nor after a key's `:` (as PyYAML).
        "toml" => {
            t.replace(" = ", "\t=\t")
                .replace("\n", "\n\t")
                .trim_end()
                .to_string()
                + "\n"
        }
        "json" => t.replace("  ", "\t").replace(": ", ":\t"),
        _ => t.replace(", ", ",\t"),
    };
    match variant {
        Variant::Plain => text.to_string(),
        Variant::Crlf => text.replace('\n', "\r\n"),
        Variant::Bom => format!("\u{feff}{text}"),
        Variant::BomCrlf => format!("\u{feff}{}", text.replace('\n', "\r\n")),
        Variant::Tabs => tabs(text),
    }
}

struct Case {
    name: &'static str,
    code: &'static str,
    kind: &'static str,
    date: &'static str,
    reference: &'static str,
    /// The text the finding underlines, per syntax (`«»` marks an empty span before a text).
    at: [&'static str; 3],
}

const CASES: &[Case] = &[
    Case {
        name: "an enum value",
        code: "ARR010",
        kind: "awrd",
        date: "2024-06-03",
        reference: "SOM-1",
        at: ["\"awrd\"", "\"awrd\"", "awrd"],
    },
    Case {
        name: "a date",
        code: "ARR012",
        kind: "award",
        date: "\"2024-02-30\"",
        reference: "SOM-1",
        at: ["\"2024-02-30\"", "\"2024-02-30\"", "\"2024-02-30\""],
    },
    Case {
        name: "a value after a multi-byte reference",
        code: "ARR010",
        kind: "wrong",
        date: "2024-06-03",
        reference: "£é—😀",
        at: ["\"wrong\"", "\"wrong\"", "wrong"],
    },
];

fn fill(template: &str, c: &Case, syntax: &str) -> String {
    // A JSON date is always a string; the case's quotes belong to TOML and YAML.
    let date = if syntax == "json" {
        c.date.trim_matches('"')
    } else {
        c.date
    };
    template
        .replace("{kind}", c.kind)
        .replace("{date}", date)
        .replace("{reference}", c.reference)
}

#[test]
fn findings_point_at_the_right_line_and_column_in_every_encoding_and_layout() {
    let mut failures = Vec::new();
    for c in CASES {
        for (i, (syntax, template)) in [("toml", TOML), ("json", JSON), ("yaml", YAML)]
            .into_iter()
            .enumerate()
        {
            for variant in VARIANTS {
                let text = apply(variant, syntax, &fill(template, c, syntax));
                let path = format!("case.arrangement.{syntax}");
                let report = check(test_engine(), &path, text.as_bytes(), &options());
                let what = format!("{} ({}), {syntax}, {variant:?}", c.name, c.code);
                let Some(f) = report.findings.iter().find(|f| f.code == c.code) else {
                    failures.push(format!(
                        "{what}: no {}; found:\n{}",
                        c.code,
                        describe_all(&report)
                    ));
                    continue;
                };
                let at = c.at[i];
                let offset = text.find(at).expect("the offending text is in the file");
                let Some(span) = f.span else {
                    failures.push(format!("{what}: no span"));
                    continue;
                };
                let got = report.line_col(span.start);
                let want = expected_line_col(&text, offset);
                let underlined = text
                    .get(span.start..span.end)
                    .unwrap_or("<not a char boundary>");
                if (span.start, underlined) != (offset, at) || (got.line, got.column) != want {
                    failures.push(format!(
                        "{what}: underlines {underlined:?} at {}:{}, expected {at:?} at {}:{}",
                        got.line, got.column, want.0, want.1
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_columns_count_characters_not_bytes() {
    let text = fill(TOML, &CASES[2], "toml");
    let report = check(
        test_engine(),
        "a.arrangement.toml",
        text.as_bytes(),
        &options(),
    );
    let f = report
        .findings
        .iter()
        .find(|f| f.code == "ARR010")
        .expect("ARR010");
    let lc = report.line_col(f.span.expect("a span").start);
    // `arrangement = { reference = "£é—😀", title = "Café £ — 😀 hearing", kind = ` is 73
    // characters but 87 bytes.
    assert_eq!((lc.line, lc.column), (2, 74));
}

#[test]
fn a_file_of_crlf_lines_with_a_bom_checks_as_clean_as_the_plain_file() {
    for (syntax, template) in [("toml", TOML), ("json", JSON), ("yaml", YAML)] {
        let good = Case {
            name: "clean",
            code: "",
            kind: "award",
            date: "2024-06-03",
            reference: "SOM-1",
            at: ["", "", ""],
        };
        for variant in VARIANTS {
            let text = apply(variant, syntax, &fill(template, &good, syntax));
            let report = check(
                test_engine(),
                &format!("a.arrangement.{syntax}"),
                text.as_bytes(),
                &options(),
            );
            assert!(
                report.findings.iter().all(|f| f.code == "TST001"),
                "{syntax} {variant:?}:\n{}\n{text}",
                describe_all(&report)
            );
        }
    }
}
