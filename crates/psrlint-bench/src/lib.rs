//! psrlint's benchmarks, as a library: the corpus generator and the inputs built to be slow,
//! shared by the benchmark binaries and the tests (see docs/performance.md and
//! docs/robustness.md).

pub mod corpus;
pub mod slow_inputs;
