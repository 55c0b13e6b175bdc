//! Errors that stop psrlint from doing its job (exit status 2), each with a code and a help line.

use miette::Diagnostic;
use psr_diagnostics::CfgError;
use psr_lang::LangError;

/// Why psrlint could not do its job.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum CliError {
    /// A path that does not exist, an invalid argument, a failed read or write: what every
    /// command shares.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Cfg(#[from] CfgError),
    /// A `--rules` directory is not usable.
    #[error(transparent)]
    #[diagnostic(transparent)]
    RulesDir(#[from] psr_lang::loader::PackDirError),
    /// The rule packs have errors.
    #[error("the rule packs have {} problem(s)", .0.iter().filter(|e| !e.is_warning()).count())]
    #[diagnostic(
        code(CFG003),
        help("fix the problems above; no rule is used from packs with errors")
    )]
    Packs(Vec<LangError>),
    /// The configuration file is invalid.
    #[error("{message}")]
    #[diagnostic(code(CFG005))]
    Config {
        /// What is wrong.
        message: String,
        /// The file.
        #[source_code]
        source_code: Option<psr_source::NamedText>,
        /// Where.
        #[label("here")]
        span: Option<miette::SourceSpan>,
        /// What to do.
        #[help]
        help: String,
    },
    /// A temporary file for a long report's findings could not be made, written or read.
    #[error("cannot write the report: {reason}")]
    #[diagnostic(
        code(CFG006),
        help("psrlint keeps a long JSON report's findings in a temporary file until the report ends; set TMPDIR to a writable directory with free space")
    )]
    TempFile {
        /// What failed, and where.
        reason: String,
    },
    /// A report cannot be made as asked.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Report(#[from] psr_report::ReportError),
    /// A notice cannot be drafted as asked.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Notice(#[from] psr_notice::NoticeError),
    /// A rule-test run, coverage report or schema cannot be made.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Authoring(#[from] psr_authoring::AuthoringError),
}

impl From<psr_lang::loader::LoadError> for CliError {
    fn from(e: psr_lang::loader::LoadError) -> Self {
        match e {
            psr_lang::loader::LoadError::Dir(d) => CliError::RulesDir(d),
            psr_lang::loader::LoadError::Packs(errors) => CliError::Packs(errors),
        }
    }
}

impl CliError {
    /// What stopped the run, as one diagnostic (with its place in the configuration file, when it
    /// has one), and the problems to report: each problem of the rule packs, or that one.
    pub fn diagnostics(
        &self,
    ) -> (
        psr_diagnostics::Diagnostic,
        Vec<psr_diagnostics::Diagnostic>,
    ) {
        use psr_diagnostics::Diagnostic as D;
        let code = Diagnostic::code(self).map_or_else(|| "CFG004".into(), |c| c.to_string());
        let mut stopped = D::new(&code, self.to_string());
        stopped.help = Diagnostic::help(self).map(|h| h.to_string());
        if let CliError::Config {
            source_code: Some(source),
            span,
            ..
        } = self
        {
            let span = span.map(|s| psr_source::Span::new(s.offset(), s.offset() + s.len()));
            stopped = stopped.at(std::sync::Arc::new(source.clone()), span);
        }
        let problems = match self {
            CliError::Packs(errors) => errors.iter().map(D::from).collect(),
            _ => vec![stopped.clone()],
        };
        (stopped, problems)
    }
}
