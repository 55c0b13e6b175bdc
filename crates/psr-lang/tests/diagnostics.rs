//! Every rule-language diagnostic (RL001–RL019) as a rule author sees it.
//!
//! Each directory under `tests/fixtures/diagnostics/` is a small pack that `uses: arrangement`
//! (the real arrangement schema in `rules/arrangement`) and gets one thing wrong. Its name starts
//! with the code it must produce (`rl015-absence`). The packs are compiled together with the real
//! arrangement pack and every problem is rendered by miette without colour at width 100, as
//! `psrlint` prints it, and compared with a snapshot.

use miette::{GraphicalReportHandler, GraphicalTheme};
use psr_lang::{compile, Compiled, LangError, LangErrorKind, MemoryPack, PackReader};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures_dir() -> PathBuf {
    manifest_dir().join("tests/fixtures/diagnostics")
}

/// The files under `dir` (recursively), as a pack shown as `shown`, so that snapshots name
/// `fixtures/rl015-absence/rules.psrl` rather than an absolute path.
fn memory_pack(dir: &Path, shown: &str) -> MemoryPack {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, &'static [u8])>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("a UTF-8 file name");
            let relative = format!("{prefix}{name}");
            if path.is_dir() {
                walk(&path, &format!("{relative}/"), out);
            } else {
                let bytes = std::fs::read(&path).expect("a readable fixture file");
                out.push((relative, Box::leak(bytes.into_boxed_slice())));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, "", &mut files);
    MemoryPack::new(shown, files)
}

fn arrangement_pack() -> MemoryPack {
    memory_pack(
        &manifest_dir().join("../../rules/arrangement"),
        "rules/arrangement",
    )
}

/// Compiles the fixture pack `name` with the real arrangement pack.
fn compile_fixture(name: &str) -> Result<Compiled, Vec<LangError>> {
    let arrangement = arrangement_pack();
    let fixture = memory_pack(&fixtures_dir().join(name), &format!("fixtures/{name}"));
    compile(&[&arrangement as &dyn PackReader, &fixture])
}

/// Every problem the fixture pack has, errors and warnings alike.
fn problems(name: &str) -> Vec<LangError> {
    match compile_fixture(name) {
        Ok(c) => c.warnings,
        Err(errors) => errors,
    }
}

/// The problems as `psrlint` prints them: no colour, 100 columns.
fn render(errors: &[LangError]) -> String {
    let handler =
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(100);
    let mut out = String::new();
    for e in errors {
        let mut one = String::new();
        handler
            .render_report(&mut one, e)
            .expect("a diagnostic renders");
        out.push_str(one.trim_end());
        out.push_str("\n\n");
    }
    out
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("the fixtures directory")
        .map(|e| e.expect("a directory entry"))
        .filter(|e| psr_lang::loader::is_pack(&e.path()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The code a fixture is named after (`rl015-absence` → `RL015`).
fn fixture_code(name: &str) -> Option<String> {
    let code = name.split('-').next()?.to_ascii_uppercase();
    LangErrorKind::from_code(&code).map(|k| k.code().to_string())
}

fn codes(errors: &[LangError]) -> BTreeSet<&'static str> {
    errors.iter().map(|e| e.kind.code()).collect()
}

#[test]
fn every_fixture_renders_as_its_snapshot() {
    insta::glob!("fixtures/diagnostics/*/pack.psrl", |path| {
        let name = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .expect("a fixture directory name");
        insta::assert_snapshot!(render(&problems(name)));
    });
}

#[test]
fn every_code_has_a_fixture_that_produces_it_and_nothing_else() {
    let names = fixture_names();
    let mut missing = Vec::new();
    for kind in LangErrorKind::ALL {
        let code = kind.code();
        let covering: Vec<&String> = names
            .iter()
            .filter(|n| fixture_code(n).as_deref() == Some(code))
            .collect();
        if covering.is_empty() {
            missing.push(code);
            continue;
        }
        for name in covering {
            let found = problems(name);
            assert_eq!(
                codes(&found),
                BTreeSet::from([code]),
                "the fixture `{name}` should report {code} ({}) and nothing else:\n{}",
                kind.title(),
                render(&found)
            );
        }
    }
    assert!(
        missing.is_empty(),
        "no fixture under tests/fixtures/diagnostics/ for {missing:?}"
    );
}

#[test]
fn every_problem_has_a_message_help_and_a_span_inside_its_file() {
    for name in fixture_names() {
        for e in problems(&name) {
            let what = format!("{name}: {} {}", e.kind.code(), e.message);
            assert!(!e.message.is_empty(), "{what}: empty message");
            assert!(
                !e.message.ends_with('.'),
                "{what}: messages end without a full stop"
            );
            assert!(
                e.message.chars().next().is_some_and(|c| !c.is_uppercase()),
                "{what}: messages start in lower case"
            );
            assert!(
                e.help.as_deref().is_some_and(|h| !h.trim().is_empty()),
                "{what}: no help line"
            );
            let source = e
                .source
                .as_ref()
                .unwrap_or_else(|| panic!("{what}: no file"));
            let text = source.inner();
            assert!(
                e.span.end <= text.len() && text.is_char_boundary(e.span.start),
                "{what}: span {:?} is outside the file",
                e.span
            );
        }
    }
}

#[test]
fn the_baseline_fixture_is_valid() {
    let compiled = compile_fixture("valid-baseline")
        .unwrap_or_else(|errors| panic!("the baseline fixture has problems:\n{}", render(&errors)));
    assert!(
        compiled.warnings.is_empty(),
        "{}",
        render(&compiled.warnings)
    );
    assert!(compiled.program.rules.iter().any(|r| r.code == "TST001"));
}

#[test]
fn several_problems_in_several_files_are_all_reported_in_one_run() {
    let errors = match compile_fixture("multiple-errors") {
        Ok(_) => panic!("a pack with errors must not load, not even its valid rules"),
        Err(errors) => errors,
    };
    let found: Vec<(String, &'static str, String)> = errors
        .iter()
        .map(|e| {
            let file = e.file_name().unwrap_or("?").to_string();
            let text = e.source.as_ref().expect("a file").inner();
            (
                file,
                e.kind.code(),
                text[e.span.start..e.span.end].to_string(),
            )
        })
        .collect();
    let expected = [
        ("fixtures/multiple-errors/rules.psrl", "RL002", "proces"),
        (
            "fixtures/multiple-errors/rules.psrl",
            "RL015",
            "proposed_contract.start",
        ),
        ("fixtures/multiple-errors/rules.psrl", "RL016", "\"ccg\""),
        (
            "fixtures/multiple-errors/rules.psrl",
            "RL003",
            "len(notices)",
        ),
        (
            "fixtures/multiple-errors/windows.psrl",
            "RL007",
            "2024-13-01",
        ),
    ];
    for (file, code, at) in expected {
        assert!(
            found
                .iter()
                .any(|(f, c, t)| f == file && *c == code && t == at),
            "expected {code} at `{at}` in {file}; found {found:#?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

#[test]
fn a_pack_with_only_warnings_loads() {
    let compiled =
        compile_fixture("rl009-unused-definition").expect("warnings do not stop loading");
    assert_eq!(codes(&compiled.warnings), BTreeSet::from(["RL009"]));
    assert!(compiled.program.rules.iter().any(|r| r.code == "TST001"));
}

#[test]
fn problems_come_in_file_and_position_order() {
    let errors = problems("multiple-errors");
    let keys: Vec<(String, usize)> = errors
        .iter()
        .map(|e| (e.file_name().unwrap_or("").to_string(), e.span.start))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

// ------------------------------------------------------------------ syntax errors in words

/// The names of the grammar's rules, read from `grammar.pest`.
fn grammar_rule_names() -> Vec<String> {
    let grammar =
        std::fs::read_to_string(manifest_dir().join("src/grammar.pest")).expect("src/grammar.pest");
    grammar
        .lines()
        .filter_map(|line| {
            let (name, rest) = line.split_once('=')?;
            let name = name.trim();
            let looks_like_rule = !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && rest
                    .trim_start()
                    .trim_start_matches(['_', '@', '$', '!'])
                    .starts_with('{');
            looks_like_rule.then(|| name.to_string())
        })
        .collect()
}

/// Grammar rule names that are not also ordinary words a message may use.
fn internal_rule_names() -> Vec<String> {
    const WORDS: [&str; 16] = [
        "file", "item", "keyword", "code", "string", "text", "date", "money", "percent", "decimal",
        "integer", "days", "boolean", "severity", "clause", "kebab",
    ];
    let mut names: Vec<String> = grammar_rule_names()
        .into_iter()
        .filter(|n| !WORDS.contains(&n.as_str()))
        .filter(|n| {
            !matches!(
                n.as_str(),
                "path"
                    | "name"
                    | "citation"
                    | "quantifier"
                    | "call"
                    | "presence"
                    | "conditional"
                    | "comparison"
                    | "coalesce"
                    | "additive"
                    | "multiplicative"
                    | "unary"
                    | "postfix"
                    | "primary"
                    | "block"
            )
        })
        .collect();
    names.extend(["Rule", "SOI", "EOI", "WHITESPACE", "COMMENT"].map(String::from));
    names
}

/// Whether `word` occurs in `text` as a whole identifier.
fn contains_identifier(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

fn assert_in_words(input: &str, message: &str, internal: &[String]) {
    for name in internal {
        assert!(
            !contains_identifier(message, name),
            "the grammar rule name `{name}` leaks into a syntax error:\n  input: {input:?}\n  message: {message}"
        );
    }
    assert!(
        message.starts_with("expected ")
            || message == "unexpected text here"
            || message == "this text is not understood here",
        "a syntax error says what was expected:\n  input: {input:?}\n  message: {message}"
    );
}

#[test]
fn the_grammar_rule_list_is_read() {
    let names = grammar_rule_names();
    for expected in [
        "file",
        "or_expr",
        "quantifier_kw",
        "rule_decl",
        "standalone_expr",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
}

#[test]
fn syntax_errors_say_what_was_expected_in_words() {
    let cases: &[(&str, &str)] = &[
        (
            "rule",
            "expected a rule code (capital letters then digits, like `PSR012`)",
        ),
        (
            "rule PSR001",
            "expected a kebab-case name (like `direct-award-b`)",
        ),
        (
            "rule PSR001 x { severity: fatal }",
            "expected `error`, `warning` or `info`",
        ),
        ("def x = ", "expected an expression"),
        ("def x = a ==", "expected an expression"),
        ("def x = any n in notices where", "expected an expression"),
        ("record R { a: }", "expected a type"),
        (
            "enum E { A }",
            "expected a kebab-case name (like `direct-award-b`)",
        ),
        (
            "param p: money { £5 from 2024 }",
            "expected a date (YYYY-MM-DD)",
        ),
        (
            "param p: money { £5 from 2024-01-01 }",
            "expected `cite \"instrument\" \"provision\" \"url\"`",
        ),
        ("import shared.psrl", "expected a text in double quotes"),
        (
            "pack p { colour: \"red\" }",
            "expected `version:`, `description:`, `uses:` or `when:`",
        ),
        (
            "calendar c { weekends: [] }",
            "expected `holidays:` or `extra_closed_days:`",
        ),
        ("import", "expected a text in double quotes"),
        ("root", "expected a name"),
        ("def x = a is", "expected `is present` or `is absent`"),
        (
            "rule PSR001 x { message: }",
            "expected a text block in triple quotes or a text in double quotes",
        ),
        ("rule PSR001 x { when: a and }", "expected an expression"),
        ("42", "expected a declaration"),
    ];
    let internal = internal_rule_names();
    let mut wrong = Vec::new();
    for (input, want) in cases {
        let err = psr_lang::syntax::parse_file(input).expect_err("malformed input");
        assert_eq!(err.kind, LangErrorKind::Syntax);
        assert_in_words(input, &err.message, &internal);
        if !err.message.starts_with(want) {
            wrong.push(format!(
                "{input:?}\n    expected: {want}…\n    got:      {}",
                err.message
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "syntax errors in unexpected words:\n  {}",
        wrong.join("\n  ")
    );
}

/// Every rule file is split into its declarations; each declaration is cut short at whitespace,
/// and has one word left out, at a sample of places. Each result either parses or gives an error
/// in words: no grammar rule name reaches the user.
#[test]
fn no_grammar_rule_name_leaks_from_thousands_of_malformed_declarations() {
    let mut files: Vec<PathBuf> = Vec::new();
    let rules = manifest_dir().join("../../rules");
    for pack in std::fs::read_dir(&rules).expect("rules/").flatten() {
        files.extend(
            std::fs::read_dir(pack.path())
                .into_iter()
                .flatten()
                .flatten()
                .map(|f| f.path()),
        );
    }
    for name in fixture_names() {
        files.extend(
            std::fs::read_dir(fixtures_dir().join(name))
                .into_iter()
                .flatten()
                .flatten()
                .map(|f| f.path()),
        );
    }
    files.retain(|p| p.extension().is_some_and(|e| e == "psrl"));
    files.sort();
    let mut declarations: Vec<String> = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("a rule file");
        declarations.extend(
            text.split("\n\n")
                .map(str::to_string)
                .filter(|d| !d.trim().is_empty()),
        );
    }
    let internal = internal_rule_names();
    let mut checked = 0usize;
    let mut messages = BTreeSet::new();
    let mut try_parse = |text: &str| {
        if let Err(e) = psr_lang::syntax::parse_file(text) {
            assert_in_words(text, &e.message, &internal);
            messages.insert(e.message);
            checked += 1;
        }
    };
    for text in &declarations {
        let cuts: Vec<usize> = text
            .char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .map(|(i, _)| i)
            .collect();
        // Eight places per declaration keep the test to a few seconds in a debug build.
        let step = (cuts.len() / 8).max(1);
        for (n, &cut) in cuts.iter().enumerate().step_by(step) {
            try_parse(&text[..cut]);
            let next = cuts.get(n + 1).copied().unwrap_or(text.len());
            try_parse(&format!("{}{}", &text[..cut], &text[next..]));
        }
    }
    assert!(
        checked > 1_500,
        "only {checked} malformed declarations were tried"
    );
    assert!(
        messages.len() > 15,
        "too few distinct messages: {messages:#?}"
    );
}

// ------------------------------------------------------------------ known bugs
//
// Each test below states the behaviour users should see and fails today; it is ignored so that
// the suite stays green, and listed for the lead to fix in the source.

/// A pack `bug` with the given rule files, compiled with the real arrangement pack.
fn compile_inline(files: &[(&str, &str)]) -> Result<Compiled, Vec<LangError>> {
    let arrangement = arrangement_pack();
    let mut all: Vec<(String, &'static [u8])> = vec![(
        "pack.psrl".into(),
        b"pack bug {\n  version: \"1.0.0\"\n  uses: arrangement\n}\n".as_slice(),
    )];
    for (name, text) in files {
        let leaked: &'static str = Box::leak(text.to_string().into_boxed_str());
        all.push((name.to_string(), leaked.as_bytes()));
    }
    let pack = MemoryPack::new("bug", all);
    compile(&[&arrangement as &dyn PackReader, &pack])
}

fn inline_problems(files: &[(&str, &str)]) -> Vec<LangError> {
    match compile_inline(files) {
        Ok(c) => c.warnings,
        Err(e) => e,
    }
}

/// The baseline rule with `require:` replaced.
fn baseline_requiring(require: &str) -> String {
    let text = std::fs::read_to_string(fixtures_dir().join("valid-baseline/rules.psrl"))
        .expect("the baseline fixture");
    text.replace(
        "require: process.type != \"none\"",
        &format!("require: {require}"),
    )
}

fn underlined(e: &LangError) -> &str {
    let text = e.source.as_ref().expect("a file").inner();
    &text[e.span.start..e.span.end]
}

#[test]
fn bug_expression_spans_end_at_their_last_character() {
    for (expr, want) in [
        ("a == b   \n", "a == b"),
        ("not a   \n", "not a"),
        ("-a   \n", "-a"),
        ("if a then b else c   \n", "if a then b else c"),
        (
            "any n in notices where n.a   \n",
            "any n in notices where n.a",
        ),
    ] {
        let text = format!("def x = {expr}");
        let file = psr_lang::syntax::parse_file(&text).expect("valid");
        let Some(psr_lang::ast::Item::Def(d)) = file.items.first() else {
            panic!("a def")
        };
        assert_eq!(&text[d.body.span.start..d.body.span.end], want);
    }
    // As users see it: the type error underlines two lines, the comparison and the next clause.
    let errors = inline_problems(&[("rules.psrl", &baseline_requiring("len(notices) == \"two\""))]);
    assert_eq!(codes(&errors), BTreeSet::from(["RL003"]));
    assert_eq!(underlined(&errors[0]), "len(notices) == \"two\"");
}

#[test]
fn bug_syntax_errors_name_the_missing_punctuation_or_keyword() {
    let cases = [
        ("def x = (a", "`)`"),
        ("def x = [1, 2", "`]`"),
        ("def x = f(a", "`)`"),
        ("def x = if a then b", "`else`"),
        ("def x = any n notices where true", "`in`"),
        ("record R { a: list<text }", "`>`"),
        ("record R { a text }", "`:`"),
        ("rule PSR001 x { severity error }", "`:`"),
        ("rule PSR001 x { in_force: 2024-01-01 }", "`..`"),
        ("calendar c { holidays: t }", "`.`"),
        ("table t { a: text } rows { (1) }", "`[`"),
    ];
    let mut wrong = Vec::new();
    for (input, missing) in cases {
        let e = psr_lang::syntax::parse_file(input).expect_err("malformed");
        if !e.message.contains(missing) {
            wrong.push(format!("{input:?} at {}: {}", e.span.start, e.message));
        }
    }
    assert!(
        wrong.is_empty(),
        "the missing token is not named:\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn bug_invalid_number_literals_have_a_help_line() {
    for require in [
        "len(notices) < 99999999999999999999",
        "(proposed_contract.lifetime_value ?? £0) < £99999999999999999999999999999999",
    ] {
        let errors = inline_problems(&[("rules.psrl", &baseline_requiring(require))]);
        assert_eq!(codes(&errors), BTreeSet::from(["RL016"]), "{require}");
        assert!(
            errors[0].help.is_some(),
            "{require}: `{}` has no help",
            errors[0].message
        );
    }
}

#[test]
fn bug_a_syntax_error_at_the_end_of_a_file_points_somewhere() {
    let unclosed = baseline_requiring("process.type != \"none\"");
    let unclosed = unclosed.trim_end().trim_end_matches('}');
    let errors = inline_problems(&[("rules.psrl", unclosed)]);
    assert_eq!(codes(&errors), BTreeSet::from(["RL001"]));
    let rendered = render(&errors);
    assert!(rendered.contains("╰── here"), "no label:\n{rendered}");
}

#[test]
fn bug_a_template_syntax_error_does_not_speak_of_the_end_of_the_file() {
    let text =
        baseline_requiring("process.type != \"none\"").replace("{process.type}", "{process type}");
    let errors = inline_problems(&[("rules.psrl", &text)]);
    assert_eq!(codes(&errors), BTreeSet::from(["RL017"]));
    assert!(
        !errors[0].message.contains("end of the file"),
        "{}",
        errors[0].message
    );
}

#[test]
fn bug_a_missing_import_does_not_suggest_the_file_itself() {
    let text = format!(
        "import \"shared.psrl\"\n\n{}",
        baseline_requiring("process.type != \"none\"")
    );
    let errors = inline_problems(&[("rules.psrl", &text)]);
    assert_eq!(codes(&errors), BTreeSet::from(["RL013"]));
    let help = errors[0].help.as_deref().unwrap_or("");
    assert!(!help.contains("rules.psrl"), "help: {help}");
}

#[test]
fn bug_a_duplicate_definition_is_reported_once() {
    let text = format!(
        "def seen = true\ndef seen = false\n\n{}",
        baseline_requiring("seen")
    );
    let errors = inline_problems(&[("rules.psrl", &text)]);
    assert_eq!(
        errors.iter().map(|e| e.kind.code()).collect::<Vec<_>>(),
        ["RL004"],
        "{}",
        render(&errors)
    );
}

#[test]
fn bug_a_presence_test_already_known_is_not_an_error() {
    let text =
        baseline_requiring("existing_contract is present and existing_contract.provider != \"\"")
            .replace(
                "  require:",
                "  when: existing_contract is present\n  require:",
            );
    let errors = inline_problems(&[("rules.psrl", &text)]);
    // Today: RL003 "this is never absent (its type is ExistingContract, not optional)", though the
    // schema declares `existing_contract: ExistingContract?`.
    assert!(errors.is_empty(), "{}", render(&errors));
}

#[test]
fn bug_the_rendered_column_counts_characters() {
    let errors = inline_problems(&[("rules.psrl", &baseline_requiring("\"£é—\" == nope"))]);
    assert_eq!(codes(&errors), BTreeSet::from(["RL002"]));
    let rendered = render(&errors);
    assert!(rendered.contains("[bug/rules.psrl:6:21]"), "{rendered}");
}

// ------------------------------------------------------------------ regressions

/// Was a bug (refused: "`lower` takes 2 argument(s), but 1 are given"); fixed in 9331504.
#[test]
fn lower_and_trim_take_one_argument() {
    for require in [
        "lower(authority.name) != \"\"",
        "trim(authority.name) != \"\"",
    ] {
        let errors = inline_problems(&[("rules.psrl", &baseline_requiring(require))]);
        assert!(errors.is_empty(), "{require}:\n{}", render(&errors));
    }
}

/// Was a bug (`days` was a keyword, so `x: days` was a syntax error); fixed in 7ccc35f.
#[test]
fn the_days_type_can_be_written() {
    for text in [
        "record Gap { length: days }",
        "param review: days \"reg 12\" {\n  8 days from 2024-01-01 cite \"SI 2023/1348\" \"reg 12\" \"https://www.legislation.gov.uk/uksi/2023/1348/regulation/12\"\n}",
        "def longer(a: days, b: days) -> days = max(a, b)",
    ] {
        if let Err(e) = psr_lang::syntax::parse_file(text) {
            panic!("{text:?}: {} at {:?}", e.message, e.span);
        }
    }
}
