//! What the server needs from the program that runs it: the workspace's configuration and rule
//! packs, loaded exactly as `psrlint check` loads them (the command line implements [`Host`]).

use psr_engine::{CheckOptions, Engine, FileReport};
use psr_lang::{Compiled, LangError};
use std::path::{Path, PathBuf};

/// Applies the workspace's configuration to one file's findings (select, ignore, per-path
/// ignores, severity overrides), as `check` does.
pub type Filter = Box<dyn Fn(&mut FileReport) + Send>;

/// The set-up for checking arrangement files in one workspace.
pub struct Workspace {
    /// The compiled rule packs in force.
    pub engine: Engine,
    /// Today's date and the size limit, as `check` would use them.
    pub options: CheckOptions,
    /// The configuration's filter.
    pub filter: Filter,
    /// Warnings from compiling the packs (unused definitions).
    pub warnings: Vec<LangError>,
}

/// Why a workspace or a pack could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    /// The configuration (or a `--rules` directory) is wrong: the rendered report.
    #[error("{0}")]
    Config(String),
    /// The rule packs have errors.
    #[error("the rule packs have {} problem(s)", .0.len())]
    Packs(Vec<LangError>),
}

/// Loads configuration and rule packs for the server.
pub trait Host {
    /// The checking set-up for files under `root` (the editor's workspace folder): the nearest
    /// `psrlint.toml` upward from it (or the one given on the command line) and the packs it and
    /// `--rules` name.
    fn workspace(&self, root: Option<&Path>) -> Result<Workspace, HostError>;

    /// Compiles the rule packs in `dirs` (each a pack, or a directory of packs), reading the rule
    /// files of `overlay` (absolute path, text) from memory: for diagnostics in rule files.
    fn compile_rules(
        &self,
        dirs: &[PathBuf],
        overlay: &[(PathBuf, String)],
    ) -> Result<Compiled, Vec<LangError>>;
}
