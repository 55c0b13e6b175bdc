//! psrlint's diagnostics registry: [`CODES`], one row for every code psrlint itself can emit
//! (`ARR…`, `WVR…`, `RL…`, `CFG…`, `IMP…`, `RPT…`; rule codes such as `PSR012` come from the rule
//! packs at run time), the one [`Diagnostic`] that language, engine and command-line errors
//! convert into for output, the `CFG` errors every command shares ([`CfgError`]), and the one
//! did-you-mean helper ([`suggest::closest`]).
//!
//! It sits low in the dependency graph (only `psr-source` below it), so that the language, the
//! engine, the renderers and the command line all read the same table.

pub mod cfg_error;
pub mod codes;
pub mod diagnostic;
pub mod docs;
pub mod severity;
pub mod suggest;

pub use cfg_error::CfgError;
pub use codes::{docs_url, lookup, Code, Family, CODES};
pub use diagnostic::{Diagnostic, Related};
pub use severity::Severity;
