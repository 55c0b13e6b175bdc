//! Layout cases: each input, its canonical form, and that the form is a fixed point.

use super::format_source;

fn check(input: &str, expected: &str) {
    let got = format_source(input).expect("formats");
    assert_eq!(
        got, expected,
        "\n--- got ---\n{got}\n--- expected ---\n{expected}"
    );
    let again = format_source(&got).expect("formats again");
    assert_eq!(again, got, "not idempotent");
}

#[test]
fn empty_and_comment_only_files() {
    check("", "");
    check("\n\n  \n", "");
    check("  # a   \n\n\n# b\n\n", "# a\n\n# b\n");
}

#[test]
fn declarations_are_separated_by_one_blank_line() {
    check(
        "import \"a.psrl\"\nimport \"b.psrl\"\nroot File\n\n\n\ndef x = 1\n# about y\ndef y = 2\n",
        "import \"a.psrl\"\nimport \"b.psrl\"\n\nroot File\n\ndef x = 1\n\n# about y\ndef y = 2\n",
    );
}

#[test]
fn blocks_open_and_close_on_their_own_lines() {
    check(
        "pack demo { version: \"1.0.0\" uses: arrangement }",
        "pack demo {\n  version: \"1.0.0\"\n  uses: arrangement\n}\n",
    );
    check("enum E {\n\n}\nrecord R {}", "enum E {}\n\nrecord R {}\n");
    check(
        "table t \"doc\" from \"data/t.csv\" { a: text  b: date? } rows { [\"x\", 2024-01-01] [\"y\", 2024-01-02] }",
        "table t \"doc\" from \"data/t.csv\" {\n  a: text\n  b: date?\n} rows {\n  [\"x\", 2024-01-01]\n  [\"y\", 2024-01-02]\n}\n",
    );
}

#[test]
fn colons_and_spaces_are_normalised_but_comment_gaps_kept() {
    check(
        "record R {\n\tname :text   \"doc\"      # aligned\n        other:list<text>  # here\n}\n",
        "record R {\n  name: text \"doc\"      # aligned\n  other: list<text>  # here\n}\n",
    );
}

#[test]
fn continuation_lines_align_with_the_value() {
    check(
        "rule A1 r {\n    when: a\n  and (b\n or c)\n    require: x ?? false\n}\n",
        "rule A1 r {\n  when: a\n        and (b\n             or c)\n  require: x ?? false\n}\n",
    );
    check(
        "def f(a: money, b: money) -> bool =\n      a > b\n   and b > £1\ndef g = a\nand b\n",
        "def f(a: money, b: money) -> bool =\n  a > b\n  and b > £1\n\ndef g = a\n        and b\n",
    );
    check(
        "rule A1 r {\n  when:\n  a and\n      b\n}\n",
        "rule A1 r {\n  when:\n    a and\n        b\n}\n",
    );
}

#[test]
fn deeper_continuation_lines_stay_deeper() {
    check(
        "def f =
    first x in xs where a
        and b
      and c
  and d
",
        "def f =
  first x in xs where a
      and b
    and c
  and d
",
    );
    check(
        "rule A1 r {
    when: (any n in ns where a
             and b)
}
",
        "rule A1 r {
  when: (any n in ns where a
           and b)
}
",
    );
}

#[test]
fn trailing_brackets_indent_their_contents_by_two() {
    check(
        "calendar c {\n holidays: t.date\n extra_closed_days: [\n\"christmas-day\",\n\"good-friday\"\n     ]\n}\n",
        "calendar c {\n  holidays: t.date\n  extra_closed_days: [\n    \"christmas-day\",\n    \"good-friday\"\n  ]\n}\n",
    );
}

#[test]
fn text_blocks_are_verbatim() {
    let input = "rule A1 r {\n      doc: \"\"\"\n  odd   \n      indent\n\t\"\"\"   # c\n}\n";
    check(
        input,
        "rule A1 r {\n  doc: \"\"\"\n  odd   \n      indent\n\t\"\"\"   # c\n}\n",
    );
}

#[test]
fn comments_take_the_indentation_of_the_next_line() {
    check(
        "rule A1 r {\n# first\n    severity: error\n          # inside\n\n\n  # last\n\n}\n# end\n",
        "rule A1 r {\n  # first\n  severity: error\n  # inside\n\n  # last\n}\n\n# end\n",
    );
    check(
        "def x =\n# why\n    a\n  # and\n  and b\n",
        "def x =\n  # why\n  a\n  # and\n  and b\n",
    );
}

#[test]
fn statements_written_on_one_line_are_split() {
    check(
        "rule A1 r { severity: error cite: \"I\" \"P\" \"U\" in_force: 2024-01-01 .. } def x = 1",
        "rule A1 r {\n  severity: error\n  cite: \"I\" \"P\" \"U\"\n  in_force: 2024-01-01 ..\n}\n\ndef x = 1\n",
    );
    check(
        "enum E { a \"A\" b-c d }",
        "enum E {\n  a \"A\"\n  b-c\n  d\n}\n",
    );
}

#[test]
fn the_equals_of_a_def_has_one_space_around_it() {
    check(
        "def x=1\ndef f(a: money)->bool=a > £1\n",
        "def x = 1\n\ndef f(a: money)->bool = a > £1\n",
    );
    check("def x # why\n  = 1\n", "def x # why\n  = 1\n");
}

#[test]
fn texts_are_set_apart_from_the_words_around_them() {
    check(
        "def x = a==\"b\"or c in[\"d\",\"e\"]\nparam p: money\"doc\" { £1 from 2024-01-01 cite\"I\"\"P\"\"U\" }\n",
        "def x = a== \"b\" or c in[\"d\", \"e\"]\n\nparam p: money \"doc\" {\n  £1 from 2024-01-01 cite \"I\" \"P\" \"U\"\n}\n",
    );
}

#[test]
fn crlf_becomes_lf() {
    check("def x = 1\r\n\r\ndef y = 2\r\n", "def x = 1\n\ndef y = 2\n");
}

#[test]
fn files_that_do_not_parse_are_refused() {
    assert!(matches!(
        format_source("rule {"),
        Err(super::FormatError::Syntax(_))
    ));
}

#[test]
fn guarded_citations_see_and_checks_are_laid_out_like_other_clauses() {
    check(
        "rule X1 demo { cite   when  a == \"x\"  :\"SI\" \"reg 7\"  \"https://a\" cite:\"SI\" \"reg 11\" \"https://b\"\n see :\"SI\" \"reg 2\" \"https://c\" checks :  record-only }",
        "rule X1 demo {\n  cite when a == \"x\": \"SI\" \"reg 7\" \"https://a\"\n  cite: \"SI\" \"reg 11\" \"https://b\"\n  see: \"SI\" \"reg 2\" \"https://c\"\n  checks: record-only\n}\n",
    );
    // A guard written over several lines keeps its line breaks; its continuation lines are
    // indented two spaces deeper than the clause.
    check(
        "rule X1 demo {\ncite when a == \"x\"\n      or b: \"SI\" \"reg 7\" \"https://a\"\n  cite: \"SI\" \"reg 11\" \"https://b\"\n}\n",
        "rule X1 demo {\n  cite when a == \"x\"\n    or b: \"SI\" \"reg 7\" \"https://a\"\n  cite: \"SI\" \"reg 11\" \"https://b\"\n}\n",
    );
}

#[test]
fn a_definitions_description_is_kept_between_its_head_and_the_equals_sign() {
    check(
        "def   x   \"the services are new\"=a\nand b\ndef f(a: money) -> bool   \"more than a pound\"   =\n      a > £1\n",
        "def x \"the services are new\" = a\n                               and b\n\ndef f(a: money) -> bool \"more than a pound\" =\n  a > £1\n",
    );
}
