//! Nothing psrlint prints from a user's file can drive the reader's terminal: control characters
//! in file text, in values quoted by messages and in file names are shown as visible symbols, in
//! every format; a binary file gets no excerpt and no line.

use psr_testing::bin::{run_in, temp_tree};

/// A control character that must never reach the output (tab, line feed and the carriage return
/// of a line ending aside).
fn is_dangerous(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n' && c != '\r'
}

#[test]
fn control_characters_from_a_file_never_reach_the_output() {
    let dir = temp_tree(&[
        // Raw escapes in a file psrlint cannot parse: its excerpt is shown.
        (
            "raw.arrangement.toml",
            "format = 1\n[arrangement]\nreference = \"\x1b]0;pwned\x07\x1b[31mred\"\n",
        ),
        // An escape written as TOML's \u001b: a valid string, quoted back by a message.
        (
            "quoted.arrangement.toml",
            "format = 1\n[arrangement]\nkind = \"award\\u001b[2J\\u0085\"\n",
        ),
        (
            "title\x1b]0;x\x07.arrangement.toml",
            "format = 1\n\x1b[31m = 1\n",
        ),
    ]);
    let mut binary = b"\x7fELF\x02\x01\x01\x00\x00\x00".to_vec();
    binary.extend((0u8..=255).cycle().take(2000));
    std::fs::write(dir.path().join("binary.arrangement.toml"), binary).expect("write");
    for format in ["human", "concise", "json", "sarif", "github", "junit"] {
        let r = run_in(dir.path(), &["check", ".", "--format", format], None);
        r.expect_code(1);
        assert!(
            !r.stdout.chars().any(is_dangerous),
            "{format} lets a control character through:\n{:?}",
            r.stdout
        );
        assert!(
            !r.stderr.chars().any(is_dangerous),
            "{format}: {:?}",
            r.stderr
        );
        if format == "human" || format == "concise" {
            // Each is shown as a visible symbol, where it was.
            assert!(r.stdout.contains("\"award␛[2J�\""), "{}", r.stdout);
            assert!(
                r.stdout.contains("title␛]0;x␇.arrangement.toml"),
                "{}",
                r.stdout
            );
        }
    }
    let r = run_in(dir.path(), &["check", "raw.arrangement.toml"], None);
    assert!(
        r.stdout.contains("reference = \"␛]0;pwned␇␛[31mred\""),
        "{}",
        r.stdout
    );
    // The binary file: no excerpt, no line 0.
    let r = run_in(dir.path(), &["check", "binary.arrangement.toml"], None);
    insta::assert_snapshot!(r.transcript(), @r"
    exit: 1
    ----- stdout -----
    binary.arrangement.toml:
    ARR002(not-utf8)

      × the file is binary, not text (a NUL byte at offset 7, and bytes that are not UTF-8)
      help: check that this is the arrangement file you meant; arrangement files are UTF-8 text

    Found 1 error in 1 of 1 file.
    ----- stderr -----
    ");
    let r = run_in(
        dir.path(),
        &["check", "--format", "concise", "binary.arrangement.toml"],
        None,
    );
    assert!(
        r.stdout.starts_with("binary.arrangement.toml:1:1: ARR002"),
        "{}",
        r.stdout
    );
}
