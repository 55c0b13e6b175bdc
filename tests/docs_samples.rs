//! The examples in README.md and docs/ are checked through the binary, so that what a user copies
//! works and what they are shown is what psrlint prints:
//!
//! - every sample of terminal output (a `text` block that starts with `$ psrlint …`, or any block
//!   right after an `<!-- $ psrlint … -->` line) is the output of that command, run from the
//!   repository root with no colour, 100 columns and a fixed "today". `PSRLINT_BLESS_DOCS=1`
//!   rewrites the samples from the current output (review the diff);
//! - the example arrangement of docs/arrangement-format.md passes;
//! - the example `psrlint.toml` files are accepted;
//! - the pre-commit examples name a hook that exists and a revision of this repository.

use psr_testing::bin::{root, run_in, run_stdin, temp_tree};

/// A fenced block of a Markdown file.
struct Block {
    /// The info string (`text`, `toml`, ...).
    lang: String,
    /// The command of an `<!-- $ psrlint … -->` line just before the fence, if any.
    marker: Option<String>,
    /// Index of the first line inside the fence.
    first: usize,
    /// The lines inside the fence.
    lines: Vec<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(lang) = lines[i].strip_prefix("```") {
            let marker = i
                .checked_sub(1)
                .and_then(|p| lines[p].strip_prefix("<!-- $ "))
                .and_then(|m| m.strip_suffix(" -->"))
                .map(str::to_string);
            let start = i + 1;
            let mut end = start;
            while end < lines.len() && lines[end] != "```" {
                end += 1;
            }
            out.push(Block {
                lang: lang.trim().to_string(),
                marker,
                first: start,
                lines: lines[start..end.min(lines.len())]
                    .iter()
                    .map(|l| l.to_string())
                    .collect(),
            });
            i = end + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Runs `$ psrlint ARGS` from the repository root as the samples show it.
fn output_of(command: &str) -> String {
    let args: Vec<&str> = command
        .strip_prefix("psrlint ")
        .unwrap_or_else(|| panic!("a sample command runs psrlint: {command}"))
        .split_whitespace()
        .collect();
    let r = run_in(&root(), &args, None);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    r.stdout.trim_end().to_string()
}

#[test]
fn terminal_samples_are_what_psrlint_prints() {
    let bless = std::env::var_os("PSRLINT_BLESS_DOCS").is_some();
    let mut checked = 0;
    let mut stale = Vec::new();
    for doc in ["README.md", "docs/cli.md"] {
        let path = root().join(doc);
        let text = std::fs::read_to_string(&path).expect("the document");
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        // From the end, so that rewriting a block leaves the earlier ones where they are.
        for b in blocks(&text).into_iter().rev() {
            let (command, shown, skip) = if let Some(m) = &b.marker {
                (m.clone(), b.lines.join("\n"), 0)
            } else if b.lang == "text"
                && b.lines.first().is_some_and(|l| l.starts_with("$ psrlint "))
            {
                if b.lines.iter().skip(1).any(|l| l.starts_with("$ ")) {
                    continue;
                }
                (b.lines[0][2..].to_string(), b.lines[1..].join("\n"), 1)
            } else {
                continue;
            };
            checked += 1;
            let actual = output_of(&command);
            if actual != shown {
                stale.push(format!("{doc}:{}: `{command}`", b.first + 1));
                if bless {
                    let start = b.first + skip;
                    lines.splice(
                        start..b.first + b.lines.len(),
                        actual.lines().map(str::to_string),
                    );
                }
            }
        }
        if bless {
            std::fs::write(&path, lines.join("\n") + "\n").expect("rewrite the document");
        }
    }
    assert!(checked >= 4, "only {checked} samples found");
    assert!(
        stale.is_empty() || bless,
        "samples that are not what psrlint prints (PSRLINT_BLESS_DOCS=1 rewrites them):\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_example_arrangement_of_the_format_passes() {
    let text = std::fs::read_to_string(root().join("docs/arrangement-format.md")).expect("doc");
    let examples: Vec<Block> = blocks(&text)
        .into_iter()
        .filter(|b| b.lang == "toml" && b.lines.first().is_some_and(|l| l == "format = 1"))
        .collect();
    assert!(
        !examples.is_empty(),
        "docs/arrangement-format.md has a whole example"
    );
    for b in examples {
        let r = run_stdin(
            &[
                "check",
                "-",
                "--stdin-filename",
                "example.arrangement.toml",
                "--fail-on",
                "warning",
            ],
            &b.lines.join("\n"),
        );
        assert_eq!(
            r.code, 0,
            "the example at docs/arrangement-format.md:{} does not pass:\n{}",
            b.first, r.stdout
        );
    }
}

fn configuration_examples() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for doc in ["README.md", "docs/cli.md"] {
        let text = std::fs::read_to_string(root().join(doc)).expect("the document");
        for b in blocks(&text) {
            if b.lang == "toml" && b.lines.iter().any(|l| l.starts_with("select = ")) {
                out.push((format!("{doc}:{}", b.first), b.lines.join("\n")));
            }
        }
    }
    out
}

#[test]
fn the_example_configurations_are_accepted() {
    let examples = configuration_examples();
    assert!(examples.len() >= 2);
    let example = std::fs::read_to_string(
        root().join("examples/violation-da-c-where-da-b-required.arrangement.toml"),
    )
    .expect("an example");
    for (at, config) in examples {
        // The configurations name a local pack `local-rules`: an empty one stands in for it.
        let dir = temp_tree(&[
            ("psrlint.toml", &config),
            (
                "local-rules/pack.psrl",
                "pack local {\n  version: \"1.0.0\"\n  description: \"Local rules\"\n}\n",
            ),
            ("register/a.arrangement.toml", &example),
        ]);
        let r = run_in(dir.path(), &["check", "register"], None);
        assert_eq!(
            r.code, 1,
            "{at}: the configuration is refused\n{}",
            r.stderr
        );
        assert!(r.stdout.contains("PSR012"), "{at}\n{}", r.stdout);
    }
}

#[test]
fn the_pre_commit_examples_name_a_hook_and_a_revision_that_exist() {
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).expect("hooks");
    let has_git = root().join(".git").exists();
    for doc in ["README.md", "docs/cli.md"] {
        let text = std::fs::read_to_string(root().join(doc)).expect("the document");
        for b in blocks(&text).into_iter().filter(|b| b.lang == "yaml") {
            let Some(rev) = b.lines.iter().find_map(|l| l.trim().strip_prefix("rev: ")) else {
                continue;
            };
            let rev = rev.split_whitespace().next().unwrap_or_default();
            assert!(
                rev.len() == 40 && rev.chars().all(|c| c.is_ascii_hexdigit()),
                "{doc}:{}: `rev: {rev}` is not a commit SHA (psrlint has no tags)",
                b.first
            );
            if has_git {
                let known = std::process::Command::new("git")
                    .args(["cat-file", "-e", &format!("{rev}^{{commit}}")])
                    .current_dir(root())
                    .status()
                    .is_ok_and(|s| s.success());
                assert!(
                    known,
                    "{doc}:{}: {rev} is not a commit of this repository",
                    b.first
                );
            }
            let id = b
                .lines
                .iter()
                .find_map(|l| l.trim().strip_prefix("- id: "))
                .expect("a hook id");
            assert!(
                hooks.contains(&format!("- id: {id}\n")),
                "{doc}: no hook `{id}`"
            );
        }
    }
}
