//! The two release shapes of shared/domain/published-notices.md (a raw Find a Tender release,
//! trimmed, and a d3tenders compiled release), read as the importer reads them.

use psr_import::{json_value, read};
use serde_json::{json, Value};

fn import_one(release: Value) -> Value {
    let bytes = serde_json::to_vec(&json!({ "releases": [release] })).expect("JSON");
    let import = read("fts.json", &bytes);
    assert_eq!(import.arrangements.len(), 1, "{:?}", import.findings);
    json_value(&import.arrangements[0])
}

#[test]
fn a_find_a_tender_intention_notice() {
    let file = import_one(json!({
      "awards": [{"id": "040504-2025-1", "relatedLots": ["1"], "status": "active",
                  "suppliers": [{"id": "GB-FTS-154757", "name": "Nottingham CityCare Partnership CIC"}]}],
      "bids": {"statistics": [{"id": "1", "measure": "bids", "relatedLot": "1", "value": 4},
                              {"id": "2", "measure": "smeBids", "relatedLot": "1", "value": 2}]},
      "buyer": {"id": "GB-FTS-137242", "name": "NHS Nottingham and Nottinghamshire Integrated Care Board"},
      "contracts": [{"awardID": "040504-2025-1", "dateSigned": "2025-07-03T00:00:00+01:00",
                     "id": "040504-2025-1", "status": "active",
                     "value": {"amount": 4501923.0, "currency": "GBP"}}],
      "date": "2025-07-16T12:46:51+01:00",
      "id": "040504-2025",
      "description": "This is a Provider Selection Regime (PSR) intention to award notice.\u{3c}br/\u{3e}\u{3c}br/\u{3e}The standstill period begins on the day after the publication of this notice. Representations by providers must be made to the relevant authority by 23:59 on the 29th July 2025. The relevant authority gives notice of its intention to award a contract under the competitive process of the PSR. Award decision-makers: Strategic Planning and Integration Committee on the 3rd July 2025. Conflicts of Interest: 1 perceived Conflict of Interest was identified"
    }));
    assert_eq!(file["arrangement"]["kind"], "award");
    assert_eq!(file["authority"]["type"], "icb");
    assert_eq!(file["process"]["type"], "competitive");
    assert_eq!(file["proposed_contract"]["lifetime_value"], "4501923");
    let notice = &file["notices"][0];
    assert_eq!(notice["type"], "intention-to-award");
    assert_eq!(notice["published"], "2025-07-16");
    assert_eq!(notice["representations_by"], "2025-07-29");
    // dateSigned in an intention notice is a form artefact, never the award date.
    assert!(file.get("award").is_none());
    let includes: Vec<&str> = notice["includes"]
        .as_array()
        .expect("includes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(includes.contains(&"decision-makers"));
    assert!(includes.contains(&"conflicts"));
    assert!(!includes.contains(&"conflict-management"));
    assert!(
        !includes.contains(&"provider-name-address"),
        "no address is published"
    );
}

#[test]
fn a_d3tenders_compiled_release() {
    let file = import_one(json!({
      "tag": ["compiled"],
      "id": "ocds-h6vhtk-049856-2024-09-05T13:39:07+01:00",
      "date": "2024-09-05T13:39:07+01:00",
      "ocid": "ocds-h6vhtk-049856",
      "description": "This is a Provider Selection Regime (PSR) intention to award notice. … Representations by providers must be made to decision makers by 13th September 2024. …",
      "initiationType": "tender",
      "tender": {
        "id": "ocds-h6vhtk-049856",
        "legalBasis": {"id": "32014L0024", "scheme": "CELEX"},
        "title": "Primary Care Bundled Services",
        "status": "complete",
        "classification": {"scheme": "CPV", "id": "85100000", "description": "Health services"},
        "mainProcurementCategory": "services",
        "lots": [{"id": "1", "description": "NHS Lincolnshire ICB is intending to utilise direct award process C … from 1st April 2024 to 31st March 2025 … PS14,357 …"}]
      },
      "parties": [{"id": "GB-NHS-QGH", "identifier": {"scheme": "GB-NHS", "id": "QGH"},
                   "additionalIdentifiers": [{"scheme": "GB-PPON", "id": "PNMN-7243-RQRR"}], "roles": ["buyer"],
                   "name": "NHS Lincolnshire Integrated Care Board",
                   "details": {"classifications": [{"id": "publicAuthorityCentralGovernment", "scheme": "UK_CA_TYPE"}]}}]
    }));
    assert_eq!(file["process"]["type"], "direct-award-c");
    assert_eq!(file["authority"]["ods_code"], "QGH");
    assert_eq!(
        file["authority"]["name"],
        "NHS Lincolnshire Integrated Care Board"
    );
    assert_eq!(file["services"]["cpv_codes"], json!(["85100000-0"]));
    assert_eq!(file["notices"][0]["representations_by"], "2024-09-13");
    assert_eq!(
        file["notices"][0]["reference"],
        "ocds-h6vhtk-049856-2024-09-05T13:39:07+01:00"
    );
}

#[test]
fn an_award_notice_states_its_award_date_and_other_releases_are_counted() {
    let bytes = serde_json::to_vec(&json!([
      {"id": "1", "date": "2025-07-16T12:46:51+01:00",
       "description": "Provider Selection Regime (PSR) confirmation of contract award notice. Direct Award Process A.",
       "contracts": [{"dateSigned": "2025-05-01T00:00:00+01:00"}]},
      {"id": "2", "date": "2025-07-16T12:46:51+01:00", "description": "Supply of office furniture."},
      {"id": "3", "description": "PSR intention to award notice, direct award process C."},
      {"id": "4", "date": "2025-07-16", "description": "This PSR notice is about something."}
    ]))
    .expect("JSON");
    let import = read("mixed.json", &bytes);
    assert_eq!(import.releases, 4);
    assert_eq!(import.skipped, 1);
    assert_eq!(import.arrangements.len(), 1);
    let codes: Vec<&str> = import.findings.iter().map(|f| f.code.code()).collect();
    assert_eq!(codes, vec!["IMP002", "IMP007"]);
    let file = json_value(&import.arrangements[0]);
    assert_eq!(file["award"]["contract_entered"], "2025-05-01");
    assert_eq!(file["process"]["type"], "direct-award-a");
    assert_eq!(file["notices"][0]["type"], "contract-award");
}
