//! The commands besides `check`: `explain`, `rules`, `schema`, `completions`, `man`, and the
//! top-level `--help` / `--version`.

use psr_testing::bin::{normalise, run, MINI};
use serde_json::{json, Value};

#[test]
fn explain_a_rule() {
    let r = run(&["explain", "MINI001", "--rules", MINI]);
    r.expect_code(0);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn explain_takes_codes_in_any_case() {
    let upper = run(&["explain", "MINI002", "--rules", MINI]);
    let lower = run(&["explain", "mini002", "--rules", MINI]);
    assert_eq!(upper.expect_code(0).stdout, lower.expect_code(0).stdout);
}

#[test]
fn explain_a_shipped_rule() {
    let r = run(&["explain", "PSR012"]);
    r.expect_code(0);
    for part in [
        "PSR012 (direct-award-b-required)",
        "Severity: error",
        "Pack: psr2023",
        "Law: SI 2023/1348, reg 6(4) <https://www.legislation.gov.uk/uksi/2023/1348/regulation/6>",
        "## Compliant example",
        "## Non-compliant example",
    ] {
        assert!(r.stdout.contains(part), "no `{part}` in\n{}", r.stdout);
    }
}

#[test]
fn explain_an_engine_code() {
    let r = run(&["explain", "ARR008"]);
    r.expect_code(0);
    insta::assert_snapshot!(r.transcript());
    let r = run(&["explain", "wvr001"]);
    r.expect_code(0);
    assert!(
        r.stdout.starts_with("WVR001 (expired-waiver)"),
        "{}",
        r.stdout
    );
}

#[test]
fn explain_a_rule_language_code() {
    let r = run(&["explain", "RL001"]);
    r.expect_code(0);
    assert!(
        r.stdout.starts_with("RL001 (rule-syntax): "),
        "{}",
        r.stdout
    );
}

#[test]
fn explain_an_unknown_code_exits_2() {
    let r = run(&["explain", "NOPE001", "--rules", MINI]);
    r.expect_code(2);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn explain_needs_a_code() {
    let r = run(&["explain"]);
    r.expect_code(2);
    assert!(r.stderr.contains("<CODE>"), "{}", r.stderr);
}

#[test]
fn rules_as_text() {
    let r = run(&["rules", "--rules", MINI]);
    r.expect_code(0);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn rules_as_json() {
    let r = run(&["rules", "--rules", MINI, "--format", "json"]);
    r.expect_code(0);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn rules_of_the_shipped_packs_include_psr012() {
    let d = run(&["rules", "--format", "json"]).expect_code(0).json();
    let psr012 = d["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["code"] == "PSR012")
        .expect("PSR012 is listed");
    assert_eq!(psr012["name"], "direct-award-b-required");
    assert_eq!(psr012["pack"], "psr2023");
    assert_eq!(psr012["severity"], "error");
    assert_eq!(psr012["citations"][0]["provision"], "reg 6(4)");
    let text = run(&["rules"]).expect_code(0).stdout.clone();
    assert!(text.lines().any(|l| l.starts_with("PSR012 ")), "{text}");
}

#[test]
fn schema_of_the_mini_pack() {
    let r = run(&["schema", "--rules", MINI]);
    r.expect_code(0);
    insta::assert_snapshot!(r.transcript());
}

/// The JSON Schema `psrlint schema` prints, compiled (which checks it against its meta-schema).
fn shipped_schema() -> jsonschema::Validator {
    let schema = run(&["schema"]).expect_code(0).json();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(
        jsonschema::meta::is_valid(&schema),
        "not a valid JSON Schema"
    );
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// A compliant arrangement file, as a JSON value.
fn compliant() -> Value {
    serde_json::from_str(&psr_testing::bin::fixture(
        "tests/fixtures/psr/da-b-compliant.arrangement.json",
    ))
    .expect("the fixture is JSON")
}

/// The schema says which sections each kind requires: an agreement needs `agreement` and not an
/// award's `authority`, `services` and `process`; an award the reverse.
#[test]
fn schema_requires_the_sections_of_each_kind() {
    let v = shipped_schema();
    let agreement: Value = serde_json::from_str(&psr_testing::bin::fixture(
        "examples/delegation-nhs-england-specialised-north-west-2024.arrangement.json",
    ))
    .expect("the example is JSON");
    assert!(v.is_valid(&agreement), "a valid agreement is refused");
    let mut no_agreement = agreement.clone();
    no_agreement
        .as_object_mut()
        .expect("an object")
        .remove("agreement");
    assert!(
        !v.is_valid(&no_agreement),
        "an agreement without [agreement] is accepted"
    );
    let mut award = compliant();
    let award_obj = award.as_object_mut().expect("an object");
    award_obj.remove("services");
    assert!(
        !v.is_valid(&award),
        "an award without [services] is accepted"
    );
    let mut as_agreement = compliant();
    as_agreement["arrangement"]["kind"] = Value::from("delegation");
    assert!(
        !v.is_valid(&as_agreement),
        "a delegation without [agreement] is accepted"
    );
    as_agreement["agreement"] = agreement["agreement"].clone();
    assert!(
        v.is_valid(&as_agreement),
        "a delegation with [agreement] is refused"
    );
}

#[test]
fn schema_is_a_json_schema_that_accepts_a_compliant_file() {
    let v = shipped_schema();
    let doc = compliant();
    let errors: Vec<String> = v
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "a compliant file is refused:\n{}",
        errors.join("\n")
    );
    // psrlint agrees that the file is well-formed.
    let d = run(&[
        "check",
        "tests/fixtures/psr/da-b-compliant.arrangement.json",
        "--select",
        "ARR",
        "--format",
        "json",
    ])
    .expect_code(0)
    .json();
    assert_eq!(d["findings"], json!([]));
}

#[test]
fn schema_refuses_what_psrlint_refuses() {
    let v = shipped_schema();
    let mut unknown_key = compliant();
    unknown_key["services"]["patient_choise"] = json!(true);
    assert!(!v.is_valid(&unknown_key), "an unknown key is accepted");
    let mut bad_enum = compliant();
    bad_enum["process"]["type"] = json!("direct-award-d");
    assert!(
        !v.is_valid(&bad_enum),
        "a value outside its enum is accepted"
    );
    let mut no_format = compliant();
    no_format
        .as_object_mut()
        .expect("an object")
        .remove("format");
    assert!(
        !v.is_valid(&no_format),
        "a file without `format` is accepted"
    );
    let mut format_2 = compliant();
    format_2["format"] = json!(2);
    assert!(!v.is_valid(&format_2), "format 2 is accepted");
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef psrlint"),
        ("fish", "complete -c psrlint"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion"),
    ] {
        let r = run(&["completions", shell]);
        r.expect_code(0);
        assert!(r.stdout.contains(marker), "{shell}: no `{marker}`");
        for word in ["check", "explain", "schema", "format"] {
            assert!(r.stdout.contains(word), "{shell}: no `{word}`");
        }
        if ["bash", "zsh", "fish"].contains(&shell) {
            // These complete option values too.
            assert!(
                r.stdout.contains("sarif") && r.stdout.contains("junit"),
                "{shell}: no formats"
            );
        }
        assert_eq!(r.stderr, "", "{shell}");
    }
}

#[test]
fn completions_for_an_unknown_shell_exit_2() {
    let r = run(&["completions", "tcsh"]);
    r.expect_code(2);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn man_page() {
    let r = run(&["man"]);
    r.expect_code(0);
    assert!(r.stdout.contains(".TH psrlint 1"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("Checks NHS England health care arrangements"),
        "{}",
        r.stdout
    );
    for command in ["check", "explain", "rules", "schema", "completions", "man"] {
        assert!(
            r.stdout.contains(&format!("psrlint\\-{command}")),
            "the man page does not list `{command}`"
        );
    }
    assert!(r.stdout.contains(".SH \"EXIT STATUS\""), "{}", r.stdout);
    assert!(r.stdout.contains(".SH CONFIGURATION"), "{}", r.stdout);
}

#[test]
fn every_page_the_man_page_points_at_exists_with_options_and_exit_statuses() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let r = run(&["man", "--dir", &dir.path().display().to_string()]);
    r.expect_code(0);
    let root = std::fs::read_to_string(dir.path().join("psrlint.1")).expect("psrlint.1");
    // Every psrlint-X(1) named anywhere is a page that was written.
    let mut named = 0;
    for page in std::fs::read_dir(dir.path()).expect("the pages").flatten() {
        let text = std::fs::read_to_string(page.path()).expect("a page");
        for (i, _) in text.match_indices("psrlint\\-") {
            let rest = &text[i + "psrlint\\-".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase())
                .collect();
            assert!(
                dir.path().join(format!("psrlint-{name}.1")).is_file(),
                "{} names psrlint-{name}(1), which was not written",
                page.path().display()
            );
            named += 1;
        }
    }
    assert!(named > 8, "{root}");
    for command in [
        "check", "explain", "rules", "schema", "test", "coverage", "fmt",
    ] {
        let page = run(&["man", command]);
        page.expect_code(0);
        let text = page.stdout;
        assert!(text.contains(&format!(".TH psrlint-{command} 1")), "{text}");
        assert!(text.contains(".SH OPTIONS"), "{command}: {text}");
        assert!(text.contains(".SH \"EXIT STATUS\""), "{command}: {text}");
        let file = std::fs::read_to_string(dir.path().join(format!("psrlint-{command}.1")));
        assert_eq!(file.ok().as_deref(), Some(text.as_str()), "{command}");
    }
    let check = run(&["man", "check"]).stdout;
    for option in ["\\-\\-select", "\\-\\-allow\\-empty", "\\-\\-fail\\-on"] {
        assert!(check.contains(option), "{option}: {check}");
    }
    assert!(check.contains(".SH CONFIGURATION"), "{check}");
    run(&["man", "nope"]).expect_code(2);
}

#[test]
fn version_and_help() {
    let r = run(&["--version"]);
    r.expect_code(0);
    assert_eq!(normalise(&r.stdout, None), "psrlint [VERSION]\n");
    let r = run(&["check", "--help"]);
    r.expect_code(0);
    for option in [
        "--format",
        "--stdin-filename",
        "--as-of",
        "--select",
        "--ignore",
        "--fail-on",
        "--explain",
        "--quiet",
        "--statistics",
        "--max-file-size",
        "--rules",
        "--config",
    ] {
        assert!(
            r.stdout.contains(option),
            "`check --help` does not mention {option}"
        );
    }
    for format in ["human", "concise", "json", "sarif", "github", "junit"] {
        assert!(
            r.stdout.contains(format),
            "`check --help` does not mention {format}"
        );
    }
}

#[test]
fn no_command_prints_usage_and_exits_2() {
    let r = run(&[]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("Usage: psrlint <COMMAND>"),
        "{}",
        r.stderr
    );
}
