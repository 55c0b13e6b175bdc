//! Completion in arrangement files: the keys valid where the cursor is, enum values, the ODS
//! codes of bodies in force on the file's decision date (from the packs' tables), the items a
//! notice's `includes` still lacks by the rules, and finding codes for a waiver.

use super::{enum_at, locate, path_text, record_at, toml_cursor, Seg, Spot};
use chrono::NaiveDate;
use lsp_types::{CompletionItem, CompletionItemKind, Documentation, MarkupContent, MarkupKind};
use psr_engine::FileReport;
use psr_lang::types::TypeDisplay;
use psr_lang::{Program, Value};
use psr_source::{Limits, Node, NodeKind, Syntax};

/// A body with an ODS code, from a pack table with `ods_code`, `name` and `valid_from` columns.
#[derive(Clone, Debug)]
pub struct OdsEntry {
    /// The code.
    pub code: String,
    /// The body's name.
    pub name: String,
    /// First day it existed.
    pub from: Option<NaiveDate>,
    /// Last day it existed.
    pub until: Option<NaiveDate>,
}

impl OdsEntry {
    /// Whether it existed on `date`.
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }

    /// `from 2022-07-01 until 2026-03-31`.
    pub fn window(&self) -> String {
        let from = self.from.map(|d| format!("from {d}")).unwrap_or_default();
        match self.until {
            Some(u) => format!("{from} until {u}"),
            None => from,
        }
    }
}

/// Every row of every table that has `ods_code`, `name` and `valid_from` columns.
pub fn ods_entries(program: &Program) -> Vec<OdsEntry> {
    let mut out = Vec::new();
    for t in &program.tables {
        let Some(row) = program.schema.records.get(t.row_type as usize) else {
            continue;
        };
        let (Some(c), Some(n), Some(f)) = (
            row.field_index("ods_code"),
            row.field_index("name"),
            row.field_index("valid_from"),
        ) else {
            continue;
        };
        let u = row.field_index("valid_until");
        let Value::List(rows) = &t.rows else { continue };
        for r in rows.iter() {
            let Value::Record(fields) = &r.value else {
                continue;
            };
            let text = |i: usize| match fields.get(i).map(|v| &v.value) {
                Some(Value::Text(s)) => Some(s.to_string()),
                _ => None,
            };
            let date = |i: usize| match fields.get(i).map(|v| &v.value) {
                Some(Value::Date(d)) => Some(*d),
                _ => None,
            };
            if let (Some(code), Some(name)) = (text(c), text(n)) {
                out.push(OdsEntry {
                    code,
                    name,
                    from: date(f),
                    until: u.and_then(date),
                });
            }
        }
    }
    out
}

/// What is being completed.
struct Want {
    /// The path of the value, or of the table whose keys are wanted.
    path: Vec<Seg>,
    /// A value (`true`) or a key (`false`).
    value: bool,
    /// The cursor is inside quotes.
    in_string: bool,
    /// Keys already written in the table.
    present: Vec<String>,
}

/// The completion items at byte `offset`. `report` is the latest report of a version of the
/// file that parsed, for the notice items and waiver codes the findings name.
pub fn complete(
    program: &Program,
    text: &str,
    syntax: Syntax,
    report: Option<&FileReport>,
    offset: usize,
) -> Vec<CompletionItem> {
    let Some(want) = want(text, syntax, offset) else {
        return Vec::new();
    };
    if !want.value {
        return keys(program, &want, syntax);
    }
    let quote = |v: &str| {
        if want.in_string || syntax == Syntax::Yaml {
            v.to_string()
        } else {
            format!("\"{v}\"")
        }
    };
    let schema = &program.schema;
    let last = match want.path.last() {
        Some(Seg::Key(k)) => k.as_str(),
        _ => "",
    };
    let mut items = Vec::new();
    if let Some(e) = enum_at(schema, &want.path) {
        let required = if last == "includes" {
            let findings = report.map(|r| r.findings.as_slice()).unwrap_or_default();
            required_items(findings, &want.path, &e.values)
        } else {
            Vec::new()
        };
        for (v, d) in &e.values {
            let why = required.iter().find(|(item, _)| item == v).map(|(_, c)| c);
            let mut item = value_item(v, d.as_deref().unwrap_or(""), quote(v));
            if let Some(code) = why {
                item.detail = Some(format!("required for this notice ({code})"));
                item.sort_text = Some(format!("0{v}"));
                item.preselect = Some(true);
            } else {
                item.sort_text = Some(format!("1{v}"));
            }
            items.push(item);
        }
    } else if last == "ods_code" {
        let date = super::decision_date(text);
        for e in ods_entries(program) {
            if date.is_some_and(|d| !e.in_force(d)) {
                continue;
            }
            let mut item = value_item(
                &e.code,
                &format!("{} ({})", e.name, e.window()),
                quote(&e.code),
            );
            item.detail = Some(e.name.clone());
            item.filter_text = Some(format!("{} {}", e.code, e.name));
            items.push(item);
        }
    } else if last == "code" && matches!(want.path.first(), Some(Seg::Key(k)) if k == "waivers") {
        let mut seen: Vec<&str> = Vec::new();
        for f in report.map(|r| r.findings.as_slice()).unwrap_or_default() {
            if seen.contains(&f.code.as_str()) {
                continue;
            }
            seen.push(&f.code);
            let mut item = value_item(&f.code, &f.message, quote(&f.code));
            item.detail = Some(f.name.clone());
            items.push(item);
        }
    }
    items
}

fn value_item(label: &str, doc: &str, insert: String) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(CompletionItemKind::ENUM_MEMBER),
        documentation: (!doc.is_empty()).then(|| markdown(doc.to_string())),
        insert_text: Some(insert),
        ..CompletionItem::default()
    }
}

fn markdown(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    })
}

/// The fields of the table at `want.path` not yet written, with their types and docs.
fn keys(program: &Program, want: &Want, syntax: Syntax) -> Vec<CompletionItem> {
    let schema = &program.schema;
    let Some(id) = record_at(schema, &want.path) else {
        return Vec::new();
    };
    let Some(rec) = schema.records.get(id as usize) else {
        return Vec::new();
    };
    rec.fields
        .iter()
        .filter(|f| !want.present.contains(&f.name))
        .map(|f| CompletionItem {
            label: f.name.clone(),
            kind: Some(CompletionItemKind::FIELD),
            detail: Some(TypeDisplay { ty: &f.ty, schema }.to_string()),
            documentation: f.doc.clone().map(markdown),
            insert_text: Some(match syntax {
                Syntax::Toml => format!("{} = ", f.name),
                Syntax::Json if want.in_string => f.name.clone(),
                Syntax::Json => format!("\"{}\": ", f.name),
                Syntax::Yaml => format!("{}: ", f.name),
            }),
            ..CompletionItem::default()
        })
        .collect()
}

/// Where the cursor is: from the text for TOML (so that a half-written file works), from the
/// parsed tree for JSON and YAML.
fn want(text: &str, syntax: Syntax, offset: usize) -> Option<Want> {
    if syntax == Syntax::Toml {
        let c = toml_cursor(text, offset);
        let value = c.value_of.is_some();
        let present = if value {
            Vec::new()
        } else {
            super::toml_cursor::block_keys(text, c.block)
        };
        return Some(Want {
            path: c.path(),
            value,
            in_string: c.in_string,
            present,
        });
    }
    let node = psr_source::parse(syntax, text, &Limits::default()).ok()?;
    match locate(&node, offset) {
        Some(Spot::Value(path, span)) => Some(Want {
            path,
            value: true,
            in_string: text[span.start..span.end].starts_with(['"', '\'']),
            present: Vec::new(),
        }),
        Some(Spot::Key(mut path, _)) => {
            path.pop();
            let present = table_keys(&node, &path);
            Some(Want {
                path,
                value: false,
                in_string: syntax == Syntax::Json,
                present,
            })
        }
        None => {
            let path = enclosing_table(&node, offset, Vec::new())?;
            let present = table_keys(&node, &path);
            Some(Want {
                path,
                value: false,
                in_string: false,
                present,
            })
        }
    }
}

fn table_keys(node: &Node<'_>, path: &[Seg]) -> Vec<String> {
    match super::node_at(node, path).map(|n| &n.kind) {
        Some(NodeKind::Table(entries)) => entries.iter().map(|e| e.key.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The path of the innermost table whose span holds `offset`.
fn enclosing_table(node: &Node<'_>, offset: usize, path: Vec<Seg>) -> Option<Vec<Seg>> {
    if !(node.span.start <= offset && offset <= node.span.end) {
        return None;
    }
    match &node.kind {
        NodeKind::Table(entries) => {
            for e in entries {
                let mut p = path.clone();
                p.push(Seg::Key(e.key.to_string()));
                if let Some(inner) = enclosing_table(&e.value, offset, p) {
                    return Some(inner);
                }
            }
            Some(path)
        }
        NodeKind::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            let mut p = path.clone();
            p.push(Seg::Index(i));
            enclosing_table(item, offset, p)
        }),
        _ => None,
    }
}

/// The enum values that findings about the notice at `includes_path` (its `includes` list) name
/// as required, with the code of the finding: the rules say what each kind of notice must hold.
pub fn required_items<'f>(
    findings: impl IntoIterator<Item = &'f psr_engine::Finding>,
    includes_path: &[Seg],
    values: &[(String, Option<String>)],
) -> Vec<(String, String)> {
    let notice = path_text(&includes_path[..includes_path.len().saturating_sub(1)]);
    let mut out: Vec<(String, String)> = Vec::new();
    for f in findings {
        let about_notice = f
            .field
            .as_deref()
            .is_some_and(|p| p == notice || p.starts_with(&format!("{notice}.")));
        if !about_notice || f.waived.is_some() {
            continue;
        }
        let said = format!("{} {}", f.message, f.help.as_deref().unwrap_or(""));
        for token in said.split(|c: char| !(c.is_ascii_lowercase() || c == '-')) {
            if values.iter().any(|(v, _)| v == token) && !out.iter().any(|(v, _)| v == token) {
                out.push((token.to_string(), f.code.clone()));
            }
        }
    }
    out
}
