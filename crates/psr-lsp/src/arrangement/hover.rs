//! Hover in arrangement files: on a finding, what the rule is and the law it cites; on a key, the
//! field's meaning from the schema; on an enum value, its description; on an ODS code, the body.

use super::{enum_at, field_at, locate, path_text, unquote, Seg, Spot};
use crate::diagnostics::explain_code;
use psr_engine::FileReport;
use psr_lang::types::TypeDisplay;
use psr_lang::{Program, Type};
use psr_source::{Limits, Span, Syntax};

/// The hover text (Markdown) and the span it is about, at byte `offset`.
pub fn hover(
    program: &Program,
    text: &str,
    syntax: Syntax,
    report: Option<&FileReport>,
    offset: usize,
) -> Option<(String, Option<Span>)> {
    let mut parts: Vec<String> = Vec::new();
    let mut span = None;
    if let Some(r) = report {
        for f in &r.findings {
            let Some(s) = f.span else { continue };
            if s.start <= offset && offset <= s.end {
                let mut p = format!("**{}**: {}", f.code, f.message);
                if let Some(h) = &f.help {
                    p.push_str(&format!("\n\n*help:* {h}"));
                }
                if let Some(x) = explain_code(program, &f.code) {
                    p.push_str("\n\n");
                    p.push_str(&x);
                }
                parts.push(p);
                span = Some(s);
            }
        }
    }
    if let Ok(node) = psr_source::parse(syntax, text, &Limits::default()) {
        match locate(&node, offset) {
            Some(Spot::Key(path, s)) => {
                parts.push(key_doc(program, &path)?);
                span = span.or(Some(s));
            }
            Some(Spot::Value(path, s)) => {
                if let Some(v) = value_doc(program, &path, unquote(&text[s.start..s.end]), text) {
                    parts.push(v);
                    span = span.or(Some(s));
                }
            }
            None => {}
        }
    }
    (!parts.is_empty()).then(|| (parts.join("\n\n---\n\n"), span))
}

/// A key's field: its path, type and doc; for an enum, its values.
pub fn key_doc(program: &Program, path: &[Seg]) -> Option<String> {
    let schema = &program.schema;
    let (field, ty) = field_at(schema, path)?;
    let field = field?;
    let mut s = format!(
        "`{}`: `{}`",
        generic_path(path),
        TypeDisplay { ty: &ty, schema }
    );
    if let Some(d) = &field.doc {
        s.push_str(&format!("\n\n{d}"));
    }
    if ty.is_optional() {
        s.push_str("\n\nOptional.");
    } else if matches!(ty, Type::List(_)) {
        s.push_str("\n\nA list; absent means empty.");
    } else {
        s.push_str("\n\nRequired.");
    }
    if let Some(e) = enum_at(schema, path) {
        s.push_str("\n\nValues:");
        for (v, d) in &e.values {
            s.push_str(&format!("\n- `{v}`: {}", d.as_deref().unwrap_or("")));
        }
    }
    Some(s)
}

/// A value's meaning: an enum value's description, or the body an ODS code names.
fn value_doc(program: &Program, path: &[Seg], value: &str, text: &str) -> Option<String> {
    let schema = &program.schema;
    if let Some(e) = enum_at(schema, path) {
        let (v, d) = e.values.iter().find(|(v, _)| v == value)?;
        let mut s = format!("`{v}`: {}", d.as_deref().unwrap_or(""));
        s.push_str(&format!(
            "\n\n(one of `{}`{})",
            e.name,
            e.doc
                .as_deref()
                .map(|d| format!(": {d}"))
                .unwrap_or_default()
        ));
        return Some(s);
    }
    if matches!(path.last(), Some(Seg::Key(k)) if k == "ods_code") {
        let date = super::decision_date(text);
        let found: Vec<String> = super::completion::ods_entries(program)
            .into_iter()
            .filter(|e| e.code == value)
            .map(|e| {
                let state = match date {
                    Some(d) if e.in_force(d) => format!("in force on the decision date {d}"),
                    Some(d) => format!("**not in force on the decision date {d}**"),
                    None => String::new(),
                };
                format!("`{}`: {} ({}; {state})", e.code, e.name, e.window())
            })
            .collect();
        if !found.is_empty() {
            return Some(found.join("\n\n"));
        }
    }
    key_doc(program, path)
}

/// `notices[].includes`: the path without list indices, as the schema knows it.
fn generic_path(path: &[Seg]) -> String {
    let generic: Vec<Seg> = path
        .iter()
        .map(|s| match s {
            Seg::Index(_) => Seg::Key("[]".into()),
            k => k.clone(),
        })
        .collect();
    path_text(&generic).replace(".[]", "[]")
}
