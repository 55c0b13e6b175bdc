//! Arrangement files in the editor: what is at the cursor (a key or a value, and its field in the
//! schema the packs declare), for hover, completion and code actions.

pub mod actions;
pub mod completion;
pub mod hover;
#[cfg(test)]
mod tests;
mod toml_cursor;

use psr_lang::{FieldDef, Schema, Type};
use psr_source::{Node, NodeKind, Span};

/// One step of a path into an arrangement: a key, or an index into a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// A table's key.
    Key(String),
    /// A list's element.
    Index(usize),
}

/// The path as psrlint writes it in findings: `notices[1].includes`.
pub fn path_text(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// What the cursor is on in a parsed arrangement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Spot {
    /// A key: the path to its value.
    Key(Vec<Seg>, Span),
    /// A value that is not a table or a list: its path.
    Value(Vec<Seg>, Span),
}

/// The key or plain value at byte `offset` of a parsed document, if any.
pub fn locate(node: &Node<'_>, offset: usize) -> Option<Spot> {
    let mut path = Vec::new();
    let mut best = None;
    walk(node, offset, &mut path, &mut best);
    best
}

fn walk(node: &Node<'_>, offset: usize, path: &mut Vec<Seg>, best: &mut Option<Spot>) {
    let inside = |s: Span| s.start <= offset && offset <= s.end;
    match &node.kind {
        NodeKind::Table(entries) => {
            for e in entries {
                path.push(Seg::Key(e.key.to_string()));
                if inside(e.key_span) {
                    *best = Some(Spot::Key(path.clone(), e.key_span));
                }
                walk(&e.value, offset, path, best);
                path.pop();
            }
        }
        NodeKind::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                walk(item, offset, path, best);
                path.pop();
            }
        }
        _ => {
            if inside(node.span) {
                *best = Some(Spot::Value(path.clone(), node.span));
            }
        }
    }
}

/// The node at `path`, if the document has it.
pub fn node_at<'n, 'a>(node: &'n Node<'a>, path: &[Seg]) -> Option<&'n Node<'a>> {
    let mut cur = node;
    for seg in path {
        cur = match (seg, &cur.kind) {
            (Seg::Key(k), NodeKind::Table(_)) => &cur.get(k)?.value,
            (Seg::Index(i), NodeKind::Array(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// The schema's field at `path` and the type of the value there. A key applied to a list steps
/// into its elements first (a TOML `[[notices]]` block is an element of `notices`).
pub fn field_at<'s>(schema: &'s Schema, path: &[Seg]) -> Option<(Option<&'s FieldDef>, Type)> {
    let mut ty = Type::Record(schema.root?);
    let mut field = None;
    for seg in path {
        if let (Seg::Key(_), Type::List(inner)) = (seg, ty.strip_optional()) {
            ty = (**inner).clone();
        }
        match (seg, ty.strip_optional().clone()) {
            (Seg::Key(k), Type::Record(id)) => {
                let rec = schema.records.get(id as usize)?;
                let f = rec.fields.get(rec.field_index(k)?)?;
                ty = f.ty.clone();
                field = Some(f);
            }
            (Seg::Index(_), Type::List(inner)) => ty = *inner,
            _ => return None,
        }
    }
    Some((field, ty))
}

/// The record whose keys are written at `path` (a table), stepping into list elements.
pub fn record_at(schema: &Schema, path: &[Seg]) -> Option<psr_lang::types::RecordId> {
    let (_, ty) = field_at(schema, path)?;
    let mut ty = ty.strip_optional().clone();
    if let Type::List(inner) = ty {
        ty = inner.strip_optional().clone();
    }
    match ty {
        Type::Record(id) => Some(id),
        _ => None,
    }
}

/// The enum whose values a value at `path` takes (directly, or as the element of a list).
pub fn enum_at<'s>(schema: &'s Schema, path: &[Seg]) -> Option<&'s psr_lang::EnumDef> {
    let (_, ty) = field_at(schema, path)?;
    let ty = match ty.strip_optional() {
        Type::List(inner) => inner.strip_optional().clone(),
        other => other.clone(),
    };
    match ty {
        Type::Enum(id) => schema.enums.get(id as usize),
        _ => None,
    }
}

/// The text of a string value as written, without quotes.
pub fn unquote(raw: &str) -> &str {
    raw.trim()
        .trim_start_matches(['"', '\''])
        .trim_end_matches(['"', '\''])
}

/// The arrangement's decision date, read from the text wherever `decision_date` is written
/// (works while the file does not parse).
pub fn decision_date(text: &str) -> Option<chrono::NaiveDate> {
    let at = text.find("decision_date")?;
    let rest = &text[at + "decision_date".len()..];
    let start = rest.find(|c: char| c.is_ascii_digit())?;
    let candidate = rest.get(start..start + 10)?;
    psr_lang::value::parse_date(candidate)
}

pub use toml_cursor::toml_cursor;
