//! `psrlint server` end to end: the real binary over standard input and output, driven as an
//! editor drives it (initialize, didOpen, didChange, hover, completion, codeAction, definition,
//! shutdown, exit), with its answers checked against what `psrlint check` reports.

use psr_testing::lsp::{position, uri, Client};
use serde_json::{json, Value};
use std::path::Path;

const NOTICE_EXAMPLE: &str =
    "examples/violation-intention-notice-missing-conflicts.arrangement.toml";

/// A workspace with a `psrlint.toml` that ignores PSR006, and the notice example in it.
fn workspace() -> (tempfile::TempDir, String) {
    let text = psr_testing::bin::fixture(NOTICE_EXAMPLE);
    let dir = psr_testing::bin::temp_tree(&[
        ("psrlint.toml", "ignore = [\"PSR006\"]\n"),
        ("notice.arrangement.toml", &text),
    ]);
    (dir, text)
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("?").to_string())
        .collect()
}

fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is in the text"))
}

#[test]
fn diagnostics_hover_completion_and_code_actions_in_an_arrangement_file() {
    let (dir, text) = workspace();
    let root = dir.path().canonicalize().expect("canonical");
    let file = root.join("notice.arrangement.toml");
    let file_uri = uri(&file);
    let mut c = Client::start(&root, &[]);
    let caps = c.initialize(&uri(&root));
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");

    // Diagnostics on open: what `check` reports with the same configuration, same places.
    c.open(&file_uri, "toml", &text);
    let diags = c.diagnostics(&file_uri);
    let check = psr_testing::bin::run_in(
        &root,
        &["check", "--format", "json", "notice.arrangement.toml"],
        None,
    )
    .json();
    let findings = check["findings"].as_array().expect("findings");
    assert_eq!(
        codes(&diags),
        findings
            .iter()
            .map(|f| f["code"].as_str().unwrap_or("?").to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        codes(&diags),
        ["PSR058"],
        "psrlint.toml's ignore = [PSR006] is honoured"
    );
    let d = &diags[0];
    let f = &findings[0];
    assert_eq!(
        d["range"]["start"]["line"],
        f["line"].as_u64().expect("line") - 1
    );
    assert_eq!(
        d["range"]["start"]["character"],
        f["column"].as_u64().expect("column") - 1
    );
    assert_eq!(
        d["range"]["end"]["line"],
        f["end_line"].as_u64().expect("line") - 1
    );
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "psrlint");
    assert_eq!(d["codeDescription"]["href"], f["citation"]["url"]);
    let message = d["message"].as_str().expect("message");
    assert!(
        message.starts_with(f["message"].as_str().expect("message")),
        "{message}"
    );
    assert!(message.contains(&format!("\nhelp: {}", f["help"].as_str().expect("help"))));
    assert!(
        message.contains("\nlaw: SI 2023/1348, reg 9(4), Sch 3"),
        "{message}"
    );

    // Hover on the finding: its rule, provision and link.
    let includes = at(&text, "includes = [\"process-statement\"");
    let list = includes + "includes = ".len() + 2;
    let doc = json!({ "uri": file_uri });
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": doc, "position": position(&text, list) }),
    );
    let shown = h["result"]["contents"]["value"].as_str().expect("a hover");
    assert!(
        shown.contains("**PSR058**") && shown.contains("intention-notice-content"),
        "{shown}"
    );
    assert!(
        shown.contains("https://www.legislation.gov.uk/uksi/2023/1348/schedule/3"),
        "{shown}"
    );
    // On a key: the field's doc from the schema; on an enum value: the value's doc.
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": doc, "position": position(&text, includes + 2) }),
    );
    let shown = h["result"]["contents"]["value"].as_str().expect("a hover");
    assert!(
        shown.contains("`notices[].includes`: `list<NoticeItem>`"),
        "{shown}"
    );
    assert!(
        shown.contains("The schedule items the notice contains"),
        "{shown}"
    );
    let value = at(&text, "\"direct-award-c\"") + 3;
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": doc, "position": position(&text, value) }),
    );
    let shown = h["result"]["contents"]["value"].as_str().expect("a hover");
    assert!(
        shown.contains("`direct-award-c`: Direct Award Process C (reg 6(5))"),
        "{shown}"
    );

    // Completion of includes items: what the finding says the notice lacks comes first.
    let r = c.request(
        "textDocument/completion",
        json!({ "textDocument": doc, "position": position(&text, list) }),
    );
    let items = r["result"].as_array().expect("items");
    let conflicts = items
        .iter()
        .find(|i| i["label"] == "conflicts")
        .expect("conflicts offered");
    assert_eq!(conflicts["detail"], "required for this notice (PSR058)");
    assert!(
        items.iter().any(|i| i["label"] == "urgency-reasons"),
        "every NoticeItem is offered"
    );
    // ODS codes of ICBs in force on the decision date (2025-01-22): QMJ, not the ICBs of 2026.
    let ods = at(&text, "ods_code = \"QMJ\"") + "ods_code = \"".len();
    let r = c.request(
        "textDocument/completion",
        json!({ "textDocument": doc, "position": position(&text, ods) }),
    );
    let labels: Vec<&str> = r["result"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(
        labels.contains(&"QMJ") && labels.contains(&"QKK"),
        "{labels:?}"
    );
    assert!(
        !labels.contains(&"Z9B2Z"),
        "created on 2026-04-01: {labels:?}"
    );
    // Keys valid in [process] that are not written yet.
    let process_end = at(&text, "[existing_contract]");
    let r = c.request(
        "textDocument/completion",
        json!({ "textDocument": doc, "position": position(&text, process_end - 1) }),
    );
    let labels: Vec<&str> = r["result"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    // Every field of `Process` in the schema (psrlint schema) but those the file writes.
    let schema = psr_testing::bin::run(&["schema"]).expect_code(0).json();
    let process = schema["$defs"]["Process"]["properties"]
        .as_object()
        .expect("Process in the schema");
    let mut expected: Vec<&str> = process
        .keys()
        .map(String::as_str)
        .filter(|k| !["type", "rationale"].contains(k))
        .collect();
    let mut got = labels.clone();
    expected.sort_unstable();
    got.sort_unstable();
    assert_eq!(got, expected);
    assert!(labels.contains(&"most_suitable_provider_identifiable"));

    // Code actions on the finding: add the missing item; add a waiver skeleton.
    let r = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": doc, "range": d["range"], "context": { "diagnostics": [d] } }),
    );
    let actions = r["result"].as_array().expect("actions");
    let add = actions
        .iter()
        .find(|a| a["title"] == "Add `conflicts` to includes")
        .expect("the includes fix");
    let edit = &add["edit"]["changes"][&file_uri][0];
    assert_eq!(edit["newText"], ", \"conflicts\"");
    let close = at(&text, "\"conflict-management\"]") + "\"conflict-management\"".len();
    assert_eq!(edit["range"]["start"], position(&text, close));
    let waiver = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Add a waiver for PSR058"))
        })
        .expect("a waiver action");
    let new_text = waiver["edit"]["changes"][&file_uri][0]["newText"]
        .as_str()
        .expect("text");
    assert!(
        new_text.contains("[[waivers]]\ncode = \"PSR058\"")
            && new_text.contains("expires = \"YYYY-MM-DD\""),
        "{new_text}"
    );

    // Applying the includes fix as an incremental change clears the finding.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": file_uri, "version": 2 }, "contentChanges": [{ "range": edit["range"], "text": edit["newText"] }] }),
    );
    assert_eq!(codes(&c.diagnostics(&file_uri)), Vec::<String>::new());
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn positions_are_utf16_after_pound_e_acute_em_dash_and_an_emoji() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path().canonicalize().expect("canonical");
    let file_uri = uri(&root.join("u.arrangement.toml"));
    let text = "format = 1\nprocess = { rationale = \"£1m é — 😀\", type = \"direct-awrd-c\" }\n";
    let mut c = Client::start(&root, &[]);
    c.initialize(&uri(&root));
    c.open(&file_uri, "toml", text);
    let diags = c.diagnostics(&file_uri);
    let bad = diags
        .iter()
        .find(|d| d["code"] == "ARR010")
        .expect("the invalid enum value");
    let start = at(text, "\"direct-awrd-c\"");
    let end = start + "\"direct-awrd-c\"".len();
    // 51 bytes and 44 characters into the line, 45 UTF-16 units: £ é — are one unit each (two
    // or three bytes), the emoji two (four bytes).
    assert_eq!(bad["range"]["start"], json!({ "line": 1, "character": 45 }));
    assert_eq!(bad["range"]["start"], position(text, start));
    assert_eq!(bad["range"]["end"], position(text, end));
    assert_eq!(
        bad["codeDescription"]["href"],
        "https://example.invalid/psrlint/blob/main/docs/codes.md#arr010"
    );
    // An edit whose range is in UTF-16 units, after the emoji, lands on the right bytes.
    let typo = at(text, "awrd") + "aw".len();
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": file_uri, "version": 2 }, "contentChanges": [{ "range": { "start": position(text, typo), "end": position(text, typo) }, "text": "a" }] }),
    );
    let diags = c.diagnostics(&file_uri);
    assert!(!codes(&diags).contains(&"ARR010".to_string()), "{diags:?}");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn rule_files_have_diagnostics_hover_and_go_to_definition() {
    let pack = "pack demo { version: \"1.0.0\" }\n";
    let rules = "record Info \"i\" { decision_date: date \"d\" }\nrecord File \"f\" { format: integer \"f\"  arrangement: Info \"a\"  budget: money? \"b\" }\nroot File\n# Whether a budget is written.\ndef has_budget \"a budget is recorded\" = budget is present and len([1]) > 0\nrule DEMO001 budget-recorded {\n  severity: error\n  cite: \"SI 2023/1348\" \"reg 24\" \"https://www.legislation.gov.uk/uksi/2023/1348/regulation/24\"\n  in_force: 2024-01-01 ..\n  summary: \"The budget is recorded\"\n  require: has_budgit\n  at: budget\n  message: \"no budget is recorded\"\n  help: \"add `budget`\"\n  doc: \"d\"\n  compliant: \"budget = 1\"\n  non_compliant: \"n\"\n}\n";
    let dir = psr_testing::bin::temp_tree(&[
        ("packs/demo/pack.psrl", pack),
        ("packs/demo/rules.psrl", rules),
    ]);
    let root = dir.path().canonicalize().expect("canonical");
    let file = root.join("packs/demo/rules.psrl");
    let file_uri = uri(&file);
    let mut c = Client::start(&root, &[]);
    c.initialize(&uri(&root));
    c.open(&file_uri, "psrl", rules);
    let diags = c.diagnostics(&file_uri);
    // The misspelt name, and the definition it leaves unused (a warning).
    assert_eq!(codes(&diags), ["RL009", "RL002"], "{diags:?}");
    assert_eq!(diags[0]["severity"], 2);
    let typo = at(rules, "has_budgit");
    assert_eq!(diags[1]["range"]["start"], position(rules, typo));
    assert_eq!(diags[1]["severity"], 1);
    assert_eq!(
        diags[1]["codeDescription"]["href"],
        "https://example.invalid/psrlint/blob/main/docs/codes.md#rl002"
    );
    assert!(diags[1]["message"]
        .as_str()
        .is_some_and(|m| m.ends_with("\nhelp: did you mean `has_budget`?")));
    // Fixing the name in the buffer (not on disk) clears it.
    let fixed = rules.replace("has_budgit", "has_budget");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": file_uri, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    assert_eq!(c.diagnostics(&file_uri), Vec::<Value>::new());
    let doc = json!({ "uri": file_uri });
    let used = fixed.find("require: has_budget").expect("the use") + "require: ".len() + 2;
    let r = c.request(
        "textDocument/definition",
        json!({ "textDocument": doc, "position": position(&fixed, used) }),
    );
    let defined = fixed.find("def has_budget").expect("the def") + "def ".len();
    assert_eq!(r["result"][0]["uri"], file_uri);
    assert_eq!(r["result"][0]["range"]["start"], position(&fixed, defined));
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": doc, "position": position(&fixed, used) }),
    );
    assert!(
        h["result"]["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("Whether a budget is written.")),
        "{h}"
    );
    let len = fixed.find("len(").expect("len") + 1;
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": doc, "position": position(&fixed, len) }),
    );
    assert!(
        h["result"]["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.starts_with("`len(xs)` (built-in)")),
        "{h}"
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn an_unknown_request_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root: &Path = dir.path();
    let mut c = Client::start(root, &[]);
    c.initialize(&uri(root));
    let r = c.request("textDocument/formatting", json!({ "textDocument": { "uri": "file:///x" }, "options": { "tabSize": 2, "insertSpaces": true } }));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    assert_eq!(c.shutdown(), Some(0));
}
