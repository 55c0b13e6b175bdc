//! The `psrlint` binary: all behaviour lives in the `psrlint-cli` crate.

/// mimalloc: psrlint allocates many small, short-lived values per file, where it is markedly
/// faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    psrlint_cli::main()
}
