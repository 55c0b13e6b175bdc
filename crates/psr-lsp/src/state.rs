//! The server's state: the open documents, the workspace's rule packs and configuration, and
//! checking: an arrangement file is re-checked alone when it changes; a rule file's packs are
//! compiled with the editor's unsaved buffers.

use crate::diagnostics;
use crate::host::{Host, HostError, Workspace};
use crate::text::Lines;
use lsp_types::{Diagnostic, DiagnosticSeverity, Position, Range, Url};
use psr_engine::{EngineCode, FileReport, SourceFile};
use psr_lang::LangError;
use psr_source::Syntax;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

/// What kind of file a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `*.arrangement.toml|json|yaml|yml`
    Arrangement(Syntax),
    /// `*.psrl`
    Rules,
    /// `psrlint.toml`
    Config,
    /// Anything else: ignored.
    Other,
}

impl Kind {
    /// The kind a file name says.
    pub fn of(uri: &Url) -> Kind {
        let name = uri
            .path()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if name.ends_with(".psrl") {
            return Kind::Rules;
        }
        if name == "psrlint.toml" {
            return Kind::Config;
        }
        match Syntax::of_arrangement_name(std::path::Path::new(&name)) {
            Some(syntax) => Kind::Arrangement(syntax),
            None => Kind::Other,
        }
    }
}

/// An open document.
pub struct Doc {
    /// Its text as the editor has it.
    pub text: String,
    /// The editor's version.
    pub version: i32,
    /// What it is.
    pub kind: Kind,
    /// Its line starts.
    pub lines: Lines,
    /// The latest report (arrangement files).
    pub report: Option<FileReport>,
    /// The latest report of a version that parsed, for completion while the text does not.
    pub last_good: Option<FileReport>,
}

impl Doc {
    /// A document opened with `text`.
    pub fn new(uri: &Url, text: String, version: i32) -> Doc {
        Doc {
            lines: Lines::new(&text),
            text,
            version,
            kind: Kind::of(uri),
            report: None,
            last_good: None,
        }
    }
}

/// Diagnostics to publish: (uri, version, diagnostics).
pub type Publish = Vec<(Url, Option<i32>, Vec<Diagnostic>)>;

/// Documents, workspace and host.
pub struct State<'h> {
    host: &'h dyn Host,
    root: Option<PathBuf>,
    workspace: Option<Result<Workspace, String>>,
    /// The open documents.
    pub docs: HashMap<Url, Doc>,
    /// Rule files that have rule diagnostics published, to clear when they are fixed.
    rule_published: BTreeSet<Url>,
}

impl<'h> State<'h> {
    /// No document open yet; the workspace is loaded when first needed.
    pub fn new(host: &'h dyn Host, root: Option<PathBuf>) -> Self {
        State {
            host,
            root,
            workspace: None,
            docs: HashMap::new(),
            rule_published: BTreeSet::new(),
        }
    }

    /// Loads the workspace if it is not loaded; returns the diagnostics that explain a failure
    /// (pack errors, in their rule files) or the packs' warnings.
    pub fn ensure_workspace(&mut self) -> Publish {
        let mut publish = Vec::new();
        if self.workspace.is_none() {
            let loaded = match self.host.workspace(self.root.as_deref()) {
                Ok(w) => {
                    publish = self.lang_diagnostics(&w.warnings, None);
                    Ok(w)
                }
                Err(HostError::Config(why)) => Err(why),
                Err(HostError::Packs(errors)) => {
                    publish = self.lang_diagnostics(&errors, None);
                    Err(format!(
                        "the rule packs have {} problem(s); they are shown in the rule files",
                        errors.len()
                    ))
                }
            };
            self.workspace = Some(loaded);
        }
        publish
    }

    /// The workspace as loaded by [`Self::ensure_workspace`], or why it could not be.
    pub fn workspace(&self) -> Result<&Workspace, String> {
        match &self.workspace {
            Some(Ok(w)) => Ok(w),
            Some(Err(e)) => Err(e.clone()),
            None => Err("the workspace is not loaded".to_string()),
        }
    }

    /// The compiled rule packs, once the workspace is loaded.
    pub fn program(&self) -> Option<&psr_lang::Program> {
        self.workspace().ok().map(|w| w.engine.program())
    }

    /// Forgets the workspace (its configuration or packs changed); the next check reloads it.
    pub fn reload(&mut self) {
        self.workspace = None;
    }

    /// The file path of a URI (or the URI itself, for an unsaved buffer).
    pub fn shown_path(uri: &Url) -> String {
        uri.to_file_path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| uri.to_string())
    }

    /// Checks the arrangement document `uri` alone and returns its diagnostics.
    pub fn check_arrangement(&mut self, uri: &Url) -> Publish {
        let mut publish = self.ensure_workspace();
        let Some(doc) = self.docs.get(uri) else {
            return publish;
        };
        let (version, bytes) = (doc.version, doc.text.as_bytes().to_vec());
        let report = match self.workspace() {
            Ok(w) => {
                let file = SourceFile {
                    path: Self::shown_path(uri),
                    bytes,
                };
                let mut r = w.engine.check(&file, &w.options);
                (w.filter)(&mut r);
                Ok(r)
            }
            Err(why) => Err(why),
        };
        let Some(doc) = self.docs.get_mut(uri) else {
            return publish;
        };
        let diagnostics = match report {
            Ok(r) => {
                let d = diagnostics::of_report(&r, &doc.lines, uri);
                let parsed = !r.findings.iter().any(|f| {
                    EngineCode::from_code(&f.code).is_some_and(|c| {
                        matches!(
                            c,
                            EngineCode::Syntax | EngineCode::NotUtf8 | EngineCode::TooDeep
                        )
                    })
                });
                if parsed {
                    doc.last_good = Some(r.clone());
                }
                doc.report = Some(r);
                d
            }
            Err(why) => vec![Diagnostic {
                range: Range::new(Position::new(0, 0), Position::new(0, 0)),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some(diagnostics::SOURCE.into()),
                message: format!("psrlint cannot check this file: {why}"),
                ..Diagnostic::default()
            }],
        };
        publish.push((uri.clone(), Some(version), diagnostics));
        publish
    }

    /// Compiles the packs of the rule document `uri` with every open rule file's text and
    /// returns the diagnostics of every rule file concerned (empty ones for files now clean).
    pub fn check_rules(&mut self, uri: &Url) -> Publish {
        let Ok(path) = uri.to_file_path() else {
            return Vec::new();
        };
        let Some(dir) = crate::rulefile::packs_dir(&path) else {
            return Vec::new();
        };
        let overlay: Vec<(PathBuf, String)> = self
            .docs
            .iter()
            .filter(|(_, d)| d.kind == Kind::Rules)
            .filter_map(|(u, d)| Some((u.to_file_path().ok()?, d.text.clone())))
            .filter(|(p, _)| p.starts_with(&dir))
            .collect();
        let problems = match self
            .host
            .compile_rules(std::slice::from_ref(&dir), &overlay)
        {
            Ok(c) => c.warnings,
            Err(errors) => errors,
        };
        let mut publish = self.lang_diagnostics(&problems, Some(uri));
        // Files of these packs that had problems and have none now.
        let now: BTreeSet<Url> = publish.iter().map(|(u, _, _)| u.clone()).collect();
        let stale: Vec<Url> = self
            .rule_published
            .iter()
            .filter(|u| !now.contains(*u))
            .filter(|u| u.to_file_path().is_ok_and(|p| p.starts_with(&dir)))
            .cloned()
            .collect();
        for u in stale {
            self.rule_published.remove(&u);
            let version = self.docs.get(&u).map(|d| d.version);
            publish.push((u, version, Vec::new()));
        }
        if !now.contains(uri) {
            let version = self.docs.get(uri).map(|d| d.version);
            publish.push((uri.clone(), version, Vec::new()));
        }
        publish
    }

    /// Rule-language problems as diagnostics, grouped by the file they are in; a problem with no
    /// file goes to `fallback`.
    fn lang_diagnostics(&mut self, problems: &[LangError], fallback: Option<&Url>) -> Publish {
        let mut by_file: BTreeMap<Url, Vec<&LangError>> = BTreeMap::new();
        for e in problems {
            let uri = e
                .file_name()
                .and_then(|n| Url::from_file_path(std::path::Path::new(n)).ok())
                .or_else(|| fallback.cloned());
            if let Some(u) = uri {
                by_file.entry(u).or_default().push(e);
            }
        }
        let mut publish = Vec::new();
        for (uri, errors) in by_file {
            let (text, version) = match self.docs.get(&uri) {
                Some(d) => (d.text.clone(), Some(d.version)),
                None => {
                    let from_source = errors
                        .iter()
                        .find_map(|e| e.source.as_ref().map(|s| s.inner().to_string()));
                    (from_source.unwrap_or_default(), None)
                }
            };
            let lines = Lines::new(&text);
            let diagnostics = errors
                .iter()
                .map(|e| diagnostics::of_lang_error(e, &text, &lines, &uri))
                .collect();
            self.rule_published.insert(uri.clone());
            publish.push((uri, version, diagnostics));
        }
        publish
    }

    /// The rule files (path, text) of the packs around `path`, open buffers first.
    pub fn rule_sources(&self, path: &std::path::Path) -> Vec<(PathBuf, String)> {
        let Some(dir) = crate::rulefile::packs_dir(path) else {
            return Vec::new();
        };
        let open: HashMap<PathBuf, &str> = self
            .docs
            .iter()
            .filter_map(|(u, d)| Some((u.to_file_path().ok()?, d.text.as_str())))
            .collect();
        crate::rulefile::rule_files(&dir)
            .into_iter()
            .filter_map(|p| {
                let text = match open.get(&p) {
                    Some(t) => (*t).to_string(),
                    None => std::fs::read_to_string(&p).ok()?,
                };
                Some((p, text))
            })
            .collect()
    }
}
