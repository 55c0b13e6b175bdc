//! The `psrlint` binary on awkward files: CRLF, byte order marks, tabs and multi-byte characters
//! before the offending value (the reported line and column must be right); unreadable files and
//! directories, symbolic link loops and files that are not UTF-8 (each reported clearly, and the
//! run goes on with the other files); and the files checked are never modified.
//!
//! Tests that need permissions to deny a read run the binary as `nobody` through `setpriv` when
//! they run as root (root reads anything); where that is not possible they say so and skip.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_psrlint");

fn env_command(program: &str) -> Command {
    let mut c = Command::new(program);
    c.env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("PSRLINT_TODAY", "2026-11-23")
        .env_remove("RUST_BACKTRACE");
    c
}

/// Runs `psrlint ARGS` in `dir`.
fn psrlint(dir: &Path, args: &[&str]) -> Output {
    env_command(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("psrlint runs")
}

fn text(out: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn report(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", text(out)))
}

/// `(file, code, message)` of every finding.
fn findings(doc: &serde_json::Value) -> Vec<(String, String, String)> {
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or("").to_string(),
                f["code"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// `path → status` of every file in the report.
fn statuses(doc: &serde_json::Value) -> BTreeMap<String, String> {
    doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or("").to_string(),
                f["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A compliant example, to sit beside each awkward file and prove the run goes on.
fn good_example() -> Vec<u8> {
    std::fs::read(root().join("examples/da-c-coventry-warwickshire-msk.arrangement.toml"))
        .expect("a compliant example")
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

// ------------------------------------------------------------------ positions

/// One arrangement with a wrong `kind` written on the same line as, and after, multi-byte text.
fn arrangement(syntax: &str) -> String {
    match syntax {
        "toml" => "format = 1\narrangement = { reference = \"£é—😀\", title = \"Café £ — hearing\", kind = \"awrd\", decision_date = 2024-06-03 }\n[authority]\ntype = \"icb\"\nname = \"NHS Somerset ICB\"\n[services]\ndescription = \"Adult hearing\"\n[process]\ntype = \"competitive\"\n".into(),
        "json" => "{\n  \"format\": 1,\n  \"arrangement\": { \"reference\": \"£é—😀\", \"title\": \"Café £ — hearing\", \"kind\": \"awrd\", \"decision_date\": \"2024-06-03\" },\n  \"authority\": { \"type\": \"icb\", \"name\": \"NHS Somerset ICB\" },\n  \"services\": { \"description\": \"Adult hearing\" },\n  \"process\": { \"type\": \"competitive\" }\n}\n".into(),
        _ => "format: 1\narrangement: {reference: \"£é—😀\", title: \"Café £ — hearing\", kind: awrd, decision_date: 2024-06-03}\nauthority:\n  type: icb\n  name: NHS Somerset ICB\nservices:\n  description: Adult hearing\nprocess:\n  type: competitive\n".into(),
    }
}

/// Line and column of `offset`, counted plainly (psr-testing's reference count), as the JSON
/// report's numbers.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let (line, col) = psr_testing::engine::expected_line_col(text, offset);
    (line as u64, col as u64)
}

#[test]
fn lines_and_columns_are_right_with_crlf_bom_tabs_and_multibyte_text() {
    let dir = tempdir();
    let mut failures = Vec::new();
    for syntax in ["toml", "json", "yaml"] {
        let plain = arrangement(syntax);
        let mut variants = vec![
            ("lf", plain.clone()),
            ("crlf", plain.replace('\n', "\r\n")),
            ("bom", format!("\u{feff}{plain}")),
            (
                "bom-crlf",
                format!("\u{feff}{}", plain.replace('\n', "\r\n")),
            ),
        ];
        if syntax != "yaml" {
            // YAML takes no tab after a key's `:` (as PyYAML); TOML and JSON take them anywhere.
            variants.push((
                "tabs",
                plain
                    .replace(", ", ",\t")
                    .replace(" = ", "\t=\t")
                    .replace(": ", ":\t"),
            ));
        }
        for (variant, content) in variants {
            let name = format!("{variant}.arrangement.{syntax}");
            std::fs::write(dir.path().join(&name), &content).expect("write");
            let wanted = if syntax == "yaml" { "awrd" } else { "\"awrd\"" };
            let offset = content.find(wanted).expect("the wrong value");
            let (line, column) = line_col(&content, offset);
            let (end_line, end_column) = line_col(&content, offset + wanted.len());

            let out = psrlint(dir.path(), &["check", "--format", "json", &name]);
            let doc = report(&out);
            let f = doc["findings"]
                .as_array()
                .and_then(|a| a.iter().find(|f| f["code"] == "ARR010"))
                .unwrap_or_else(|| panic!("{name}: no ARR010:\n{}", text(&out)));
            let got = (
                f["line"].as_u64(),
                f["column"].as_u64(),
                f["end_line"].as_u64(),
                f["end_column"].as_u64(),
                f["span"]["offset"].as_u64(),
                f["span"]["length"].as_u64(),
            );
            let want = (
                Some(line),
                Some(column),
                Some(end_line),
                Some(end_column),
                Some(offset as u64),
                Some(wanted.len() as u64),
            );
            if got != want {
                failures.push(format!("{name}: json says {got:?}, expected {want:?}"));
            }

            let concise = psrlint(dir.path(), &["check", "--format", "concise", &name]);
            let expected_prefix = format!("{name}:{line}:{column}: ARR010");
            if !String::from_utf8_lossy(&concise.stdout).contains(&expected_prefix) {
                failures.push(format!(
                    "{name}: concise lacks {expected_prefix:?}:\n{}",
                    text(&concise)
                ));
            }

            // The human format's `[file:line:column]` header: see the ignored test below.
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_human_header_counts_columns_in_characters() {
    let dir = tempdir();
    let content = arrangement("toml");
    std::fs::write(dir.path().join("a.arrangement.toml"), &content).expect("write");
    let offset = content.find("\"awrd\"").expect("the wrong value");
    let (line, column) = line_col(&content, offset);
    let out = psrlint(dir.path(), &["check", "a.arrangement.toml"]);
    let header = format!("[a.arrangement.toml:{line}:{column}]");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&header),
        "no {header}:\n{}",
        text(&out)
    );
}

/// Found by the slow inputs of issue 16: a finding beyond column 65,535 made the human report
/// panic (the excerpt's underline is padded to the column, past what `format!` allows); a long
/// line is now named by its line and column, without the excerpt.
#[test]
fn a_finding_far_along_a_very_long_line_is_reported_without_the_line() {
    let dir = tempdir();
    for syntax in ["toml", "json", "yaml"] {
        let long = "£é—😀".repeat(20_000);
        let content = arrangement(syntax).replacen("£é—😀", &long, 1);
        let name = format!("a.arrangement.{syntax}");
        std::fs::write(dir.path().join(&name), &content).expect("write");
        let offset = content.find("awrd").expect("the wrong value") - usize::from(syntax != "yaml");
        let (line, column) = line_col(&content, offset);
        assert!(column > 70_000, "{syntax}: column {column}");
        let out = psrlint(dir.path(), &["check", &name]);
        assert_eq!(out.status.code(), Some(1), "{syntax}:\n{}", text(&out));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let at = format!("{name}:{line}:{column}");
        assert!(stdout.contains(&at), "{syntax}: no {at}:\n{}", text(&out));
        assert!(
            stdout.contains("too long to show"),
            "{syntax}:\n{}",
            text(&out)
        );
        assert!(
            stdout.len() < 10_000,
            "{syntax}: the long line was printed ({} bytes)",
            stdout.len()
        );
    }
}

// ------------------------------------------------------------------ files that cannot be read

#[test]
fn a_file_that_is_not_utf8_is_reported_and_the_others_are_checked() {
    let dir = tempdir();
    std::fs::write(dir.path().join("good.arrangement.toml"), good_example()).expect("write");
    std::fs::write(
        dir.path().join("latin1.arrangement.toml"),
        b"format = 1\ntitle = \"Caf\xe9\"\n",
    )
    .expect("write");
    let out = psrlint(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let doc = report(&out);
    assert_eq!(
        findings(&doc),
        [(
            "latin1.arrangement.toml".to_string(),
            "ARR002".to_string(),
            "the file is not UTF-8: invalid byte at offset 23 (line 2)".to_string()
        )]
    );
    assert_eq!(
        statuses(&doc)
            .get("good.arrangement.toml")
            .map(String::as_str),
        Some("pass")
    );
}

#[test]
fn a_file_that_is_not_utf8_is_reported_at_the_bad_byte() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("latin1.arrangement.toml"),
        b"format = 1\ntitle = \"Caf\xe9\"\n",
    )
    .expect("write");
    let out = psrlint(
        dir.path(),
        &["check", "--format", "concise", "latin1.arrangement.toml"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("latin1.arrangement.toml:2:13: ARR002"),
        "{}",
        text(&out)
    );
}

/// Whether this process reads a file whose permissions deny it (root does).
fn reads_despite_permissions(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, b"x").expect("write");
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).expect("remove");
    readable
}

/// A command that runs the binary as an unprivileged user, when permissions would not bind this
/// process; `None` (with the reason printed) when there is no way.
fn unprivileged(dir: &Path) -> Option<Command> {
    if !reads_despite_permissions(dir) {
        return Some(env_command(BIN));
    }
    let drop = ["--reuid=65534", "--regid=65534", "--clear-groups"];
    let works = Command::new("setpriv")
        .args(drop)
        .arg(BIN)
        .arg("--version")
        .output();
    match works {
        Ok(o) if o.status.success() => {
            let mut c = env_command("setpriv");
            c.args(drop).arg(BIN);
            Some(c)
        }
        _ => {
            eprintln!(
                "SKIPPED: this test runs as root, which reads files whatever their permissions, \
                 and `setpriv` cannot run psrlint as `nobody` here"
            );
            None
        }
    }
}

#[test]
fn unreadable_files_and_directories_are_reported_and_the_others_are_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let Some(mut command) = unprivileged(dir.path()) else {
        return;
    };
    let p = dir.path();
    // `nobody` must be able to enter the directory and read the good file.
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::fs::write(p.join("good.arrangement.toml"), good_example()).expect("write");
    std::fs::write(p.join("secret.arrangement.toml"), good_example()).expect("write");
    std::fs::create_dir(p.join("locked")).expect("mkdir");
    std::fs::write(p.join("locked/inside.arrangement.toml"), good_example()).expect("write");
    std::fs::set_permissions(
        p.join("secret.arrangement.toml"),
        std::fs::Permissions::from_mode(0o000),
    )
    .expect("chmod");
    std::fs::set_permissions(p.join("locked"), std::fs::Permissions::from_mode(0o000))
        .expect("chmod");

    let out = command
        .args(["check", "--format", "json", "."])
        .current_dir(p)
        .output()
        .expect("psrlint runs");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let doc = report(&out);
    let mut found = findings(&doc);
    found.sort();
    assert_eq!(
        found,
        [
            (
                "locked".to_string(),
                "ARR001".to_string(),
                "cannot read the file: permission denied".to_string()
            ),
            (
                "secret.arrangement.toml".to_string(),
                "ARR001".to_string(),
                "cannot read the file: permission denied".to_string()
            ),
        ],
        "{}",
        text(&out)
    );
    assert_eq!(
        statuses(&doc)
            .get("good.arrangement.toml")
            .map(String::as_str),
        Some("pass")
    );
    // Let the temporary directory be removed.
    std::fs::set_permissions(p.join("locked"), std::fs::Permissions::from_mode(0o755))
        .expect("chmod");
}

#[test]
fn symbolic_link_loops_are_reported_and_the_others_are_checked() {
    let dir = tempdir();
    let p = dir.path();
    std::fs::write(p.join("good.arrangement.toml"), good_example()).expect("write");
    std::fs::create_dir(p.join("loop")).expect("mkdir");
    std::os::unix::fs::symlink(".", p.join("loop/again")).expect("symlink");
    std::os::unix::fs::symlink("itself.arrangement.toml", p.join("itself.arrangement.toml"))
        .expect("symlink");

    let out = psrlint(p, &["check", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let doc = report(&out);
    let found = findings(&doc);
    assert_eq!(found.len(), 2, "{}", text(&out));
    let about = |file: &str| found.iter().find(|(f, _, _)| f == file).cloned();
    let (_, code, message) =
        about("loop/again").unwrap_or_else(|| panic!("loop/again: {}", text(&out)));
    assert_eq!(
        (code.as_str(), message.as_str()),
        (
            "ARR001",
            "cannot read the file: a symbolic link loop back to `./loop`"
        )
    );
    let (_, code, message) =
        about("itself.arrangement.toml").unwrap_or_else(|| panic!("itself: {}", text(&out)));
    assert_eq!(code, "ARR001");
    assert!(message.contains("symbolic link"), "{message}");
    assert_eq!(
        statuses(&doc)
            .get("good.arrangement.toml")
            .map(String::as_str),
        Some("pass")
    );
}

#[test]
fn a_symbolic_link_to_itself_is_reported_in_plain_words() {
    let dir = tempdir();
    std::os::unix::fs::symlink(
        "itself.arrangement.toml",
        dir.path().join("itself.arrangement.toml"),
    )
    .expect("symlink");
    let out = psrlint(dir.path(), &["check", "--format", "json", "."]);
    let found = findings(&report(&out));
    assert_eq!(found.len(), 1, "{}", text(&out));
    assert!(
        !found[0].2.contains("os error") && !found[0].2.contains("IO error"),
        "{}",
        found[0].2
    );
}

#[test]
fn a_named_path_that_does_not_exist_stops_the_run_with_status_2() {
    let dir = tempdir();
    std::fs::write(dir.path().join("good.arrangement.toml"), good_example()).expect("write");
    let out = psrlint(
        dir.path(),
        &["check", "good.arrangement.toml", "missing.arrangement.toml"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("missing.arrangement.toml"),
        "{}",
        text(&out)
    );
}

// ------------------------------------------------------------------ read only

/// Every file under `dir` with its bytes, length, permissions and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, u32, std::time::SystemTime)> {
    use std::os::unix::fs::PermissionsExt;
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)
            .expect("a readable directory")
            .flatten()
        {
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("a readable file");
                let modified = meta.modified().expect("a modification time");
                out.insert(path, (bytes, meta.permissions().mode(), modified));
            }
        }
    }
    out
}

/// SHA-256 of a file by `sha256sum`, when the machine has it.
fn sha256sum(path: &Path) -> Option<String> {
    let out = Command::new("sha256sum").arg(path).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    text.split_whitespace().next().map(String::from)
}

#[test]
fn psrlint_never_modifies_the_files_it_checks() {
    let examples = root().join("examples");
    let before = snapshot(&examples);
    assert!(before.len() >= 10, "examples/ has {} files", before.len());
    let formats = ["human", "concise", "json", "sarif", "github", "junit"];
    for format in formats {
        for extra in [&[][..], &["--explain", "--statistics"][..]] {
            let mut args = vec!["check", "--format", format];
            args.extend_from_slice(extra);
            args.push("examples");
            let out = psrlint(&root(), &args);
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{args:?}: {}",
                text(&out)
            );
        }
    }
    let after = snapshot(&examples);
    let changed: Vec<&PathBuf> = before
        .iter()
        .filter(|(p, v)| after.get(*p) != Some(v))
        .map(|(p, _)| p)
        .chain(after.keys().filter(|p| !before.contains_key(*p)))
        .collect();
    assert!(
        changed.is_empty(),
        "psrlint changed, added or removed: {changed:?}"
    );

    // The report's sha256 of each file is the file's own.
    let out = psrlint(&root(), &["check", "--format", "json", "examples"]);
    for f in report(&out)["files"].as_array().expect("files") {
        let path = root().join(f["path"].as_str().expect("a path"));
        if let Some(sum) = sha256sum(&path) {
            assert_eq!(
                f["sha256"].as_str(),
                Some(sum.as_str()),
                "{}",
                path.display()
            );
        }
    }
}

/// Two files of 9,990 unknown keys each: about 11 MB of JSON findings, past what the JSON report
/// keeps in memory (2 MiB).
fn many_findings_tree() -> tempfile::TempDir {
    let dir = tempdir();
    let example = String::from_utf8(good_example()).expect("UTF-8");
    let keys: String = (0..9_990)
        .map(|i| format!("unknown_key_{i} = 1\n"))
        .collect();
    let text = example.replacen("[arrangement]\n", &format!("[arrangement]\n{keys}"), 1);
    for name in ["a", "b"] {
        std::fs::write(dir.path().join(format!("{name}.arrangement.toml")), &text).expect("write");
    }
    dir
}

#[test]
fn a_long_json_report_goes_through_a_temporary_file_that_is_left_nowhere() {
    let dir = many_findings_tree();
    let tmp = tempdir();
    let out = env_command(BIN)
        .args(["check", "--format", "json", "."])
        .env("TMPDIR", tmp.path())
        .current_dir(dir.path())
        .output()
        .expect("psrlint runs");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let doc = report(&out);
    let unknown = findings(&doc)
        .iter()
        .filter(|(_, code, _)| code == "ARR008")
        .count();
    assert_eq!(unknown, 2 * 9_990);
    let left: Vec<_> = std::fs::read_dir(tmp.path()).expect("tmp").collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_temporary_directory_that_cannot_be_used_stops_a_long_json_report_with_cfg006() {
    let dir = many_findings_tree();
    let out = env_command(BIN)
        .args(["check", "--format", "json", "."])
        .env("TMPDIR", dir.path().join("no-such-directory"))
        .current_dir(dir.path())
        .output()
        .expect("psrlint runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(stderr.contains("CFG006"), "{stderr}");
    assert!(stderr.contains("no-such-directory"), "{stderr}");
    assert!(stderr.contains("TMPDIR"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
