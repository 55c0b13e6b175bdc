//! The same arrangement written in TOML, JSON and YAML reads into the same tree.

use psr_source::{decode, parse, Limits, Node, NodeKind, Syntax};
use psr_testing::source::{render, strip};

const TOML: &str = include_str!("fixtures/adhd.arrangement.toml");
const JSON: &str = include_str!("fixtures/adhd.arrangement.json");
const YAML: &str = include_str!("fixtures/adhd.arrangement.yaml");

fn read(syntax: Syntax, text: &str) -> Node<'_> {
    let text = decode(text.as_bytes()).expect("fixtures are UTF-8");
    parse(syntax, text, &Limits::default()).expect("fixtures parse")
}

#[test]
fn toml_json_and_yaml_give_equal_trees() {
    let toml = strip(&read(Syntax::Toml, TOML));
    assert_eq!(strip(&read(Syntax::Json, JSON)), toml);
    assert_eq!(strip(&read(Syntax::Yaml, YAML)), toml);
}

#[test]
fn only_toml_has_dates_and_keys_keep_source_order() {
    let doc = read(Syntax::Toml, TOML);
    let date = doc
        .get("arrangement")
        .and_then(|a| a.value.get("decision_date"));
    assert_eq!(
        date.map(|e| &e.value.kind),
        Some(&NodeKind::Date("2024-03-20".into()))
    );
    let json = read(Syntax::Json, JSON);
    let date = json
        .get("arrangement")
        .and_then(|a| a.value.get("decision_date"));
    assert_eq!(
        date.map(|e| &e.value.kind),
        Some(&NodeKind::String("2024-03-20".into()))
    );
    let NodeKind::Table(entries) = &doc.kind else {
        panic!("a TOML document is a table")
    };
    let keys: Vec<&str> = entries.iter().map(|e| e.key.as_ref()).collect();
    assert_eq!(
        keys,
        [
            "format",
            "arrangement",
            "services",
            "existing_contract",
            "decision",
            "notices"
        ]
    );
}

#[test]
fn toml_tree_with_spans() {
    insta::assert_snapshot!(render(&read(Syntax::Toml, TOML), TOML));
}

#[test]
fn json_tree_with_spans() {
    insta::assert_snapshot!(render(&read(Syntax::Json, JSON), JSON));
}

#[test]
fn yaml_tree_with_spans() {
    insta::assert_snapshot!(render(&read(Syntax::Yaml, YAML), YAML));
}
