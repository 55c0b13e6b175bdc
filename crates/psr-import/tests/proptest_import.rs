//! The importer never panics, whatever JSON (or bytes) it is given, and every arrangement it
//! reads is written as TOML, JSON and YAML that psrlint's own loaders read back.

use proptest::prelude::*;
use psr_import::{read, write, Syntax};
use psr_source::Limits;
use serde_json::{json, Map, Value};

/// Any JSON value, nested a few levels, with keys that OCDS releases use among others.
fn any_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("releases".to_string()),
        Just("records".to_string()),
        Just("compiledRelease".to_string()),
        Just("description".to_string()),
        Just("tender".to_string()),
        Just("lots".to_string()),
        Just("awards".to_string()),
        Just("contracts".to_string()),
        Just("parties".to_string()),
        Just("buyer".to_string()),
        Just("date".to_string()),
        Just("dateSigned".to_string()),
        Just("value".to_string()),
        Just("amount".to_string()),
        Just("id".to_string()),
        Just("ocid".to_string()),
        "[a-zA-Z]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        psr_text().prop_map(Value::String),
        Just(json!("2026-03-31T11:02:17+01:00")),
        Just(json!("0000-01-01T00:00:00Z")),
        Just(json!("9999-12-31T23:59:59-23:59")),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Text of the kind notices hold: PSR statements, processes, dates in every form, odd characters.
fn psr_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("This is a Provider Selection Regime (PSR) intention to award notice.".to_string()),
        Just("PSR confirmation of contract award notice.".to_string()),
        Just("urgent award".to_string()),
        Just("contract modification notice".to_string()),
        Just("direct award process C".to_string()),
        Just("most suitable provider process".to_string()),
        Just("competitive process".to_string()),
        Just("Representations must be made by".to_string()),
        Just("The standstill period will end on".to_string()),
        Just("13th September 2024".to_string()),
        Just("27/02/2026 at 23:59".to_string()),
        Just("the 23rdof March 2026".to_string()),
        Just("31 April 2026".to_string()),
        Just("[Add date]".to_string()),
        Just("within 8 days of publication".to_string()),
        Just("<br/>&amp;&#39;".to_string()),
        Just("conflicts of interest were managed".to_string()),
        Just("decision-makers:".to_string()),
        "\\PC{0,12}",
        "[0-9/.:-]{1,12}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|ps| ps.join(" "))
}

/// A release with the PSR fields in place and arbitrary text and values in them.
fn psr_release() -> impl Strategy<Value = Value> {
    (psr_text(), psr_text(), psr_text(), any::<f64>(), "[0-9A-Za-z:+/ -]{0,30}").prop_map(
        |(description, title, lot, amount, date)| {
            json!({
                "id": format!("0{}-2026", title.len()),
                "ocid": "ocds-h6vhtk-000000",
                "date": if date.is_empty() { "2026-03-31T11:02:17+01:00".to_string() } else { date },
                "description": description,
                "buyer": {"id": "GB-NHS-QX1", "name": title},
                "parties": [{"id": "GB-NHS-QX1", "identifier": {"scheme": "GB-NHS", "id": lot}, "roles": ["buyer"]}],
                "tender": {"title": title, "classification": {"scheme": "CPV", "id": "85100000"},
                           "lots": [{"description": lot, "contractPeriod": {"startDate": "2026-05-01", "endDate": lot}}]},
                "awards": [{"suppliers": [{"id": "s", "name": lot}]}],
                "contracts": [{"dateSigned": "2026-03-18T00:00:00Z", "value": {"amount": amount, "currency": "GBP"}}]
            })
        },
    )
}

fn round_trips(import: &psr_import::Import) {
    for a in &import.arrangements {
        for (syntax, source) in [
            (Syntax::Toml, psr_source::Syntax::Toml),
            (Syntax::Json, psr_source::Syntax::Json),
            (Syntax::Yaml, psr_source::Syntax::Yaml),
        ] {
            let text = write(a, syntax);
            if let Err(e) = psr_source::parse(source, &text, &Limits::default()) {
                panic!("{syntax:?} output does not load ({}):\n{text}", e.message);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = read("bytes.json", &bytes);
    }

    #[test]
    fn arbitrary_json_never_panics_and_is_accounted_for(doc in any_json()) {
        let bytes = serde_json::to_vec(&doc).expect("serialises");
        let import = read("doc.json", &bytes);
        // Every release is either skipped, written or reported: none is dropped.
        prop_assert!(import.skipped + import.arrangements.len() <= import.releases);
        let reported = import.findings.iter().filter(|f| matches!(f.code,
            psr_import::ImportCode::UnreadableRelease | psr_import::ImportCode::KindUnrecognised)).count();
        prop_assert_eq!(import.skipped + import.arrangements.len() + reported, import.releases);
        round_trips(&import);
    }

    #[test]
    fn psr_shaped_releases_write_files_psrlint_reads(releases in prop::collection::vec(psr_release(), 1..5)) {
        let doc = json!({ "releases": releases });
        let import = read("package.json", &serde_json::to_vec(&doc).expect("serialises"));
        let reported = import.findings.iter().filter(|f| matches!(f.code,
            psr_import::ImportCode::UnreadableRelease | psr_import::ImportCode::KindUnrecognised)).count();
        prop_assert_eq!(import.skipped + import.arrangements.len() + reported, import.releases);
        round_trips(&import);
    }
}
