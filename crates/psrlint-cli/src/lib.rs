//! The psrlint command line.

/// Runs psrlint with the process's arguments.
pub fn main() -> std::process::ExitCode {
    std::process::ExitCode::SUCCESS
}
