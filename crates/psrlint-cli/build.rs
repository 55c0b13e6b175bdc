//! Embeds the shipped rule packs (`rules/` at the repository root) in the binary, so that an
//! installed psrlint works anywhere without its source tree.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let rules = manifest.join("../../rules");
    println!("cargo:rerun-if-changed={}", rules.display());
    let mut code = String::from("/// The shipped packs: (pack directory name, [(path in the pack, bytes)]).\npub static EMBEDDED_PACKS: &[(&str, &[(&str, &[u8])])] = &[\n");
    let mut packs: Vec<PathBuf> = std::fs::read_dir(&rules)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.join("pack.psrl").is_file())
                .collect()
        })
        .unwrap_or_default();
    packs.sort();
    for pack in packs {
        let name = pack
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let _ = writeln!(code, "    ({name:?}, &[");
        let mut files = Vec::new();
        collect(&pack, &pack, &mut files);
        files.sort();
        for (rel, abs) in files {
            println!("cargo:rerun-if-changed={}", abs.display());
            let _ = writeln!(
                code,
                "        ({rel:?}, include_bytes!({:?})),",
                abs.display().to_string()
            );
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("embedded_packs.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}

/// Rule files and data files of a pack (not its tests).
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let p = e.path();
        let rel = p
            .strip_prefix(root)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        if p.is_dir() {
            if rel != "tests" {
                collect(root, &p, out);
            }
        } else if rel.ends_with(".psrl") || rel.starts_with("data/") {
            out.push((rel, p.canonicalize().unwrap_or(p)));
        }
    }
}
