//! Hover, completion and code actions on the shipped packs and examples, in all three syntaxes:
//! the edits a quick fix makes are applied and the result checked again.

use super::{actions, completion, hover};
use crate::text::Lines;
use lsp_types::{TextEdit, Url};
use psr_engine::{CheckOptions, Engine, FileReport, SourceFile};
use psr_source::Syntax;
use std::path::PathBuf;

fn repo() -> PathBuf {
    psr_testing::root()
}

fn engine() -> Engine {
    psr_testing::engine::engine_of(&[psr_testing::rules()])
}

fn check(engine: &Engine, name: &str, text: &str) -> FileReport {
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).expect("a date");
    engine.check(
        &SourceFile {
            path: name.into(),
            bytes: text.as_bytes().to_vec(),
        },
        &CheckOptions::new(today),
    )
}

fn apply(text: &str, edit: &TextEdit) -> String {
    let lines = Lines::new(text);
    let span = lines.span(text, edit.range);
    let mut out = text.to_string();
    out.replace_range(span.start..span.end, &edit.new_text);
    out
}

fn syntax_of(name: &str) -> Syntax {
    SourceFile {
        path: name.into(),
        bytes: Vec::new(),
    }
    .syntax()
}

#[test]
fn a_waiver_skeleton_is_valid_in_toml_json_and_yaml_and_waives_the_finding() {
    let engine = engine();
    for name in [
        "violation-da-c-where-da-b-required.arrangement.toml",
        "violation-award-notice-missing.arrangement.json",
        "violation-subcontractors-not-checked.arrangement.yaml",
    ] {
        let text =
            std::fs::read_to_string(repo().join("examples").join(name)).expect("the example");
        let report = check(&engine, name, &text);
        let rule = report
            .findings
            .iter()
            .find(|f| f.code.starts_with("PSR") && f.waived.is_none())
            .unwrap_or_else(|| panic!("{name} has a rule finding"))
            .clone();
        let uri = Url::parse("file:///x").expect("a URI");
        let lines = Lines::new(&text);
        let range = lines.range(&text, rule.span.unwrap_or_default());
        let all = actions::actions(
            engine.program(),
            &text,
            syntax_of(name),
            &report,
            &uri,
            range,
            &[],
        );
        let title = format!("Add a waiver for {}", rule.code);
        let waiver = all
            .iter()
            .find(|a| a.title.starts_with(&title))
            .unwrap_or_else(|| {
                panic!(
                    "{name}: {:?}",
                    all.iter().map(|a| &a.title).collect::<Vec<_>>()
                )
            });
        let changes = waiver
            .edit
            .as_ref()
            .and_then(|e| e.changes.as_ref())
            .expect("changes");
        let edited = apply(&text, &changes[&uri][0]);
        let after = check(&engine, name, &edited);
        // The file still parses, and the placeholder expiry is reported until it is a date.
        assert!(
            after
                .findings
                .iter()
                .any(|f| f.code == "ARR012" && f.field.as_deref() == Some("waivers[0].expires")),
            "{name}: {:?}",
            after
                .findings
                .iter()
                .map(|f| (&f.code, &f.field))
                .collect::<Vec<_>>()
        );
        // With a real expiry, the finding is waived.
        let dated = edited.replace(actions::EXPIRY_PLACEHOLDER, "2026-03-31");
        let done = check(&engine, name, &dated);
        let f = done
            .findings
            .iter()
            .find(|f| f.code == rule.code)
            .expect("still found");
        assert!(f.waived.is_some(), "{name}: {edited}");
    }
}

#[test]
fn hover_and_completion_in_json_and_yaml_read_the_tree() {
    let engine = engine();
    let program = engine.program();
    let name = "violation-subcontractors-not-checked.arrangement.yaml";
    let text = std::fs::read_to_string(repo().join("examples").join(name)).expect("the example");
    let key = text.find("commissioning_function:").expect("the key") + 2;
    let (shown, _) = hover::hover(program, &text, Syntax::Yaml, None, key).expect("a hover");
    assert!(
        shown.contains("`services.commissioning_function`: `CommissioningFunction?`"),
        "{shown}"
    );
    assert!(
        shown.contains("- `icb-core`: ICB core functions"),
        "{shown}"
    );
    let value = text[key..]
        .find('\n')
        .map(|i| key + i - 2)
        .expect("the value");
    let items = completion::complete(program, &text, Syntax::Yaml, None, value);
    assert!(items.iter().any(
        |i| i.label == "primary-medical" && i.insert_text.as_deref() == Some("primary-medical")
    ));
    let name = "violation-award-notice-missing.arrangement.json";
    let text = std::fs::read_to_string(repo().join("examples").join(name)).expect("the example");
    let at = text.find("\"kind\"").expect("kind") + 9;
    let items = completion::complete(program, &text, Syntax::Json, None, at);
    let award = items
        .iter()
        .find(|i| i.label == "framework-call-off")
        .expect("an ArrangementKind");
    assert_eq!(
        award.insert_text.as_deref(),
        Some("framework-call-off"),
        "inside quotes"
    );
}

#[test]
fn hover_completion_and_actions_never_panic_anywhere_in_a_file_whole_or_cut_short() {
    let engine = engine();
    let program = engine.program();
    for name in [
        "violation-intention-notice-missing-conflicts.arrangement.toml",
        "violation-award-notice-missing.arrangement.json",
        "violation-subcontractors-not-checked.arrangement.yaml",
    ] {
        let full =
            std::fs::read_to_string(repo().join("examples").join(name)).expect("the example");
        let syntax = syntax_of(name);
        // The whole file, and the file cut in the middle as while typing.
        let cut: String = full.chars().take(full.chars().count() / 2).collect();
        for text in [full.as_str(), cut.as_str()] {
            let report = check(&engine, name, text);
            let uri = Url::parse("file:///x").expect("a URI");
            let lines = Lines::new(text);
            let whole = lines.range(text, psr_source::Span::new(0, text.len()));
            let _ = actions::actions(program, text, syntax, &report, &uri, whole, &[]);
            for offset in (0..=text.len())
                .filter(|o| text.is_char_boundary(*o))
                .step_by(13)
            {
                let _ = hover::hover(program, text, syntax, Some(&report), offset);
                let _ = completion::complete(program, text, syntax, Some(&report), offset);
            }
        }
    }
}
