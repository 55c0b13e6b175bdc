//! The `CFG` errors every command shares — a path that does not exist, an invalid argument, a
//! failed read or write — defined once, for the command line and the author's tools alike.

use miette::Diagnostic;

/// Why a command cannot do its job, in the terms every command shares (exit status 2 in the
/// command line).
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum CfgError {
    /// A path named does not exist.
    #[error("`{path}` does not exist")]
    #[diagnostic(
        code(CFG001),
        help("check the path; psrlint checks files and directories you name")
    )]
    MissingPath {
        /// The path.
        path: String,
    },
    /// An argument is invalid, or what was asked for cannot be done with what was given.
    #[error("{message}")]
    #[diagnostic(code(CFG004))]
    BadArgument {
        /// What is wrong.
        message: String,
        /// What to do.
        #[help]
        help: String,
    },
    /// Reading or writing failed.
    #[error("{context}")]
    #[diagnostic(code(CFG006), help("check the path and its permissions"))]
    Io {
        /// What was being done.
        context: String,
        /// The error.
        source: std::io::Error,
    },
}
