//! `psrlint notice`: the drafts of every example (snapshots, reviewed), the promise that an example
//! passing the check drafts the notices it records without a gap, and the promise that a draft's
//! dates are the checker's: a notice stating the draft's date gets no finding, and one day off the
//! checker reports it.

mod cli_util {
    pub use psr_testing::bin::*;
    pub use psr_testing::root;
}

use cli_util::{root, run, Run};
use std::path::{Path, PathBuf};

fn psrlint(args: &[&str]) -> Run {
    run(args)
}

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".arrangement."))
        .collect();
    files.sort();
    files
}

fn shown(path: &Path) -> String {
    format!(
        "examples/{}",
        path.file_name().expect("a file").to_string_lossy()
    )
}

/// The JSON draft of `file` (the notice of `notice_type`, or the next one).
fn draft(file: &str, notice_type: Option<&str>) -> (Run, Option<serde_json::Value>) {
    let mut args = vec!["notice", file, "--format", "json"];
    if let Some(t) = notice_type {
        args.extend(["--type", t]);
    }
    let run = psrlint(&args);
    let json = serde_json::from_str(&run.stdout).ok();
    (run, json)
}

fn process_notices(json: &serde_json::Value) -> Vec<String> {
    json["process_notices"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn drafts_of_every_example() {
    for path in examples() {
        let file = shown(&path);
        let (first, json) = draft(&file, None);
        let mut text = String::new();
        match json {
            None => text.push_str(&first.transcript()),
            Some(json) => {
                for t in process_notices(&json) {
                    let run = psrlint(&["notice", &file, "--type", &t, "--format", "markdown"]);
                    text.push_str(&format!("===== --type {t}\n{}\n", run.transcript()));
                }
            }
        }
        let name = path
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .replace('.', "_");
        insta::assert_snapshot!(format!("notice_{name}"), text);
    }
}

/// The `notices[].type` values a record lists (read from its text: `type = "…"`, `"type": "…"`,
/// `type: …`), among those `notice` drafts.
fn recorded_notices(path: &Path) -> Vec<String> {
    const TYPES: [&str; 8] = [
        "msp-intention",
        "contract-notice",
        "intention-to-award",
        "contract-award",
        "urgent-award",
        "modification",
        "urgent-modification",
        "abandonment",
    ];
    let text = std::fs::read_to_string(path).expect("readable");
    let mut out = Vec::new();
    for line in text.lines() {
        let l = line.trim().trim_start_matches("- ");
        let value = ["type = ", "\"type\": ", "type: "]
            .iter()
            .find_map(|k| l.strip_prefix(k))
            .map(|v| v.trim().trim_end_matches(',').trim_matches('"'));
        if let Some(v) = value {
            if TYPES.contains(&v) && !out.iter().any(|o| o == v) {
                out.push(v.to_string());
            }
        }
    }
    out
}

/// Every example that passes the check drafts, with no gap of any kind (a fact the record lacks,
/// or text the format has no field for), each notice its process calls for so far: the notices
/// it records, and the one `notice` drafts next.
#[test]
fn every_example_that_passes_drafts_its_notices_without_a_gap() {
    let mut checked = 0;
    for path in examples() {
        let file = shown(&path);
        if psrlint(&["check", &file]).code != 0 {
            continue;
        }
        let (_, json) = draft(&file, None);
        let Some(json) = json else { continue };
        let called_for = process_notices(&json);
        let mut notices: Vec<String> = recorded_notices(&path)
            .into_iter()
            .filter(|t| called_for.contains(t))
            .collect();
        if let Some(next) = json["notice"].as_str() {
            if !notices.iter().any(|t| t == next) {
                notices.push(next.to_string());
            }
        }
        for t in notices {
            let (run, json) = draft(&file, Some(&t));
            let json = json.unwrap_or_else(|| panic!("{file} --type {t}: {}", run.transcript()));
            let gaps: Vec<&serde_json::Value> = json["items"]
                .as_array()
                .expect("items")
                .iter()
                .flat_map(|i| i["gaps"].as_array().into_iter().flatten())
                .collect();
            assert!(
                gaps.is_empty() && json["complete"] == true,
                "{file}: the {t} draft has gaps: {gaps:?}\n{}",
                run.stdout
            );
            assert_eq!(run.code, 0, "{file} --type {t}: {}", run.transcript());
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} drafts were checked");
}

/// The date a draft states for `item`.
fn stated(file: &str, notice_type: &str, item: &str) -> Option<chrono::NaiveDate> {
    let (_, json) = draft(file, Some(notice_type));
    let json = json?;
    json["items"]
        .as_array()?
        .iter()
        .find(|i| i["item"] == item)?["date"]
        .as_str()?
        .parse()
        .ok()
}

/// `text` (a TOML arrangement) with `edit` applied to the `[[notices]]` block of type `t`: the
/// block's lines, to change.
fn edit_notice(text: &str, t: &str, edit: &dyn Fn(&mut Vec<String>)) -> Option<String> {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let start = lines.iter().enumerate().position(|(i, l)| {
        l.trim() == "[[notices]]"
            && lines[i + 1..]
                .iter()
                .take_while(|x| !x.trim_start().starts_with('['))
                .any(|x| x.trim() == format!("type = \"{t}\""))
    })?;
    let end = lines[start + 1..]
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .map_or(lines.len(), |p| start + 1 + p);
    let mut block = lines[start..end].to_vec();
    edit(&mut block);
    let mut out = lines[..start].to_vec();
    out.extend(block);
    out.extend(lines[end..].iter().cloned());
    Some(out.join("\n") + "\n")
}

/// The codes `psrlint check` reports on `text` (a TOML arrangement).
fn codes_for(text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("edited.arrangement.toml");
    std::fs::write(&path, text).expect("writable");
    let run = psrlint(&["check", "--format", "json", &path.to_string_lossy()]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("the JSON report");
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str().map(str::to_string))
        .collect()
}

fn set_line(block: &mut Vec<String>, key: &str, value: &str) {
    block.retain(|l| !l.trim_start().starts_with(&format!("{key} =")));
    block.insert(1, format!("{key} = {value}"));
}

#[test]
fn the_last_day_for_representations_is_the_checkers() {
    let mut compared = 0;
    for path in examples()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let file = shown(&path);
        let Some(day) = stated(&file, "intention-to-award", "representations-by") else {
            continue;
        };
        let text = std::fs::read_to_string(&path).expect("readable");
        if text.matches("type = \"intention-to-award\"").count() != 1 {
            continue;
        }
        let with = |d: chrono::NaiveDate| {
            edit_notice(&text, "intention-to-award", &|b| {
                set_line(b, "representations_by", &d.to_string());
                set_line(b, "standstill_ends", &d.to_string());
                b.retain(|l| !l.trim_start().starts_with("representations_by_text"));
                b.retain(|l| !l.trim_start().starts_with("standstill_ends_text"));
            })
            .expect("the intention notice")
        };
        let exact = codes_for(&with(day));
        assert!(
            !exact
                .iter()
                .any(|c| ["PSR120", "PSR121", "PSR122", "PSR123"].contains(&c.as_str())),
            "{file}: the draft's last day {day} is not the checker's: {exact:?}"
        );
        let early = codes_for(&with(day - chrono::Duration::days(1)));
        assert!(
            early.iter().any(|c| c == "PSR120") && early.iter().any(|c| c == "PSR121"),
            "{file}: a day before the draft's {day} is not reported as too early: {early:?}"
        );
        let late = codes_for(&with(day + chrono::Duration::days(1)));
        assert!(
            late.iter().any(|c| c == "PSR122"),
            "{file}: a day after the draft's {day} is not reported as later: {late:?}"
        );
        compared += 1;
    }
    assert!(
        compared >= 8,
        "only {compared} intention notices were compared"
    );
}

#[test]
fn the_last_day_to_submit_an_award_modification_or_abandonment_notice_is_the_checkers() {
    let mut compared = 0;
    let mut types = std::collections::BTreeSet::new();
    for path in examples()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let file = shown(&path);
        for (t, codes) in [
            ("contract-award", &["PSR051"][..]),
            ("urgent-award", &["PSR087"]),
            ("modification", &["PSR078", "PSR146"]),
            ("urgent-modification", &["PSR088", "PSR147"]),
            ("abandonment", &["PSR095"]),
        ] {
            let Some(day) = stated(&file, t, "submit-by") else {
                continue;
            };
            // A notice the draft says the record does not show to be required (a modification
            // not attributable to the authority, reg 13(4)) has no deadline the checker enforces.
            let (_, json) = draft(&file, Some(t));
            if json.is_some_and(|j| {
                j["intro"]
                    .as_str()
                    .is_some_and(|i| i.contains("does not show that"))
            }) {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable");
            if text.matches(&format!("type = \"{t}\"")).count() != 1 {
                continue;
            }
            let with = |d: chrono::NaiveDate| {
                edit_notice(&text, t, &|b| {
                    set_line(b, "published", &d.to_string());
                    b.retain(|l| !l.trim_start().starts_with("submitted ="));
                })
                .expect("the notice")
            };
            let exact = codes_for(&with(day));
            assert!(
                !exact.iter().any(|c| codes.contains(&c.as_str())),
                "{file}: {codes:?} fire for a {t} notice on the draft's last day {day}: {exact:?}"
            );
            let late = codes_for(&with(day + chrono::Duration::days(1)));
            assert!(
                late.iter().any(|c| codes.contains(&c.as_str())),
                "{file}: none of {codes:?} fires a day after the draft's last day {day}: {late:?}"
            );
            types.insert(t);
            compared += 1;
        }
    }
    assert!(
        compared >= 10,
        "only {compared} award notices were compared"
    );
    for t in [
        "contract-award",
        "urgent-award",
        "modification",
        "abandonment",
    ] {
        assert!(types.contains(t), "no {t} notice was compared: {types:?}");
    }
}

#[test]
fn a_notice_the_record_does_not_call_for_is_refused() {
    let run = psrlint(&[
        "notice",
        "examples/da-c-coventry-warwickshire-msk.arrangement.toml",
        "--type",
        "msp-intention",
    ]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("NTC003"), "{}", run.stderr);
    assert!(
        run.stderr.contains("intention-to-award, contract-award"),
        "the help lists the notices the record calls for: {}",
        run.stderr
    );
}

#[test]
fn an_agreement_calls_for_no_notice() {
    let run = psrlint(&[
        "notice",
        "examples/partnership-better-care-fund-cheshire-east.arrangement.toml",
    ]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("NTC003"), "{}", run.stderr);
}

#[test]
fn a_file_that_is_not_an_arrangement_gets_its_findings_and_exit_1() {
    let dir = cli_util::temp_tree(&[("bad.arrangement.toml", "format = 1\n[arrangement\n")]);
    let path = dir.path().join("bad.arrangement.toml");
    let run = psrlint(&["notice", &path.to_string_lossy()]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stderr.contains("ARR003"), "{}", run.stderr);
    assert!(run.stderr.contains("NTC004"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing is drafted: {}", run.stdout);
}

#[test]
fn a_missing_file_is_exit_2() {
    let run = psrlint(&["notice", "examples/no-such.arrangement.toml"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("CFG001"), "{}", run.stderr);
}

#[test]
fn the_json_form_names_each_item_by_its_schedule_paragraph_and_output_goes_to_a_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("draft.json");
    let run = psrlint(&[
        "notice",
        "examples/urgent-award-hampshire-gp-practice-caretaker.arrangement.toml",
        "--format",
        "json",
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.is_empty());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
    assert_eq!(json["notice"], "urgent-award");
    assert_eq!(json["schedule"], 13);
    assert_eq!(json["complete"], true);
    let items = json["items"].as_array().expect("items");
    let para7 = items
        .iter()
        .find(|i| i["paragraph"] == "7")
        .expect("Schedule 13 paragraph 7");
    assert_eq!(para7["schedule"], 13);
    assert_eq!(para7["item"], "contract-dates-reasons");
    let value = items
        .iter()
        .find(|i| i["item"] == "lifetime-value")
        .expect("lifetime value");
    assert!(
        value["text"].as_str().is_some_and(|t| t.starts_with('£')),
        "{value}"
    );
}

/// Schedule 13 para 7: an urgent award longer than 12 months gives the reasons for its dates,
/// drafted from `proposed_contract.term_reasons`; without them the item is a gap that PSR172
/// reports.
#[test]
fn an_urgent_award_over_12_months_drafts_the_reasons_for_its_dates() {
    let text = std::fs::read_to_string(
        root().join("examples/urgent-award-hampshire-gp-practice-caretaker.arrangement.toml"),
    )
    .expect("readable");
    let (head, tail) = text
        .split_once("[proposed_contract]\n")
        .expect("the proposed contract");
    let longer = format!(
        "{head}[proposed_contract]\n{}",
        tail.replacen("end = 2026-03-31", "end = 2027-03-31", 1)
    );
    let reasons = "The caretaker runs until the new practice contract starts on 1 April 2027";
    let with_reasons = longer.replacen(
        "end = 2027-03-31\n",
        &format!("end = 2027-03-31\nterm_reasons = \"{reasons}\"\n"),
        1,
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    let para7 = |name: &str, body: &str| -> serde_json::Value {
        let path = dir.path().join(name);
        std::fs::write(&path, body).expect("writable");
        let (run, json) = draft(&path.to_string_lossy(), Some("urgent-award"));
        let json = json.unwrap_or_else(|| panic!("{}", run.transcript()));
        json["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["paragraph"] == "7")
            .cloned()
            .expect("Schedule 13 paragraph 7")
    };
    let without = para7("without.arrangement.toml", &longer);
    assert!(without["text"].is_null(), "{without}");
    assert_eq!(
        without["gaps"][0]["field"],
        "proposed_contract.term_reasons"
    );
    assert_eq!(without["gaps"][0]["finding"], "PSR172");
    assert_eq!(without["gaps"][0]["reported"], true, "{without}");
    let with = para7("with.arrangement.toml", &with_reasons);
    assert_eq!(with["text"], format!("{reasons}."), "{with}");
    assert_eq!(with["gaps"], serde_json::json!([]), "{with}");
}

#[test]
fn notice_has_a_man_page_and_completions() {
    let page = psrlint(&["man", "notice"]);
    assert_eq!(page.code, 0, "{}", page.transcript());
    for option in [
        "\\-\\-type",
        "\\-\\-format",
        "\\-\\-output",
        "contract\\-notice",
    ] {
        assert!(
            page.stdout.contains(option),
            "psrlint-notice(1) lacks {option}"
        );
    }
    assert!(psrlint(&["man"]).stdout.contains("psrlint\\-notice"));
    for shell in ["bash", "zsh", "fish"] {
        let script = psrlint(&["completions", shell]);
        assert_eq!(script.code, 0, "{}", script.transcript());
        assert!(
            script.stdout.contains("urgent-modification") && script.stdout.contains("notice"),
            "{shell} completes `notice` and its --type values"
        );
    }
}
