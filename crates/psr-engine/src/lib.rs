//! The psrlint engine: loads arrangement files (TOML, JSON, YAML) into typed, spanned values,
//! validates them against the schema the rule packs declare, evaluates the compiled rules in force
//! on the arrangement's decision date, applies waivers, and returns ordered [`Finding`]s.
//!
//! ```
//! use psr_engine::{CheckOptions, Engine, SourceFile};
//! use psr_lang::{compile, MemoryPack};
//! use std::sync::Arc;
//!
//! let pack = MemoryPack::new("demo", vec![
//!     ("pack.psrl".into(), br#"pack demo { version: "1.0.0" }"#.as_slice()),
//!     ("rules.psrl".into(), br##"
//!         record Info { decision_date: date }
//!         record File { format: integer  arrangement: Info  budget: money? }
//!         root File
//!         rule DEMO001 budget-recorded {
//!           severity: error
//!           cite: "SI 2023/1348" "reg 24" "https://www.legislation.gov.uk/uksi/2023/1348/regulation/24"
//!           in_force: 2024-01-01 ..
//!           summary: "The budget is recorded"
//!           require: budget is present
//!           at: budget
//!           message: "no budget is recorded"
//!           help: "add `budget`"
//!           doc: "d"
//!           compliant: "budget = 1"
//!           non_compliant: "n"
//!         }
//!     "##.as_slice()),
//! ]);
//! let program = Arc::new(compile(&[&pack]).expect("valid pack").program);
//! let engine = Engine::new(program);
//! let today = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
//! let file = SourceFile {
//!     path: "a.arrangement.toml".into(),
//!     bytes: b"format = 1\n[arrangement]\ndecision_date = 2024-06-01\n".to_vec(),
//! };
//! let report = engine.check(&file, &CheckOptions::new(today));
//! assert_eq!(report.findings.len(), 1);
//! assert_eq!(report.findings[0].code, "DEMO001");
//! ```

pub mod calendar;
pub mod codes;
pub mod document;
mod engine;
pub mod eval;
pub mod finding;
pub mod format;
mod index;
mod order;
mod public_record;
pub mod reading;
pub mod run;
/// "Did you mean" suggestions: the one helper, from `psr-diagnostics`.
pub use psr_diagnostics::suggest;
mod trace;
mod waivers;

pub use codes::EngineCode;
pub use engine::{unreadable, CheckOptions, Engine, SourceFile};
pub use finding::{
    Citation, FileReport, Finding, RelatedLabel, Severity, Status, TraceStep, TraceWords,
    WaiverInfo,
};
pub use reading::{Item, Reading};
pub use run::{FirstPass, RunIndex};
