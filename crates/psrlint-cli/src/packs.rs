//! Choosing and compiling rule packs: the packs embedded in the binary, or `--rules` directories
//! (a pack directory, or a directory of packs), plus any pack they `use` that only the binary has.

use crate::error::CliError;
use psr_lang::{compile, Compiled, DirPack, MemoryPack, PackReader};
use std::path::PathBuf;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_packs.rs"));

    /// The shipped packs compiled at build time (postcard).
    pub static PROGRAM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/program.postcard"));
}

/// The shipped packs, compiled when psrlint was built.
fn embedded_program() -> Option<Compiled> {
    let program = postcard::from_bytes(embedded::PROGRAM).ok()?;
    Some(Compiled { program, warnings: Vec::new() })
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

/// The rule directories in force: `--rules` when given, else the configuration's `rules`; then
/// the configuration's `extra_rules`. Empty means the embedded packs.
pub fn rule_dirs(args: &crate::args::PackArgs, settings: &crate::config::Settings) -> Vec<PathBuf> {
    let mut dirs = if args.rules.is_empty() {
        settings.rules.clone()
    } else {
        args.rules.clone()
    };
    dirs.extend(settings.extra_rules.iter().cloned());
    dirs
}

/// Loads the configuration (`--config`, or the nearest `psrlint.toml`) and compiles the packs
/// it and `--rules` name, for the commands that need only the rules.
pub fn load_configured(args: &crate::args::PackArgs) -> Result<Compiled, CliError> {
    let settings = crate::config::Settings::load(args.config.as_deref())?;
    load(&rule_dirs(args, &settings))
}

/// Compiles the packs: `dirs` when given (plus any embedded pack they use but do not provide),
/// else the embedded packs.
pub fn load(dirs: &[PathBuf]) -> Result<Compiled, CliError> {
    let embedded = embedded_packs();
    let dir_packs: Vec<DirPack> = pack_dirs(dirs)?.into_iter().map(DirPack::new).collect();
    let mut readers: Vec<&dyn PackReader> = Vec::new();
    if dir_packs.is_empty() {
        if let Some(c) = embedded_program() {
            return Ok(c);
        }
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_precompiled_program_loads_and_matches_the_sources() {
        let pre = super::embedded_program().expect("the embedded program deserializes");
        let embedded = super::embedded_packs();
        let readers: Vec<&dyn super::PackReader> = embedded.iter().map(|p| p as &dyn super::PackReader).collect();
        let fresh = super::compile(&readers).expect("the shipped packs compile");
        let codes = |p: &psr_lang::Program| p.rules.iter().map(|r| r.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&pre.program), codes(&fresh.program));
        assert_eq!(format!("{:?}", pre.program.rules), format!("{:?}", fresh.program.rules));
    }
}
