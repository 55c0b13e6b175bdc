//! Drafts the notice a PSR arrangement calls for (`psrlint notice`): each item of its Schedule
//! (Schedules 2 to 14 of SI 2023/1348, and the abandonment notice of reg 15(4)) in the Schedule's
//! order, written from the record in plain words, or shown as a gap with the finding that reports
//! the missing fact. The wording and the choice of Schedule are data: the notice templates of the
//! rule packs (`PACK/notices/*.toml`, with `*.jinja` macro libraries); the dates come from the
//! packs' own definitions, evaluated by the checker's evaluator.

mod context;
mod draft;
mod error;
mod filters;
mod output;
mod template;

pub use draft::{applicable, draft, Choice, Draft, DraftItem, FindingCount, Gap, GapKind};
pub use error::{NoticeError, TemplateSyntax};
pub use output::{render, Format};
pub use template::{Cite, ItemSpec, Need, Template, TemplateFile, ValueSpec};

/// The notice templates of the loaded packs, validated against them.
#[derive(Clone, Debug)]
pub struct NoticeSet {
    /// The templates, by step of their process.
    pub templates: Vec<Template>,
    /// Macro libraries (file name, text), imported by every template under their file stem.
    pub macros: Vec<(String, String)>,
    /// Every rule code of the packs.
    pub rule_codes: Vec<String>,
}

impl NoticeSet {
    /// Reads and validates `files` against `program`.
    pub fn load(files: &[TemplateFile], program: &psr_lang::Program) -> Result<Self, NoticeError> {
        let (templates, macros) = template::load(files, program)?;
        Ok(NoticeSet {
            templates,
            macros,
            rule_codes: program.rules.iter().map(|r| r.code.clone()).collect(),
        })
    }
}
