//! Checking a SARIF log against the vendored SARIF 2.1.0 schema (OASIS, errata 01,
//! `tests/data/sarif-schema-2.1.0.json`), with format checks on.

use serde_json::Value;

/// The schema's validator.
pub fn validator() -> jsonschema::Validator {
    let text = crate::bin::fixture("tests/data/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&text).expect("the SARIF schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

/// Fails the test, listing every error and where, when `doc` is not a valid SARIF 2.1.0 log.
#[track_caller]
pub fn assert_valid(doc: &Value) {
    let errors: Vec<String> = validator()
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "not valid SARIF 2.1.0:\n{}",
        errors.join("\n")
    );
}
