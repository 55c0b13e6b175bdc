//! `psr_lang::format`: formatting keeps the syntax tree and the comments, and is idempotent, on
//! every shipped rule file and on generated inputs.

use proptest::prelude::*;
use psr_lang::format::{erase_spans, format_source};
use psr_lang::syntax::parse_file;
use psr_testing::gen::Vocabulary;
use std::path::{Path, PathBuf};

/// Every `*.psrl` file under `rules/`.
fn shipped_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir)
            .expect("a readable directory")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "psrl") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules"),
        &mut out,
    );
    out.sort();
    out
}

/// The comments of a text, in order, without trailing whitespace.
fn comments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(body) = rest.strip_prefix("\"\"\"") {
            let end = body.find("\"\"\"").map_or(rest.len(), |n| n + 6);
            rest = &rest[end..];
        } else if c == '"' {
            let mut end = 1;
            let mut chars = rest[1..].char_indices();
            while let Some((n, ch)) = chars.next() {
                end = n + 1 + ch.len_utf8();
                match ch {
                    '\\' => {
                        chars.next();
                    }
                    '"' | '\n' => break,
                    _ => {}
                }
            }
            rest = &rest[end.min(rest.len())..];
        } else if c == '#' {
            let end = rest.find('\n').unwrap_or(rest.len());
            out.push(rest[..end].trim_end().to_string());
            rest = &rest[end..];
        } else {
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Formats `text` and checks what formatting promises.
fn assert_formats(name: &str, text: &str) -> String {
    let formatted = format_source(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let before = parse_file(text).expect("the input parses");
    let after = parse_file(&formatted)
        .unwrap_or_else(|e| panic!("{name}: the result does not parse: {e}\n{formatted}"));
    assert_eq!(
        erase_spans(&before),
        erase_spans(&after),
        "{name}: the syntax tree changed"
    );
    assert_eq!(
        comments(text),
        comments(&formatted),
        "{name}: the comments changed"
    );
    let again = format_source(&formatted).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(again, formatted, "{name}: formatting is not idempotent");
    assert!(
        formatted
            .lines()
            .all(|l| l == l.trim_end() || in_block(&formatted, l)),
        "{name}: trailing whitespace"
    );
    assert!(
        !formatted.contains("\n\n\n"),
        "{name}: two blank lines in a row"
    );
    formatted
}

/// Whether `line` may keep trailing whitespace: it is inside a text block.
fn in_block(text: &str, line: &str) -> bool {
    text.split("\"\"\"")
        .skip(1)
        .step_by(2)
        .any(|block| block.lines().any(|l| l == line))
}

#[test]
fn every_shipped_rule_file_formats_to_the_same_tree() {
    let files = shipped_files();
    assert!(files.len() >= 5, "the shipped rule files are found");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a rule file");
        assert_formats(&path.display().to_string(), &text);
    }
}

#[test]
fn the_shipped_manifests_are_already_canonical() {
    for path in shipped_files()
        .into_iter()
        .filter(|p| p.ends_with(psr_lang::loader::MANIFEST))
    {
        let text = std::fs::read_to_string(&path).expect("a manifest");
        assert_eq!(
            assert_formats(&path.display().to_string(), &text),
            text,
            "{}",
            path.display()
        );
    }
}

/// Replaces each run of whitespace outside texts and comments in `text` by one of `choices`
/// (cycling through `picks`); comments keep their line end.
fn relayout(text: &str, picks: &[usize], choices: &[&str]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    let mut n = 0;
    while let Some(c) = rest.chars().next() {
        let len = if let Some(body) = rest.strip_prefix("\"\"\"") {
            body.find("\"\"\"").map_or(rest.len(), |e| e + 6)
        } else if c == '"' {
            let mut end = rest.len();
            let mut chars = rest[1..].char_indices();
            while let Some((i, ch)) = chars.next() {
                if ch == '\\' {
                    chars.next();
                } else if ch == '"' {
                    end = i + 2;
                    break;
                }
            }
            end
        } else if c == '#' {
            rest.find('\n').unwrap_or(rest.len())
        } else if c.is_whitespace() {
            let ws = rest
                .find(|ch: char| !ch.is_whitespace())
                .unwrap_or(rest.len());
            let had_newline = rest[..ws].contains('\n');
            let choice = choices[picks[n % picks.len()] % choices.len()];
            n += 1;
            out.push_str(if had_newline && !choice.contains('\n') {
                "\n"
            } else {
                choice
            });
            rest = &rest[ws..];
            continue;
        } else {
            c.len_utf8()
        };
        out.push_str(&rest[..len]);
        rest = &rest[len..];
    }
    out
}

/// Expressions built from the whole expression grammar, with parentheses where needed.
fn expr() -> impl Strategy<Value = String> {
    psr_testing::gen::expression(&Vocabulary {
        leaves: vec![
            "process.type",
            "x",
            "\"direct-award-a\"",
            "£500,000",
            "25%",
            "2024-01-01",
            "8 working days",
            "30 days",
            "1.5",
            "true",
            "[\"a\", \"b\"]",
            "existing_contract.end is present",
        ],
        calls: vec!["f"],
        list: "notices",
        money: Vec::new(),
        dates: Vec::new(),
        booleans: Vec::new(),
        depth: 2,
    })
}

/// A rule file using every kind of declaration, with `when` and a `def` made of `e1` and `e2`.
fn file_with(e1: &str, e2: &str) -> String {
    format!(
        r#"# A generated pack file.
import "other.psrl"
enum Kind "doc" {{ a "A" b-c }}
record File "doc" {{ format: integer "doc"  kind: Kind?  items: list<text> }}
root File
table t "doc" {{ code: text }} rows {{ ["Y56"] ["Y58"] }}
calendar c "doc" {{ holidays: t.code  extra_closed_days: ["good-friday"] }}
param limit: money "doc" {{ £5 from 2024-01-01 until 2024-12-31 cite "I" "P" "U" }}
def f(a: money, b: working days) -> bool = {e2}
rule AB001 generated-rule {{ severity: warning   # why
  cite: "I" "reg 1(1)" "U"
  in_force: 2024-01-01 ..
  when: {e1}
  needs: a.b, c
  require: {e2}
  at: process.type
  related: x "label"
  message: """m {{x}}"""
  help: "h"
  doc: """
    D
  """
  compliant: "c"
  non_compliant: "n"
}}
"#
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn generated_files_format_to_the_same_tree(e1 in expr(), e2 in expr(), picks in prop::collection::vec(0usize..16, 1..64)) {
        let choices = [" ", "  ", "\t", "\n", "\n\n\n", "\n    ", "\n        ", " # c\n  ", "\n# own line\n", "\r\n", " ", " ", "\n  ", "\n      ", "   ", "\n\n"];
        let text = relayout(&file_with(&e1, &e2), &picks, &choices);
        prop_assume!(parse_file(&text).is_ok());
        assert_formats("generated", &text);
    }

    #[test]
    fn shipped_files_with_their_whitespace_changed_format_to_the_same_tree(file in 0usize..64, picks in prop::collection::vec(0usize..16, 1..256)) {
        let files = shipped_files();
        let path = &files[file % files.len()];
        let text = std::fs::read_to_string(path).expect("a rule file");
        let choices = [" ", "  ", "\t", "\n", "\n\n\n", "\n    ", "\n        ", " # c\n  ", "\n# own line\n", "\r\n", " ", " ", "\n  ", "\n      ", "   ", "\n\n"];
        let text = relayout(&text, &picks, &choices);
        prop_assume!(parse_file(&text).is_ok());
        assert_formats(&path.display().to_string(), &text);
    }
}

#[test]
fn the_generated_file_template_parses() {
    let text = file_with("a and (b or c)", "if x then y else z");
    parse_file(&text).expect("the template is valid");
    let formatted = assert_formats("template", &text);
    assert!(
        formatted.contains("\nenum Kind \"doc\" {\n  a \"A\"\n  b-c\n}\n"),
        "{formatted}"
    );
}

#[test]
fn a_messy_manifest_is_laid_out_and_keeps_its_line_breaks_and_comments() {
    let messy = "pack\npsr2023  { # c\n  version:\t\"0.2.0\"\n# own line\ndescription : \"PSR\"\n    uses:\narrangement\n} # c\n";
    let expected = "pack\n  psr2023 { # c\n  version: \"0.2.0\"\n  # own line\n  description: \"PSR\"\n  uses:\n    arrangement\n} # c\n";
    assert_eq!(assert_formats("messy manifest", messy), expected);
}
