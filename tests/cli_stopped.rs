//! `psrlint check --format json|sarif` when the run cannot be done (exit status 2): a valid
//! document still comes out, carrying the problems with their codes and places.

use psr_testing::bin as cli_util;

use cli_util::{run, Run};
use psr_testing::sarif;
use serde_json::Value;

const BROKEN_PACK: &str = "tests/fixtures/codes/CFG003/broken";
const BAD_CONFIG: &str = "tests/fixtures/codes/CFG005/psrlint.toml";
const FILE: &str = "tests/fixtures/codes/CFG003/a.arrangement.toml";

fn broken_pack(format: &str) -> Run {
    run(&["check", "--rules", BROKEN_PACK, "--format", format, FILE])
}

fn bad_config(format: &str) -> Run {
    run(&["check", "--config", BAD_CONFIG, "--format", format, FILE])
}

#[test]
fn a_broken_rule_pack_is_a_json_document_with_its_problems() {
    let r = broken_pack("json");
    r.expect_code(2);
    assert!(r.stderr.contains("CFG003"), "{}", r.stderr);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn an_invalid_configuration_is_a_json_document_pointing_into_the_file() {
    let r = bad_config("json");
    r.expect_code(2);
    let doc = r.json();
    let finding = &doc["findings"][0];
    assert_eq!(finding["code"], "CFG005");
    assert_eq!(finding["file"], BAD_CONFIG);
    assert_eq!(
        (&finding["line"], &finding["column"]),
        (&2.into(), &1.into())
    );
    assert_eq!(doc["stopped"]["code"], "CFG005");
    assert_eq!(doc["summary"]["errors"], 1);
}

#[test]
fn a_bad_argument_is_a_json_document_too() {
    let r = run(&["check", "--as-of", "2025-13-45", "--format", "json", FILE]);
    r.expect_code(2);
    let doc = r.json();
    assert_eq!(doc["findings"][0]["code"], "CFG004");
    assert_eq!(doc["findings"][0]["file"], Value::Null);
    assert_eq!(doc["files"], serde_json::json!([]));
}

#[test]
fn human_output_of_a_stopped_run_writes_nothing_on_stdout() {
    for r in [broken_pack("human"), bad_config("concise")] {
        r.expect_code(2);
        assert_eq!(r.stdout, "");
    }
}

#[test]
fn stopped_runs_are_valid_sarif_with_results_and_a_failed_invocation() {
    for (r, code) in [
        (broken_pack("sarif"), "RL014"),
        (bad_config("sarif"), "CFG005"),
    ] {
        r.expect_code(2);
        let doc = r.json();
        sarif::assert_valid(&doc);
        let run = &doc["runs"][0];
        assert_eq!(run["invocations"][0]["executionSuccessful"], false);
        let result = &run["results"][0];
        assert_eq!(result["ruleId"], code);
        let index = result["ruleIndex"].as_u64().expect("a rule index") as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], code);
        assert!(run["tool"]["driver"]["rules"][index]["helpUri"]
            .as_str()
            .is_some_and(|u| u.ends_with(&format!("docs/codes.md#{}", code.to_lowercase()))));
        assert!(result["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64());
    }
}
