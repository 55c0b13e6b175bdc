//! Rules that read other files of the run (`files_with_reference`): the answer depends on the
//! files checked together, never on their order, and a file checked alone sees only itself.

use psr_engine::{CheckOptions, Engine, SourceFile};
use psr_lang::{compile, MemoryPack};
use std::sync::Arc;

const RULES: &str = r##"
record Info { reference: text  decision_date: date  relies_on: text? }
record File { format: integer  arrangement: Info  start: date? }
root File
def relied_on = files_with_reference(arrangement.relies_on)
rule DEMO001 relied-on-file-checked {
  severity: info
  cite: "NHS Act 2006" "s65Z5(1)" "https://www.legislation.gov.uk/ukpga/2006/41/section/65Z5"
  in_force: 2022-07-01 ..
  summary: "The file relied on is checked too"
  when: arrangement.relies_on is present
  require: len(relied_on) == 1
  at: arrangement.relies_on
  message: "{len(relied_on)} files"
  help: "h"
  doc: "d"
  compliant: "c"
  non_compliant: "n"
}
rule DEMO002 relied-on-file-started {
  severity: error
  cite: "NHS Act 2006" "s65Z5(1)" "https://www.legislation.gov.uk/ukpga/2006/41/section/65Z5"
  in_force: 2022-07-01 ..
  summary: "The file relied on has started"
  when: len(relied_on) == 1
  require: all f in relied_on where (f.start ?? arrangement.decision_date) <= arrangement.decision_date
  at: arrangement.decision_date
  message: "not started"
  help: "h"
  doc: "d"
  compliant: "c"
  non_compliant: "n"
}
"##;

fn engine() -> Engine {
    let pack = MemoryPack::new(
        "demo",
        vec![
            (
                "pack.psrl".into(),
                br#"pack demo { version: "1.0.0" }"#.as_slice(),
            ),
            ("rules.psrl".into(), RULES.as_bytes()),
        ],
    );
    Engine::new(Arc::new(compile(&[&pack]).expect("valid pack").program))
}

fn file(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn codes(engine: &Engine, files: &[SourceFile]) -> Vec<(String, Vec<String>)> {
    let options = CheckOptions::new(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"));
    let mut out: Vec<(String, Vec<String>)> = engine
        .check_run(files, &options)
        .into_iter()
        .map(|r| {
            let c = r
                .findings
                .iter()
                .map(|f| format!("{} {}", f.code, f.message))
                .collect();
            (r.path, c)
        })
        .collect();
    out.sort();
    out
}

const AWARD: &str =
    "format = 1\n[arrangement]\nreference = \"A\"\ndecision_date = 2024-06-01\nrelies_on = \"G\"\n";
const AGREEMENT: &str =
    "format = 1\nstart = 2024-09-01\n[arrangement]\nreference = \"G\"\ndecision_date = 2024-01-01\n";

#[test]
fn an_award_is_checked_against_the_file_it_names_in_any_order() {
    let e = engine();
    let a = file("a.toml", AWARD);
    let g = file("g.toml", AGREEMENT);
    let together = codes(&e, &[a.clone(), g.clone()]);
    assert_eq!(
        together,
        vec![
            (
                "a.toml".to_string(),
                vec!["DEMO002 not started".to_string()]
            ),
            ("g.toml".to_string(), vec![]),
        ]
    );
    assert_eq!(codes(&e, &[g.clone(), a.clone()]), together);
    // Alone, the award sees no such file.
    assert_eq!(
        codes(&e, std::slice::from_ref(&a)),
        vec![("a.toml".to_string(), vec!["DEMO001 0 files".to_string()])]
    );
    // Two files with the reference: both are given, in path order.
    let g2 = file("h.toml", AGREEMENT);
    assert_eq!(
        codes(&e, &[g2, a, g])[0],
        ("a.toml".to_string(), vec!["DEMO001 2 files".to_string()])
    );
}

#[test]
fn an_invalid_file_is_not_given() {
    let e = engine();
    let a = file("a.toml", AWARD);
    let broken = file("g.toml", "format = 1\n[arrangement]\nreference = \"G\"\n");
    assert_eq!(
        codes(&e, &[a, broken])[0],
        ("a.toml".to_string(), vec!["DEMO001 0 files".to_string()])
    );
}
