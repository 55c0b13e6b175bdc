//! Arrangement files built to be slow (issue 16): each shape is written in TOML, JSON and YAML
//! from a shipped example of that syntax, and psrlint must answer each within a second or refuse
//! it by a documented limit (`psr_source::Limits`, `max_file_size`) with a finding — never hang.
//!
//! The `slow-inputs` binary times them through the release binary; the crate's tests check
//! in-process that each gets the answer [`Expect`] says.

use std::fmt::Write as _;
use std::path::Path;

/// How many keys, notices or levels the large shapes have.
pub const LARGE: usize = 100_000;
/// The length of the long strings, in bytes: 10 MB, under the 10 MiB file size limit.
pub const LONG: usize = 10_000_000;
/// Items in the one-line list of the long-line shape: at the 10,000-item list limit, less one.
pub const LINE_ITEMS: usize = 9_999;

/// The engine's codes for a file it could not read (ARR001–ARR005): an input answered with one
/// of these was refused, not checked.
pub const READING_CODES: [&str; 5] = ["ARR001", "ARR002", "ARR003", "ARR004", "ARR005"];

/// The syntaxes, with the shipped example each shape starts from.
const SEEDS: [(&str, &str); 3] = [
    (
        "toml",
        "competitive-sussex-adult-adhd-assessment.arrangement.toml",
    ),
    ("json", "da-b-somerset-adult-hearing.arrangement.json"),
    (
        "yaml",
        "urgent-modification-norfolk-virtual-ward.arrangement.yaml",
    ),
];

/// What psrlint must answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The file is read and checked: no finding has one of the [`READING_CODES`].
    Checked,
    /// The file is refused by a limit, with a finding of this code.
    Refused(&'static str),
}

/// One input built to be slow.
pub struct SlowInput {
    /// The shape, for example `many-keys`.
    pub shape: &'static str,
    /// `toml`, `json` or `yaml`.
    pub syntax: &'static str,
    /// The file name to check it under (its extension gives the syntax).
    pub file_name: String,
    /// The file's text.
    pub text: String,
    /// What psrlint must answer.
    pub expect: Expect,
}

/// Every shape in every syntax, built from the examples in `examples`.
///
/// # Errors
/// When a seed example cannot be read or no longer has the lines the shapes are built around.
pub fn all(examples: &Path) -> Result<Vec<SlowInput>, String> {
    let mut out = Vec::new();
    for (syntax, seed_name) in SEEDS {
        let seed = std::fs::read_to_string(examples.join(seed_name))
            .map_err(|e| format!("cannot read examples/{seed_name}: {e}"))?;
        let doc = Seed::new(syntax, &seed).ok_or_else(|| {
            format!("examples/{seed_name} no longer has a `title` line and a notices list")
        })?;
        let mut add = |shape: &'static str, text: String, expect: Expect| {
            out.push(SlowInput {
                shape,
                syntax,
                file_name: format!("{shape}.arrangement.{syntax}"),
                text,
                expect,
            });
        };
        add(
            "long-string",
            doc.with_title(&"x".repeat(LONG)),
            Expect::Checked,
        );
        let multibyte = "£é—😀 ".repeat(LONG / "£é—😀 ".len());
        add(
            "long-multibyte-string",
            doc.with_title(&multibyte),
            Expect::Checked,
        );
        add(
            "long-line-many-findings",
            doc.with_notice(&long_line_includes()),
            Expect::Checked,
        );
        add("many-keys", doc.with_keys(LARGE), Expect::Refused("ARR005"));
        add("many-keys-at-limit", doc.with_keys(9_990), Expect::Checked);
        add(
            "many-notices",
            doc.with_notices(LARGE),
            Expect::Refused("ARR005"),
        );
        add(
            "many-notices-at-limit",
            doc.with_notices(9_990),
            Expect::Checked,
        );
        add(
            "deep-inline-tables",
            doc.with_deep(LARGE),
            Expect::Refused("ARR005"),
        );
        add("deep-at-limit", doc.with_deep(60), Expect::Checked);
        if syntax == "yaml" {
            add(
                "billion-laughs",
                billion_laughs(),
                Expect::Refused("ARR003"),
            );
        }
        add(
            "over-size-limit",
            doc.with_title(&"x".repeat(11 * 1024 * 1024)),
            Expect::Refused("ARR004"),
        );
    }
    Ok(out)
}

/// A seed example and where its shapes are put.
struct Seed<'a> {
    syntax: &'static str,
    text: &'a str,
    /// The byte range of the title string's content (inside its quotes).
    title: std::ops::Range<usize>,
    /// Where the title's line ends (after its `\n`).
    after_title: usize,
    /// The title line's indentation.
    indent: &'a str,
    /// Where a new first notice goes (TOML: the end of the file).
    notices_at: usize,
}

impl<'a> Seed<'a> {
    fn new(syntax: &'static str, text: &'a str) -> Option<Self> {
        let line_start = text.match_indices('\n').map(|(i, _)| i + 1).find(|&i| {
            text[i..]
                .trim_start()
                .trim_start_matches('"')
                .starts_with("title")
        })?;
        let line_end = line_start + text[line_start..].find('\n')? + 1;
        let line = &text[line_start..line_end];
        let after_key = line.find(['=', ':'])?;
        let open = line_start + after_key + line[after_key..].find('"')? + 1;
        let close = line_start + line.rfind('"')?;
        let indent = &line[..line.len() - line.trim_start().len()];
        let notices_at = match syntax {
            "toml" => text.len(),
            "json" => {
                let at = text.find("\"notices\": [")?;
                at + text[at..].find('\n')? + 1
            }
            _ => {
                let at = text.find("\nnotices:\n")? + 1;
                at + "notices:\n".len()
            }
        };
        (open <= close).then_some(Seed {
            syntax,
            text,
            title: open..close,
            after_title: line_end,
            indent,
            notices_at,
        })
    }

    /// The seed with `inserted` put at byte `at`.
    fn insert(&self, at: usize, inserted: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + inserted.len());
        out.push_str(&self.text[..at]);
        out.push_str(inserted);
        out.push_str(&self.text[at..]);
        out
    }

    /// The seed with the title's text replaced by `title` (no quotes or escapes in it).
    fn with_title(&self, title: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + title.len());
        out.push_str(&self.text[..self.title.start]);
        out.push_str(title);
        out.push_str(&self.text[self.title.end..]);
        out
    }

    /// `n` unknown keys after the title, each on its own line.
    fn with_keys(&self, n: usize) -> String {
        let mut keys = String::with_capacity(n * 24);
        for i in 0..n {
            let _ = match self.syntax {
                "toml" => writeln!(keys, "{}extra_{i} = {i}", self.indent),
                "json" => writeln!(keys, "{}\"extra_{i}\": {i},", self.indent),
                _ => writeln!(keys, "{}extra_{i}: {i}", self.indent),
            };
        }
        self.insert(self.after_title, &keys)
    }

    /// `n` more notices, each an award notice with only its type and date (so that 100,000 of
    /// them stay under the file size limit).
    fn with_notices(&self, n: usize) -> String {
        let notices = self.notice(None).repeat(n);
        self.insert(self.notices_at, &notices)
    }

    /// The seed with one more notice whose `includes` is `includes` (a list as written).
    fn with_notice(&self, includes: &str) -> String {
        self.insert(self.notices_at, &self.notice(Some(includes)))
    }

    /// A contract award notice in the seed's syntax, ready to insert at `notices_at`, with
    /// `includes` when given.
    fn notice(&self, includes: Option<&str>) -> String {
        match (self.syntax, includes) {
            ("toml", None) => "[[notices]]\ntype = \"contract-award\"\npublished = 2024-10-01\n".into(),
            ("toml", Some(list)) => format!(
                "[[notices]]\ntype = \"contract-award\"\npublished = 2024-10-01\nincludes = {list}\n"
            ),
            ("json", None) => {
                "    {\"type\": \"contract-award\", \"published\": \"2024-10-01\"},\n".into()
            }
            ("json", Some(list)) => format!(
                "    {{\"type\": \"contract-award\", \"published\": \"2024-10-01\", \"includes\": {list}}},\n"
            ),
            (_, None) => "  - type: contract-award\n    published: 2024-10-01\n".into(),
            (_, Some(list)) => format!(
                "  - type: contract-award\n    published: 2024-10-01\n    includes: {list}\n"
            ),
        }
    }

    /// A value nested `depth` inline tables deep, as a key after the title.
    fn with_deep(&self, depth: usize) -> String {
        let (open, close) = match self.syntax {
            "toml" => ("{a = ", "}"),
            "json" => ("{\"a\": ", "}"),
            _ => ("{a: ", "}"),
        };
        let value = format!("{}1{}", open.repeat(depth), close.repeat(depth));
        let line = match self.syntax {
            "toml" => format!("{}deep = {value}\n", self.indent),
            "json" => format!("{}\"deep\": {value},\n", self.indent),
            _ => format!("{}deep: {value}\n", self.indent),
        };
        self.insert(self.after_title, &line)
    }
}

/// A one-line list of [`LINE_ITEMS`] notice items that are not notice items, each 1,000 bytes
/// of multi-byte characters: a finding for each item, every one on the same 10 MB line.
/// (The list is written the same way in the three syntaxes.)
fn long_line_includes() -> String {
    let item = "é£—😀".repeat(1_000 / "é£—😀".len());
    let quoted = format!("\"{item}\"");
    format!("[{}]", vec![quoted.as_str(); LINE_ITEMS].join(", "))
}

/// YAML's "billion laughs": nine levels of anchors, each alias list ten times the one before.
fn billion_laughs() -> String {
    let mut out = String::from("format: 1\nl0: &l0 \"lol\"\n");
    for level in 1..=9 {
        let aliases = vec![format!("*l{}", level - 1); 10].join(", ");
        let _ = writeln!(out, "l{level}: &l{level} [{aliases}]");
    }
    out
}
