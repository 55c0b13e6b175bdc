//! Every input built to be slow (`psrlint_bench::slow_inputs`) gets the answer it must: checked,
//! or refused by a documented limit with that limit's finding. How long each takes is measured by
//! the `slow-inputs` benchmark (docs/robustness.md), never here.

mod common {
    pub use psr_testing::engine::*;
    pub use psr_testing::root;
}

use psrlint_bench::slow_inputs::{self, Expect, READING_CODES};

#[test]
fn every_slow_input_is_checked_or_refused_by_its_limit() {
    let inputs = slow_inputs::all(&common::root().join("examples")).expect("the slow inputs");
    assert_eq!(
        inputs.len(),
        3 * 10 + 1,
        "ten shapes in each syntax, and YAML's billion laughs"
    );
    let engine = common::shipped_engine();
    let mut wrong = Vec::new();
    for input in &inputs {
        let report = common::check(
            engine,
            &input.file_name,
            input.text.as_bytes(),
            &common::options(),
        );
        let reading: Vec<&str> = report
            .findings
            .iter()
            .map(|f| f.code.as_str())
            .filter(|c| READING_CODES.contains(c))
            .collect();
        let right = match input.expect {
            Expect::Checked => reading.is_empty(),
            Expect::Refused(code) => reading == [code],
        };
        if !right {
            wrong.push(format!(
                "{}: expected {:?}, got {} findings, first: {}",
                input.file_name,
                input.expect,
                report.findings.len(),
                report
                    .findings
                    .first()
                    .map(|f| format!("{} {}", f.code, f.message))
                    .unwrap_or_default()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_long_line_gives_one_finding_per_item_without_a_suggestion() {
    let inputs = slow_inputs::all(&common::root().join("examples")).expect("the slow inputs");
    let input = inputs
        .iter()
        .find(|i| i.shape == "long-line-many-findings" && i.syntax == "toml")
        .expect("the long-line shape");
    let report = common::check(
        common::shipped_engine(),
        &input.file_name,
        input.text.as_bytes(),
        &common::options(),
    );
    let bad_items: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == "ARR010")
        .collect();
    assert_eq!(bad_items.len(), slow_inputs::LINE_ITEMS);
    let last = bad_items.last().expect("a finding");
    // Every item is on the same line, the last one far along it.
    let first_line = report
        .line_col(bad_items[0].span.expect("a span").start)
        .line;
    let at = report.line_col(last.span.expect("a span").start);
    assert_eq!(at.line, first_line);
    assert!(at.column > 3_000_000, "column {}", at.column);
    assert!(
        bad_items
            .iter()
            .all(|f| !f.help.as_deref().unwrap_or("").contains("did you mean")),
        "{:?}",
        last.help
    );
}

/// The inputs with thousands of findings in one file are rendered in every format psr-render
/// writes (the HTML page is timed by the benchmark), and every format reports every finding.
/// The human report used to quote the excerpt of each finding from the start of the file (time
/// findings × file size); the benchmark times each format.
#[test]
fn thousands_of_findings_in_one_file_are_reported_in_every_format() {
    use psr_render::{EmitterContext, Format, RunReport};
    let inputs = slow_inputs::all(&common::root().join("examples")).expect("the slow inputs");
    let engine = common::shipped_engine();
    let formats = [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
    ];
    let many: Vec<_> = inputs
        .iter()
        .filter(|i| matches!(i.shape, "many-keys-at-limit" | "long-line-many-findings"))
        .collect();
    assert_eq!(many.len(), 6, "two shapes in each syntax");
    for input in many {
        let report = common::check(
            engine,
            &input.file_name,
            input.text.as_bytes(),
            &common::options(),
        );
        let code = if input.shape == "many-keys-at-limit" {
            "ARR008"
        } else {
            "ARR010"
        };
        let expected = report.findings.iter().filter(|f| f.code == code).count();
        assert!(expected > 9_000, "{}: {expected} {code}", input.file_name);
        let context = EmitterContext {
            tool_version: "0.0.0",
            program: engine.program(),
            human: Default::default(),
        };
        let files = [report];
        for format in formats {
            let emitter = format.emitter(&context).expect("an emitter");
            let run = RunReport {
                tool_version: "0.0.0",
                program: engine.program(),
                files: &files,
            };
            let mut out = Vec::new();
            psr_render::render(&*emitter, &run, &mut out).expect("rendered");
            let text = String::from_utf8(out).expect("UTF-8");
            let shown = text.matches(code).count();
            assert!(
                shown >= expected,
                "{} in {format:?}: {shown} of {expected} {code} findings shown",
                input.file_name
            );
        }
    }
}
