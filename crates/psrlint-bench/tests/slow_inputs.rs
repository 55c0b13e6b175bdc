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
