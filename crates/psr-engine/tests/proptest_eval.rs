//! Whatever an arrangement file holds, checking it gives findings, never a panic:
//!
//! - arbitrary bytes, and examples with bytes changed, through the three loaders and the engine;
//! - nesting 100,000 deep in each syntax, refused as ARR005;
//! - random arrangements that validate against the shipped schema, checked by every shipped rule;
//! - random well-typed rules over the arrangement schema, evaluated on random arrangements.

use proptest::prelude::*;
use psr_engine::{Engine, FileReport};
use psr_source::{Limits, Syntax};
use psr_testing::arbitrary::{arrangement, code_pool, text_pool, Options};
use psr_testing::engine::{check, describe_all, options, shipped_engine};
use psr_testing::gen::{self, cases, Vocabulary};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

/// Checks `bytes` as `path`, turning a panic into a failure that shows the input.
fn check_without_panic(
    engine: &Engine,
    path: &str,
    bytes: &[u8],
) -> Result<FileReport, TestCaseError> {
    catch_unwind(AssertUnwindSafe(|| check(engine, path, bytes, &options()))).map_err(|panic| {
        let why = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("?");
        TestCaseError::fail(format!(
            "checking {path} panicked: {why}\n--- input\n{}",
            String::from_utf8_lossy(bytes)
        ))
    })
}

fn pools() -> &'static (Vec<String>, Vec<String>) {
    static POOLS: OnceLock<(Vec<String>, Vec<String>)> = OnceLock::new();
    POOLS.get_or_init(|| (text_pool(), code_pool(shipped_engine().program())))
}

fn examples() -> &'static Vec<(String, Vec<u8>)> {
    static EXAMPLES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        let mut out: Vec<(String, Vec<u8>)> =
            std::fs::read_dir(psr_testing::root().join("examples"))
                .expect("examples/")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().contains(".arrangement."))
                .map(|p| {
                    let name = p
                        .file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or("x")
                        .to_string();
                    (name, std::fs::read(&p).expect("a readable example"))
                })
                .collect();
        out.sort();
        out
    })
}

// ------------------------------------------------------------------ loaders

#[test]
fn nesting_a_hundred_thousand_deep_is_refused_as_arr005_in_every_syntax() {
    let deep = 100_000;
    let inputs = [
        (
            "deep.arrangement.toml",
            format!("format = 1\nx = {}", "[".repeat(deep)),
        ),
        (
            "deep.arrangement.toml",
            format!("format = 1\nx = {}", "{ a = ".repeat(deep)),
        ),
        ("deep.arrangement.json", "[".repeat(deep)),
        (
            "deep.arrangement.json",
            format!("{{\"format\": 1, \"x\": {}", "{\"a\": ".repeat(deep)),
        ),
        ("deep.arrangement.yaml", "[".repeat(deep)),
        (
            "deep.arrangement.yaml",
            format!("format: 1\nx: {}", "{a: ".repeat(deep)),
        ),
        ("deep.arrangement.yaml", "- ".repeat(deep)),
    ];
    for (path, text) in inputs {
        let report = check(shipped_engine(), path, text.as_bytes(), &options());
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            ["ARR005"],
            "{path} {:?}…: {}",
            &text[..20],
            describe_all(&report)
        );
    }
}

const SYNTAXES: [(Syntax, &str); 3] = [
    (Syntax::Toml, "x.arrangement.toml"),
    (Syntax::Json, "x.arrangement.json"),
    (Syntax::Yaml, "x.arrangement.yaml"),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn the_loaders_never_panic_on_arbitrary_text(text in any::<String>()) {
        for (syntax, _) in SYNTAXES {
            let tight = Limits { max_depth: 4, max_list_len: 3 };
            let _ = psr_source::parse(syntax, &text, &Limits::default());
            let _ = psr_source::parse(syntax, &text, &tight);
        }
    }

    #[test]
    fn the_engine_never_panics_on_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        for (_, path) in SYNTAXES {
            check_without_panic(shipped_engine(), path, &bytes)?;
        }
    }

    #[test]
    fn the_engine_never_panics_on_an_example_with_bytes_changed(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..6),
    ) {
        let (name, original) = which.get(examples());
        let mut bytes = original.clone();
        for (at, kind, byte) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match kind {
                0 => { bytes.remove(i); }
                1 => bytes.insert(i, byte),
                // A byte that matters to the syntaxes, most of the time.
                _ => bytes[i] = *b"[]{}\"',:=-#\n \t\\.0a".get(byte as usize % 20).unwrap_or(&byte),
            }
        }
        for path in [name.clone(), name.replace(".toml", ".json"), name.replace(".toml", ".yaml")] {
            check_without_panic(shipped_engine(), &path, &bytes)?;
        }
    }
}

// ------------------------------------------------------------------ valid arrangements

#[test]
fn generated_arrangements_are_valid() {
    let (texts, codes) = pools();
    let program = shipped_engine().program();
    for seed in 0..40 {
        let toml = arrangement(program, seed, texts, codes, &Options { huge_money: false });
        let report = check(
            shipped_engine(),
            "g.arrangement.toml",
            toml.as_bytes(),
            &options(),
        );
        let invalid: Vec<&str> = report
            .findings
            .iter()
            .map(|f| f.code.as_str())
            .filter(|c| c.starts_with("ARR"))
            .collect();
        assert!(
            invalid.is_empty(),
            "seed {seed}:\n{}\n{toml}",
            describe_all(&report)
        );
    }
}

fn shipped_rules_never_panic(seed: u64, huge_money: bool) -> Result<(), TestCaseError> {
    let (texts, codes) = pools();
    let toml = arrangement(
        shipped_engine().program(),
        seed,
        texts,
        codes,
        &Options { huge_money },
    );
    let report = check_without_panic(shipped_engine(), "g.arrangement.toml", toml.as_bytes())?;
    let invalid = report.findings.iter().any(|f| f.code.starts_with("ARR"));
    prop_assert!(
        !invalid,
        "the generator wrote an invalid file:\n{}\n{toml}",
        describe_all(&report)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn valid_arrangements_never_panic_the_shipped_rules(seed in any::<u64>(), huge_money in any::<bool>()) {
        shipped_rules_never_panic(seed, huge_money)?;
    }
}

// ------------------------------------------------------------------ random rules

/// The real arrangement pack and a pack with one generated rule.
fn compile_rule(rule: &str) -> Result<Engine, String> {
    psr_testing::engine::with_arrangement(rule)
}

/// The arrangement schema's names, for the expression generators; `huge` adds the largest
/// amount a decimal holds, to reach overflow.
fn arrangement_names(huge: bool) -> Vocabulary {
    let mut money = vec![
        "(proposed_contract.lifetime_value ?? £0)",
        "(existing_contract.lifetime_value ?? £1)",
        "(modification.cumulative_value_change ?? £0)",
        "(modification.original_lifetime_value ?? £0)",
        "(sum c in notices of £1)",
        "£500,000",
        "£0",
        "£0.01",
    ];
    if huge {
        money.push("£79,228,162,514,264,337,593,543,950,335");
    }
    Vocabulary {
        leaves: Vec::new(),
        calls: Vec::new(),
        list: "notices",
        money,
        dates: vec![
            "arrangement.decision_date",
            "law_date",
            "(proposed_contract.start ?? law_date)",
            "(existing_contract.end ?? arrangement.decision_date)",
            "((first n in notices where n.published is present).published ?? law_date)",
            "(standstill.review_completed ?? law_date)",
        ],
        booleans: vec![
            "process.type == \"direct-award-c\"",
            "(services.patient_choice ?? false)",
            "len(notices) > 1",
            "year(law_date) * 12 + month(law_date) > 24000",
            "any c in conflicts where c.recused ?? false",
            "count n in notices where n.type == \"contract-award\" > 0",
            "len(select n in notices where n.published is present) > 1",
            "len(services.cpv_codes + services.cpv_codes) > 2",
            "(\"NHS \" + authority.name) == \"NHS \"",
            "(item(services.cpv_codes, 9223372036854775807) ?? \"\") == \"\"",
            "(item(notices, 0) is present)",
        ],
        depth: 2,
    }
}

fn boolean(huge: bool) -> impl Strategy<Value = String> {
    gen::boolean(&arrangement_names(huge))
}

fn rule(when: &str, forbid: &str, shown: &str) -> String {
    format!(
        r#"rule GEN001 generated {{
  severity: error
  cite: "SI 2023/1348" "reg 6" "https://www.legislation.gov.uk/uksi/2023/1348/regulation/6"
  in_force: 2024-01-01 ..
  summary: "A generated rule"
  when: {when}
  forbid: {forbid}
  at: process.type
  message: """shown: {{{shown}}}"""
  help: "h"
  doc: "d"
  compliant: "c"
  non_compliant: "n"
}}
"#
    )
}

fn random_rule_never_panics(
    when: &str,
    forbid: &str,
    shown: &str,
    seed: u64,
    huge: bool,
) -> Result<(), TestCaseError> {
    let text = rule(when, forbid, shown);
    let engine = compile_rule(&text)
        .map_err(|e| TestCaseError::fail(format!("a well-typed rule was refused:\n{text}\n{e}")))?;
    let (texts, codes) = pools();
    let toml = arrangement(
        engine.program(),
        seed,
        texts,
        codes,
        &Options { huge_money: huge },
    );
    check_without_panic(&engine, "g.arrangement.toml", toml.as_bytes())
        .map_err(|e| TestCaseError::fail(format!("{e}\n--- rule\n{text}")))?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(128)))]

    #[test]
    fn random_rules_on_random_arrangements_never_panic(
        when in boolean(true),
        forbid in boolean(true),
        shown in prop_oneof![
            gen::money(&arrangement_names(true)),
            gen::date(&arrangement_names(true)),
            boolean(true)
        ],
        seed in any::<u64>(),
        huge_money in any::<bool>(),
    ) {
        random_rule_never_panics(&when, &forbid, &shown, seed, huge_money)?;
    }
}

// ------------------------------------------------------------------ regressions

/// Was a panic (`percent_of` multiplied by 100 without an overflow check, in PSR020's message);
/// fixed in 9331504.
#[test]
fn huge_money_in_a_percent_of_message_does_not_panic() {
    let path = psr_testing::root()
        .join("examples/violation-da-c-considerable-change-threshold-met.arrangement.toml");
    let text = std::fs::read_to_string(&path).expect("the example");
    let text = text
        .replacen("lifetime_value = \"1600000\"", "lifetime_value = \"1\"", 1)
        .replacen(
            "lifetime_value = \"2300000\"",
            "lifetime_value = \"79228162514264337593543950335\"",
            1,
        );
    assert!(
        text.contains("79228162514264337593543950335"),
        "the example changed: fix this test"
    );
    let report = check_without_panic(shipped_engine(), "huge.arrangement.toml", text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    // Expected: PSR020 fires, or reports that it cannot be checked (the value overflows).
    assert!(
        report.findings.iter().any(|f| f.code == "PSR020"),
        "{}",
        describe_all(&report)
    );
}
