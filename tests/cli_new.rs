//! `psrlint new`: for every kind and every process, the file it writes parses; its placeholders
//! alone give exactly one ARR015 each and nothing else; filled with plausible values, it gives no
//! finding about a field it lacks. Then the command's own behaviour: no prompt without a
//! terminal, no overwriting without `--force`, clear errors for bad facts.

use psr_testing::bin::{normalise, run, run_in, Run};
use serde_json::Value;

/// The values of the enum at `path` in the JSON Schema `psrlint schema` prints: the kinds and
/// processes come from the packs, so a new kind is tested without changing this file.
fn enum_values(schema: &Value, section: &str, field: &str) -> Vec<String> {
    let deref = |v: &'_ Value| -> Value {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => schema["$defs"][r.trim_start_matches("#/$defs/")].clone(),
            None => v.clone(),
        }
    };
    let root = deref(schema);
    let node = &root["properties"][section];
    let node = match node.get("$ref").and_then(Value::as_str) {
        Some(r) => &schema["$defs"][r.trim_start_matches("#/$defs/")],
        None => node,
    };
    let field = &node["properties"][field];
    let field = match field.get("$ref").and_then(Value::as_str) {
        Some(r) => &schema["$defs"][r.trim_start_matches("#/$defs/")],
        None => field,
    };
    field["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("no enum for {section}.{field}: {field}"))
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// Every (kind, process) `new` accepts: an agreement has no process.
fn cases() -> Vec<(String, Option<String>)> {
    let schema = run(&["schema"]).expect_code(0).json();
    let processes = enum_values(&schema, "process", "type");
    let mut out = Vec::new();
    for kind in enum_values(&schema, "arrangement", "kind") {
        if ["delegation", "joint-working", "partnership"].contains(&kind.as_str()) {
            out.push((kind, None));
        } else {
            out.extend(processes.iter().map(|p| (kind.clone(), Some(p.clone()))));
        }
    }
    assert!(out.len() > 40, "every kind and process: {out:?}");
    out
}

fn new_file(dir: &std::path::Path, name: &str, kind: &str, process: Option<&str>) -> Run {
    let mut args = vec![
        "new",
        kind,
        "--authority",
        "QHM",
        "--decision-date",
        "2025-06-02",
    ];
    if let Some(p) = process {
        args.extend(["--process", p]);
    }
    args.extend(["-o", name]);
    run_in(dir, &args, None)
}

/// The findings of `psrlint check --format json FILE`: (code, field).
fn findings(dir: &std::path::Path, name: &str) -> Vec<(String, Option<String>)> {
    let r = run_in(
        dir,
        &["check", "--format", "json", "--fail-on", "info", name],
        None,
    );
    let report = r.json();
    report["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings list: {}", r.stdout))
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_string(),
                f["field"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// The placeholders of a JSON file, as paths.
fn placeholders(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::String(s) if s.starts_with("<TODO") => out.push(path.to_string()),
        Value::Object(m) => {
            for (k, x) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                placeholders(x, &p, out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                placeholders(x, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// A plausible value for a placeholder, read from what the placeholder says goes there.
fn plausible(placeholder: &str) -> Value {
    let hint = placeholder
        .trim_start_matches("<TODO:")
        .trim_end_matches('>')
        .trim();
    if hint == "true or false" {
        Value::Bool(false)
    } else if hint.starts_with("a date") {
        Value::String("2025-06-02".into())
    } else if hint.starts_with("an amount") {
        Value::String("480000".into())
    } else if hint.starts_with("a percentage") {
        Value::String("20%".into())
    } else if hint.starts_with("a whole number") {
        Value::from(3)
    } else if let Some(values) = hint.strip_prefix("one of ") {
        Value::String(values.split(" | ").next().unwrap_or_default().into())
    } else {
        Value::String("As recorded by the commissioning team".into())
    }
}

fn fill(v: &mut Value) {
    match v {
        Value::String(s) if s.starts_with("<TODO") => *v = plausible(s),
        Value::Object(m) => m.values_mut().for_each(fill),
        Value::Array(items) => items.iter_mut().for_each(fill),
        _ => {}
    }
}

/// Whether the JSON records `path` (`notices[1].includes`); an empty list records nothing.
fn records(v: &Value, path: &str) -> bool {
    let mut cur = v;
    for part in path.split('.') {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        if !name.is_empty() {
            match cur.get(name) {
                Some(x) => cur = x,
                None => return false,
            }
        }
        for idx in rest.split('[').filter(|s| !s.is_empty()) {
            match idx
                .trim_end_matches(']')
                .parse::<usize>()
                .ok()
                .and_then(|i| cur.get(i))
            {
                Some(x) => cur = x,
                None => return false,
            }
        }
    }
    !matches!(cur, Value::Null) && !matches!(cur, Value::Array(a) if a.is_empty())
}

#[test]
fn every_kind_and_process_gives_a_file_whose_only_findings_are_its_placeholders() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let all = cases();
    // Two at a time: each case runs psrlint seven times.
    std::thread::scope(|s| {
        for half in all.chunks(all.len().div_ceil(2)) {
            let dir = dir.path();
            s.spawn(move || {
                half.iter()
                    .for_each(|(k, p)| one_case(dir, k, p.as_deref()))
            });
        }
    });
}

fn one_case(dir: &std::path::Path, kind: &str, process: Option<&str>) {
    {
        let (kind, process) = (kind.to_string(), process.map(str::to_string));
        let what = format!("{kind} {}", process.as_deref().unwrap_or("(agreement)"));
        let stem = format!("{kind}-{}", process.as_deref().unwrap_or("agreement"));
        let json_name = format!("{stem}.arrangement.json");
        new_file(dir, &json_name, &kind, process.as_deref()).expect_code(0);
        let text = std::fs::read_to_string(dir.join(&json_name)).expect("written");
        let mut doc: Value = serde_json::from_str(&text).expect("the JSON parses");
        let mut holes = Vec::new();
        placeholders(&doc, "", &mut holes);
        assert!(!holes.is_empty(), "{what}: nothing to fill?\n{text}");
        holes.sort();

        // The placeholders alone: one ARR015 each, at its field, and nothing else.
        let mut got: Vec<String> = findings(dir, &json_name)
            .into_iter()
            .map(|(code, field)| {
                assert_eq!(code, "ARR015", "{what}: only placeholder findings\n{text}");
                field.unwrap_or_default()
            })
            .collect();
        got.sort();
        assert_eq!(got, holes, "{what}: one finding per placeholder");

        // TOML and YAML say the same, with the same placeholders.
        for syntax in ["toml", "yaml"] {
            let name = format!("{stem}.arrangement.{syntax}");
            new_file(dir, &name, &kind, process.as_deref()).expect_code(0);
            let mut other: Vec<String> = findings(dir, &name)
                .into_iter()
                .map(|(code, field)| {
                    assert_eq!(code, "ARR015", "{what} {syntax}");
                    field.unwrap_or_default()
                })
                .collect();
            other.sort();
            assert_eq!(
                other, holes,
                "{what}: {syntax} has the same placeholders as JSON"
            );
        }

        // Filled: no finding about a field the file lacks, and none about its form.
        fill(&mut doc);
        let filled = format!("{stem}.filled.arrangement.json");
        std::fs::write(dir.join(&filled), doc.to_string()).expect("write");
        for (code, field) in findings(dir, &filled) {
            assert!(
                !code.starts_with("ARR"),
                "{what}: filled, the file has {code} at {field:?}\n{doc:#}"
            );
            if let Some(f) = field {
                assert!(
                    records(&doc, &f),
                    "{what}: filled, {code} is about `{f}`, which the template lacks\n{doc:#}"
                );
            }
        }
    }
}

/// The value at `path` of a JSON file, if recorded.
fn at<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    let mut cur = v;
    for part in path.split('.') {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        cur = cur.get(name)?;
        for idx in rest.split('[').filter(|s| !s.is_empty()) {
            cur = cur.get(idx.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(cur)
}

/// A kind, the fields its file must record, and the values it must hold.
type Expected = (
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
);

/// An agreement's rules read its parties, functions, committee and fund rather than report them
/// missing, so `new` writes them for each agreement kind (the joint-working pack's `new_fields`):
/// the parties in the roles the kind gives them, a function, the terms the rules read, and the
/// committee, pooled fund and s75 arrangements the kind has; each commented with its provision.
#[test]
fn an_agreement_has_every_part_its_rules_read() {
    let cases: [Expected; 3] = [
        (
            "delegation",
            &[
                "agreement.basis",
                "agreement.form",
                "agreement.start",
                "agreement.onward_delegation",
                "agreement.payment_terms",
                "agreement.regard_to_guidance",
                "agreement.liability",
                "agreement.published",
                "parties[1].type",
                "parties[1].name",
                "functions[0].description",
                "functions[0].provision",
                "functions[0].commissioning_function",
                "functions[0].held_by",
            ],
            &[
                ("parties[0].role", "delegator"),
                ("parties[1].role", "delegatee"),
            ],
        ),
        (
            "joint-working",
            &[
                "agreement.basis",
                "agreement.payment_terms",
                "agreement.regard_to_guidance",
                "parties[1].type",
                "functions[0].provision",
                "functions[0].held_by",
                "joint_committee.forum",
                "joint_committee.members",
                "joint_committee.binding_decisions",
                "pooled_fund.host",
                "pooled_fund.contributions[0].party",
                "pooled_fund.contributions[0].amount",
                "pooled_fund.spend_limited_to_arranged_functions",
            ],
            &[("parties[0].role", "party"), ("parties[1].role", "party")],
        ),
        (
            "partnership",
            &[
                "agreement.in_writing",
                "agreement.liability",
                "parties[1].type",
                "functions[0].services",
                "partnership.arrangements",
                "partnership.improvement_statement",
                "partnership.joint_consultation_completed",
                "partnership.agreement_includes",
                "partnership.reporting",
                "pooled_fund.host",
                "pooled_fund.pool_manager_employer",
                "pooled_fund.quarterly_reports",
                "pooled_fund.annual_return",
                "pooled_fund.audit_arranged_by_host",
            ],
            &[
                ("agreement.basis", "s75"),
                ("parties[0].role", "party"),
                ("parties[1].role", "party"),
            ],
        ),
    ];
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (kind, fields, values) in cases {
        let name = format!("{kind}.arrangement.json");
        new_file(dir.path(), &name, kind, None).expect_code(0);
        let doc: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.path().join(&name)).expect("written"),
        )
        .expect("JSON");
        for f in fields {
            assert!(records(&doc, f), "{kind}: no `{f}`\n{doc:#}");
        }
        for (f, v) in values {
            assert_eq!(
                at(&doc, f),
                Some(&Value::from(*v)),
                "{kind}: `{f}`\n{doc:#}"
            );
        }
        // In TOML every field says which provision asks for it, not only the format.
        let toml = format!("{kind}.arrangement.toml");
        new_file(dir.path(), &toml, kind, None).expect_code(0);
        let text = std::fs::read_to_string(dir.path().join(&toml)).expect("written");
        for line in text.lines().filter(|l| l.contains("<TODO")) {
            let key = line.split(" = ").next().unwrap_or_default().trim();
            if ["reference", "title"].contains(&key) {
                continue;
            }
            assert!(
                !line.ends_with("(arrangement format)"),
                "{kind}: `{key}` names no provision: {line}"
            );
        }
    }
}

#[test]
fn a_direct_award_c_by_an_icb() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let r = new_file(
        dir.path(),
        "adhd.arrangement.toml",
        "award",
        Some("direct-award-c"),
    );
    r.expect_code(0);
    let text = std::fs::read_to_string(dir.path().join("adhd.arrangement.toml")).expect("written");
    insta::assert_snapshot!(text);
    insta::assert_snapshot!(
        "a_direct_award_c_by_an_icb_stderr",
        normalise(&r.stderr, Some(dir.path()))
    );
}

#[test]
fn a_delegation_in_yaml_on_standard_output() {
    let r = run(&[
        "new",
        "delegation",
        "--authority",
        "Y62",
        "--decision-date",
        "2024-03-14",
        "--syntax",
        "yaml",
    ]);
    r.expect_code(0);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn without_a_terminal_it_never_asks_and_a_missing_kind_is_an_error() {
    let r = run(&["new"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("needs the kind of arrangement"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("award, framework"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn bad_facts_are_clear_errors() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["new", "awrd", "--process", "competitive"],
            "did you mean `award`?",
        ),
        (&["new", "award"], "needs --process"),
        (
            &["new", "delegation", "--process", "competitive"],
            "has no selection process",
        ),
        (
            &[
                "new",
                "award",
                "--process",
                "competitive",
                "--authority",
                "QXX",
            ],
            "not the ODS code of an ICB",
        ),
        (
            &[
                "new",
                "award",
                "--process",
                "competitive",
                "--authority",
                "QMJ",
                "--decision-date",
                "2026-06-01",
            ],
            "not on the decision date 2026-06-01",
        ),
    ];
    for (args, says) in cases {
        let r = run(args);
        r.expect_code(2);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("mine.arrangement.toml");
    std::fs::write(&path, "kept").expect("write");
    let args = [
        "new",
        "urgent-award",
        "--process",
        "urgent",
        "-o",
        "mine.arrangement.toml",
    ];
    let r = run_in(dir.path(), &args, None);
    r.expect_code(2);
    assert!(r.stderr.contains("exists already"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "kept");
    let mut forced = args.to_vec();
    forced.push("--force");
    run_in(dir.path(), &forced, None).expect_code(0);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("kind = \"urgent-award\""), "{text}");
    // Nothing but the file is left behind (no temporary file).
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn new_has_a_man_page_and_completions() {
    let page = run(&["man", "new"]);
    page.expect_code(0);
    for option in [
        "\\-\\-process",
        "\\-\\-authority",
        "\\-\\-decision\\-date",
        "\\-\\-force",
    ] {
        assert!(
            page.stdout.contains(option),
            "psrlint-new(1) lacks {option}"
        );
    }
    assert!(run(&["man"]).stdout.contains("psrlint\\-new"));
    for shell in ["bash", "zsh", "fish"] {
        let script = run(&["completions", shell]);
        script.expect_code(0);
        assert!(
            script.stdout.contains("decision-date"),
            "{shell} completes `new`'s options"
        );
    }
}
