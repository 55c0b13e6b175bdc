//! Saving imported arrangements in a directory, one file per notice, named after the release.
//! A file that exists and was not written by an import (it has no `imported_from` marker) is
//! never overwritten.

use crate::findings::{ImportCode, ImportFinding};
use crate::model::Arrangement;
use crate::write::{write, Syntax};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What became of one arrangement.
#[derive(Debug)]
pub enum Saved {
    /// Written to this path.
    Written(PathBuf),
    /// Not written: why.
    Refused(ImportFinding),
}

/// Writes each arrangement to `dir` as `STEM.arrangement.EXT`. Names that two notices share get
/// `-2`, `-3`, … in the order given. `Err` when the directory cannot be created.
pub fn save(
    arrangements: &[Arrangement],
    dir: &Path,
    syntax: Syntax,
) -> std::io::Result<Vec<Saved>> {
    std::fs::create_dir_all(dir)?;
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(arrangements.len());
    for a in arrangements {
        let n = seen.entry(a.stem.as_str()).or_insert(0);
        *n += 1;
        let stem = if *n == 1 {
            a.stem.clone()
        } else {
            format!("{}-{n}", a.stem)
        };
        let path = dir.join(format!("{stem}.arrangement.{}", syntax.extensions()[0]));
        let subject = a.origin.release.clone().unwrap_or_else(|| stem.clone());
        if let Ok(existing) = std::fs::read_to_string(&path) {
            if !existing.contains("imported_from") {
                out.push(Saved::Refused(ImportFinding::new(
                    ImportCode::NotOverwritten,
                    subject,
                    format!(
                        "{} exists and was not written by psrlint import; it is left as it is",
                        path.display()
                    ),
                )));
                continue;
            }
        }
        match std::fs::write(&path, write(a, syntax)) {
            Ok(()) => out.push(Saved::Written(path)),
            Err(e) => out.push(Saved::Refused(ImportFinding::new(
                ImportCode::NotOverwritten,
                subject,
                format!("cannot write {}: {e}", path.display()),
            ))),
        }
    }
    Ok(out)
}
