//! Errors that stop an author's command (exit status 2 in the command line), each with the
//! command line's code for the same problem and a help line.

use miette::Diagnostic;

/// Why a rule-test run, a coverage report or a schema could not be made.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum AuthoringError {
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
    /// A directory named as rule packs is not usable.
    #[error(transparent)]
    #[diagnostic(transparent)]
    PackDir(#[from] psr_lang::loader::PackDirError),
    /// What was asked for cannot be done with what was given.
    #[error("{message}")]
    #[diagnostic(code(CFG004))]
    BadArgument {
        /// What is wrong.
        message: String,
        /// What to do.
        #[help]
        help: String,
    },
    /// A provision map is invalid.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Map(Box<MapError>),
    /// Reading a file failed.
    #[error("{context}")]
    #[diagnostic(code(CFG006), help("check the path and its permissions"))]
    Io {
        /// What was being done.
        context: String,
        /// The error.
        source: std::io::Error,
    },
}

/// A provision map that cannot be read, with the place in its text.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(CFG005))]
pub struct MapError {
    /// What is wrong.
    pub message: String,
    /// The map's text.
    #[source_code]
    pub source_code: psr_source::NamedText,
    /// Where.
    #[label("here")]
    pub span: Option<miette::SourceSpan>,
    /// What to do.
    #[help]
    pub help: String,
}
