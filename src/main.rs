//! The `psrlint` binary: all behaviour lives in the `psrlint-cli` crate.

fn main() -> std::process::ExitCode {
    psrlint_cli::main()
}
