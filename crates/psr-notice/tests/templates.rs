//! The shipped notice templates: each Schedule's items in its order and number, every name they use
//! known to the packs; and a broken template refused with its code before anything is drafted.

use psr_lang::{compile, DirPack, PackReader, Program};
use psr_notice::{NoticeError, NoticeSet, TemplateFile};
use std::path::PathBuf;
use std::sync::OnceLock;

fn rules() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../rules")
}

fn program() -> &'static Program {
    static PROGRAM: OnceLock<Program> = OnceLock::new();
    PROGRAM.get_or_init(compile_shipped)
}

fn compile_shipped() -> Program {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(rules())
        .expect("rules/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("pack.psrl").is_file())
        .collect();
    dirs.sort();
    let packs: Vec<DirPack> = dirs.into_iter().map(DirPack::new).collect();
    let readers: Vec<&dyn PackReader> = packs.iter().map(|p| p as &dyn PackReader).collect();
    compile(&readers)
        .expect("the shipped packs compile")
        .program
}

fn shipped() -> Vec<TemplateFile> {
    let dir = rules().join("psr2023/notices");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("rules/psr2023/notices")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| TemplateFile {
            pack: "psr2023".into(),
            path: format!(
                "notices/{}",
                p.file_name().expect("a file").to_string_lossy()
            ),
            text: std::fs::read_to_string(&p).expect("readable"),
        })
        .collect()
}

#[test]
fn every_schedule_has_its_items_in_order() {
    let set = NoticeSet::load(&shipped(), program()).expect("the shipped templates are valid");
    // The number of paragraphs of each Schedule of SI 2023/1348 (domain/psr-text.md, psr.md).
    let expected = [
        (2, 9),
        (3, 9),
        (4, 9),
        (5, 4),
        (6, 9),
        (7, 9),
        (8, 8),
        (10, 11),
        (11, 10),
        (12, 9),
        (13, 11),
        (14, 9),
    ];
    for (schedule, count) in expected {
        let t = set
            .templates
            .iter()
            .find(|t| t.schedule == Some(schedule))
            .unwrap_or_else(|| panic!("no template for Schedule {schedule}"));
        let paragraphs: Vec<String> = t.items.iter().filter_map(|i| i.paragraph.clone()).collect();
        let want: Vec<String> = (1..=count).map(|n| n.to_string()).collect();
        assert_eq!(paragraphs, want, "Schedule {schedule} ({})", t.path);
        assert!(
            t.cite.url.ends_with(&format!("/schedule/{schedule}")),
            "Schedule {schedule} cites {}",
            t.cite.url
        );
    }
    let abandonment = set
        .templates
        .iter()
        .find(|t| t.notice == "abandonment")
        .expect("an abandonment template");
    assert_eq!(
        abandonment.schedule, None,
        "reg 15(4) prescribes no Schedule"
    );
}

fn with_template(text: &str) -> Result<NoticeSet, NoticeError> {
    let mut files = shipped();
    files.push(TemplateFile {
        pack: "psr2023".into(),
        path: "notices/broken.toml".into(),
        text: text.into(),
    });
    NoticeSet::load(&files, program())
}

const GOOD: &str = r#"
schedule = 2
notice = "contract-award"
title = "t"
in_force = "2024-01-01"
when = ["ntc_sch2_process"]
step = 3
cite = { instrument = "SI 2023/1348", provision = "Sch 2", url = "https://www.legislation.gov.uk/uksi/2023/1348/schedule/2" }
[[items]]
paragraph = "1"
item = "process-statement"
heading = "h"
needs = [{ path = "proposed_contract.provider", finding = "PSR029" }]
text = "x"
"#;

fn code(e: &NoticeError) -> String {
    miette::Diagnostic::code(e)
        .map(|c| c.to_string())
        .unwrap_or_default()
}

#[test]
fn a_valid_extra_template_loads() {
    let set = with_template(GOOD).expect("valid");
    assert!(set
        .templates
        .iter()
        .any(|t| t.path.ends_with("broken.toml")));
}

#[test]
fn bad_templates_are_refused_with_a_code() {
    let cases = [
        (
            GOOD.replace("step = 3", "step = three"),
            "NTC001",
            "invalid",
        ),
        (
            GOOD.replace("title = \"t\"", "title = \"t\"\ncolour = 1"),
            "NTC001",
            "colour",
        ),
        (
            GOOD.replace("ntc_sch2_process", "ntc_no_such_def"),
            "NTC002",
            "ntc_no_such_def",
        ),
        (
            GOOD.replace("\"contract-award\"", "\"award-notice\""),
            "NTC002",
            "award-notice",
        ),
        (GOOD.replace("PSR029", "PSR999"), "NTC002", "PSR999"),
        (
            GOOD.replace("2024-01-01", "1 January 2024"),
            "NTC002",
            "not a date",
        ),
        (
            GOOD.replace("paragraph = \"1\"\n", ""),
            "NTC002",
            "paragraph",
        ),
        (
            GOOD.replace(
                "[[items]]",
                "[[values]]\nname = \"v\"\nplus = \"ntc_award_notice_days\"\n[[items]]",
            ),
            "NTC002",
            "value `v`",
        ),
    ];
    for (text, want, mention) in cases {
        let e = with_template(&text).expect_err("refused");
        assert_eq!(code(&e), want, "{e}");
        assert!(
            e.to_string().contains(mention),
            "{e} does not mention {mention}"
        );
        assert!(
            e.to_string().contains("broken.toml"),
            "{e} does not name the file"
        );
    }
}

#[test]
fn a_syntax_error_points_into_the_template() {
    let e = with_template("schedule = \nnotice = 1").expect_err("refused");
    let NoticeError::Syntax(syntax) = &e else {
        panic!("not a syntax error: {e}");
    };
    assert!(syntax.span.is_some(), "no span for {e}");
}
