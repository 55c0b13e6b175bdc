//! Spans are byte offsets into the text as read and point at the exact key or value, also after a
//! byte order mark, CRLF line ends, tabs and multi-byte characters.

use psr_source::{parse, Limits, Node, Syntax};
use psr_testing::source::{at, slice};

/// The entry at `path` (keys separated by `/`).
fn entry<'n, 'a>(doc: &'n Node<'a>, path: &str) -> &'n psr_source::Entry<'a> {
    let mut parts = path.split('/');
    let first = parts.next().unwrap_or_default();
    let mut e = doc.get(first).unwrap_or_else(|| panic!("no `{first}`"));
    for part in parts {
        e = e
            .value
            .get(part)
            .unwrap_or_else(|| panic!("no `{part}` in `{path}`"));
    }
    e
}

/// Asserts the key and value text and their `line:column` for the entry at `path`.
fn assert_entry(doc: &Node, text: &str, path: &str, key: (&str, &str), value: (&str, &str)) {
    let e = entry(doc, path);
    assert_eq!(
        (slice(text, e.key_span), at(text, e.key_span).as_str()),
        key,
        "key of {path}"
    );
    assert_eq!(
        (slice(text, e.value.span), at(text, e.value.span).as_str()),
        value,
        "value of {path}"
    );
}

fn read(syntax: Syntax, text: &str) -> Node<'_> {
    parse(syntax, text, &Limits::default()).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn toml_with_bom_crlf_tabs_and_multibyte() {
    let text = concat!(
        "\u{feff}# Café £ notes\r\n",
        "[arrangement]\r\n",
        "\"café\" = \"£1,100,000\"\r\n",
        "\tprice\t=\t12.50\r\n",
        "when = 2024-03-20 # é\r\n",
    );
    let doc = read(Syntax::Toml, text);
    assert_entry(
        &doc,
        text,
        "arrangement",
        ("arrangement", "2:2"),
        ("[arrangement]", "2:1"),
    );
    assert_entry(
        &doc,
        text,
        "arrangement/café",
        ("\"café\"", "3:1"),
        ("\"£1,100,000\"", "3:10"),
    );
    assert_entry(
        &doc,
        text,
        "arrangement/price",
        ("price", "4:2"),
        ("12.50", "4:10"),
    );
    assert_entry(
        &doc,
        text,
        "arrangement/when",
        ("when", "5:1"),
        ("2024-03-20", "5:8"),
    );
}

#[test]
fn toml_bom_counts_in_byte_offsets() {
    let text = "\u{feff}a = 1";
    let e = entry(&read(Syntax::Toml, text), "a").clone();
    assert_eq!((e.key_span.start, e.value.span.start), (3, 7));
    assert_eq!(at(text, e.key_span), "1:1");
}

#[test]
fn json_with_bom_crlf_tabs_and_multibyte() {
    let text = concat!(
        "\u{feff}{\r\n",
        "\t\"café\": \"£1,100,000\",\r\n",
        "\t\"price\":\t12.50,\r\n",
        "\t\"é\": {\"£\": null}\r\n",
        "}\r\n",
    );
    let doc = read(Syntax::Json, text);
    assert_eq!(slice(text, doc.span), &text[3..text.len() - 2]);
    assert_entry(
        &doc,
        text,
        "café",
        ("\"café\"", "2:2"),
        ("\"£1,100,000\"", "2:10"),
    );
    assert_entry(&doc, text, "price", ("\"price\"", "3:2"), ("12.50", "3:11"));
    assert_entry(&doc, text, "é/£", ("\"£\"", "4:8"), ("null", "4:13"));
}

#[test]
fn yaml_with_bom_crlf_tabs_and_multibyte() {
    let text = concat!(
        "\u{feff}# Café £ notes\r\n",
        "arrangement:\r\n",
        "  café: \"£1,100,000\"\r\n",
        "  price: \t12.50\r\n",
        "  é £: [£, 'é']  # ü\r\n",
        "  last: ü\r\n",
    );
    let doc = read(Syntax::Yaml, text);
    assert_entry(
        &doc,
        text,
        "arrangement/café",
        ("café", "3:3"),
        ("\"£1,100,000\"", "3:9"),
    );
    assert_entry(
        &doc,
        text,
        "arrangement/price",
        ("price", "4:3"),
        ("12.50", "4:11"),
    );
    assert_entry(
        &doc,
        text,
        "arrangement/é £",
        ("é £", "5:3"),
        ("[£, 'é']", "5:8"),
    );
    assert_entry(
        &doc,
        text,
        "arrangement/last",
        ("last", "6:3"),
        ("ü", "6:9"),
    );
    let arrangement = &entry(&doc, "arrangement").value;
    assert_eq!(
        slice(text, arrangement.span).lines().last(),
        Some("  last: ü")
    );
}

#[test]
fn yaml_multibyte_keys_in_nested_flow_and_block() {
    let text = "ñ:\n  - {ö: 1, ü: [é]}\n  - ß: £\n";
    let doc = read(Syntax::Yaml, text);
    let psr_source::NodeKind::Array(items) = &entry(&doc, "ñ").value.kind else {
        panic!("a list")
    };
    let first = items[0].get("ü").expect("ü");
    assert_eq!(
        (slice(text, first.key_span), slice(text, first.value.span)),
        ("ü", "[é]")
    );
    assert_eq!(at(text, first.value.span), "2:15");
    let second = items[1].get("ß").expect("ß");
    assert_eq!(
        (
            slice(text, second.value.span),
            at(text, second.value.span).as_str()
        ),
        ("£", "3:8")
    );
}

#[test]
fn yaml_values_end_where_they_are_written_not_at_the_next_comment() {
    let text = concat!(
        "a: \"x\\\"y\"  # \"c\"\n",
        "b: 'it''s' # c\n",
        "c: [1, {d: e}]  # c\n",
        "f: |\n",
        "  text\n",
        "\n",
        "g: >-\n",
        "  folded\n",
        "h: x\n",
    );
    let doc = read(Syntax::Yaml, text);
    let value = |key: &str| slice(text, entry(&doc, key).value.span);
    assert_eq!(value("a"), "\"x\\\"y\"");
    assert_eq!(value("b"), "'it''s'");
    assert_eq!(value("c"), "[1, {d: e}]");
    assert_eq!(value("f"), "text", "a block scalar spans its content");
    assert_eq!(value("g"), "folded");
    assert_eq!(value("h"), "x");
}

#[test]
fn json_and_toml_string_spans_include_the_quotes_and_escapes() {
    let json = "{\"a\\u00e9\": \"x\\\"y\"}";
    let doc = read(Syntax::Json, json);
    let e = entry(&doc, "aé");
    assert_eq!(
        (slice(json, e.key_span), slice(json, e.value.span)),
        ("\"a\\u00e9\"", "\"x\\\"y\"")
    );
    let toml = "\"a\\u00e9\" = 'x\"y'\n";
    let doc = read(Syntax::Toml, toml);
    let e = entry(&doc, "aé");
    assert_eq!(
        (slice(toml, e.key_span), slice(toml, e.value.span)),
        ("\"a\\u00e9\"", "'x\"y'")
    );
}
