//! What psrlint's tests share (a dev-dependency of every test crate, never published): the
//! workspace's paths, the engines built from the shipped packs ([`engine`]), running the binary
//! as a user does ([`bin`], [`demo`], [`lsp`]), random arrangements ([`arbitrary`]) and the
//! property-test generators of rule-language expressions ([`gen`]), plus readable renderings for
//! the source and report crates' tests ([`source`], [`report`]) and the SARIF schema check
//! ([`sarif`]).
//!
//! Test code: a helper that cannot do its job panics with what went wrong.

#![allow(
    clippy::unwrap_used,
    missing_docs,
    reason = "test helpers: a failure is a failed test"
)]
#![allow(
    clippy::should_implement_trait,
    reason = "arbitrary::Rng::next is a generator's step, not an iterator"
)]

pub mod arbitrary;
pub mod bin;
pub mod demo;
pub mod engine;
pub mod gen;
pub mod lsp;
pub mod report;
pub mod sarif;
pub mod source;

use std::path::{Path, PathBuf};

/// The workspace root (the `psrlint` package), as an absolute path without `..`.
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .unwrap_or(manifest)
        .to_path_buf()
}

/// The shipped rule packs' directory, `rules/`.
pub fn rules() -> PathBuf {
    root().join("rules")
}
