//! The psrlint rule language: grammar ([`syntax`], `grammar.pest`), syntax tree ([`ast`]), static
//! checker ([`compile`]) and the compiled form the engine evaluates ([`Program`]).
//!
//! ```
//! use psr_lang::{compile, MemoryPack};
//! let pack = MemoryPack::new("demo", vec![
//!     ("pack.psrl".into(), b"pack demo { version: \"1.0.0\" }".as_slice()),
//!     ("schema.psrl".into(), b"record file { format: integer }\nroot file".as_slice()),
//! ]);
//! let compiled = compile(&[&pack]).expect("the pack is valid");
//! assert!(compiled.program.schema.root.is_some());
//! ```

pub mod ast;
pub mod builtin;
mod check;
pub mod diagnostics;
pub mod format;
pub mod loader;
mod parsed_pack;
pub mod program;
pub mod syntax;
pub mod types;
pub mod value;

pub use check::{compile, Compiled};
pub use diagnostics::{LangError, LangErrorKind};
pub use loader::{DirPack, MemoryPack, PackReader};
pub use parsed_pack::ParsedPack;
pub use program::*;
pub use types::Type;
pub use value::{Origin, Val, Value};
