//! What rule-pack authors run, as a library the command line wires up: the rule-test runner
//! ([`rule_tests`]: find tests, check them with their packs, compare with `.expected`), statute
//! coverage ([`coverage`]: provision maps and which provisions tested rules enforce) and the JSON
//! Schema of the arrangement format ([`schema`]).
//!
//! Nothing here prints to the terminal or exits: results are returned, or written to the writer
//! given, so that each piece is tested without the binary.

mod error;

pub mod coverage;
pub mod rule_tests;
pub mod schema;

pub use error::{AuthoringError, MapError};
