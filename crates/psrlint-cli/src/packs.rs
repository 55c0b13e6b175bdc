//! Choosing and compiling rule packs: the packs embedded in the binary, or `--rules` directories
//! (a pack directory, or a directory of packs), plus any pack they `use` that only the binary has.

use crate::error::CliError;
use psr_lang::{compile, Compiled, DirPack, MemoryPack, PackReader};
use std::path::PathBuf;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_packs.rs"));
}

/// The shipped packs.
pub fn embedded_packs() -> Vec<MemoryPack> {
    embedded::EMBEDDED_PACKS
        .iter()
        .map(|(name, files)| {
            MemoryPack::new(
                format!("rules/{name}"),
                files.iter().map(|(p, b)| ((*p).to_string(), *b)).collect(),
            )
        })
        .collect()
}

/// The pack directories named by `dirs`: each is a pack, or holds packs one level down.
pub fn pack_dirs(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    for d in dirs {
        if !d.is_dir() {
            return Err(CliError::RulesDir {
                path: d.display().to_string(),
                why: "not a directory".into(),
            });
        }
        if d.join("pack.psrl").is_file() {
            out.push(d.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(d)
            .map_err(|e| CliError::RulesDir {
                path: d.display().to_string(),
                why: e.to_string(),
            })?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.join("pack.psrl").is_file())
            .collect();
        if found.is_empty() {
            return Err(CliError::RulesDir {
                path: d.display().to_string(),
                why: "it has no `pack.psrl`, and no sub-directory has one".into(),
            });
        }
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

/// Compiles the packs: `dirs` when given (plus any embedded pack they use but do not provide),
/// else the embedded packs.
pub fn load(dirs: &[PathBuf]) -> Result<Compiled, CliError> {
    let embedded = embedded_packs();
    let dir_packs: Vec<DirPack> = pack_dirs(dirs)?.into_iter().map(DirPack::new).collect();
    let mut readers: Vec<&dyn PackReader> = Vec::new();
    if dir_packs.is_empty() {
        readers.extend(embedded.iter().map(|p| p as &dyn PackReader));
    } else {
        let names: Vec<String> = dir_packs
            .iter()
            .filter_map(|p| manifest(p).map(|m| m.0))
            .collect();
        let mut wanted: Vec<String> = dir_packs
            .iter()
            .filter_map(|p| manifest(p))
            .flat_map(|m| m.1)
            .collect();
        readers.extend(dir_packs.iter().map(|p| p as &dyn PackReader));
        let mut added: Vec<String> = Vec::new();
        while let Some(w) = wanted.pop() {
            if names.contains(&w) || added.contains(&w) {
                continue;
            }
            if let Some(e) = embedded
                .iter()
                .find(|e| manifest(*e).is_some_and(|m| m.0 == w))
            {
                added.push(w);
                wanted.extend(manifest(e).map(|m| m.1).unwrap_or_default());
                readers.push(e);
            }
        }
    }
    compile(&readers).map_err(CliError::Packs)
}

/// A pack's name and `uses`, read from its manifest; `None` when it cannot be read.
fn manifest(reader: &dyn PackReader) -> Option<(String, Vec<String>)> {
    let bytes = reader.read("pack.psrl").ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let file = psr_lang::syntax::parse_file(&text).ok()?;
    file.items.into_iter().find_map(|i| match i {
        psr_lang::ast::Item::Pack(p) => {
            Some((p.name.name, p.uses.into_iter().map(|u| u.name).collect()))
        }
        _ => None,
    })
}
