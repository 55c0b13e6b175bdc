//! Definitions' descriptions (`def NAME "description" = ...`): the words an explanation trace
//! shows for a condition that is a definition, checked to be one short line, and a warning for a
//! definition that a trace shows by its name alone.

use super::Checker;
use crate::ast;
use crate::diagnostics::{LangError, LangErrorKind};
use std::collections::BTreeSet;

/// The longest description, in characters: with its clause and outcome, one line of a trace as
/// the terminal report shows it 100 columns wide.
pub(crate) const MAX_DESCRIPTION: usize = 72;

impl Checker {
    /// The description of `decl`, checked: `None` (after reporting it) when it is empty, longer
    /// than one short line, or holds a line break or other control character.
    pub(super) fn def_description(&mut self, decl: &ast::DefDecl) -> Option<String> {
        let d = decl.description.as_ref()?;
        let name = &decl.name.name;
        let problem = if d.value.trim().is_empty() {
            Some(format!("the description of `{name}` is empty"))
        } else if d.value.chars().any(char::is_control) {
            Some(format!(
                "the description of `{name}` has a line break or another control character"
            ))
        } else if d.value.chars().count() > MAX_DESCRIPTION {
            Some(format!(
                "the description of `{name}` is {} characters long; at most {MAX_DESCRIPTION} fit on a line of an explanation",
                d.value.chars().count()
            ))
        } else {
            None
        };
        match problem {
            Some(message) => {
                self.report(
                    LangError::new(LangErrorKind::Description, d.span, message).with_help(
                        "say in one short line, in words a commissioner understands, what the definition holds (\"the services are new\"), or remove the description",
                    ),
                );
                None
            }
            None => Some(d.value.trim().to_string()),
        }
    }

    /// Warns once for each definition without a description that some rule's `when`, `require`
    /// or `forbid` consists of, as an explanation trace would show its bare name. A pack with
    /// errors is not loaded, so nothing is explained: no warning then.
    pub(super) fn warn_undescribed(&mut self) {
        if self.errors.iter().any(|e| !e.is_warning()) {
            return;
        }
        let mut warned = BTreeSet::new();
        let mut found = Vec::new();
        for rule in &self.rules {
            for c in rule.when.iter().chain(&rule.assertion) {
                if let Some((d, _)) = c.named_def() {
                    if warned.insert(d) {
                        found.push((d as usize, rule.code.clone()));
                    }
                }
            }
        }
        for (d, code) in found {
            let (file, decl) = &self.def_decls[d];
            if decl.description.is_some() {
                continue;
            }
            let (file, span, name) = (*file, decl.name.span, decl.name.name.clone());
            self.current_file = file;
            self.report(
                LangError::new(
                    LangErrorKind::MissingDescription,
                    span,
                    format!("`{name}` has no description, so `--explain` shows {code}'s condition by this name alone"),
                )
                .with_help(format!(
                    "add what it holds in words, as `def {name} \"...\" = ...`"
                )),
            );
        }
    }
}
