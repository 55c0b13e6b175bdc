//! Finding arrangement files: named files are checked whatever their name; directories are walked
//! honouring `.gitignore`, and yield `*.arrangement.{toml,json,yaml,yml}`.

use crate::error::CliError;
use psr_diagnostics::CfgError;
use psr_source::Syntax;
use std::path::{Path, PathBuf};

/// A file to check, or a problem met while walking (reported as a finding on that path).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Discovered {
    /// A file to check.
    File(PathBuf),
    /// A path that could not be walked or read.
    Problem(PathBuf, String),
}

impl Discovered {
    /// The path found.
    pub fn path(&self) -> &Path {
        match self {
            Discovered::File(p) | Discovered::Problem(p, _) => p,
        }
    }
}

/// The files under `paths`, sorted and without duplicates.
///
/// A path named on the command line that does not exist or cannot be read is an error (exit
/// status 2); a problem met while walking a directory is reported as a finding on that path.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Discovered>, CliError> {
    let mut out = Vec::new();
    for p in paths {
        let unreadable = |source: std::io::Error| CfgError::Io {
            context: format!("cannot read `{}`", p.display()),
            source,
        };
        match std::fs::symlink_metadata(p) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(CfgError::MissingPath {
                    path: p.display().to_string(),
                }
                .into());
            }
            Err(e) => return Err(unreadable(e).into()),
            Ok(_) => {}
        }
        // The same, following symbolic links.
        let meta = std::fs::metadata(p).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                unreadable(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "it is a symbolic link to a path that does not exist",
                ))
            } else {
                unreadable(e)
            }
        })?;
        if meta.is_file() {
            std::fs::File::open(p).map_err(unreadable)?;
            out.push(Discovered::File(p.clone()));
            continue;
        }
        if !meta.is_dir() {
            out.push(Discovered::Problem(
                p.clone(),
                "not a regular file or directory".into(),
            ));
            continue;
        }
        std::fs::read_dir(p).map_err(unreadable)?;
        let walker = ignore::WalkBuilder::new(p)
            .follow_links(true)
            .require_git(false)
            .build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    let path = e.path();
                    if e.file_type().is_some_and(|t| t.is_file())
                        && Syntax::of_arrangement_name(path).is_some()
                    {
                        out.push(Discovered::File(clean(path)));
                    }
                }
                Err(err) => {
                    let path = error_path(&err).unwrap_or_else(|| p.clone());
                    out.push(Discovered::Problem(clean(&path), describe(&err)));
                }
            }
        }
    }
    // Sorted as the paths are shown, so that every format lists files in the same order.
    // (A path's bytes order UTF-8 text as its characters do, without making a string of each.)
    out.sort_unstable_by(|a, b| {
        (a.path().as_os_str().as_encoded_bytes(), a)
            .cmp(&(b.path().as_os_str().as_encoded_bytes(), b))
    });
    out.dedup();
    Ok(out)
}

/// Files under the directories of `paths` that look like arrangement files but are not named as
/// one (`podiatry.toml` with an `[arrangement]` table, `podiatry-arrangement.toml`), each with the
/// name it should have; at most `limit` of them, sorted.
pub fn near_misses(paths: &[PathBuf], limit: usize) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for p in paths.iter().filter(|p| p.is_dir()) {
        let walker = ignore::WalkBuilder::new(p)
            .follow_links(true)
            .require_git(false)
            .build();
        for e in walker.filter_map(Result::ok) {
            let path = e.path();
            if !e.file_type().is_some_and(|t| t.is_file())
                || Syntax::of_arrangement_name(path).is_some()
            {
                continue;
            }
            if let Some(name) = arrangement_name_for(path) {
                out.push((clean(path), name));
            }
        }
    }
    out.sort();
    out.truncate(limit);
    out
}

/// The arrangement name a TOML, JSON or YAML file should have when its name or its first bytes
/// say it describes an arrangement.
fn arrangement_name_for(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let (stem, ext) = name.rsplit_once('.')?;
    Syntax::from_path(path)?;
    let lower = stem.to_ascii_lowercase();
    let named = lower.contains("arrangement");
    let looks = || {
        use std::io::Read;
        let mut head = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(64 * 1024).read_to_end(&mut head))
            .is_ok()
            && String::from_utf8_lossy(&head)
                .lines()
                .map(str::trim)
                .any(Syntax::opens_arrangement)
    };
    if !named && !looks() {
        return None;
    }
    let mut base = stem;
    for suffix in [
        ".arrangements",
        "-arrangements",
        "_arrangements",
        ".arrangement",
        "-arrangement",
        "_arrangement",
    ] {
        if lower.ends_with(suffix) && lower.len() > suffix.len() {
            base = &stem[..stem.len() - suffix.len()];
            break;
        }
    }
    Some(format!("{base}.arrangement.{ext}"))
}

fn clean(p: &Path) -> PathBuf {
    p.strip_prefix("./")
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf())
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn describe(err: &ignore::Error) -> String {
    match err {
        ignore::Error::Loop { ancestor, .. } => {
            format!("a symbolic link loop back to `{}`", ancestor.display())
        }
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => describe(err),
        ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            "permission denied".into()
        }
        // ELOOP: a symbolic link that leads back to itself.
        ignore::Error::Io(e) if is_link_loop(e) => {
            "a symbolic link that leads back to itself".into()
        }
        ignore::Error::Io(e) => e.kind().to_string(),
        other => other.to_string(),
    }
}

/// Whether an I/O error is ELOOP (a symbolic link that leads back to itself): by its OS code,
/// or by the words of its kind where the code was lost.
fn is_link_loop(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(40) || e.kind().to_string().contains("loop")
}
