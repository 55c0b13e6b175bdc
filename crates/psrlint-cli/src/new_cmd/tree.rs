//! The arrangement file `psrlint new` is building: a tree shaped by the schema, whose fields keep
//! the schema's declaration order, and whose leaves are known values or placeholders.

use chrono::NaiveDate;
use psr_lang::types::RecordId;
use psr_lang::{Schema, Type};
use std::collections::BTreeMap;

/// Why a field is in the file: what to record there and which provision asks for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Note {
    /// What to record (the schema's doc string of the field).
    pub what: String,
    /// The provision that asks for it (`SI 2023/1348 reg 24(c)`), or the format's own demand.
    pub why: String,
}

/// One value of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// A table: its fields by schema slot.
    Record(RecordId, BTreeMap<usize, Field>),
    /// A list.
    List(Vec<Node>),
    /// A value psrlint does not know: the user must record it.
    Placeholder(Type),
    /// Text, or an enum value.
    Text(String),
    /// A date.
    Date(NaiveDate),
    /// A whole number.
    Integer(i64),
    /// A list of enum values psrlint fills (a notice's Schedule items).
    Items(Vec<String>),
}

/// A field of a record: its value and why it is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The value.
    pub node: Node,
    /// Why it is there.
    pub note: Note,
}

/// One step of a dotted path (`notices[1].includes`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A field by name.
    Key(String),
    /// A list element.
    Index(usize),
}

/// Splits `notices[1].includes` into its steps.
pub fn parse_path(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        if !name.is_empty() {
            out.push(Step::Key(name.to_string()));
        }
        for idx in rest.split('[') {
            if let Ok(i) = idx.trim_end_matches(']').parse() {
                out.push(Step::Index(i));
            }
        }
    }
    out
}

/// The schema's doc string of field `slot` of record `rid`, for a note.
pub fn field_doc(schema: &Schema, rid: RecordId, slot: usize) -> String {
    let f = &schema.record(rid).fields[slot];
    f.doc.clone().unwrap_or_else(|| f.name.replace('_', " "))
}

/// A fresh value of type `ty`: a placeholder, or for a record its required fields, or for a
/// list one element (a list the rules need holds at least one item).
pub fn fresh(schema: &Schema, ty: &Type, why: &str) -> Node {
    match ty.strip_optional() {
        Type::Record(rid) => {
            let mut fields = BTreeMap::new();
            for (i, f) in schema.record(*rid).fields.iter().enumerate() {
                if !f.ty.is_optional() && !matches!(f.ty, Type::List(_)) && f.required.is_none() {
                    fields.insert(
                        i,
                        Field {
                            node: fresh(schema, &f.ty, why),
                            note: Note {
                                what: field_doc(schema, *rid, i),
                                why: why.to_string(),
                            },
                        },
                    );
                }
            }
            Node::Record(*rid, fields)
        }
        Type::List(elem) => Node::List(vec![fresh(schema, elem, why)]),
        other => Node::Placeholder(other.clone()),
    }
}

/// A value of type `ty` with every field a placeholder: a record with all its fields, a list
/// with one such element. `psrlint new` then trims what the rules do not read.
pub fn full(schema: &Schema, ty: &Type, why: &str, depth: usize) -> Node {
    match ty.strip_optional() {
        Type::Record(rid) if depth < 6 => {
            let mut fields = BTreeMap::new();
            for (i, f) in schema.record(*rid).fields.iter().enumerate() {
                fields.insert(
                    i,
                    Field {
                        node: full(schema, &f.ty, why, depth + 1),
                        note: Note {
                            what: field_doc(schema, *rid, i),
                            why: why.to_string(),
                        },
                    },
                );
            }
            Node::Record(*rid, fields)
        }
        Type::List(elem) => Node::List(vec![full(schema, elem, why, depth + 1)]),
        other => Node::Placeholder(other.clone()),
    }
}

impl Node {
    /// Removes the field at `path` (its last step a field name); whether there was one.
    pub fn remove(&mut self, schema: &Schema, path: &[Step]) -> bool {
        let Some((first, rest)) = path.split_first() else {
            return false;
        };
        match (self, first) {
            (Node::Record(rid, fields), Step::Key(k)) => {
                let Some(slot) = schema.record(*rid).field_index(k) else {
                    return false;
                };
                if rest.is_empty() {
                    return fields.remove(&slot).is_some();
                }
                fields
                    .get_mut(&slot)
                    .is_some_and(|f| f.node.remove(schema, rest))
            }
            (Node::List(items), Step::Index(i)) => {
                items.get_mut(*i).is_some_and(|n| n.remove(schema, rest))
            }
            _ => false,
        }
    }

    /// The paths of the fields below this node that hold placeholders or records, deepest
    /// first: what trimming tries to remove.
    pub fn field_paths(&self, schema: &Schema, prefix: &str, out: &mut Vec<String>) {
        match self {
            Node::Record(rid, fields) => {
                for (slot, f) in fields {
                    let name = &schema.record(*rid).fields[*slot].name;
                    let path = if prefix.is_empty() {
                        name.clone()
                    } else {
                        format!("{prefix}.{name}")
                    };
                    f.node.field_paths(schema, &path, out);
                    if f.node.placeholders() > 0 || matches!(f.node, Node::Record(..)) {
                        out.push(path);
                    }
                }
            }
            Node::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    item.field_paths(schema, &format!("{prefix}[{i}]"), out);
                }
            }
            _ => {}
        }
    }

    /// The node at `path`, when the file records it (an empty list records nothing).
    pub fn get(&self, schema: &Schema, path: &[Step]) -> Option<&Node> {
        let Some((first, rest)) = path.split_first() else {
            return match self {
                Node::List(items) if items.is_empty() => None,
                n => Some(n),
            };
        };
        match (self, first) {
            (Node::Record(rid, fields), Step::Key(k)) => {
                let slot = schema.record(*rid).field_index(k)?;
                fields.get(&slot)?.node.get(schema, rest)
            }
            (Node::List(items), Step::Index(i)) => items.get(*i)?.get(schema, rest),
            _ => None,
        }
    }

    /// Adds what `path` needs to exist (placeholders), noting `why` on each field added.
    /// Returns whether anything was added; `false` when the path leaves the schema.
    pub fn ensure(&mut self, schema: &Schema, path: &[Step], why: &str) -> bool {
        let Some((first, rest)) = path.split_first() else {
            return false;
        };
        match (self, first) {
            (Node::Record(rid, fields), Step::Key(k)) => {
                let rid = *rid;
                let Some(slot) = schema.record(rid).field_index(k) else {
                    return false;
                };
                let ty = schema.record(rid).fields[slot].ty.clone();
                let mut added = false;
                let field = fields.entry(slot).or_insert_with(|| {
                    added = true;
                    Field {
                        node: fresh(schema, &ty, why),
                        note: Note {
                            what: field_doc(schema, rid, slot),
                            why: why.to_string(),
                        },
                    }
                });
                if let Node::List(items) = &mut field.node {
                    if items.is_empty() {
                        if let Type::List(elem) = &ty {
                            items.push(fresh(schema, elem, why));
                            added = true;
                        }
                    }
                    if let Some(Step::Index(_)) = rest.first() {
                        return field.node.ensure_index(schema, &ty, rest, why) || added;
                    }
                }
                if rest.is_empty() {
                    added
                } else {
                    field.node.ensure(schema, rest, why) || added
                }
            }
            _ => false,
        }
    }

    fn ensure_index(&mut self, schema: &Schema, ty: &Type, path: &[Step], why: &str) -> bool {
        let (Node::List(items), Type::List(elem), Some((Step::Index(i), rest))) =
            (self, ty, path.split_first())
        else {
            return false;
        };
        if *i > items.len() + 8 {
            return false;
        }
        let mut added = false;
        while items.len() <= *i {
            items.push(fresh(schema, elem, why));
            added = true;
        }
        if rest.is_empty() {
            added
        } else {
            items[*i].ensure(schema, rest, why) || added
        }
    }

    /// The record's field at `slot`, made if absent.
    pub fn set(&mut self, slot: usize, node: Node, note: Note) {
        if let Node::Record(_, fields) = self {
            fields.insert(slot, Field { node, note });
        }
    }

    /// The record's field named `name`, mutably.
    pub fn field_mut(&mut self, schema: &Schema, name: &str) -> Option<&mut Field> {
        match self {
            Node::Record(rid, fields) => fields.get_mut(&schema.record(*rid).field_index(name)?),
            _ => None,
        }
    }

    /// How many placeholders the tree holds.
    pub fn placeholders(&self) -> usize {
        match self {
            Node::Placeholder(_) => 1,
            Node::Record(_, f) => f.values().map(|f| f.node.placeholders()).sum(),
            Node::List(items) => items.iter().map(Node::placeholders).sum(),
            _ => 0,
        }
    }
}
