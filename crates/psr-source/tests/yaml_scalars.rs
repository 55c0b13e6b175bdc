//! YAML scalars resolve by the YAML 1.2 core schema; quoted and block scalars are always strings.

use psr_source::{parse, Limits, NodeKind, Syntax};

fn kind(value: &str) -> NodeKind<'static> {
    let text = format!("v: {value}\n");
    let doc = parse(Syntax::Yaml, &text, &Limits::default()).unwrap_or_else(|e| panic!("{e:?}"));
    doc.get("v")
        .map(|e| e.value.kind.clone().into_owned())
        .unwrap_or_else(|| panic!("no v in {text:?}"))
}

fn s(text: &'static str) -> NodeKind<'static> {
    NodeKind::String(text.into())
}

#[test]
fn plain_scalars_follow_the_core_schema() {
    use NodeKind::{Bool, Float, Integer, Null};
    let cases = [
        ("", Null),
        ("~", Null),
        ("null", Null),
        ("NULL", Null),
        ("true", Bool(true)),
        ("False", Bool(false)),
        ("1100000", Integer("1100000".into())),
        ("-3", Integer("-3".into())),
        ("+7", Integer("+7".into())),
        ("0o17", Integer("0o17".into())),
        ("0x1F", Integer("0x1F".into())),
        ("1100000.50", Float("1100000.50".into())),
        ("1e5", Float("1e5".into())),
        ("-.5", Float("-.5".into())),
        ("1.", Float("1.".into())),
        ("2.5E-3", Float("2.5E-3".into())),
        (".inf", Float(".inf".into())),
        ("-.INF", Float("-.INF".into())),
        (".nan", Float(".nan".into())),
    ];
    for (text, expected) in cases {
        assert_eq!(kind(text), expected, "{text:?}");
    }
}

#[test]
fn yaml_1_1_words_dates_and_codes_stay_strings() {
    for text in [
        "yes",
        "no",
        "on",
        "off",
        "y",
        "nul",
        "tRUE",
        "2024-03-20",
        "85121270-6",
        "1_000",
        "0b101",
        "1,100,000",
        "£1,100,000",
        "40%",
        "0x",
        "+",
        ".",
        "1e",
        "1.2.3",
        "inf",
        "nan",
        "Y56",
    ] {
        assert_eq!(kind(text), s(text), "{text:?}");
    }
}

#[test]
fn quoted_block_and_str_tagged_scalars_are_strings() {
    assert_eq!(kind("\"true\""), s("true"));
    assert_eq!(kind("'1100000'"), s("1100000"));
    assert_eq!(kind("\"\""), s(""));
    assert_eq!(kind("!!str 12"), s("12"));
    assert_eq!(kind("|\n  null\n"), s("null\n"));
    assert_eq!(kind(">-\n  12\n"), s("12"));
}

#[test]
fn core_tags_are_checked_against_the_value() {
    assert_eq!(kind("!!int 12"), NodeKind::Integer("12".into()));
    assert_eq!(kind("!!float 12"), NodeKind::Integer("12".into()));
    assert_eq!(kind("!!bool true"), NodeKind::Bool(true));
    assert_eq!(kind("!!null ~"), NodeKind::Null);
    assert!(parse(Syntax::Yaml, "v: !!bool yes", &Limits::default()).is_err());
    assert!(parse(Syntax::Yaml, "v: !!map {a: 1}", &Limits::default()).is_ok());
    assert!(parse(Syntax::Yaml, "v: !!seq {a: 1}", &Limits::default()).is_err());
}

#[test]
fn empty_and_scalar_documents() {
    let empty = parse(Syntax::Yaml, "", &Limits::default()).map(|n| n.kind);
    assert_eq!(empty, Ok(NodeKind::Null));
    let comment =
        parse(Syntax::Yaml, "\u{feff}# nothing yet\n", &Limits::default()).map(|n| n.kind);
    assert_eq!(comment, Ok(NodeKind::Null));
    let toml = parse(Syntax::Toml, "", &Limits::default()).map(|n| n.kind);
    assert_eq!(toml, Ok(NodeKind::Table(Vec::new())));
}
