//! `psrlint check`: options and exit statuses (0 nothing at or above the fail level, 1 findings
//! that fail, 2 psrlint could not do its job).

use psr_testing::bin::{fixture, normalise, run, run_in, run_stdin, temp_tree, MINI, MINI_FILES};

const CLEAN: &str = "tests/fixtures/mini/a-clean.arrangement.toml";
const WRONG: &str = "tests/fixtures/mini/b-wrong.arrangement.toml";
const INFO: &str = "tests/fixtures/mini/c-competitive.arrangement.yaml";
const WAIVED: &str = "tests/fixtures/mini/e-waived.arrangement.toml";
const PSR012: &str = "tests/fixtures/psr/da-c-where-da-b-required.arrangement.toml";

#[test]
fn clean_file_passes() {
    let r = run(&["check", CLEAN, "--rules", MINI]);
    r.expect_code(0);
    insta::assert_snapshot!(r.transcript(), @r"
    exit: 0
    ----- stdout -----
    All checks passed: 1 file.
    ----- stderr -----
    ");
}

#[test]
fn quiet_prints_nothing_when_all_pass() {
    let r = run(&["check", CLEAN, "--rules", MINI, "--quiet"]);
    r.expect_code(0);
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr, "");
    // `-q` is the short form.
    assert_eq!(
        run(&["check", CLEAN, "--rules", MINI, "-q"])
            .expect_code(0)
            .stdout,
        ""
    );
}

#[test]
fn quiet_still_prints_findings() {
    let r = run(&[
        "check", WRONG, "--rules", MINI, "--quiet", "--select", "MINI001",
    ]);
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn statistics_count_unwaived_findings_per_code() {
    let r = run(&[
        "check",
        MINI_FILES,
        "--rules",
        MINI,
        "--format",
        "concise",
        "--statistics",
        "--select",
        "ARR,WVR,MINI001",
    ]);
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn statistics_go_to_stderr_after_a_machine_readable_report() {
    for format in ["json", "sarif"] {
        let r = run(&[
            "check",
            MINI_FILES,
            "--rules",
            MINI,
            "--format",
            format,
            "--statistics",
        ]);
        r.expect_code(1);
        let _ = r.json();
        assert!(r.stderr.contains("MINI001"), "{format}: {}", r.stderr);
    }
    let r = run(&[
        "check",
        MINI_FILES,
        "--rules",
        MINI,
        "--format",
        "junit",
        "--statistics",
    ]);
    assert!(r.stdout.trim_end().ends_with("</testsuites>"));
    assert!(r.stderr.contains("ARR006"));
}

#[test]
fn explain_shows_why_each_finding_fired() {
    let r = run(&[
        "check",
        WRONG,
        "--rules",
        MINI,
        "--explain",
        "--select",
        "MINI001",
    ]);
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn select_and_ignore_take_codes_and_prefixes() {
    let args = |extra: &[&'static str]| {
        let mut a = vec!["check", MINI_FILES, "--rules", MINI, "--format", "concise"];
        a.extend_from_slice(extra);
        a
    };
    let r = run(&args(&["--select", "mini", "--ignore", "MINI002,mini003"]));
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
    // Repeated options add up; a code ignored wins over a code selected.
    let r = run(&args(&[
        "--select", "ARR006", "--select", "ARR008", "--ignore", "ARR008",
    ]));
    r.expect_code(1);
    assert_eq!(r.stdout, "tests/fixtures/mini/g-no-format.arrangement.toml:1:1: ARR006 error: the file does not say which arrangement format it uses\n");
    // A code that matches nothing is not a way to select nothing: it is a typo (exit 2).
    run(&args(&["--select", "NOPE"])).expect_code(2);
}

#[test]
fn fail_on_sets_the_lowest_severity_that_fails() {
    // MINI003 is an info: it never fails by default.
    run(&["check", INFO, "--rules", MINI]).expect_code(0);
    run(&["check", INFO, "--rules", MINI, "--fail-on", "warning"]).expect_code(0);
    run(&["check", INFO, "--rules", MINI, "--fail-on", "info"]).expect_code(1);
    // MINI002 is a warning.
    let warning = [
        "check", WRONG, "--rules", MINI, "--select", "MINI002", "--format", "concise",
    ];
    run(&warning).expect_code(0);
    let r = run(&[&warning[..], &["--fail-on", "warning"]].concat());
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
    run(&[&warning[..], &["--fail-on", "error"]].concat()).expect_code(0);
}

#[test]
fn a_waived_finding_does_not_fail_the_run() {
    let r = run(&[
        "check", WAIVED, "--rules", MINI, "--select", "MINI001", "--format", "concise",
    ]);
    r.expect_code(0);
    insta::assert_snapshot!(r.transcript());
    // Its waiver is shown by the human format.
    let human = run(&["check", WAIVED, "--rules", MINI, "--select", "MINI001"]);
    assert!(
        human
            .stdout
            .contains("waived by ICB Board, 2025-04-30 until 2027-01-01"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("All checks passed: 1 file (1 finding waived)."),
        "{}",
        human.stdout
    );
}

#[test]
fn an_expired_waiver_reports_the_finding_again() {
    // WVR001 (a warning) fails the run only at `--fail-on warning`; MINI003 comes back.
    let r = run(&[
        "check",
        WAIVED,
        "--rules",
        MINI,
        "--select",
        "MINI003,WVR001",
        "--format",
        "concise",
        "--fail-on",
        "warning",
    ]);
    r.expect_code(1);
    assert!(r.stdout.contains("MINI003 info"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("WVR001 warning: the waiver for `MINI003` expired on 2025-12-31"),
        "{}",
        r.stdout
    );
    // Before the expiry date, it is still in force.
    let before = psr_testing::bin::command_in(&psr_testing::bin::root())
        .args([
            "check",
            WAIVED,
            "--rules",
            MINI,
            "--select",
            "MINI003,WVR001",
            "--format",
            "concise",
        ])
        .env("PSRLINT_TODAY", "2025-06-01")
        .output()
        .expect("psrlint runs");
    assert_eq!(before.status.code(), Some(0));
    let out = String::from_utf8_lossy(&before.stdout);
    assert!(
        out.contains("MINI003 info") && out.ends_with("(waived)\n") && !out.contains("WVR001"),
        "{out}"
    );
}

#[test]
fn as_of_applies_the_law_of_another_date() {
    // MINI003 is in force from 2025-01-01: the law of 2024-06-01 does not have it.
    let r = run(&[
        "check",
        INFO,
        "--rules",
        MINI,
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
    ]);
    let d = r.expect_code(0).json();
    assert_eq!(d["findings"], serde_json::json!([]));
    assert_eq!(d["files"][0]["decision_date"], "2025-06-10");
    assert_eq!(d["files"][0]["law_as_of"], "2024-06-01");
    let r = run(&[
        "check",
        INFO,
        "--rules",
        MINI,
        "--as-of",
        "2025-01-01",
        "--format",
        "concise",
        "--fail-on",
        "info",
    ]);
    r.expect_code(1);
    assert!(r.stdout.contains("MINI003"));
}

#[test]
fn as_of_must_be_a_date() {
    let r = run(&["check", INFO, "--rules", MINI, "--as-of", "2025-02-30"]);
    r.expect_code(2);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn stdin_is_read_for_dash_and_named_by_stdin_filename() {
    let text = fixture(INFO);
    let r = run_stdin(
        &[
            "check",
            "-",
            "--stdin-filename",
            "wheelchairs.arrangement.yaml",
            "--rules",
            MINI,
            "--format",
            "concise",
        ],
        &text,
    );
    r.expect_code(0);
    insta::assert_snapshot!(r.transcript());
    // Its extension picks the syntax: YAML read as TOML is a syntax error.
    let r = run_stdin(
        &[
            "check",
            "-",
            "--stdin-filename",
            "wheelchairs.arrangement.toml",
            "--rules",
            MINI,
            "--format",
            "concise",
        ],
        &text,
    );
    r.expect_code(1);
    assert!(
        r.stdout.starts_with("wheelchairs.arrangement.toml:"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("ARR003"), "{}", r.stdout);
}

#[test]
fn stdin_without_a_name_is_shown_as_dash() {
    let r = run_stdin(
        &["check", "-", "--rules", MINI, "--format", "concise"],
        &fixture(WRONG),
    );
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn stdin_and_files_together() {
    let r = run_stdin(
        &[
            "check",
            CLEAN,
            "-",
            "--stdin-filename",
            "z.arrangement.toml",
            "--rules",
            MINI,
            "--format",
            "json",
        ],
        &fixture(WRONG),
    );
    let d = r.expect_code(1).json();
    let paths: Vec<&str> = d["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "tests/fixtures/mini/a-clean.arrangement.toml",
            "z.arrangement.toml"
        ]
    );
}

#[test]
fn max_file_size_turns_a_large_file_into_a_finding() {
    let r = run(&[
        "check",
        CLEAN,
        "--rules",
        MINI,
        "--max-file-size",
        "10",
        "--format",
        "concise",
    ]);
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn a_file_that_is_not_utf8_is_a_finding() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("latin1.arrangement.toml"),
        b"format = 1\ntitle = \"caf\xe9\"\n",
    )
    .expect("write");
    let r = run_in(
        dir.path(),
        &[
            "check",
            "--rules",
            &psr_testing::bin::fixture_path(MINI),
            "--format",
            "concise",
        ],
        None,
    );
    r.expect_code(1);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn without_paths_the_working_directory_is_checked_honouring_gitignore() {
    let dir = temp_tree(&[
        ("a/one.arrangement.toml", &fixture(WRONG)),
        ("b/two.arrangement.toml", &fixture(CLEAN)),
        ("ignored/three.arrangement.toml", &fixture(WRONG)),
        ("notes.toml", "not = \"an arrangement\"\n"),
        (".gitignore", "ignored/\n"),
    ]);
    let r = run_in(
        dir.path(),
        &[
            "check",
            "--rules",
            &psr_testing::bin::fixture_path(MINI),
            "--format",
            "concise",
            "--select",
            "MINI001",
        ],
        None,
    );
    r.expect_code(1);
    insta::assert_snapshot!(normalise(&r.transcript(), Some(dir.path())));
}

#[test]
fn an_empty_directory_passes_only_with_allow_empty() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mini = psr_testing::bin::fixture_path(MINI);
    let r = run_in(dir.path(), &["check", ".", "--rules", &mini], None);
    r.expect_code(2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains("no arrangement files found under `.`"),
        "{}",
        r.stderr
    );
    let r = run_in(
        dir.path(),
        &["check", ".", "--rules", &mini, "--allow-empty"],
        None,
    );
    r.expect_code(0);
    assert_eq!(r.stdout, "All checks passed: 0 files.\n");
}

// ---------------------------------------------------------------------------- the shipped packs

#[test]
fn shipped_packs_report_psr012() {
    let r = run(&["check", PSR012, "--select", "PSR012", "--format", "concise"]);
    r.expect_code(1);
    insta::assert_snapshot!(r.stdout_transcript());
}

#[test]
fn shipped_packs_human_report_of_psr012() {
    let r = run(&["check", PSR012, "--select", "PSR012"]);
    r.expect_code(1);
    insta::assert_snapshot!(r.stdout_transcript());
}

#[test]
fn shipped_packs_accept_a_waiver_of_psr012() {
    let r = run(&[
        "check",
        "tests/fixtures/psr/waived-psr012.arrangement.toml",
        "--select",
        "PSR012,WVR",
        "--format",
        "concise",
    ]);
    r.expect_code(0);
    insta::assert_snapshot!(r.stdout_transcript());
}

#[test]
fn shipped_packs_before_the_psr_was_in_force() {
    // PSR012 is in force from 2024-01-01.
    let r = run(&[
        "check",
        PSR012,
        "--select",
        "PSR012",
        "--as-of",
        "2023-12-31",
        "--format",
        "concise",
    ]);
    r.expect_code(0);
    assert_eq!(r.stdout, "");
    run(&[
        "check",
        PSR012,
        "--select",
        "PSR012",
        "--as-of",
        "2024-01-01",
        "--format",
        "concise",
    ])
    .expect_code(1);
}

#[test]
fn shipped_schema_reports_a_misspelt_key_with_a_suggestion() {
    let r = run(&[
        "check",
        "tests/fixtures/psr/typo.arrangement.toml",
        "--select",
        "ARR",
    ]);
    r.expect_code(1);
    insta::assert_snapshot!(r.stdout_transcript());
}

#[test]
fn shipped_packs_pass_a_compliant_json_file() {
    let r = run(&[
        "check",
        "tests/fixtures/psr/da-b-compliant.arrangement.json",
        "--select",
        "PSR012,ARR",
        "--format",
        "json",
    ]);
    let d = r.expect_code(0).json();
    assert_eq!(d["findings"], serde_json::json!([]));
    assert_eq!(d["files"][0]["status"], "pass");
}

#[test]
fn stdin_takes_its_place_in_path_order_in_every_format() {
    // `c0` sorts between b-wrong and c-competitive; `0` before every fixture.
    for name in [
        "tests/fixtures/mini/c0.arrangement.toml",
        "0.arrangement.toml",
    ] {
        let args = |format| {
            [
                "check",
                MINI_FILES,
                "-",
                "--stdin-filename",
                name,
                "--rules",
                MINI,
                "--format",
                format,
            ]
        };
        let d = run_stdin(&args("json"), &fixture(WRONG))
            .expect_code(1)
            .json();
        let paths: Vec<String> = d["files"]
            .as_array()
            .expect("files")
            .iter()
            .filter_map(|f| f["path"].as_str().map(String::from))
            .collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted, "{name}");
        assert!(paths.iter().any(|p| p == name), "{name}: {paths:?}");
        assert_eq!(d["summary"]["files"], paths.len());
        // The concise lines, written at the end from all reports, come in the same order as
        // the human report's, written file by file.
        let concise = run_stdin(&args("concise"), &fixture(WRONG)).stdout;
        let human = run_stdin(&args("human"), &fixture(WRONG)).stdout;
        let order = |text: &str| -> Vec<String> {
            let mut seen: Vec<String> = Vec::new();
            for p in &paths {
                if let Some(at) = text.find(&format!("{p}:")) {
                    seen.push(format!("{at:09}{p}"));
                }
            }
            seen.sort();
            seen.into_iter().map(|s| s[9..].to_string()).collect()
        };
        assert_eq!(order(&human), order(&concise), "{name}");
        assert!(order(&human).iter().any(|p| p == name), "{name}: {human}");
    }
}

/// An award and the agreement it relies on, checked together: the award is checked against the
/// agreement whatever the order of the files or the output format, and also when the award comes
/// from standard input. Alone, it is told that the agreement was not checked.
#[test]
fn an_award_is_checked_against_its_agreement_in_the_same_run() {
    const AWARD: &str = "examples/violation-award-body-not-party-to-agreement.arrangement.toml";
    const AGREEMENT: &str =
        "examples/delegation-nhs-england-specialised-north-west-2024.arrangement.json";
    for format in ["json", "concise", "sarif", "human"] {
        let one = run(&["check", "--format", format, AWARD, AGREEMENT]);
        one.expect_code(1);
        let other = run(&["check", "--format", format, AGREEMENT, AWARD]);
        assert_eq!(one.stdout, other.stdout, "{format}");
    }
    let concise = run(&["check", "--format", "concise", AWARD, AGREEMENT]);
    assert!(
        concise.stdout.contains("JWA105 error"),
        "{}",
        concise.stdout
    );
    assert!(!concise.stdout.contains("JWA101"), "{}", concise.stdout);
    let piped = run_stdin(
        &[
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "award.arrangement.toml",
            "-",
            AGREEMENT,
        ],
        &fixture(AWARD),
    );
    assert!(
        piped
            .stdout
            .contains("award.arrangement.toml:17:12: JWA105 error"),
        "{}",
        piped.stdout
    );
    let alone = run(&["check", "--format", "concise", AWARD]);
    alone.expect_code(0);
    assert!(alone.stdout.contains("JWA101 info"), "{}", alone.stdout);
}
