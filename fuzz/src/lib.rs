//! What the fuzz targets share: the shipped packs, read once, and helpers that run one input.

use psr_engine::{CheckOptions, Engine, SourceFile};
use psr_lang::{compile, MemoryPack, PackReader, ParsedPack};
use psr_source::{Limits, Syntax};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules")
}

/// Every file under `dir`, read once and kept for the life of the process.
fn read_pack(dir: &Path) -> Vec<(String, &'static [u8])> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, &'static [u8])>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = format!("{prefix}{name}");
            if path.is_dir() {
                walk(&path, &format!("{relative}/"), out);
            } else if let Ok(bytes) = std::fs::read(&path) {
                out.push((relative, Box::leak(bytes.into_boxed_slice())));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, "", &mut files);
    files.sort();
    files
}

/// The shipped packs as in-memory packs, read from `rules/` once.
pub fn shipped_packs() -> &'static [MemoryPack] {
    static PACKS: OnceLock<Vec<MemoryPack>> = OnceLock::new();
    PACKS.get_or_init(|| {
        let dirs = psr_lang::loader::pack_dirs(&[rules_dir()]).expect("rules/ next to fuzz/");
        dirs.iter()
            .map(|d| {
                let name = d
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                MemoryPack::new(format!("rules/{name}"), read_pack(d))
            })
            .collect()
    })
}

/// A pack of one rule file that borrows the fuzzer's bytes (a `MemoryPack` would need them for
/// ever, and a long run would run out of memory).
struct Fuzzed<'a>(&'a [u8]);

impl PackReader for Fuzzed<'_> {
    fn display_root(&self) -> String {
        "fuzzed".into()
    }

    fn rule_files(&self) -> std::io::Result<Vec<String>> {
        Ok(vec!["pack.psrl".into(), "rules.psrl".into()])
    }

    fn read(&self, relative: &str) -> std::io::Result<Vec<u8>> {
        match relative {
            "pack.psrl" => Ok(b"pack fuzzed { version: \"1.0.0\" uses: arrangement }".to_vec()),
            "rules.psrl" => Ok(self.0.to_vec()),
            _ => Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not in the fuzzed pack",
            )),
        }
    }
}

/// The arrangement pack, its rule files parsed once: each run then parses only the fuzzed file
/// (parsing the 32 KB schema on every run held the target to about 26 runs a second).
fn arrangement_pack() -> &'static ParsedPack<MemoryPack> {
    static PACK: OnceLock<ParsedPack<MemoryPack>> = OnceLock::new();
    PACK.get_or_init(|| {
        let pack = shipped_packs()
            .iter()
            .find(|p| p.display_root() == "rules/arrangement")
            .expect("the arrangement pack");
        ParsedPack::new(pack.clone())
    })
}

/// Compiles `text` as a rule file of a pack that uses the arrangement schema.
pub fn compile_rule_file(text: &[u8]) {
    let fuzzed = Fuzzed(text);
    let problems = match compile(&[arrangement_pack() as &dyn PackReader, &fuzzed]) {
        Ok(c) => c.warnings,
        Err(e) => e,
    };
    for p in problems {
        if let Some(source) = &p.source {
            assert!(
                p.span.start <= p.span.end && p.span.end <= source.inner().len(),
                "span outside the file"
            );
        }
    }
}

/// Parses `data` (when it is UTF-8) in `syntax`, with the default and with tight limits.
pub fn load(syntax: Syntax, data: &[u8]) {
    if let Ok(text) = psr_source::decode(data) {
        for limits in [
            Limits::default(),
            Limits {
                max_depth: 3,
                max_list_len: 4,
            },
        ] {
            if let Ok(node) = psr_source::parse(syntax, text, &limits) {
                // Every span lies inside the text.
                fn inside(node: &psr_source::Node, len: usize) {
                    assert!(node.span.start <= node.span.end && node.span.end <= len);
                    match &node.kind {
                        psr_source::NodeKind::Array(items) => {
                            items.iter().for_each(|i| inside(i, len))
                        }
                        psr_source::NodeKind::Table(entries) => {
                            for e in entries {
                                assert!(e.key_span.end <= len);
                                inside(&e.value, len);
                            }
                        }
                        _ => {}
                    }
                }
                inside(&node, text.len());
            }
        }
    }
}

/// The engine with every shipped pack, compiled once.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let readers: Vec<&dyn PackReader> = shipped_packs()
            .iter()
            .map(|p| p as &dyn PackReader)
            .collect();
        let compiled = compile(&readers)
            .unwrap_or_else(|e| panic!("the shipped packs do not compile: {} problems", e.len()));
        Engine::new(Arc::new(compiled.program))
    })
}

/// Checks `data` as an arrangement file in each of the three syntaxes, so that the examples
/// make a good seed corpus whatever their syntax.
pub fn check(data: &[u8]) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
    for path in [
        "f.arrangement.toml",
        "f.arrangement.json",
        "f.arrangement.yaml",
    ] {
        let file = SourceFile {
            path: path.into(),
            bytes: data.to_vec(),
        };
        let report = engine().check(&file, &CheckOptions::new(today));
        for f in &report.findings {
            if let Some(s) = f.span {
                assert!(
                    s.start <= s.end && s.end <= report.text.len(),
                    "{} span outside the file",
                    f.code
                );
                let _ = report.line_col(s.start);
            }
        }
    }
}
