//! A finding cites the citation that applies to its case: the first `cite when` whose condition
//! holds, otherwise the unguarded `cite:`; a finding that a needed field is not recorded is cited
//! the same way, and a condition that cannot be evaluated does not hold.

use psr_engine::Engine;
use psr_testing::engine::{check, options, with_arrangement};

/// A rule that fires on every award, its award notice's law chosen by the process; its `needs:`
/// asks for the contract's start, and its third guard divides by zero for a competitive award
/// without a lifetime value of zero.
const RULE: &str = r#"rule TST001 award-notice {
  severity: error
  cite when process.type == "direct-award-a": "SI 2023/1348" "reg 7(2)(b)" "https://www.legislation.gov.uk/uksi/2023/1348/regulation/7"
  cite when process.type == "direct-award-c": "SI 2023/1348" "reg 9(11)(b)" "https://www.legislation.gov.uk/uksi/2023/1348/regulation/9"
  cite when (£1 / (proposed_contract.lifetime_value ?? £0)) > 0%: "SI 2023/1348" "reg 99" "https://www.legislation.gov.uk/uksi/2023/1348/regulation/99"
  cite: "SI 2023/1348" "reg 11(17)" "https://www.legislation.gov.uk/uksi/2023/1348/regulation/11"
  see: "SI 2023/1348" "reg 2(1)" "https://www.legislation.gov.uk/uksi/2023/1348/regulation/2"
  in_force: 2024-01-01 ..
  summary: "The award notice is checked"
  when: arrangement.kind == "award"
  needs: proposed_contract.start
  forbid: true
  at: process.type
  message: "fired"
  help: "h"
  doc: "d"
  compliant: "c"
  non_compliant: "n"
}
"#;

fn engine() -> Engine {
    with_arrangement(RULE).unwrap_or_else(|e| panic!("{e}"))
}

/// The provision TST001's finding cites for an award by `process` (with `contract` lines).
fn cited(engine: &Engine, process: &str, contract: &str) -> String {
    let text = format!(
        "format = 1\n\n[arrangement]\nreference = \"R\"\ntitle = \"T\"\nkind = \"award\"\ndecision_date = 2024-06-03\n\n\
         [authority]\ntype = \"icb\"\nname = \"NHS Somerset ICB\"\n\n[services]\ndescription = \"D\"\ncpv_codes = [\"85100000-0\"]\n\n\
         [process]\ntype = \"{process}\"\n\n[proposed_contract]\n{contract}\n"
    );
    let report = check(engine, "a.arrangement.toml", text.as_bytes(), &options());
    let f = report
        .findings
        .iter()
        .find(|f| f.code == "TST001")
        .unwrap_or_else(|| panic!("TST001 did not fire: {:?}", report.findings));
    f.citation
        .as_ref()
        .map(|c| c.provision.clone())
        .unwrap_or_default()
}

#[test]
fn the_first_guarded_citation_that_holds_applies_and_otherwise_the_unguarded_one() {
    let e = engine();
    let start = "start = 2024-07-01\nlifetime_value = \"£100\"";
    assert_eq!(cited(&e, "direct-award-a", start), "reg 7(2)(b)");
    assert_eq!(cited(&e, "direct-award-c", start), "reg 9(11)(b)");
    // The third guard holds for a positive lifetime value, before the unguarded citation.
    assert_eq!(cited(&e, "most-suitable-provider", start), "reg 99");
    // A guard that cannot be evaluated (division by zero) does not hold.
    assert_eq!(
        cited(
            &e,
            "competitive",
            "start = 2024-07-01\nlifetime_value = \"£0\""
        ),
        "reg 11(17)"
    );
}

#[test]
fn a_finding_that_a_needed_field_is_missing_cites_the_law_of_its_case() {
    let e = engine();
    assert_eq!(
        cited(&e, "direct-award-c", "lifetime_value = \"£0\""),
        "reg 9(11)(b)"
    );
}

#[test]
fn see_sources_are_kept_apart_from_the_citations() {
    let e = engine();
    let rule = &e.program().rules[0];
    assert_eq!(rule.citations.len(), 4);
    assert_eq!(rule.see_also.len(), 1);
    assert_eq!(rule.see_also[0].provision, "reg 2(1)");
    assert!(rule.citations[3].when.is_none());
    assert_eq!(
        rule.citations[0].when.as_ref().map(|w| w.text.as_str()),
        Some("process.type == \"direct-award-a\"")
    );
}
