//! Embeds the shipped rule packs (`rules/` at the repository root) in the binary, so that an
//! installed psrlint works anywhere without its source tree: their files, and the program compiled
//! from them (serialized with postcard), so that a run starts without parsing or checking them.
//! A shipped pack with errors fails the build, with every problem listed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let rules = manifest.join("../../rules");
    println!("cargo:rerun-if-changed={}", rules.display());
    let mut code = String::from("/// The shipped packs: (pack directory name, [(path in the pack, bytes)]).\npub static EMBEDDED_PACKS: &[(&str, &[(&str, &[u8])])] = &[\n");
    let mut sources: Vec<psr_lang::MemoryPack> = Vec::new();
    for pack in psr_lang::loader::packs_under(&rules) {
        let name = pack
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let _ = writeln!(code, "    ({name:?}, &[");
        let mut files = Vec::new();
        collect(&pack, &pack, &mut files);
        files.sort();
        let mut in_memory = Vec::new();
        for (rel, abs) in files {
            println!("cargo:rerun-if-changed={}", abs.display());
            let bytes: &'static [u8] = Box::leak(
                std::fs::read(&abs)
                    .expect("a pack file is readable")
                    .into_boxed_slice(),
            );
            in_memory.push((rel.clone(), bytes));
            let _ = writeln!(
                code,
                "        ({rel:?}, include_bytes!({:?})),",
                abs.display().to_string()
            );
        }
        code.push_str("    ]),\n");
        sources.push(psr_lang::MemoryPack::new(
            format!("rules/{name}"),
            in_memory,
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("embedded_packs.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
    compile_program(&sources);
}

/// Compiles the shipped packs and writes the program for `include_bytes!`.
fn compile_program(sources: &[psr_lang::MemoryPack]) {
    let readers: Vec<&dyn psr_lang::PackReader> = sources
        .iter()
        .map(|p| p as &dyn psr_lang::PackReader)
        .collect();
    let compiled = match psr_lang::compile(&readers) {
        Ok(c) => c,
        Err(errors) => {
            for e in &errors {
                eprintln!(
                    "{} {}:{}: {} ({})",
                    e.kind.code(),
                    e.file_name().unwrap_or("?"),
                    e.span.start,
                    e.message,
                    e.help.clone().unwrap_or_default()
                );
            }
            panic!("the shipped rule packs in rules/ have {} problem(s); `cargo run -- rules --rules rules/` shows them", errors.len());
        }
    };
    for w in &compiled.warnings {
        println!(
            "cargo:warning={} {}: {}",
            w.kind.code(),
            w.file_name().unwrap_or("?"),
            w.message
        );
    }
    // The rule files' text is embedded beside the program (`EMBEDDED_PACKS`); carrying a second
    // copy in the program would cost every run half a megabyte of copying and UTF-8 checking at
    // start.
    let mut program = compiled.program;
    program.sources.clear();
    let bytes = postcard::to_stdvec(&program).expect("the program serializes");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("program.postcard");
    std::fs::write(out, bytes).expect("OUT_DIR is writable");
}

/// Rule files, data files and notice templates of a pack (not its tests).
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
        } else if rel.ends_with(".psrl") || rel.starts_with("data/") || rel.starts_with("notices/")
        {
            out.push((rel, p.canonicalize().unwrap_or(p)));
        }
    }
}
