//! Errors that stop an author's command (exit status 2 in the command line), each with the
//! command line's code for the same problem and a help line.

use miette::Diagnostic;

/// Why a rule-test run, a coverage report or a schema could not be made.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum AuthoringError {
    /// A path that does not exist, an invalid argument, a failed read: what every command shares.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Cfg(#[from] psr_diagnostics::CfgError),
    /// A directory named as rule packs is not usable.
    #[error(transparent)]
    #[diagnostic(transparent)]
    PackDir(#[from] psr_lang::loader::PackDirError),
    /// A provision map is invalid.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Map(Box<MapError>),
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
