//! Writing the tree out: as TOML or YAML with a comment on each field (what to record, and the
//! provision that asks for it), as JSON without comments, or as JSON with a stand-in value for
//! each placeholder (what `psrlint new` checks while it works out which fields the rules need).

use super::tree::{Field, Node, Note};
use chrono::NaiveDate;
use psr_lang::{Schema, Type};
use serde_json::{json, Map, Value as Json};

/// How placeholders are written.
#[derive(Clone, Copy)]
pub enum Fill {
    /// As `"<TODO: …>"`, for the user.
    Placeholder,
    /// As a plausible value of the field's type, dated `date`: for checking the template.
    Standin(NaiveDate),
}

/// The values of enum `id`, those that `hint` (the kind's description, like "... (NHS Act 2006
/// s75, SI 2000/617)") names first: the likely answer leads the list and is the stand-in.
fn enum_values<'s>(schema: &'s Schema, id: u32, hint: &str) -> Vec<&'s str> {
    let all: Vec<&str> = schema.enums[id as usize]
        .values
        .iter()
        .map(|(v, _)| v.as_str())
        .collect();
    let named = |v: &&str| v.len() > 2 && hint.split([' ', ',', '(', ')']).any(|w| w == *v);
    let mut out: Vec<&str> = all.iter().copied().filter(named).collect();
    out.extend(all.iter().copied().filter(|v| !named(v)));
    out
}

/// The text of a placeholder of type `ty`: says what kind of value goes there.
pub fn placeholder_text(schema: &Schema, ty: &Type, hint: &str) -> String {
    let what = match ty.strip_optional() {
        Type::Bool => "true or false".to_string(),
        Type::Integer | Type::Days | Type::WorkingDays => "a whole number".into(),
        Type::Decimal => "a number".into(),
        Type::Money => "an amount in pounds".into(),
        Type::Percent => "a percentage like 20%".into(),
        Type::Date => "a date, YYYY-MM-DD".into(),
        Type::Enum(id) => format!("one of {}", enum_values(schema, *id, hint).join(" | ")),
        _ => "text".into(),
    };
    format!("<TODO: {what}>")
}

/// A plausible value of type `ty`, as the test of a template fills it: text, the date, `false`
/// (a yes/no the authority has not answered reads as the cautious answer), an amount, the first
/// value of an enum.
pub fn standin(schema: &Schema, ty: &Type, date: NaiveDate, hint: &str) -> Json {
    match ty.strip_optional() {
        Type::Bool => json!(false),
        Type::Integer | Type::Days | Type::WorkingDays => json!(1),
        Type::Decimal | Type::Money => json!("250000"),
        Type::Percent => json!("20%"),
        Type::Date => json!(date.to_string()),
        Type::Enum(id) => json!(enum_values(schema, *id, hint)
            .first()
            .copied()
            .unwrap_or("")),
        _ => json!("Recorded for the test"),
    }
}

/// The tree as JSON.
pub fn to_json(schema: &Schema, node: &Node, fill: Fill, hint: &str) -> Json {
    match node {
        Node::Record(rid, fields) => {
            let rec = schema.record(*rid);
            let mut map = Map::new();
            for (slot, f) in fields {
                map.insert(
                    rec.fields[*slot].name.clone(),
                    to_json(schema, &f.node, fill, hint),
                );
            }
            Json::Object(map)
        }
        Node::List(items) => Json::Array(
            items
                .iter()
                .map(|n| to_json(schema, n, fill, hint))
                .collect(),
        ),
        Node::Placeholder(ty) => match fill {
            Fill::Placeholder => json!(placeholder_text(schema, ty, hint)),
            Fill::Standin(date) => standin(schema, ty, date, hint),
        },
        Node::Text(t) => json!(t),
        Node::Date(d) => json!(d.to_string()),
        Node::Integer(n) => json!(n),
        Node::Items(items) => json!(items),
    }
}

/// The comment on a field.
fn comment(note: &Note) -> String {
    let what = note.what.trim_end_matches('.');
    if note.why.is_empty() {
        what.to_string()
    } else {
        format!("{what} ({})", note.why)
    }
}

/// A scalar value in TOML or YAML (strings in double quotes, which both read alike).
fn scalar(schema: &Schema, node: &Node, hint: &str) -> Option<String> {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    Some(match node {
        Node::Placeholder(ty) => q(&placeholder_text(schema, ty, hint)),
        Node::Text(t) => q(t),
        Node::Date(d) => d.to_string(),
        Node::Integer(n) => n.to_string(),
        Node::Items(items) => format!(
            "[{}]",
            items.iter().map(|i| q(i)).collect::<Vec<_>>().join(", ")
        ),
        Node::List(items) if items.iter().all(|n| !matches!(n, Node::Record(..))) => format!(
            "[{}]",
            items
                .iter()
                .filter_map(|n| scalar(schema, n, hint))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => return None,
    })
}

/// The tree as TOML, a comment on each field.
pub fn toml(schema: &Schema, root: &Node, header: &str, hint: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str(&format!("# {line}\n"));
    }
    out.push('\n');
    toml_table(schema, root, "", hint, &mut out);
    out
}

fn toml_table(schema: &Schema, node: &Node, prefix: &str, hint: &str, out: &mut String) {
    let Node::Record(rid, fields) = node else {
        return;
    };
    let rec = schema.record(*rid);
    let name = |slot: &usize| rec.fields[*slot].name.clone();
    let full = |slot: &usize| {
        if prefix.is_empty() {
            name(slot)
        } else {
            format!("{prefix}.{}", name(slot))
        }
    };
    // Values first, then tables, then lists of tables: TOML's order.
    for (slot, f) in fields {
        if let Some(v) = scalar(schema, &f.node, hint) {
            line_with_comment(out, &format!("{} = {v}", name(slot)), &f.note);
        }
    }
    for (slot, f) in fields {
        if let Node::Record(..) = f.node {
            out.push('\n');
            line_with_comment(out, &format!("[{}]", full(slot)), &f.note);
            toml_table(schema, &f.node, &full(slot), hint, out);
        }
    }
    for (slot, f) in fields {
        if let Node::List(items) = &f.node {
            for item in items.iter().filter(|n| matches!(n, Node::Record(..))) {
                out.push('\n');
                line_with_comment(out, &format!("[[{}]]", full(slot)), &f.note);
                toml_table(schema, item, &full(slot), hint, out);
            }
        }
    }
}

fn line_with_comment(out: &mut String, code: &str, note: &Note) {
    let c = comment(note);
    if c.is_empty() {
        out.push_str(&format!("{code}\n"));
    } else {
        out.push_str(&format!("{code}  # {c}\n"));
    }
}

/// The tree as YAML, a comment on each field.
pub fn yaml(schema: &Schema, root: &Node, header: &str, hint: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str(&format!("# {line}\n"));
    }
    if let Node::Record(_, fields) = root {
        yaml_fields(schema, root, fields, (0, false), hint, &mut out);
    }
    out
}

fn yaml_fields(
    schema: &Schema,
    node: &Node,
    fields: &std::collections::BTreeMap<usize, Field>,
    (indent, first_is_item): (usize, bool),
    hint: &str,
    out: &mut String,
) {
    let Node::Record(rid, _) = node else { return };
    let rec = schema.record(*rid);
    for (n, (slot, f)) in fields.iter().enumerate() {
        let pad = if first_is_item && n == 0 {
            format!("{}- ", " ".repeat(indent.saturating_sub(2)))
        } else {
            " ".repeat(indent)
        };
        let key = &rec.fields[*slot].name;
        if let Some(v) = scalar(schema, &f.node, hint) {
            line_with_comment(out, &format!("{pad}{key}: {v}"), &f.note);
            continue;
        }
        line_with_comment(out, &format!("{pad}{key}:"), &f.note);
        match &f.node {
            Node::Record(_, inner) => {
                yaml_fields(schema, &f.node, inner, (indent + 2, false), hint, out)
            }
            Node::List(items) => {
                for item in items {
                    if let Node::Record(_, inner) = item {
                        yaml_fields(schema, item, inner, (indent + 4, true), hint, out);
                    }
                }
            }
            _ => {}
        }
    }
}
