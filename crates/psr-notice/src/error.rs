//! What can stop a notice from being drafted: a notice template of the packs that is not valid,
//! or a notice the record does not call for.

use miette::{NamedSource, SourceSpan};

/// A notice that cannot be drafted.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum NoticeError {
    /// A template file is not valid TOML, or not in the template format.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(Box<TemplateSyntax>),
    /// A template names something the packs do not declare, or has an invalid item.
    #[error("the notice template `{path}` is not valid: {message}")]
    #[diagnostic(code(NTC002), help("{help}"))]
    Invalid {
        /// The template's path in its pack.
        path: String,
        /// What is wrong.
        message: String,
        /// What to do.
        help: String,
    },
    /// The record's kind and process call for no notice of the type asked for.
    #[error("{message}")]
    #[diagnostic(code(NTC003), help("{help}"))]
    NotCalledFor {
        /// What is wrong.
        message: String,
        /// What to do.
        help: String,
    },
    /// The arrangement file has syntax or schema findings, so nothing can be read from it.
    #[error("`{path}` is not a valid arrangement file ({count} finding(s)), so no notice can be drafted from it")]
    #[diagnostic(
        code(NTC004),
        help("run `psrlint check {path}` and fix what it reports first")
    )]
    NotValid {
        /// The file.
        path: String,
        /// How many findings stop it from being read.
        count: usize,
    },
    /// A template could not be rendered (an error in its text).
    #[error("the notice template `{path}` cannot be rendered: {message}")]
    #[diagnostic(
        code(NTC005),
        help("correct the template's text; templates use minijinja syntax (`{{{{ value }}}}`, `{{% if %}}`)")
    )]
    Render {
        /// The template's path in its pack.
        path: String,
        /// What minijinja said.
        message: String,
    },
}

/// A template file that is not valid TOML, or not in the template format.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("the notice template `{path}` cannot be read: {message}")]
#[diagnostic(
    code(NTC001),
    help("a notice template is a TOML file with `schedule`, `notice`, `title`, `in_force`, `when`, `step`, `cite` and `[[items]]`; see docs/authoring.md")
)]
pub struct TemplateSyntax {
    /// The template's path in its pack.
    pub path: String,
    /// What the parser said.
    pub message: String,
    /// The template's text.
    #[source_code]
    pub source_code: NamedSource<String>,
    /// Where.
    #[label("here")]
    pub span: Option<SourceSpan>,
}
