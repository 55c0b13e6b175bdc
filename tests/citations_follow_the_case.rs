//! Every finding cites the provision that imposes the duty for that arrangement: its process, its
//! kind and, for a notice, the notice's type.
//!
//! The test checks every rule's `-fires` tests (`rules/*/tests/CODE-fires*.arrangement.toml`) and
//! the shipped examples with the `psrlint` binary and reads the citation of each finding. What the
//! citation must be comes from the Regulations (SI 2023/1348, as quoted in the shared domain
//! text), written out here on its own and not read from the rule files:
//!
//! - a provision that belongs to one process (regs 7 to 11 and Schedules 2 to 11), to modifications
//!   (reg 13, Sch 12) or to urgent awards (reg 14, Schs 13 and 14) is never cited for an
//!   arrangement of another process or kind ([`belongs`]);
//! - the rules whose duty differs by process, ground, notice type or commissioning function cite
//!   exactly the provision for the case ([`expected`]).

use psr_testing::bin::{root, run};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The facts of an arrangement file a citation depends on, read from its TOML: the values of
/// `[table]` keys, and each `[[notices]]` entry's values in order.
#[derive(Default, Debug)]
struct Facts {
    tables: BTreeMap<String, BTreeMap<String, String>>,
    notices: Vec<BTreeMap<String, String>>,
}

impl Facts {
    /// A line-by-line reading of the flat TOML the tests and examples are written in: enough for
    /// quoted text values of `key = "value"` lines.
    fn read(path: &Path) -> Facts {
        let text = std::fs::read_to_string(path).expect("a readable arrangement file");
        let mut facts = Facts::default();
        let mut table = String::new();
        for line in text.lines().map(str::trim) {
            if let Some(name) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
                table = format!("[[{name}]]");
                if name == "notices" {
                    facts.notices.push(BTreeMap::new());
                }
            } else if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                table = name.to_string();
            } else if let Some((key, value)) = line.split_once(" = ") {
                // A quoted text, or a bare value (`true`, a date) up to any comment.
                let value = match value.strip_prefix('"') {
                    Some(v) => v.split('"').next().unwrap_or_default(),
                    None => value.split('#').next().unwrap_or_default().trim(),
                };
                let (key, value) = (key.trim().to_string(), value.to_string());
                if table == "[[notices]]" {
                    if let Some(n) = facts.notices.last_mut() {
                        n.insert(key, value);
                    }
                } else {
                    facts
                        .tables
                        .entry(table.clone())
                        .or_default()
                        .insert(key, value);
                }
            }
        }
        facts
    }

    fn get(&self, table: &str, key: &str) -> &str {
        self.tables
            .get(table)
            .and_then(|t| t.get(key))
            .map_or("", String::as_str)
    }

    fn process(&self) -> &str {
        self.get("process", "type")
    }

    fn kind(&self) -> &str {
        self.get("arrangement", "kind")
    }

    /// The type of the notice a finding's field (`notices[2].platform`) points into.
    fn notice_type(&self, field: &str) -> Option<&str> {
        let i: usize = field
            .strip_prefix("notices[")?
            .split(']')
            .next()?
            .parse()
            .ok()?;
        self.notices.get(i)?.get("type").map(String::as_str)
    }
}

/// The provisions a citation's provision text names, as (kind, number): `reg 24(e), 9(2), Sch 16`
/// is `[("reg", "24"), ("reg", "9"), ("Sch", "16")]`. A part without a kind takes the one before.
fn provisions(text: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut kind = "";
    for part in text.split([',', ';']).map(str::trim) {
        let rest = if let Some(r) = part.strip_prefix("regs ").or(part.strip_prefix("reg ")) {
            kind = "reg";
            r
        } else if let Some(r) = part.strip_prefix("Sch ") {
            kind = "Sch";
            r
        } else {
            part
        };
        let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !number.is_empty() && !kind.is_empty() {
            out.push((kind, number));
        }
    }
    out
}

/// Whether a provision of SI 2023/1348 may be cited for an arrangement of `process` and `kind`:
/// each process's own regulation and Schedules belong to it (a call-off by mini-competition
/// follows the Competitive Process, reg 18(7); one without competition has the Schedule 2
/// notice, reg 18(6)); regs 13 and 14 and their Schedules belong to modifications and urgent
/// arrangements.
fn belongs(kind_of: &str, number: &str, process: &str, kind: &str) -> bool {
    let n: u32 = number.parse().unwrap_or(0);
    let competitive = process == "competitive";
    match (kind_of, n) {
        ("reg", 7) => process == "direct-award-a",
        ("reg", 8) => process == "direct-award-b",
        ("reg", 9) | ("Sch", 3) | ("Sch", 4) => process == "direct-award-c",
        ("reg", 10) | ("Sch", 5..=7) => process == "most-suitable-provider",
        ("reg", 11) | ("Sch", 8..=11) => competitive,
        ("Sch", 2) => {
            matches!(process, "direct-award-a" | "direct-award-b")
                || (kind == "framework-call-off" && process == "none")
        }
        ("reg", 18) | ("Sch", 15) => kind == "framework-call-off",
        ("reg", 13) | ("Sch", 12) => kind == "modification" || kind == "urgent-modification",
        ("reg", 14) | ("Sch", 13) | ("Sch", 14) => {
            kind.starts_with("urgent-") || process == "urgent"
        }
        _ => true,
    }
}

/// The provision a finding of `code` must cite in this case, where the duty differs by case: the
/// first provision of the citation, as (kind, number and paragraphs).
fn expected(code: &str, f: &Facts, field: &str) -> Option<&'static str> {
    let process = f.process();
    let call_off_none = f.kind() == "framework-call-off" && process == "none";
    let by_process = |a, b, none, c, msp, comp| -> Option<&'static str> {
        Some(match process {
            "direct-award-a" => a,
            "direct-award-b" => b,
            "direct-award-c" => c,
            "most-suitable-provider" => msp,
            "competitive" => comp,
            _ if call_off_none => none,
            _ => return None,
        })
    };
    let notice = |t: &str| -> Option<&'static str> {
        Some(match t {
            "msp-intention" => "reg 10(2)",
            "contract-notice" => "reg 11(3)",
            "intention-to-award" => by_process("", "", "", "reg 9(3)", "reg 10(7)", "reg 11(9)")?,
            "contract-award" => by_process(
                "reg 7(1)(b)",
                "reg 8(1)(b)",
                "reg 18(5)",
                "reg 9(10)",
                "reg 10(14)",
                "reg 11(16)",
            )?,
            "modification" => "reg 13(4)",
            "urgent-award" | "urgent-modification" => "reg 14(4)",
            "abandonment" => "reg 15(4)",
            _ => return None,
        })
    };
    match code {
        // The duty to submit an award notice, its time limit and its content (regs 7-11, 18).
        "PSR050" => by_process(
            "reg 7(1)(b)",
            "reg 8(1)(b)",
            "reg 18(5)",
            "reg 9(10)",
            "reg 10(14)",
            "reg 11(16)",
        ),
        "PSR051" => by_process(
            "reg 7(2)(b)",
            "reg 8(2)(b)",
            "reg 18(6)",
            "reg 9(11)(b)",
            "reg 10(15)",
            "reg 11(17)",
        ),
        "PSR057" => by_process(
            "reg 7(2)(a)",
            "reg 8(2)(a)",
            "reg 18(6)",
            "reg 9(11)(a)",
            "reg 10(15)",
            "reg 11(17)",
        ),
        "PSR063" => Some("reg 11(17)"),
        // The intention to award, its content, and the notices that open a process.
        "PSR052" => by_process("", "", "", "reg 9(3)", "reg 10(7)", "reg 11(9)"),
        "PSR058" => by_process("", "", "", "reg 9(4)", "reg 10(8)", ""),
        "PSR061" => Some("reg 11(10)"),
        "PSR053" => Some("reg 10(2)"),
        "PSR054" => Some("reg 11(3)"),
        "PSR055" => Some("reg 10(5)"),
        "PSR056" => by_process("", "", "", "", "reg 10(2)", "reg 11(3)"),
        "PSR059" => Some("reg 10(3)"),
        "PSR060" => Some("reg 11(4)"),
        // Publication on the platform: the provision that requires that notice.
        "PSR064" | "PSR065" | "PSR143" | "PSR144" => notice(f.notice_type(field)?),
        // The contract is entered into after the standstill (steps 5, 7 and 9 of regs 9-11).
        "PSR066" | "PSR069" => by_process("", "", "", "reg 9(9)", "reg 10(13)", "reg 11(15)"),
        // Modifications: the ground relied on.
        "PSR073" => Some(match f.get("modification", "ground") {
            "external-factors" => "reg 13(1)(c)",
            "authority-decision" => "reg 13(1)(d)",
            _ => "reg 13(3)",
        }),
        // Records of the assessment: reg 24(e) for DA C and MSP, 24(f) for the Competitive Process.
        "PSR032" | "PSR033" => by_process("", "", "", "reg 24(e)", "reg 24(e)", "reg 24(f)"),
        // The record names the provider of a contract (reg 24(a)) or those of a framework (24(b)).
        "PSR029" if f.kind() == "framework" => Some("reg 24(b)"),
        "PSR029" => Some("reg 24(a)"),
        // Conflicts: an ICB member whose provider takes part in a Competitive Process is reg 21(4)'s
        // case; anyone else is reg 21(2)(b)'s.
        "PSR044"
            if f.get("authority", "type") == "icb"
                && process == "competitive"
                && f.get("[[conflicts]]", "icb_member") == "true"
                && f.get("[[conflicts]]", "provider_taking_part") == "true" =>
        {
            Some("reg 21(2)(b), 21(4)")
        }
        "PSR044" => Some("reg 21(2)(b)"),
        // Who holds the function: section 7A public health services, NHS England's own services
        // (s3B), otherwise delegation (s65Z5).
        "COM010" => Some(match f.get("services", "commissioning_function") {
            "vaccination" | "screening" | "child-health-information" | "public-health-s7a" => "s7A",
            "specialised" | "health-and-justice" => "s3B",
            _ => "s65Z5",
        }),
        _ => None,
    }
}

/// Every `CODE-fires*` test of the shipped packs, with its code, and every example.
fn files() -> Vec<(Option<String>, PathBuf)> {
    let mut out = Vec::new();
    for pack in ["psr2023", "commissioning"] {
        let dir = root().join("rules").join(pack).join("tests");
        let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("the pack's tests")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.to_string_lossy().ends_with(".arrangement.toml"))
            .collect();
        names.sort();
        for p in names {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Some((code, _)) = name.split_once("-fires") {
                out.push((Some(code.to_string()), p));
            }
        }
    }
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".arrangement.toml"))
        .collect();
    examples.sort();
    out.extend(examples.into_iter().map(|p| (None, p)));
    out
}

#[test]
fn every_finding_cites_the_provision_for_its_process_kind_and_notice() {
    let mut wrong = Vec::new();
    let mut checked_by_case = 0;
    for (code, path) in files() {
        let shown = path
            .strip_prefix(root())
            .unwrap_or(&path)
            .display()
            .to_string();
        let out = run(&["check", "--format", "json", &shown]);
        let doc: serde_json::Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("{shown}: not JSON ({e}): {}", out.stderr));
        let facts = Facts::read(&path);
        let findings = doc["findings"].as_array().cloned().unwrap_or_default();
        if let Some(code) = &code {
            assert!(
                findings.iter().any(|f| f["code"] == code.as_str()),
                "{shown}: the fires test of {code} has no {code} finding"
            );
        }
        for f in &findings {
            let Some(provision) = f["citation"]["provision"].as_str() else {
                continue;
            };
            let this = f["code"].as_str().unwrap_or_default();
            for (kind_of, number) in provisions(provision) {
                if !belongs(kind_of, &number, facts.process(), facts.kind()) {
                    wrong.push(format!(
                        "{shown}: {this} cites {provision}, which is not the law for an arrangement of kind {} with process {}",
                        facts.kind(),
                        facts.process()
                    ));
                }
            }
            let field = f["field"].as_str().unwrap_or_default();
            if let Some(want) = expected(this, &facts, field).filter(|w| !w.is_empty()) {
                checked_by_case += 1;
                if !provision.starts_with(want) {
                    wrong.push(format!(
                        "{shown}: {this} cites {provision}; for this case ({} {}, field {field}) it must cite {want}",
                        facts.kind(),
                        facts.process()
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        checked_by_case >= 40,
        "only {checked_by_case} findings were checked against their case"
    );
}

#[test]
fn the_statute_table_reads_citations_as_the_rules_write_them() {
    assert_eq!(
        provisions("reg 24(e), 9(2), 19(3), Sch 16"),
        vec![
            ("reg", "24".to_string()),
            ("reg", "9".to_string()),
            ("reg", "19".to_string()),
            ("Sch", "16".to_string())
        ]
    );
    assert!(!belongs("reg", "7", "direct-award-c", "award"));
    assert!(belongs("Sch", "2", "none", "framework-call-off"));
    assert!(!belongs("Sch", "2", "direct-award-c", "award"));
}
