//! Renderers for psrlint's results, one module per `--format`, each an [`Emitter`] that writes a
//! run to a `&mut dyn Write` as its files come in path order, streaming what its document lets it
//! (see [`emit`]). They know nothing about rules beyond what a [`Finding`](psr_engine::Finding)
//! carries (and, for SARIF's rule list, what the compiled program declares).
//!
//! | format    | module       | for                                                        | writes          |
//! |-----------|--------------|------------------------------------------------------------|-----------------|
//! | `human`   | [`human`]    | people: source excerpts with labels, help and the law      | each file       |
//! | `concise` | [`concise`]  | people and `grep`: `path:line:col: CODE severity: message` | each file       |
//! | `json`    | [`json`]     | programs: the versioned JSON report                        | files, findings at the end |
//! | `sarif`   | [`sarif`]    | code scanning: SARIF 2.1.0                                 | results, rules at the end  |
//! | `github`  | [`github`]   | GitHub Actions annotations                                 | each file       |
//! | `junit`   | [`junit`]    | CI test reports                                            | all at the end (counts first) |
//!
//! `html` is written by `psr-report` (see [`Format::emitter`]).
//!
//! Adding a format: a module with a type that implements [`Emitter`], a variant of [`Format`],
//! and its arm in [`Format::emitter`].

pub mod concise;
pub mod emit;
pub mod excerpt;
mod format;
pub mod github;
pub mod human;
pub mod json;
mod json_part;
pub mod junit;
pub mod line;
mod pretty;
pub mod problems;
mod run;
pub mod safe;
pub mod sarif;
mod spill;

pub use emit::{render, Emitter, FileStream, Part};
pub use format::{EmitterContext, Format};
pub use run::{RunReport, Summary};
pub use spill::SpillError;
