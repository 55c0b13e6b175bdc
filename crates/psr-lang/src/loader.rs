//! Reading rule packs: from a directory on disk, or from files embedded in a binary. A pack is a
//! directory with `pack.psrl` and other `*.psrl` files; data files are read only on request, and
//! never from outside the pack. Finding packs and resolving `uses` is [`find`]'s.

mod find;

pub use find::{
    is_pack, load, manifest, owning_pack, pack_dirs, packs_under, resolve, with_sibling_uses,
    LoadError, Manifest, PackDirError, MANIFEST,
};
use std::io;
use std::path::{Component, Path, PathBuf};

/// Access to one pack's files, by paths relative to the pack directory.
pub trait PackReader: Send + Sync {
    /// How to show the pack's location (`rules/psr2023`).
    fn display_root(&self) -> String;
    /// The rule files (`*.psrl`) directly in the pack directory, sorted.
    fn rule_files(&self) -> io::Result<Vec<String>>;
    /// Reads a file, given a path relative to the pack directory that has already been checked
    /// to stay inside the pack.
    fn read(&self, relative: &str) -> io::Result<Vec<u8>>;
    /// The rule file `relative` (as [`read`](PackReader::read) gives it) already parsed, for a
    /// reader that keeps its files parsed ([`ParsedPack`](crate::ParsedPack)); `None` has it
    /// parsed.
    fn parsed(&self, _relative: &str) -> Option<crate::ast::File> {
        None
    }
}

/// Whether `relative` is a plain relative path that stays inside the pack directory.
pub fn stays_inside(relative: &str) -> bool {
    let p = Path::new(relative);
    !relative.is_empty()
        && !relative.contains('\\')
        && p.components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// The error for a path that leaves the pack directory.
fn outside() -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        "the path leaves the pack directory",
    )
}

/// Refuses a path that is not a plain relative path inside the pack.
fn refuse_outside(relative: &str) -> io::Result<()> {
    if stays_inside(relative) {
        Ok(())
    } else {
        Err(outside())
    }
}

/// A pack in a directory on disk, optionally with some of its rule files' text given in memory
/// (an editor's unsaved buffers).
#[derive(Clone, Debug)]
pub struct DirPack {
    dir: PathBuf,
    overlay: Vec<(String, Vec<u8>)>,
}

impl DirPack {
    /// The pack in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        DirPack {
            dir: dir.into(),
            overlay: Vec::new(),
        }
    }

    /// The same pack, reading `text` for the rule file `name` (a `*.psrl` file directly in the
    /// pack directory) instead of the file on disk, which need not exist.
    pub fn with_file(mut self, name: impl Into<String>, text: impl Into<Vec<u8>>) -> Self {
        let name = name.into();
        self.overlay.retain(|(n, _)| *n != name);
        self.overlay.push((name, text.into()));
        self
    }

    /// The pack's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl PackReader for DirPack {
    fn display_root(&self) -> String {
        self.dir.display().to_string()
    }

    fn rule_files(&self) -> io::Result<Vec<String>> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".psrl") && entry.file_type()?.is_file() {
                out.push(name);
            }
        }
        for (name, _) in &self.overlay {
            if name.ends_with(".psrl") && !name.contains('/') && !out.contains(name) {
                out.push(name.clone());
            }
        }
        out.sort();
        Ok(out)
    }

    fn read(&self, relative: &str) -> io::Result<Vec<u8>> {
        refuse_outside(relative)?;
        let want = relative.trim_start_matches("./");
        if let Some((_, text)) = self.overlay.iter().find(|(n, _)| n == want) {
            return Ok(text.clone());
        }
        let path = self.dir.join(relative);
        // Refuse a symbolic link that points outside the pack.
        let root = self.dir.canonicalize()?;
        let real = path.canonicalize()?;
        if !real.starts_with(&root) {
            return Err(outside());
        }
        std::fs::read(real)
    }
}

/// A pack whose files are held in memory (embedded in the binary, or built by tests).
#[derive(Clone, Debug)]
pub struct MemoryPack {
    root: String,
    files: Vec<(String, &'static [u8])>,
}

impl MemoryPack {
    /// A pack shown as `root`, with files given by relative path.
    pub fn new(root: impl Into<String>, files: Vec<(String, &'static [u8])>) -> Self {
        MemoryPack {
            root: root.into(),
            files,
        }
    }
}

impl PackReader for MemoryPack {
    fn display_root(&self) -> String {
        self.root.clone()
    }

    fn rule_files(&self) -> io::Result<Vec<String>> {
        let mut out: Vec<String> = self
            .files
            .iter()
            .map(|(p, _)| p.clone())
            .filter(|p| p.ends_with(".psrl") && !p.contains('/'))
            .collect();
        out.sort();
        Ok(out)
    }

    fn read(&self, relative: &str) -> io::Result<Vec<u8>> {
        refuse_outside(relative)?;
        let want = relative.trim_start_matches("./");
        self.files
            .iter()
            .find(|(p, _)| p == want)
            .map(|(_, b)| b.to_vec())
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file in the pack"))
    }
}

#[cfg(test)]
mod tests {
    use super::{stays_inside, DirPack, PackReader};

    #[test]
    fn a_dir_pack_reads_given_text_before_the_disk() {
        let dir = std::env::temp_dir().join(format!("psrl-overlay-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        std::fs::write(dir.join("a.psrl"), "on disk").expect("writable");
        let pack = DirPack::new(&dir)
            .with_file("a.psrl", "in memory")
            .with_file("new.psrl", "unsaved");
        assert_eq!(pack.read("a.psrl").expect("a.psrl"), b"in memory");
        assert_eq!(pack.read("new.psrl").expect("new.psrl"), b"unsaved");
        assert_eq!(
            pack.rule_files().expect("listed"),
            vec!["a.psrl".to_string(), "new.psrl".to_string()]
        );
        std::fs::remove_dir_all(&dir).expect("removed");
    }

    #[test]
    fn paths_must_stay_inside_the_pack() {
        assert!(stays_inside("data/icbs.csv"));
        assert!(stays_inside("./data/icbs.csv"));
        assert!(!stays_inside("../other/x.csv"));
        assert!(!stays_inside("data/../../x.csv"));
        assert!(!stays_inside("/etc/passwd"));
        assert!(!stays_inside(""));
    }
}
