//! Every built-in function and operator gives the documented result (docs/language.md), checked
//! through a rule message that interpolates them.

use psr_engine::{CheckOptions, SourceFile};

const RULE: &str = r#"
rule BTP001 builtins {
  severity: info
  cite: "SI 2023/1348" "reg 1" "https://www.legislation.gov.uk/uksi/2023/1348/regulation/1"
  in_force: 2024-01-01 ..
  summary: "exercise the built-ins"
  forbid: true
  at: arrangement.reference
  message: "{lower(\"ABC\")}|{trim(\"  a   b \")}|{add_years(2024-02-29, 1)}|{add_months(2024-01-31, 1)}|{item([1, 2, 3], 1) ?? 0}|{item([1], 5) ?? 0}|{\"x\" + \"y\"}|{len([1] + [2, 3])}|{len(select n in [1, 2, 3] where n > 1)}|{percent_of(£25, £200)}|{working_days_between(2024-03-26, 2024-04-09)}|{2024-03-26 + 8 working days}|{£1,100,000 * 25%}|{£600,000 / £2,400,000}|{2024-04-01 - 2024-03-01}|{year(2024-12-25)}|{is_working_day(2024-12-25)}|{min(3, 2)}|{max(£1, £2)}|{count n in [1, 2, 3] where n != 2}|{sum n in [£1.10, £2.20] of n}|{if 1 > 2 then \"a\" else \"b\"}|{prefix(\"85323000-1\", 8)}|{prefix(\"ab\", 5)}|{prefix(\"ab\", -1)}"
  help: "h"
  doc: "d"
  compliant: "c"
  non_compliant: "n"
}
"#;

#[test]
fn builtins_and_operators_compute_what_the_reference_says() {
    let engine = psr_testing::engine::with_arrangement(RULE).unwrap_or_else(|e| panic!("{e}"));
    let text = "format = 1\n[arrangement]\nreference = \"R\"\ntitle = \"T\"\nkind = \"award\"\ndecision_date = 2024-06-01\n[authority]\ntype = \"icb\"\nname = \"N\"\n[services]\ndescription = \"D\"\ncpv_codes = [\"85100000-0\"]\n[process]\ntype = \"competitive\"\n";
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
    let report = engine.check(
        &SourceFile {
            path: "t.arrangement.toml".into(),
            bytes: text.as_bytes().to_vec(),
        },
        &CheckOptions::new(today),
    );
    let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        vec!["abc|a b|2025-02-28|2024-02-29|2|0|xy|3|2|12.5%|8 working days|2024-04-09|£275,000|25%|31 days|2024|no|2|£2|2|£3.30|b|85323000|ab|"]
    );
}
