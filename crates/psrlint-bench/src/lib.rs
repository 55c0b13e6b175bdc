//! psrlint's benchmarks, as a library: the corpus generator, the inputs built to be slow and the
//! options the benchmark binaries share, for the benchmark binaries and the tests (see
//! docs/performance.md and docs/robustness.md).

pub mod corpus;
pub mod options;
pub mod slow_inputs;
