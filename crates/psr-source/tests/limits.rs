//! Nesting and length limits hold in every syntax, and hostile nesting fails without a crash.

use psr_source::{parse, Limits, Syntax, SyntaxError, SyntaxErrorKind};
use psr_testing::source::slice;

const DEEP: usize = 100_000;

fn err(syntax: Syntax, text: &str, limits: &Limits) -> SyntaxError {
    match parse(syntax, text, limits) {
        Ok(_) => panic!("{syntax:?} parsed {:?}...", &text[..text.len().min(40)]),
        Err(e) => e,
    }
}

fn assert_too_deep(syntax: Syntax, text: &str) {
    let e = err(syntax, text, &Limits::default());
    assert_eq!(e.kind, SyntaxErrorKind::TooDeep, "{syntax:?}: {e:?}");
    assert!(e.span.end <= text.len());
}

#[test]
fn a_hundred_thousand_open_brackets_are_refused_in_every_syntax() {
    let brackets = "[".repeat(DEEP);
    assert_too_deep(Syntax::Toml, &format!("a = {brackets}"));
    assert_too_deep(Syntax::Json, &brackets);
    assert_too_deep(Syntax::Yaml, &brackets);
    assert_too_deep(Syntax::Yaml, &format!("a: {brackets}"));
}

#[test]
fn a_hundred_thousand_nested_tables_are_refused_in_every_syntax() {
    assert_too_deep(Syntax::Toml, &format!("a = {}", "{b = ".repeat(DEEP)));
    assert_too_deep(Syntax::Toml, &format!("[{}]", vec!["a"; DEEP].join(".")));
    assert_too_deep(Syntax::Toml, &format!("{} = 1", vec!["a"; DEEP].join(".")));
    assert_too_deep(Syntax::Json, &"{\"a\": ".repeat(DEEP));
    assert_too_deep(Syntax::Yaml, &"{a: ".repeat(DEEP));
    assert_too_deep(Syntax::Yaml, &"- ".repeat(DEEP));
    let block: String = (0..1_000)
        .map(|i| format!("{}a:\n", "  ".repeat(i)))
        .collect();
    assert_too_deep(Syntax::Yaml, &block);
}

#[test]
fn depth_counts_the_document_as_level_one() {
    let limits = Limits {
        max_depth: 3,
        ..Limits::default()
    };
    let cases = [
        (Syntax::Toml, "a = [[1]]", "a = [[[1]]]"),
        (Syntax::Json, "{\"a\": [[1]]}", "{\"a\": [[[1]]]}"),
        (Syntax::Yaml, "a: [[1]]", "a: [[[1]]]"),
    ];
    for (syntax, fits, too_deep) in cases {
        assert!(parse(syntax, fits, &limits).is_ok(), "{syntax:?}");
        let e = err(syntax, too_deep, &limits);
        assert_eq!(e.kind, SyntaxErrorKind::TooDeep);
        assert_eq!(
            (e.span.start, slice(too_deep, e.span)),
            (too_deep.find("[[[").unwrap_or(0) + 2, "[")
        );
        assert_eq!(e.message, "lists and tables are nested more than 3 deep");
    }
    let e = err(Syntax::Toml, "[a.b.c]\nx = 1\n", &limits);
    assert_eq!(
        (e.kind, slice("[a.b.c]\nx = 1\n", e.span)),
        (SyntaxErrorKind::TooDeep, "[a.b.c]")
    );
}

#[test]
fn lists_and_tables_longer_than_the_limit_are_refused_at_the_first_item_too_many() {
    let limits = Limits {
        max_list_len: 3,
        ..Limits::default()
    };
    let cases = [
        (Syntax::Toml, "a = [1, 2, 3]", "a = [1, 2, 3, 44]", "44"),
        (Syntax::Json, "[1, 2, 3]", "[1, 2, 3, 44]", "44"),
        (Syntax::Yaml, "[1, 2, 3]", "- 1\n- 2\n- 3\n- 44\n", "44"),
        (
            Syntax::Toml,
            "a = 1\nb = 2\nc = 3",
            "a = 1\nb = 2\nc = 3\ndd = 4",
            "dd",
        ),
        (
            Syntax::Json,
            "{\"a\":1,\"b\":2,\"c\":3}",
            "{\"a\":1,\"b\":2,\"c\":3,\"dd\":4}",
            "\"dd\"",
        ),
        (
            Syntax::Yaml,
            "{a: 1, b: 2, c: 3}",
            "a: 1\nb: 2\nc: 3\ndd: 4\n",
            "dd",
        ),
    ];
    for (syntax, fits, too_long, at) in cases {
        assert!(parse(syntax, fits, &limits).is_ok(), "{syntax:?} {fits:?}");
        let e = err(syntax, too_long, &limits);
        assert_eq!(
            (e.kind, slice(too_long, e.span)),
            (SyntaxErrorKind::ListTooLong, at),
            "{too_long:?}"
        );
        assert_eq!(e.message, "this list or table has more than 3 items");
    }
}

#[test]
fn an_array_of_tables_counts_its_headers() {
    let limits = Limits {
        max_list_len: 2,
        ..Limits::default()
    };
    let text = "[[n]]\nx = 1\n[[n]]\nx = 2\n[[n]]\nx = 3\n";
    let e = err(Syntax::Toml, text, &limits);
    assert_eq!(e.kind, SyntaxErrorKind::ListTooLong);
    assert_eq!(e.span.start, text.rfind("[[n]]").unwrap_or(0));
}
