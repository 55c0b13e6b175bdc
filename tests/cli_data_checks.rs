//! Data that cannot be right is never a silent pass: a contract that ends before it starts, a
//! negative value, a fraction of a penny and an empty reference are findings on the value; a CPV
//! code with a mistyped check digit and an ICB code in lower case get the right code suggested.

use psr_testing::bin::{fixture, run_in, temp_tree};

const BASE: &str = "examples/violation-da-c-where-da-b-required.arrangement.toml";

/// The base example with `from` replaced by `to` (which must occur once).
fn with(from: &str, to: &str) -> String {
    let text = fixture(BASE);
    assert_eq!(text.matches(from).count(), 1, "{from}");
    text.replace(from, to)
}

fn concise(text: &str) -> String {
    let dir = temp_tree(&[("a.arrangement.toml", text)]);
    let r = run_in(dir.path(), &["check", "--format", "concise", "."], None);
    r.expect_code(1);
    r.stdout
}

#[test]
fn nonsense_values_are_findings_on_the_value() {
    let cases = [
        (
            ("end = 2028-06-30", "end = 2024-06-30"),
            "ARR014 error: `proposed_contract.end` is 2024-06-30, but it must be on or after `start` (2025-07-01)",
        ),
        (
            ("lifetime_value = \"3600000\"", "lifetime_value = \"-3600000\""),
            "ARR014 error: `existing_contract.lifetime_value` is -£3,600,000, but it must be at least £0",
        ),
        (
            ("lifetime_value = \"3750000\"", "lifetime_value = \"3750000.505\""),
            "ARR011 error: `3750000.505` has a fraction of a penny: amounts are recorded in pounds and pence",
        ),
        (
            ("reference = \"QKS-PSR-2025-038\"", "reference = \"\""),
            "ARR013 error: `arrangement.reference` is empty, but the arrangement format requires it",
        ),
    ];
    for ((from, to), finding) in cases {
        let out = concise(&with(from, to));
        assert!(out.contains(finding), "{to}:\n{out}");
    }
    // Pence are fine.
    let out = concise(&with(
        "lifetime_value = \"3750000\"",
        "lifetime_value = \"3750000.50\"",
    ));
    assert!(!out.contains("ARR011"), "{out}");
}

#[test]
fn a_mistyped_cpv_check_digit_and_a_lower_case_icb_code_get_the_right_code() {
    let out = concise(&with("\"85150000-5\"", "\"85323000-1\""));
    assert!(
        out.contains("PSR004 error: The main CPV code 85323000-1 has the wrong check digit: a typo, did you mean 85323000-9"),
        "{out}"
    );
    let out = concise(&with("ods_code = \"QKS\"", "ods_code = \"qks\""));
    assert!(
        out.contains("ODS codes are written in capitals: did you mean QKS?"),
        "{out}"
    );
}

#[test]
fn every_schedule_1_code_is_accepted_as_written() {
    let csv = fixture("rules/psr2023/data/schedule1_cpv.csv");
    let codes: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(codes.len(), 67);
    let mut files = Vec::new();
    for c in &codes {
        files.push((
            format!("{c}.arrangement.toml"),
            with("\"85150000-5\"", &format!("\"{c}\"")),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = temp_tree(&refs);
    let r = run_in(
        dir.path(),
        &["check", "--format", "concise", "--select", "PSR004", "."],
        None,
    );
    r.expect_code(0);
    assert_eq!(r.stdout, "");
}
