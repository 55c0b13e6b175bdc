//! Finding rule packs and choosing the packs a run compiles: a pack is a directory with a manifest
//! ([`MANIFEST`]); a directory named by a user is a pack or holds packs one level down; a pack's
//! `uses` are met by its sibling packs or by the packs shipped with psrlint.

use super::{DirPack, MemoryPack, PackReader};
use crate::{compile, Compiled, LangError};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The file that makes a directory a rule pack.
pub const MANIFEST: &str = "pack.psrl";

/// Whether `dir` is a rule pack (it has a [`MANIFEST`]).
pub fn is_pack(dir: &Path) -> bool {
    dir.join(MANIFEST).is_file()
}

/// The packs directly under `dir`, sorted; none when it cannot be read.
pub fn packs_under(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| is_pack(p))
        .collect();
    found.sort();
    found
}

/// The nearest directory above `path` that is a pack.
pub fn owning_pack(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .find(|d| is_pack(d))
        .map(Path::to_path_buf)
}

/// A directory named as rule packs that holds none.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("`{path}` is not a rule pack directory: {why}")]
#[diagnostic(
    code(CFG002),
    help("give a directory with `pack.psrl`, or a directory of such directories")
)]
pub struct PackDirError {
    /// The directory as named.
    pub path: String,
    /// Why it is not usable.
    pub why: String,
}

impl PackDirError {
    /// The error for `path`, for the reason `why`.
    pub fn new(path: &Path, why: impl ToString) -> Self {
        PackDirError {
            path: path.display().to_string(),
            why: why.to_string(),
        }
    }
}

/// The pack directories `dirs` name, in order: each is a pack, or holds packs one level down
/// (sorted).
///
/// # Errors
/// [`PackDirError`] for a path that is not a directory, cannot be read, or holds no pack.
pub fn pack_dirs(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, PackDirError> {
    let mut out = Vec::new();
    for d in dirs {
        let refuse = |why: String| PackDirError::new(d, why);
        if !d.is_dir() {
            return Err(refuse("not a directory".into()));
        }
        if is_pack(d) {
            out.push(d.clone());
            continue;
        }
        std::fs::read_dir(d).map_err(|e| refuse(e.to_string()))?;
        let found = packs_under(d);
        if found.is_empty() {
            return Err(refuse(format!(
                "it has no `{MANIFEST}`, and no sub-directory has one"
            )));
        }
        out.extend(found);
    }
    Ok(out)
}

/// What a pack's manifest says about its place among packs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    /// The pack's name.
    pub name: String,
    /// The packs it `uses`.
    pub uses: Vec<String>,
}

/// A pack's name and `uses`, read from its manifest; `None` when it cannot be read or parsed
/// (compiling the pack then says why).
pub fn manifest(reader: &dyn PackReader) -> Option<Manifest> {
    let bytes = reader.read(MANIFEST).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let file = crate::syntax::parse_file(&text).ok()?;
    file.items.into_iter().find_map(|i| match i {
        crate::ast::Item::Pack(p) => Some(Manifest {
            name: p.name.name,
            uses: p.uses.into_iter().map(|u| u.name).collect(),
        }),
        _ => None,
    })
}

/// The pack in `pack` and the packs it uses, directly or not, found among its sibling
/// directories, sorted. Packs it uses that are not there are left to the shipped ones.
pub fn with_sibling_uses(pack: &Path) -> Vec<PathBuf> {
    let of = |dir: &Path| manifest(&DirPack::new(dir));
    let mut siblings: BTreeMap<String, PathBuf> = BTreeMap::new();
    let absolute = pack.canonicalize().unwrap_or_else(|_| pack.to_path_buf());
    if let Some(parent) = absolute.parent() {
        for dir in packs_under(parent) {
            if let Some(m) = of(&dir).filter(|_| dir != absolute) {
                siblings.entry(m.name).or_insert(dir);
            }
        }
    }
    let mut chosen = BTreeSet::from([pack.to_path_buf()]);
    let mut todo: Vec<String> = of(pack).map(|m| m.uses).unwrap_or_default();
    while let Some(name) = todo.pop() {
        if let Some(dir) = siblings.get(&name) {
            if chosen.insert(dir.clone()) {
                todo.extend(of(dir).map(|m| m.uses).unwrap_or_default());
            }
        }
    }
    chosen.into_iter().collect()
}

/// The readers to compile: every pack of `packs`, then each shipped pack that one of them uses
/// (directly or not) and none of them provides by name; with `shipped_too`, every shipped pack
/// they do not replace by name as well. With no `packs`, the shipped packs.
pub fn resolve<'a>(
    packs: &'a [DirPack],
    shipped: &'a [MemoryPack],
    shipped_too: bool,
) -> Vec<&'a dyn PackReader> {
    if packs.is_empty() {
        return shipped.iter().map(|p| p as &dyn PackReader).collect();
    }
    let mine: Vec<Manifest> = packs
        .iter()
        .filter_map(|p| manifest(p as &dyn PackReader))
        .collect();
    let shipped: Vec<(Manifest, &MemoryPack)> = shipped
        .iter()
        .filter_map(|p| Some((manifest(p as &dyn PackReader)?, p)))
        .collect();
    let mut wanted: Vec<String> = mine.iter().flat_map(|m| m.uses.clone()).collect();
    if shipped_too {
        wanted.extend(shipped.iter().map(|(m, _)| m.name.clone()));
    }
    let mut readers: Vec<&dyn PackReader> = packs.iter().map(|p| p as &dyn PackReader).collect();
    let mut added: Vec<String> = Vec::new();
    while let Some(w) = wanted.pop() {
        if mine.iter().any(|m| m.name == w) || added.contains(&w) {
            continue;
        }
        if let Some((m, p)) = shipped.iter().find(|(m, _)| m.name == w) {
            added.push(w);
            wanted.extend(m.uses.iter().cloned());
            readers.push(*p);
        }
    }
    readers
}

/// Why a set of packs could not be loaded.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum LoadError {
    /// A directory named as packs holds none.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Dir(#[from] PackDirError),
    /// The packs have errors (listed; warnings may be among them).
    #[error("the rule packs have {} problem(s)", .0.iter().filter(|e| !e.is_warning()).count())]
    Packs(Vec<LangError>),
}

/// Compiles the packs under `dirs` ([`pack_dirs`]) with the shipped packs they need
/// ([`resolve`]), reading the rule files named in `overlay` (path, text) from memory instead of
/// the disk (an editor's unsaved buffers).
///
/// # Errors
/// [`LoadError::Dir`] for a directory that holds no pack, [`LoadError::Packs`] when the packs
/// do not compile.
pub fn load(
    dirs: &[PathBuf],
    overlay: &[(PathBuf, String)],
    shipped: &[MemoryPack],
    shipped_too: bool,
) -> Result<Compiled, LoadError> {
    let packs: Vec<DirPack> = pack_dirs(dirs)?
        .into_iter()
        .map(|d| {
            let mine = overlay
                .iter()
                .filter(|(p, _)| p.parent() == Some(d.as_path()));
            mine.fold(DirPack::new(&d), |pack, (p, text)| {
                match p.file_name().map(|n| n.to_string_lossy().into_owned()) {
                    Some(n) => pack.with_file(n, text.as_bytes()),
                    None => pack,
                }
            })
        })
        .collect();
    compile(&resolve(&packs, shipped, shipped_too)).map_err(LoadError::Packs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules")
    }

    #[test]
    fn a_directory_of_packs_gives_its_packs_in_order() {
        let found = pack_dirs(&[rules()]).expect("rules/ holds packs");
        let names: Vec<_> = found
            .iter()
            .filter_map(|p| p.file_name()?.to_str())
            .collect();
        assert!(names.contains(&"arrangement") && names.contains(&"psr2023"));
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        let one = rules().join("psr2023");
        assert_eq!(
            pack_dirs(std::slice::from_ref(&one)).expect("a pack"),
            [one]
        );
    }

    #[test]
    fn a_directory_without_packs_is_refused_with_the_reason() {
        let e = pack_dirs(&[rules().join("psr2023/data")]).expect_err("no pack there");
        assert!(e.why.contains("no `pack.psrl`"), "{e}");
        let e = pack_dirs(&[rules().join("no-such-dir")]).expect_err("missing");
        assert_eq!(e.why, "not a directory");
    }

    #[test]
    fn a_pack_brings_the_siblings_it_uses() {
        let psr = rules().join("psr2023");
        let chosen = with_sibling_uses(&psr);
        assert!(chosen.contains(&psr), "{chosen:?}");
        assert!(
            chosen.iter().any(|p| p.ends_with("arrangement")),
            "{chosen:?}"
        );
        let test = psr.join("tests/x.arrangement.toml");
        assert_eq!(owning_pack(&test), Some(psr));
    }

    #[test]
    fn shipped_packs_fill_in_what_the_given_packs_use() {
        let shipped = [MemoryPack::new(
            "shipped/base",
            vec![(
                "pack.psrl".into(),
                b"pack base { version: \"1.0.0\" }".as_slice(),
            )],
        )];
        let dir = std::env::temp_dir().join(format!("psrl-resolve-{}", std::process::id()));
        let user =
            DirPack::new(&dir).with_file(MANIFEST, "pack mine { version: \"1.0.0\" uses: base }");
        let readers = resolve(std::slice::from_ref(&user), &shipped, false);
        let roots: Vec<String> = readers.iter().map(|r| r.display_root()).collect();
        assert_eq!(roots, [dir.display().to_string(), "shipped/base".into()]);
        let alone = DirPack::new(&dir).with_file(MANIFEST, "pack mine { version: \"1.0.0\" }");
        assert_eq!(
            resolve(std::slice::from_ref(&alone), &shipped, false).len(),
            1
        );
        assert_eq!(
            resolve(std::slice::from_ref(&alone), &shipped, true).len(),
            2
        );
        assert_eq!(resolve(&[], &shipped, false).len(), 1);
    }
}
