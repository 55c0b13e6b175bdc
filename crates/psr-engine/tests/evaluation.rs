//! Every built-in function and operator of docs/language.md evaluates on a real arrangement:
//! a rule that `forbid`s an expression known to be true fires with its own message, and the
//! documented evaluation errors (division by zero, a date outside the calendar) make the rule
//! report that it cannot be checked, never a panic and never a wrong answer.

use psr_engine::Engine;
use psr_testing::engine::{check, describe_all, options};

/// A valid arrangement: decided on Monday 3 June 2024, two CPV codes, one notice.
const ARRANGEMENT: &str = r#"format = 1

[arrangement]
reference = "SOM-2024-017"
title = "Adult hearing"
kind = "award"
decision_date = 2024-06-03

[authority]
type = "icb"
name = "  NHS   Somerset ICB "

[services]
description = "Adult hearing services"
cpv_codes = ["85100000-0", "85121000-3"]

[process]
type = "competitive"

[proposed_contract]
lifetime_value = "£1,100,000"
start = 2024-12-24

[[notices]]
type = "contract-award"
published = 2024-06-10
"#;

/// An engine with the arrangement pack and one rule that forbids `expr`.
fn engine_forbidding(expr: &str) -> Result<Engine, String> {
    let rule = format!(
        r#"rule TST001 evaluates {{
  severity: error
  cite: "SI 2023/1348" "reg 6" "https://www.legislation.gov.uk/uksi/2023/1348/regulation/6"
  in_force: 2024-01-01 ..
  summary: "The expression is evaluated"
  forbid: {expr}
  at: process.type
  message: "fired"
  help: "h"
  doc: "d"
  compliant: "c"
  non_compliant: "n"
}}
"#
    );
    psr_testing::engine::with_arrangement(&rule)
}

/// The message of the rule's finding, or `None` when the rule did not fire.
fn outcome(expr: &str) -> Result<Option<String>, String> {
    let engine = engine_forbidding(expr)?;
    let report = check(
        &engine,
        "a.arrangement.toml",
        ARRANGEMENT.as_bytes(),
        &options(),
    );
    let invalid: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .filter(|c| *c != "TST001")
        .collect();
    assert!(invalid.is_empty(), "{}", describe_all(&report));
    Ok(report.findings.first().map(|f| f.message.clone()))
}

fn assert_all_fire(exprs: &[&str]) {
    let mut wrong = Vec::new();
    for expr in exprs {
        match outcome(expr) {
            Ok(Some(m)) if m == "fired" => {}
            Ok(Some(m)) => wrong.push(format!("{expr}\n    reported: {m}")),
            Ok(None) => wrong.push(format!("{expr}\n    was false")),
            Err(e) => wrong.push(format!("{expr}\n    refused: {e}")),
        }
    }
    assert!(
        wrong.is_empty(),
        "these should be true:\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn operators_evaluate() {
    assert_all_fire(&[
        "process.type == \"competitive\" and not (process.type == \"urgent\")",
        "process.type in [\"competitive\", \"urgent\"] and process.type not in [\"none\"]",
        "(proposed_contract.lifetime_value ?? £0) == £1,100,000",
        "(proposed_contract.lifetime_value ?? £0) * 25% == £275,000",
        "(proposed_contract.lifetime_value ?? £0) * 2 == £2,200,000",
        "(proposed_contract.lifetime_value ?? £0) / £2,200,000 == 50%",
        "(proposed_contract.lifetime_value ?? £0) / 4 == £275,000",
        "arrangement.decision_date + 30 days == 2024-07-03",
        "arrangement.decision_date - 2024-06-01 == 2 days",
        "-(1) + 3 == 2 and 7 / 2 == 3.5",
        "(if len(notices) > 0 then 1 else 2) == 1",
        "(\"NHS \" + \"Somerset\") == \"NHS Somerset\"",
        "len(services.cpv_codes + services.cpv_codes) == 4",
        "any n in notices where n.type == \"contract-award\"",
        "all c in services.cpv_codes where c != \"\"",
        "count c in services.cpv_codes where c != \"85100000-0\" == 1",
        "(first n in notices where n.type == \"contract-award\") is present",
        "(sum c in services.cpv_codes of 1) == 2",
        "len(select c in services.cpv_codes where c == \"85121000-3\") == 1",
        "proposed_contract.end is absent",
    ]);
}

#[test]
fn working_days_skip_weekends_and_bank_holidays() {
    assert_all_fire(&[
        // Monday 3 June 2024 + 8 working days = Thursday 13 June.
        "arrangement.decision_date + 8 working days == 2024-06-13",
        // Christmas Eve 2024 (Tuesday) + 1 working day: 25 and 26 December are holidays.
        "(proposed_contract.start ?? law_date) + 1 working days == 2024-12-27",
        "working_days_between(2024-06-03, 2024-06-10) == 5 working days",
        "is_working_day(2024-06-03) and not is_working_day(2024-12-25)",
    ]);
}

#[test]
fn built_in_functions_evaluate() {
    assert_all_fire(&[
        "len(services.cpv_codes) == 2",
        "year(arrangement.decision_date) == 2024",
        "month(arrangement.decision_date) == 6",
        "day(arrangement.decision_date) == 3",
        "min(2024-01-01, arrangement.decision_date) == 2024-01-01",
        "max(£1, £2) == £2",
        "percent_of(£250,000, £1,000,000) == 25%",
    ]);
}

/// Was a bug (type-checked but not evaluated); fixed in 9331504.
#[test]
fn date_and_list_functions_evaluate() {
    assert_all_fire(&[
        "add_years(arrangement.decision_date, 1) == 2025-06-03",
        "add_months(2024-01-31, 1) == 2024-02-29",
        "(item(services.cpv_codes, 1) ?? \"\") == \"85121000-3\"",
        "item(services.cpv_codes, 5) is absent",
    ]);
}

/// Was a bug (refused as taking two arguments, and not evaluated); fixed in 9331504.
#[test]
fn text_functions_evaluate() {
    assert_all_fire(&[
        "lower(\"NHS\") == \"nhs\"",
        "trim(authority.name) == \"NHS Somerset ICB\"",
    ]);
}

#[test]
fn evaluation_errors_say_the_rule_cannot_be_checked() {
    for expr in [
        "(proposed_contract.lifetime_value ?? £0) / £0 > 0%",
        "1 / 0 > 0.5",
        "arrangement.decision_date + 100000000 days > law_date",
        "9999-12-31 + 1 working days > law_date",
        "is_working_day(1900-01-01)",
        "percent_of(£1, £0) > 0%",
    ] {
        let message = outcome(expr).unwrap_or_else(|e| panic!("{expr}: refused: {e}"));
        let message = message.unwrap_or_else(|| panic!("{expr}: no finding"));
        assert!(
            message.contains("cannot be checked")
                && message.contains("The expression is evaluated"),
            "{expr}: {message}"
        );
    }
}
