//! Broken files give one error each, in plain words, with the span where the parser stopped.

use psr_source::{parse, Limits, Syntax, SyntaxErrorKind};
use psr_testing::source::show_error;

/// Parses each case (which must fail) and renders case and error, one block per case.
fn errors(syntax: Syntax, cases: &[&str]) -> String {
    let mut out = String::new();
    for case in cases {
        let err = match parse(syntax, case, &Limits::default()) {
            Ok(node) => panic!("{case:?} parsed: {node:?}"),
            Err(e) => e,
        };
        assert!(
            err.span.start <= err.span.end && err.span.end <= case.len(),
            "{err:?}"
        );
        assert!(case.is_char_boundary(err.span.start) && case.is_char_boundary(err.span.end));
        let first = err.message.chars().next().unwrap_or('x');
        assert!(
            !first.is_uppercase() && !err.message.ends_with('.'),
            "{}",
            err.message
        );
        out.push_str(&format!("{case:?}\n  {}\n", show_error(&err, case)));
    }
    out
}

#[test]
fn toml_errors() {
    insta::assert_snapshot!(errors(
        Syntax::Toml,
        &[
            "a = 1\nb\n",
            "a = \n",
            "title = \"café\r\n",
            "kind = award\n",
            "list = [1 2]\n",
            "list = [1, 2\n",
            "t = {x = 1\n",
            "[arrangement\nkind = \"award\"\n",
            "[[notices]\n",
            "a = 1 b = 2\n",
            "\u{feff}é = 1\n",
            "when = 2024-13-45\n",
            "n = 01\n",
            "s = \"\\q\"\n",
            "a = 1\r\na = 2\r\n",
            "[a]\nx = 1\n[a]\ny = 2\n",
            "a = 1\n[a]\n",
        ],
    ));
}

#[test]
fn json_errors() {
    insta::assert_snapshot!(errors(
        Syntax::Json,
        &[
            "",
            "{\"a\": 1,}",
            "{\"a\" 1}",
            "{a: 1}",
            "{'a': 1}",
            "{\"a\": 1 \"b\": 2}",
            "{\"a\": 1} x",
            "[1, 2",
            "{\"a\": [1, 2}",
            "{\"é\": \"x\ny\"}",
            "{\"£\": \"x",
            "{\"a\": 0x10}",
            "{\"a\": +1}",
            "{\"a\": .5}",
            "{\"a\": NaN}",
            "// note\n{}",
            "{\"a\": \"\\q\"}",
            "{\"a\": award}",
            "\u{feff}{\"a\": 1,\r\n \"a\": 2}",
        ],
    ));
}

#[test]
fn yaml_errors() {
    insta::assert_snapshot!(errors(
        Syntax::Yaml,
        &[
            "a: 1\n b: 2\n",
            "title: a: b\n",
            "list: [1, 2\n",
            "t: {x: 1\n",
            "a: \"x\n",
            "a:\n\t- 1\n",
            "a:\t-1\n",
            "a: 1\n---\nb: 2\n",
            "? [a]\n: 1\n",
            "a: !foo 1\n",
            "a: !!int x\n",
            "a: &x 1\nb: *x\n",
            "a: *nowhere\n",
            "- a\nb: 1\n",
            "\u{feff}é: 1\r\né: 2\r\n",
            "x: {a: 1, a: 2}\n",
        ],
    ));
}

#[test]
fn kinds_separate_the_refusals() {
    let kind = |syntax, text: &str| {
        parse(syntax, text, &Limits::default())
            .map(|_| ())
            .map_err(|e| e.kind)
    };
    assert_eq!(
        kind(Syntax::Toml, "a = 1\na = 2").err(),
        Some(SyntaxErrorKind::DuplicateKey)
    );
    assert_eq!(
        kind(Syntax::Json, "{\"a\":1,\"a\":2}").err(),
        Some(SyntaxErrorKind::DuplicateKey)
    );
    assert_eq!(
        kind(Syntax::Yaml, "a: 1\na: 2").err(),
        Some(SyntaxErrorKind::DuplicateKey)
    );
    assert_eq!(
        kind(Syntax::Yaml, "a: &x [1]\nb: *x").err(),
        Some(SyntaxErrorKind::YamlAlias)
    );
    assert_eq!(
        kind(Syntax::Json, "{").err(),
        Some(SyntaxErrorKind::Invalid)
    );
}
