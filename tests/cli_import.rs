//! `psrlint import ocds` and `psrlint check --public-record`: the example release package of
//! `examples/ocds/` imported (what is printed, the files written) and checked as public records.

use psr_testing::bin::{fixture, run, run_in, temp_tree, Run};
use std::path::Path;

const PACKAGE: &str = "examples/ocds/exampleshire-psr-notices.json";

/// A temporary directory holding the example package under its own name.
fn with_package() -> tempfile::TempDir {
    temp_tree(&[("exampleshire-psr-notices.json", &fixture(PACKAGE))])
}

/// `psrlint import ocds` of the package of [`with_package`] in `dir`, into `out`, with `extra`
/// arguments.
fn import(dir: &Path, out: &str, extra: &[&str]) -> Run {
    let mut args = vec!["import", "ocds", "exampleshire-psr-notices.json", "-o", out];
    args.extend_from_slice(extra);
    run_in(dir, &args, None)
}

fn written(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("the output directory")
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(e.path()).expect("a written file");
            (name, text)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_example_package_is_imported_and_checked_as_public_records() {
    let dir = with_package();
    let r = import(dir.path(), "notices", &[]);
    // One release is not an object: reported, so the run fails.
    r.expect_code(1);
    insta::assert_snapshot!("import_transcript", r.transcript());
    let files = written(&dir.path().join("notices"));
    assert_eq!(files.len(), 6);
    for (name, text) in &files {
        insta::assert_snapshot!(format!("import_file_{name}"), text);
    }
    let check = run_in(
        dir.path(),
        &["check", "notices", "--format", "concise"],
        None,
    );
    check.expect_code(1);
    insta::assert_snapshot!("import_check", check.stdout_transcript());
}

/// The JSON and YAML files say the same as the TOML ones: each gives the same findings.
#[test]
fn json_and_yaml_imports_give_the_same_findings() {
    let dir = with_package();
    let mut findings = Vec::new();
    for to in ["toml", "json", "yaml"] {
        let out = format!("out-{to}");
        import(dir.path(), &out, &["--to", to]).expect_code(1);
        let check = run_in(dir.path(), &["check", &out, "--format", "json"], None);
        for file in check.json()["files"].as_array().expect("files") {
            assert_eq!(file["public_record"], true, "{file}");
        }
        let mut found: Vec<(String, String, String)> = Vec::new();
        for f in check.json()["findings"].as_array().expect("findings") {
            let path = f["file"].as_str().expect("file");
            let stem = Path::new(path)
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.split(".arrangement.").next())
                .expect("a name")
                .to_string();
            found.push((
                stem,
                f["code"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
            ));
        }
        found.sort();
        findings.push(found);
    }
    assert!(!findings[0].is_empty());
    assert_eq!(findings[0], findings[1], "TOML and JSON differ");
    assert_eq!(findings[0], findings[2], "TOML and YAML differ");
    // The JSON file carries its provenance notes.
    let json = fixture_in(dir.path(), "out-json/013512-2026.arrangement.json");
    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let notes = doc["imported_from"]["notes"].as_array().expect("notes");
    assert!(notes
        .iter()
        .any(|n| n["field"] == "notices[0].representations_by"
            && n["source"]
                .as_str()
                .is_some_and(|s| s.contains("13th April 2026"))));
}

fn fixture_in(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

#[test]
fn standard_input_bad_json_and_missing_paths() {
    let dir = temp_tree(&[("broken.json", "{\"releases\": [")]);
    let r = run_in(
        dir.path(),
        &["import", "ocds", "broken.json", "-o", "out"],
        None,
    );
    r.expect_code(1);
    insta::assert_snapshot!("import_broken", r.transcript());

    let stdin = fixture(PACKAGE);
    let r = run_in(
        dir.path(),
        &["import", "ocds", "-", "-o", "from-stdin"],
        Some(&stdin),
    );
    r.expect_code(1);
    assert!(r.stdout.contains("6 PSR notice(s) written"), "{}", r.stdout);

    run_in(
        dir.path(),
        &["import", "ocds", "nowhere.json", "-o", "out"],
        None,
    )
    .expect_code(2);
}

#[test]
fn a_file_not_written_by_an_import_is_never_overwritten() {
    let dir = with_package();
    std::fs::create_dir_all(dir.path().join("notices")).expect("mkdir");
    std::fs::write(
        dir.path().join("notices/013512-2026.arrangement.toml"),
        "# kept by hand\nformat = 1\n",
    )
    .expect("write");
    let r = import(dir.path(), "notices", &[]);
    r.expect_code(1);
    assert!(r.stdout.contains("IMP008"), "{}", r.stdout);
    assert_eq!(
        fixture_in(dir.path(), "notices/013512-2026.arrangement.toml"),
        "# kept by hand\nformat = 1\n"
    );
    // A second import overwrites its own files.
    let again = import(dir.path(), "notices", &[]);
    assert!(again
        .stdout
        .contains("wrote notices/040504-2025.arrangement.toml"));
}

/// `--public-record` applies only the rules a published notice can show: a decision record that
/// lacks its key-criteria assessment (a reg 24 fact) passes, its stated-date defects do not.
#[test]
fn public_record_mode_leaves_out_what_only_the_internal_record_holds() {
    let file = "examples/violation-da-c-key-criteria-not-recorded.arrangement.toml";
    let full = run(&["check", file, "--format", "concise"]);
    full.expect_code(1);
    assert!(full.stdout.contains("PSR032"), "{}", full.stdout);
    let public = run(&["check", file, "--format", "concise", "--public-record"]);
    public.expect_code(0);
    assert!(!public.stdout.contains("PSR032"), "{}", public.stdout);

    let stated = "examples/violation-intention-notice-states-representations-date-too-early.arrangement.toml";
    let public = run(&["check", stated, "--format", "concise", "--public-record"]);
    assert!(public.stdout.contains("PSR120"), "{}", public.stdout);
}
