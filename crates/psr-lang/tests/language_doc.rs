//! The examples of docs/language.md compile: the schema, table, calendar and parameter examples as
//! one pack, and the manifest, definitions and rule examples as a pack over the shipped
//! arrangement schema.

use psr_lang::{compile, DirPack, MemoryPack, PackReader};
use std::path::Path;

fn blocks() -> Vec<&'static str> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/language.md");
    let text: &'static str = Box::leak(
        std::fs::read_to_string(root)
            .expect("docs/language.md")
            .into_boxed_str(),
    );
    text.split("```psrl\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .collect()
}

/// The example that contains `text`.
fn find(blocks: &[&'static str], text: &str) -> &'static str {
    blocks
        .iter()
        .find(|b| b.contains(text))
        .copied()
        .unwrap_or_else(|| panic!("no example with `{text}`"))
}

fn problems(readers: &[&dyn PackReader]) -> Vec<String> {
    match compile(readers) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .iter()
            .filter(|e| !e.is_warning())
            .map(|e| {
                format!(
                    "{} {}: {}",
                    e.kind.code(),
                    e.file_name().unwrap_or("?"),
                    e.message
                )
            })
            .collect(),
    }
}

#[test]
fn the_schema_table_calendar_and_parameter_examples_compile() {
    let b = blocks();
    let schema = find(&b, "enum ProcessType");
    let tables = find(&b, "table bank_holidays");
    // The calendar names the table, so the two share a file (a file sees only what it imports).
    let tables: &'static str =
        Box::leak(format!("{}\n{}", tables, find(&b, "calendar working_days")).into_boxed_str());
    let param = find(&b, "param considerable_change_value");
    let csv: &'static [u8] = b"date,name\n2024-01-01,New Year's Day\n2024-12-25,Christmas Day\n";
    let pack = MemoryPack::new(
        "doc",
        vec![
            (
                "pack.psrl".into(),
                b"pack doc { version: \"1\" }".as_slice(),
            ),
            ("schema.psrl".into(), schema.as_bytes()),
            ("tables.psrl".into(), tables.as_bytes()),
            ("param.psrl".into(), param.as_bytes()),
            ("data/bank_holidays.csv".into(), csv),
        ],
    );
    let found = problems(&[&pack]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_manifest_definition_and_rule_examples_compile_over_the_arrangement_schema() {
    let b = blocks();
    let manifest = find(&b, "pack psr2023");
    let defs = find(&b, "def is_direct_award_c");
    let rule = find(&b, "rule PSR012");
    let cited_by_case = find(&b, "rule PSR051");
    let arrangement =
        DirPack::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/arrangement"));
    let pack = MemoryPack::new(
        "psr2023",
        vec![
            ("pack.psrl".into(), manifest.as_bytes()),
            ("defs.psrl".into(), defs.as_bytes()),
            ("rule.psrl".into(), rule.as_bytes()),
            ("cited_by_case.psrl".into(), cited_by_case.as_bytes()),
        ],
    );
    let found = problems(&[&arrangement, &pack]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_conditional_field_and_pack_condition_examples_compile() {
    let b = blocks();
    let schema = find(&b, "record AgreementFile");
    let own = MemoryPack::new(
        "doc",
        vec![
            (
                "pack.psrl".into(),
                b"pack doc { version: \"1\" }".as_slice(),
            ),
            ("schema.psrl".into(), schema.as_bytes()),
        ],
    );
    let found = problems(&[&own]);
    assert!(found.is_empty(), "{found:#?}");

    let manifest = find(&b, "pack joint_demo");
    let arrangement =
        DirPack::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/arrangement"));
    let pack = MemoryPack::new(
        "joint_demo",
        vec![("pack.psrl".into(), manifest.as_bytes())],
    );
    let found = problems(&[&arrangement, &pack]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_built_in_functions_table_is_the_codes_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/language.md");
    let text = std::fs::read_to_string(root).expect("docs/language.md");
    let start = text
        .find("| function | result |")
        .expect("docs/language.md has the table of built-in functions");
    let end = text[start..]
        .find("\n\n")
        .map_or(text.len(), |i| start + i + 1);
    assert_eq!(
        &text[start..end],
        psr_lang::builtin::markdown_table(),
        "docs/language.md's table of built-in functions differs from crates/psr-lang/src/builtin.rs"
    );
}
