//! SARIF as GitHub code scanning uses it: every rule with `helpUri`, `help.markdown`, tags and a
//! default level; every result with a partial fingerprint that survives unrelated edits, and
//! paths relative to `SRCROOT`, which `originalUriBaseIds` resolves to the checkout.

use psr_testing::bin::{run, run_in, temp_tree, PSR_FILES};
use serde_json::Value;
use std::collections::BTreeMap;

#[test]
fn every_rule_has_help_uri_markdown_tags_and_a_default_level() {
    let doc = run(&["check", PSR_FILES, "--format", "sarif"])
        .expect_code(1)
        .json();
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let codes_page = psr_testing::bin::fixture("docs/codes.md");
    for d in rules {
        let id = d["id"].as_str().expect("id");
        let uri = d["helpUri"]
            .as_str()
            .unwrap_or_else(|| panic!("{id} has no helpUri"));
        assert!(uri.starts_with("https://"), "{id}: {uri}");
        if id.starts_with("ARR") || id.starts_with("WVR") {
            let anchor = format!("docs/codes.md#{}", id.to_ascii_lowercase());
            assert!(uri.ends_with(&anchor), "{id}: {uri}");
            assert!(
                codes_page.contains(&format!("\n### {id}\n")),
                "docs/codes.md has no {id}"
            );
        } else {
            // The provision (or the source) the rule cites first.
            assert_eq!(d["properties"]["citations"][0]["url"], uri, "{id}");
        }
        let markdown = d["help"]["markdown"].as_str().unwrap_or_default();
        assert!(!markdown.trim().is_empty(), "{id} has no help.markdown");
        let tags = d["properties"]["tags"]
            .as_array()
            .map(Vec::len)
            .unwrap_or(0);
        assert!(tags >= 2, "{id} has no tags");
        assert!(
            ["error", "warning", "note"]
                .contains(&d["defaultConfiguration"]["level"].as_str().unwrap_or("")),
            "{id} has no default level"
        );
    }
    assert!(
        rules.iter().any(|d| d["id"] == "ARR008"),
        "an engine code is described"
    );
}

#[test]
fn every_result_has_a_fingerprint_and_a_path_relative_to_srcroot() {
    let doc = run(&["check", PSR_FILES, "--format", "sarif"]).json();
    let run0 = &doc["runs"][0];
    let root = psr_testing::bin::root().canonicalize().expect("canonical");
    assert_eq!(
        run0["originalUriBaseIds"]["SRCROOT"]["uri"],
        format!("file://{}/", root.display())
    );
    let results = run0["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for r in results {
        let fp = r["partialFingerprints"]["psrlint/v1"]
            .as_str()
            .expect("a fingerprint");
        let (hash, n) = fp.split_once(':').expect("hash:n");
        assert!(
            hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "{fp}"
        );
        assert!(n.parse::<usize>().is_ok_and(|n| n >= 1), "{fp}");
        let loc = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(loc["uriBaseId"], "SRCROOT");
        let path = loc["uri"].as_str().expect("uri");
        assert!(root.join(path).is_file(), "{path} resolves against SRCROOT");
    }
    for a in run0["artifacts"].as_array().expect("artifacts") {
        assert_eq!(a["location"]["uriBaseId"], "SRCROOT");
    }
}

/// ruleId -> fingerprints, and ruleId -> start lines.
fn fingerprints(doc: &Value) -> (BTreeMap<String, Vec<String>>, BTreeMap<String, Vec<u64>>) {
    let mut fps: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut lines: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for r in doc["runs"][0]["results"].as_array().expect("results") {
        let id = r["ruleId"].as_str().expect("ruleId").to_string();
        fps.entry(id.clone()).or_default().push(
            r["partialFingerprints"]["psrlint/v1"]
                .as_str()
                .expect("fp")
                .to_string(),
        );
        let line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .expect("line");
        lines.entry(id).or_default().push(line);
    }
    (fps, lines)
}

#[test]
fn fingerprints_survive_an_unrelated_line_inserted_above_a_finding() {
    let original =
        psr_testing::bin::fixture("examples/violation-da-c-where-da-b-required.arrangement.toml");
    // A comment above everything, and an unrelated value changed.
    let edited = format!("# reviewed by the governance team\n{original}").replacen(
        "title = \"",
        "title = \"(revised) ",
        1,
    );
    assert_ne!(original, edited);
    let dir = temp_tree(&[
        ("a.arrangement.toml", &original),
        ("b/a.arrangement.toml", &edited),
    ]);
    let before = run_in(
        dir.path(),
        &["check", "--format", "sarif", "a.arrangement.toml"],
        None,
    )
    .json();
    let after = run_in(
        dir.path(),
        &["check", "--format", "sarif", "b/a.arrangement.toml"],
        None,
    )
    .json();
    let (fp_before, lines_before) = fingerprints(&before);
    let (fp_after, lines_after) = fingerprints(&after);
    assert!(fp_before.contains_key("PSR012"), "{fp_before:?}");
    assert_eq!(
        fp_before, fp_after,
        "the same findings keep their fingerprints"
    );
    for (code, lines) in &lines_before {
        let moved: Vec<u64> = lines.iter().map(|l| l + 1).collect();
        // Whole-file findings stay on line 1; every other one moved down a line.
        if lines.iter().all(|l| *l > 1) {
            assert_eq!(lines_after[code], moved, "{code} moved");
        }
    }
    // White space around the offending text is not part of the fingerprint.
    let changed = original.replacen("type = \"direct-award-c\"", "type = \"direct-award-c\" ", 1);
    assert_ne!(changed, original);
    let dir2 = temp_tree(&[("a.arrangement.toml", &changed)]);
    let same = run_in(
        dir2.path(),
        &["check", "--format", "sarif", "a.arrangement.toml"],
        None,
    )
    .json();
    assert_eq!(
        fingerprints(&same).0["PSR012"],
        fp_before["PSR012"],
        "white space after a value changes nothing"
    );
}
