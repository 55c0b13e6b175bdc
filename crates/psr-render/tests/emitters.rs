//! Every emitter over the same reports, built in this process (no binary): findings with spans,
//! multi-byte text, control characters and markup in paths and messages, a file with no
//! findings, and a run of many files. Each format's output is a snapshot; the JSON documents are
//! checked to be what serde_json's pretty printer gives for them; and the way `check` drives an
//! emitter (parts rendered first, reports then reduced to what the stream reads) is checked to
//! give the same bytes as rendering from whole reports.

use psr_engine::{FileReport, Finding, RelatedLabel, Severity, TraceStep, WaiverInfo};
use psr_lang::{compile, Citation, DirPack, PackReader, Program};
use psr_render::{EmitterContext, Format, RunReport};
use psr_source::Span;
use std::path::PathBuf;
use std::sync::Arc;

const FORMATS: [Format; 6] = [
    Format::Human,
    Format::Concise,
    Format::Json,
    Format::Sarif,
    Format::Github,
    Format::Junit,
];

/// The format's name in snapshot names: its variant, in lower case.
fn name(format: Format) -> String {
    format!("{format:?}").to_ascii_lowercase()
}

/// The test pack of the command-line tests (three rules, one of each severity).
fn program() -> Program {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/rules/mini");
    let pack = DirPack::new(root);
    match compile(&[&pack as &dyn PackReader]) {
        Ok(c) => c.program,
        Err(e) => panic!("the mini pack compiles: {e:?}"),
    }
}

fn report(path: &str, text: &str, findings: Vec<Finding>) -> FileReport {
    let mut r = FileReport::new(path.into(), Arc::from(text), format!("{:064x}", text.len()));
    r.decision_date = psr_lang::value::parse_date("2024-06-03");
    r.law_as_of = r.decision_date;
    r.findings = findings;
    r
}

fn finding(code: &str, severity: Severity, message: &str, span: Option<Span>) -> Finding {
    let name = format!("{}-name", code.to_ascii_lowercase());
    Finding {
        span,
        ..Finding::new(code, name, severity, message)
    }
}

/// The span of the first `needle` in `text`.
fn at(text: &str, needle: &str) -> Option<Span> {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in the text"));
    Some(Span::new(start, start + needle.len()))
}

const CLEAN: &str = "format = 1\n\n[services]\npatient_choice = false\n";

const WRONG: &str = "format = 1\n\n[arrangement]\ntitle = \"Café “Quote” £5 services\"\n\n\
[services]\npatient_choice = true\nprocess = \"direct-award-c\"\nvalue = \"£1,000\"\n";

const CONTROLS: &str = "format = 1\n\n[services]\nnote = \"bell\u{7} esc\u{1b}[31m red\"\n";

/// Three files: one clean, one with findings of every kind on multi-byte text, one whose path
/// and messages carry control characters, markup and the characters workflow commands escape.
fn fixture() -> Vec<FileReport> {
    let mut rule = finding(
        "MINI001",
        Severity::Error,
        "Where patients choose, use Direct Award Process B, not “C”",
        at(WRONG, "\"direct-award-c\""),
    );
    rule.field = Some("services.process".into());
    rule.help = Some("set `process = \"direct-award-b\"`".into());
    rule.citation = Some(Citation {
        instrument: "SI 2023/1348".into(),
        provision: "reg 6(4)".into(),
        url: "https://www.legislation.gov.uk/uksi/2023/1348/regulation/6".into(),
    });
    rule.related = vec![RelatedLabel {
        field: Some("services.patient_choice".into()),
        span: at(WRONG, "true").unwrap_or_default(),
        message: "patients choose here".into(),
    }];
    rule.trace = vec![TraceStep {
        clause: "when",
        condition: "services.patient_choice".into(),
        outcome: "true".into(),
        words: None,
    }];
    let mut warning = finding(
        "MINI002",
        Severity::Warning,
        "the value “£1,000” is not a number",
        at(WRONG, "\"£1,000\""),
    );
    warning.field = Some("services.value".into());
    let mut waived = finding(
        "MINI003",
        Severity::Info,
        "noted: a title with “quotes” and £",
        at(WRONG, "Café"),
    );
    waived.waived = Some(WaiverInfo {
        reason: "agreed with the board".into(),
        approved_by: "A. Person".into(),
        expires: psr_lang::value::parse_date("2027-03-31").unwrap_or_default(),
    });
    let whole_file = finding(
        "ARR006",
        Severity::Error,
        "the file has no `[arrangement]` table",
        None,
    );
    let mut controls = finding(
        "MINI002",
        Severity::Warning,
        "bad <value> & \"quote\" 100% a:b,c\nsecond line\u{1b}[2J\u{202e}rtl\r",
        at(CONTROLS, "esc"),
    );
    controls.help = Some("help with\ttab\u{7}".into());
    let other = finding("XYZ900", Severity::Info, "a code no table knows", None);
    vec![
        report("a/clean.arrangement.toml", CLEAN, Vec::new()),
        report(
            "b/wrong.arrangement.toml",
            WRONG,
            vec![waived, rule, warning],
        ),
        report(
            "c/ctrl\u{1b}]0;x\u{7}, 1:2 %.arrangement.toml",
            CONTROLS,
            vec![whole_file, controls, other],
        ),
    ]
}

/// `files` written in `format` from whole reports (psr_render::render).
fn render(format: Format, program: &Program, files: &[FileReport]) -> String {
    let context = context(program);
    let emitter = format
        .emitter(&context)
        .unwrap_or_else(|| panic!("an emitter"));
    let run = RunReport {
        tool_version: "9.9.9",
        program,
        files,
    };
    let mut out = Vec::new();
    psr_render::render(&*emitter, &run, &mut out).unwrap_or_else(|e| panic!("{e}"));
    shown(out)
}

/// The output as text, with the directory SARIF names (the one it ran in) made `[CWD]`.
fn shown(out: Vec<u8>) -> String {
    let text = String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"));
    let here = psr_render::sarif::uri(
        &std::env::current_dir()
            .unwrap_or_default()
            .display()
            .to_string(),
    );
    text.replace(&here, "[CWD]")
}

fn context(program: &Program) -> EmitterContext<'_> {
    EmitterContext {
        tool_version: "9.9.9",
        program,
        human: psr_render::human::HumanOptions {
            width: 80,
            ..Default::default()
        },
    }
}

/// `files` written as `check` drives an emitter: every part rendered first (by the threads that
/// checked the files), each report then reduced to what the stream reads, then the files handed
/// over in path order.
fn as_check_does(format: Format, program: &Program, files: &[FileReport]) -> String {
    let context = context(program);
    let emitter = format
        .emitter(&context)
        .unwrap_or_else(|| panic!("an emitter"));
    let parts: Vec<_> = files
        .iter()
        .cloned()
        .map(|mut r| {
            let part = emitter.part(&r).unwrap_or_else(|e| panic!("{e}"));
            if emitter.reads_findings() {
                r.compact();
            } else {
                r.keep_counts_only();
            }
            (r, part)
        })
        .collect();
    let mut out = Vec::new();
    let mut summary = psr_render::Summary::default();
    let mut stream = emitter.begin(&mut out).unwrap_or_else(|e| panic!("{e}"));
    for (r, part) in parts {
        summary.add(&r);
        stream
            .file(&r, part, &mut out)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    stream
        .finish(&summary, &mut out)
        .unwrap_or_else(|e| panic!("{e}"));
    shown(out)
}

/// A snapshot of `files` in each of `formats`, named `PREFIX_FORMAT`.
fn snapshots(prefix: &str, formats: &[Format], files: &[FileReport]) {
    let program = program();
    for format in formats {
        insta::assert_snapshot!(
            format!("{prefix}_{}", name(*format)),
            render(*format, &program, files)
        );
    }
}

#[test]
fn each_format_over_the_fixture() {
    snapshots("fixture", &FORMATS, &fixture());
}

#[test]
fn each_format_over_no_files() {
    snapshots("no_files", &FORMATS, &[]);
}

/// Forty files, every third with a finding: the streamed documents join up.
fn many() -> Vec<FileReport> {
    (0..40)
        .map(|i| {
            let findings = if i % 3 == 0 {
                vec![finding(
                    "MINI002",
                    Severity::Warning,
                    &format!("finding {i}"),
                    at(CLEAN, "false"),
                )]
            } else {
                Vec::new()
            };
            report(&format!("r/{i:02}.arrangement.toml"), CLEAN, findings)
        })
        .collect()
}

#[test]
fn concise_and_junit_over_many_files() {
    snapshots("many", &[Format::Concise, Format::Junit], &many());
}

#[test]
fn json_documents_are_laid_out_as_serde_json_pretty_prints_them() {
    let program = program();
    for files in [fixture(), many(), Vec::new()] {
        for format in [Format::Json, Format::Sarif] {
            let text = render(format, &program, &files);
            let doc: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
            let again = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
            // psrlint escapes what could drive a terminal (DEL, C1, bidi) where serde_json
            // writes it raw; the fixture's U+202E is one.
            assert_eq!(
                again.replace('\u{202e}', "\\u202e"),
                text,
                "{}",
                name(format)
            );
        }
    }
}

#[test]
fn streaming_as_check_does_gives_the_same_bytes() {
    let program = program();
    for files in [fixture(), many(), Vec::new()] {
        for format in FORMATS {
            assert_eq!(
                as_check_does(format, &program, &files),
                render(format, &program, &files),
                "{}",
                name(format)
            );
        }
    }
}

#[test]
fn json_findings_held_in_a_temporary_file_give_the_same_bytes() {
    let program = program();
    let context = context(&program);
    for files in [fixture(), many(), Vec::new()] {
        let whole = render(Format::Json, &program, &files);
        for bound in [0, 1, 700, 5_000] {
            let emitter = psr_render::json::JsonEmitter::new(&context).spilling_at(bound);
            let run = RunReport {
                tool_version: "9.9.9",
                program: &program,
                files: &files,
            };
            let mut out = Vec::new();
            psr_render::render(&emitter, &run, &mut out).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(shown(out), whole, "bound {bound}");
        }
    }
}

#[test]
fn sarif_lists_the_packs_rules_then_other_codes_as_they_first_appear() {
    let program = program();
    let text = render(Format::Sarif, &program, &fixture());
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let run = &doc["runs"][0];
    let ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(ids, ["MINI001", "MINI002", "MINI003", "ARR006", "XYZ900"]);
    for r in run["results"].as_array().into_iter().flatten() {
        let i = r["ruleIndex"].as_u64().unwrap_or(99) as usize;
        assert_eq!(ids.get(i).copied(), r["ruleId"].as_str());
    }
}

#[test]
fn the_one_line_form_with_and_without_the_path() {
    let files = fixture();
    let lines: Vec<String> = files
        .iter()
        .flat_map(|r| {
            r.findings.iter().flat_map(move |f| {
                [
                    psr_render::line::finding_line(r, f, true),
                    psr_render::line::finding_line(r, f, false),
                ]
            })
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}
