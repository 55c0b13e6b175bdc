//! Code actions in arrangement files where the fix is mechanical: add the `includes` items a
//! notice lacks (as the finding names them), and add a waiver skeleton for a finding.

use super::completion::required_items;
use super::{node_at, unquote, Seg};
use crate::text::Lines;
use lsp_types::{
    CodeAction, CodeActionKind, Diagnostic, NumberOrString, Range, TextEdit, Url, WorkspaceEdit,
};
use psr_engine::{EngineCode, FileReport, Finding};
use psr_lang::Program;
use psr_source::{Limits, Node, NodeKind, Span, Syntax};
use std::collections::HashMap;

/// The placeholder written for a waiver's expiry: not a date, so that psrlint reports it
/// (`ARR012`) until a real one is written.
pub const EXPIRY_PLACEHOLDER: &str = "YYYY-MM-DD";

/// The code actions for findings of `report` whose range meets `range`.
pub fn actions(
    program: &Program,
    text: &str,
    syntax: Syntax,
    report: &FileReport,
    uri: &Url,
    range: Range,
    diagnostics: &[Diagnostic],
) -> Vec<CodeAction> {
    let lines = Lines::new(text);
    let wanted = lines.span(text, range);
    let Ok(node) = psr_source::parse(syntax, text, &Limits::default()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for f in &report.findings {
        let span = f.span.unwrap_or(Span::new(0, 0));
        if span.end < wanted.start || span.start > wanted.end || f.waived.is_some() {
            continue;
        }
        let diagnostic: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.code == Some(NumberOrString::String(f.code.clone())))
            .cloned()
            .collect();
        let mut action = |title: String, edit: TextEdit| {
            out.push(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: (!diagnostic.is_empty()).then(|| diagnostic.clone()),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                ..CodeAction::default()
            });
        };
        if let Some((path, missing)) = missing_includes(program, text, &node, f) {
            if let Some(edit) = add_to_list(text, syntax, &node, &path, &missing[..1], &lines) {
                action(format!("Add `{}` to includes", missing[0]), edit);
            }
            if missing.len() > 1 {
                if let Some(edit) = add_to_list(text, syntax, &node, &path, &missing, &lines) {
                    action(
                        format!(
                            "Add every missing item to includes ({})",
                            missing.join(", ")
                        ),
                        edit,
                    );
                }
            }
        }
        if EngineCode::from_code(&f.code).is_none() {
            if let Some(edit) = waiver(text, syntax, &node, &f.code, &lines) {
                action(
                    format!(
                        "Add a waiver for {} (reason, approver and expiry to fill in)",
                        f.code
                    ),
                    edit,
                );
            }
        }
    }
    out
}

/// For a finding about a notice's `includes`: the list's path and the items the finding names
/// that the list lacks.
fn missing_includes(
    program: &Program,
    text: &str,
    node: &Node<'_>,
    f: &Finding,
) -> Option<(Vec<Seg>, Vec<String>)> {
    let field = f.field.as_deref()?;
    let notice = field.strip_suffix(".includes")?;
    let index: usize = notice
        .strip_prefix("notices[")?
        .strip_suffix(']')?
        .parse()
        .ok()?;
    let path = vec![
        Seg::Key("notices".into()),
        Seg::Index(index),
        Seg::Key("includes".into()),
    ];
    let e = super::enum_at(&program.schema, &path)?;
    let present: Vec<&str> = match node_at(node, &path).map(|n| &n.kind) {
        Some(NodeKind::Array(items)) => items
            .iter()
            .map(|i| unquote(&text[i.span.start..i.span.end]))
            .collect(),
        _ => Vec::new(),
    };
    let missing: Vec<String> = required_items([f], &path, &e.values)
        .into_iter()
        .map(|(v, _)| v)
        .filter(|v| !present.contains(&v.as_str()))
        .collect();
    (!missing.is_empty()).then_some((path, missing))
}

/// An edit adding `items` to the end of the list at `path`.
fn add_to_list(
    text: &str,
    syntax: Syntax,
    node: &Node<'_>,
    path: &[Seg],
    items: &[String],
    lines: &Lines,
) -> Option<TextEdit> {
    let list = node_at(node, path)?;
    let NodeKind::Array(existing) = &list.kind else {
        return None;
    };
    let written = &text[list.span.start..list.span.end];
    let at_end = |insert: String, at: usize| {
        let pos = lines.position(text, at);
        Some(TextEdit::new(Range::new(pos, pos), insert))
    };
    if written.ends_with(']') {
        let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
        let before = text[..list.span.end - 1].trim_end();
        let sep = if existing.is_empty() || before.ends_with(',') {
            ""
        } else {
            ", "
        };
        return at_end(format!("{sep}{}", quoted.join(", ")), before.len());
    }
    // A YAML block list: one `- item` line per item, indented as the last one.
    if syntax != Syntax::Yaml {
        return None;
    }
    let last = existing.last()?;
    let line_start = text[..last.span.start].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = text[line_start..]
        .chars()
        .take_while(|c| *c == ' ')
        .collect();
    let insert: String = items.iter().map(|i| format!("\n{indent}- {i}")).collect();
    at_end(insert, last.span.end)
}

/// An edit adding a waiver of `code` at the end of the file (TOML, YAML) or of `waivers` (JSON).
fn waiver(
    text: &str,
    syntax: Syntax,
    node: &Node<'_>,
    code: &str,
    lines: &Lines,
) -> Option<TextEdit> {
    let end = lines.position(text, text.len());
    let nl = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    let reason = "TODO: why this finding is accepted";
    let approver = "TODO: who approved it";
    let insert_at = |at: usize, s: String| {
        let p = lines.position(text, at);
        Some(TextEdit::new(Range::new(p, p), s))
    };
    match syntax {
        Syntax::Toml => Some(TextEdit::new(
            Range::new(end, end),
            format!("{nl}\n[[waivers]]\ncode = \"{code}\"\nreason = \"{reason}\"\napproved_by = \"{approver}\"\nexpires = \"{EXPIRY_PLACEHOLDER}\"\n"),
        )),
        Syntax::Yaml => {
            let item = format!("  - code: {code}\n    reason: \"{reason}\"\n    approved_by: \"{approver}\"\n    expires: \"{EXPIRY_PLACEHOLDER}\"\n");
            match node.get("waivers") {
                None => Some(TextEdit::new(Range::new(end, end), format!("{nl}waivers:\n{item}"))),
                Some(e) if matches!(&e.value.kind, NodeKind::Array(items) if !items.is_empty()) && !text[e.value.span.start..e.value.span.end].starts_with('[') => {
                    let after = text[e.value.span.end..].find('\n').map_or(text.len(), |i| e.value.span.end + i + 1);
                    let prefix = if after == text.len() && !text.ends_with('\n') { "\n" } else { "" };
                    insert_at(after, format!("{prefix}{item}"))
                }
                Some(_) => None,
            }
        }
        Syntax::Json => {
            let obj = format!("{{ \"code\": \"{code}\", \"reason\": \"{reason}\", \"approved_by\": \"{approver}\", \"expires\": \"{EXPIRY_PLACEHOLDER}\" }}");
            match node.get("waivers") {
                Some(e) => {
                    let NodeKind::Array(items) = &e.value.kind else { return None };
                    let close = e.value.span.end.checked_sub(1)?;
                    let sep = if items.is_empty() { "" } else { ", " };
                    insert_at(text[..close].trim_end().len(), format!("{sep}{obj}"))
                }
                None => {
                    let NodeKind::Table(entries) = &node.kind else { return None };
                    let close = node.span.end.checked_sub(1)?;
                    let sep = if entries.is_empty() { "" } else { "," };
                    insert_at(text[..close].trim_end().len(), format!("{sep}\n  \"waivers\": [{obj}]\n"))
                }
            }
        }
    }
}
