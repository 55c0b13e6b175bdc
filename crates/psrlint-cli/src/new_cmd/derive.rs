//! Working out which fields an arrangement of one kind and process needs, from the law psrlint
//! already has: the schema's required fields (`required when|unless` included), then what the
//! rules report. The file is checked with a plausible stand-in for each placeholder; every
//! finding about a field the file does not record adds that field (noted with the provision the
//! finding cites), every finding about a missing notice adds the notice type that answers it,
//! and a field of a table already there is added when recording it answers a finding. A notice's
//! Schedule items are the fewest that leave no finding about its content. So a change to the law
//! changes the template.

use super::emit::{to_json, Fill};
use super::tree::{field_doc, fresh, full, parse_path, Node, Note};
use chrono::NaiveDate;
use psr_engine::{CheckOptions, Engine, Finding, SourceFile};
use psr_lang::types::RecordId;
use psr_lang::{Schema, Type};
use std::collections::BTreeMap;

/// The facts that choose the shape of the file.
#[derive(Clone, Debug)]
pub struct Facts {
    /// `arrangement.kind`.
    pub kind: String,
    /// `process.type`, for a kind that has one.
    pub process: Option<String>,
    /// The decision date.
    pub date: NaiveDate,
    /// What psrlint knows of the authority, when its ODS code was given.
    pub authority: Option<super::authority::Known>,
}

/// What the format itself asks for, as a note's provision.
pub(super) const FORMAT: &str = "arrangement format";

/// The most rounds of adding fields; a template settles in three or four.
const ROUNDS: usize = 12;

/// Builds the file for `facts`.
pub fn build(engine: &Engine, facts: &Facts) -> Node {
    let schema = &engine.program().schema;
    let Some(root_id) = schema.root else {
        return Node::List(Vec::new());
    };
    let mut root = Node::Record(root_id, BTreeMap::new());
    required_sections(schema, root_id, &facts.kind, &mut root);
    super::seed::apply(engine.program(), &facts.kind, &mut root);
    known_values(schema, facts, &mut root);
    let d = Deriver {
        engine,
        schema,
        date: facts.date,
        hint: kind_hint(schema, &facts.kind),
    };
    for _ in 0..ROUNDS {
        let findings = d.check(&root);
        let mut changed = d.add_missing_fields(&mut root, &findings);
        if !changed {
            changed = d.add_notice(&mut root, &findings);
        }
        if !changed {
            changed = d.add_read_fields(&mut root);
        }
        if !changed {
            break;
        }
    }
    d.fill_notice_items(&mut root);
    root
}

/// The root's fields the schema requires for this kind (`required when|unless` decided by it).
fn required_sections(schema: &Schema, root_id: RecordId, kind: &str, root: &mut Node) {
    let rec = schema.record(root_id);
    for (slot, f) in rec.fields.iter().enumerate() {
        if f.ty.is_optional() || matches!(f.ty, Type::List(_)) {
            continue;
        }
        let needed = match &f.required {
            None => true,
            Some(r) => {
                let held = enum_at(schema, root_id, &r.path)
                    .and_then(|id| {
                        schema.enums[id as usize]
                            .values
                            .iter()
                            .position(|(v, _)| v == kind)
                    })
                    .is_some_and(|i| r.values.contains(&(i as u32)));
                held != r.unless
            }
        };
        if needed {
            let note = Note {
                what: field_doc(schema, root_id, slot),
                why: FORMAT.into(),
            };
            root.set(slot, fresh(schema, &f.ty, FORMAT), note);
        }
    }
}

/// The description of `arrangement.kind = kind` in the schema (what `new` orders enum values by).
pub fn kind_hint(schema: &Schema, kind: &str) -> String {
    super::value_doc(schema, "arrangement", "kind", kind).unwrap_or_default()
}

/// Whether a file of this kind records a selection process (`process` is required for it).
pub fn has_process(schema: &Schema, kind: &str) -> bool {
    let Some(root_id) = schema.root else {
        return false;
    };
    let mut probe = Node::Record(root_id, BTreeMap::new());
    required_sections(schema, root_id, kind, &mut probe);
    probe.get(schema, &parse_path("process")).is_some()
}

/// The enum type at the end of a path of slots from record `rid`.
fn enum_at(schema: &Schema, mut rid: RecordId, path: &[u32]) -> Option<u32> {
    let (last, walk) = path.split_last()?;
    for slot in walk {
        match schema
            .record(rid)
            .fields
            .get(*slot as usize)?
            .ty
            .strip_optional()
        {
            Type::Record(r) => rid = *r,
            _ => return None,
        }
    }
    match schema
        .record(rid)
        .fields
        .get(*last as usize)?
        .ty
        .strip_optional()
    {
        Type::Enum(id) => Some(*id),
        _ => None,
    }
}

/// Sets `path` (made if needed) to `node`.
pub(super) fn put(schema: &Schema, root: &mut Node, path: &str, node: Node) {
    let steps = parse_path(path);
    root.ensure(schema, &steps, FORMAT);
    if let Some(f) = field_at(schema, root, &steps) {
        f.node = node;
    }
}

/// The values the facts give: the kind, the date, the process, the authority.
fn known_values(schema: &Schema, facts: &Facts, root: &mut Node) {
    put(schema, root, "format", Node::Integer(1));
    put(
        schema,
        root,
        "arrangement.kind",
        Node::Text(facts.kind.clone()),
    );
    put(
        schema,
        root,
        "arrangement.decision_date",
        Node::Date(facts.date),
    );
    if let Some(p) = &facts.process {
        put(schema, root, "process.type", Node::Text(p.clone()));
    }
    let Some(a) = &facts.authority else { return };
    // An agreement names its parties; an award its authority.
    let base = if root.get(schema, &parse_path("authority")).is_some() {
        "authority"
    } else {
        "parties[0]"
    };
    put(
        schema,
        root,
        &format!("{base}.type"),
        Node::Text(a.kind.clone()),
    );
    put(
        schema,
        root,
        &format!("{base}.name"),
        Node::Text(a.name.clone()),
    );
    put(
        schema,
        root,
        &format!("{base}.ods_code"),
        Node::Text(a.ods_code.clone()),
    );
    let section = base.trim_end_matches("[0]");
    if let (Some(f), Some(region)) = (root.field_mut(schema, section), &a.region) {
        f.note.what = format!("{} ({region})", f.note.what);
    }
}

pub(super) struct Deriver<'a> {
    pub(super) engine: &'a Engine,
    pub(super) schema: &'a Schema,
    pub(super) date: NaiveDate,
    /// The kind's description: enum values it names are the likely answers.
    pub(super) hint: String,
}

impl Deriver<'_> {
    /// The findings of the file with a stand-in for each placeholder.
    pub(super) fn check(&self, root: &Node) -> Vec<Finding> {
        let json = to_json(self.schema, root, Fill::Standin(self.date), &self.hint);
        let file = SourceFile {
            path: "new.arrangement.json".into(),
            bytes: serde_json::to_vec(&json).unwrap_or_default(),
        };
        self.engine
            .check(&file, &CheckOptions::new(self.date))
            .findings
    }

    /// Adds each field a finding is about that the file does not record.
    fn add_missing_fields(&self, root: &mut Node, findings: &[Finding]) -> bool {
        let mut changed = false;
        for f in findings {
            let Some(path) = f.field.as_deref() else {
                continue;
            };
            if path == "notices" {
                continue;
            }
            let steps = parse_path(path);
            if root.get(self.schema, &steps).is_none() {
                changed |= root.ensure(self.schema, &steps, &why(f));
            }
        }
        changed
    }

    /// Adds the fields the rules read: each absent field (a section written in full) whose
    /// presence changes what the rules find, trimmed of the parts that change nothing.
    fn add_read_fields(&self, root: &mut Node) -> bool {
        let mut changed = false;
        let mut before = self.check(root);
        let mut paths = Vec::new();
        candidate_paths(self.schema, root, "", 0, &mut paths);
        for path in paths {
            let steps = parse_path(&path);
            if root.get(self.schema, &steps).is_some() {
                continue;
            }
            let mut trial = root.clone();
            let Some(ty) = type_at(self.schema, &steps) else {
                continue;
            };
            trial.ensure(self.schema, &steps, FORMAT);
            put(
                self.schema,
                &mut trial,
                &path,
                full(self.schema, &ty, FORMAT, 0),
            );
            let after = self.check(&trial);
            let Some(reason) = self.answers(&trial, &path, &before, &after) else {
                continue;
            };
            if let Some(f) = field_at(self.schema, &mut trial, &steps) {
                f.note.why = reason.clone();
                set_why(&mut f.node, &reason);
            }
            // Trim: the parts whose absence changes nothing.
            let mut parts = Vec::new();
            if let Some(n) = trial.get(self.schema, &steps) {
                n.field_paths(self.schema, &path, &mut parts);
            }
            for part in parts {
                let mut less = trial.clone();
                if less.remove(self.schema, &parse_path(&part))
                    && difference(&after, &self.check(&less)).is_none()
                {
                    trial = less;
                }
            }
            *root = trial;
            before = self.check(root);
            changed = true;
        }
        changed
    }
}

/// Root fields never added by trying: they mark the file as something else (a public record, a
/// procurement abandoned, a contract terminated) or accept findings, rather than record a fact of
/// this decision; the notices have their own step.
const NOT_TRIED: [&str; 5] = [
    "imported_from",
    "abandonment",
    "termination",
    "waivers",
    "notices",
];

/// The paths of the absent fields of every table in the file: candidates for a field the rules
/// read.
fn candidate_paths(
    schema: &Schema,
    node: &Node,
    prefix: &str,
    depth: usize,
    out: &mut Vec<String>,
) {
    match node {
        Node::Record(rid, fields) => {
            for (slot, f) in schema.record(*rid).fields.iter().enumerate() {
                if depth == 0 && NOT_TRIED.contains(&f.name.as_str()) {
                    continue;
                }
                let path = if prefix.is_empty() {
                    f.name.clone()
                } else {
                    format!("{prefix}.{}", f.name)
                };
                match fields.get(&slot) {
                    Some(field) => candidate_paths(schema, &field.node, &path, depth + 1, out),
                    None => out.push(path),
                }
            }
        }
        Node::List(items) => {
            for (i, item) in items.iter().enumerate() {
                candidate_paths(schema, item, &format!("{prefix}[{i}]"), depth + 1, out);
            }
        }
        _ => {}
    }
}

/// The type of the field at `path` from the root.
fn type_at(schema: &Schema, steps: &[super::tree::Step]) -> Option<Type> {
    let mut ty = Type::Record(schema.root?);
    for s in steps {
        ty = match (ty.strip_optional(), s) {
            (Type::Record(rid), super::tree::Step::Key(k)) => {
                let rec = schema.record(*rid);
                rec.fields[rec.field_index(k)?].ty.clone()
            }
            (Type::List(elem), super::tree::Step::Index(_)) => (**elem).clone(),
            _ => return None,
        };
    }
    Some(ty)
}

/// The field at `path` (its last step a name), mutably.
fn field_at<'n>(
    schema: &Schema,
    root: &'n mut Node,
    steps: &[super::tree::Step],
) -> Option<&'n mut super::tree::Field> {
    let (super::tree::Step::Key(last), parents) = steps.split_last()? else {
        return None;
    };
    let mut cur = root;
    for s in parents {
        cur = match (cur, s) {
            (n @ Node::Record(..), super::tree::Step::Key(k)) => &mut n.field_mut(schema, k)?.node,
            (Node::List(items), super::tree::Step::Index(i)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    cur.field_mut(schema, last)
}

/// Notes `why` on every field below `node`.
fn set_why(node: &mut Node, why: &str) {
    match node {
        Node::Record(_, fields) => {
            for f in fields.values_mut() {
                f.note.why = why.to_string();
                set_why(&mut f.node, why);
            }
        }
        Node::List(items) => items.iter_mut().for_each(|n| set_why(n, why)),
        _ => {}
    }
}

impl Deriver<'_> {
    /// Whether the file `trial` (with `after`, against `before`) records something the rules
    /// read: it answers a finding, or it brings in rules that ask for fields the file lacks (an
    /// award date brings in the notices that must follow it). Its reason: the provision cited.
    fn answers(
        &self,
        trial: &Node,
        path: &str,
        before: &[Finding],
        after: &[Finding],
    ) -> Option<String> {
        let same = |a: &Finding, b: &Finding| {
            a.code == b.code && a.field == b.field && a.message == b.message
        };
        let answered: Vec<&Finding> = before
            .iter()
            .filter(|b| !after.iter().any(|a| same(a, b)))
            .collect();
        // The finding about this very field says best why it is needed.
        let about_it = |f: &&&Finding| f.field.as_deref().is_some_and(|p| p.starts_with(path));
        if let Some(f) = answered.iter().find(about_it).or(answered.first()) {
            return Some(why(f));
        }
        let added: Vec<&Finding> = after
            .iter()
            .filter(|a| !before.iter().any(|b| same(a, b)))
            .collect();
        let asks = |f: &&Finding| {
            f.field
                .as_deref()
                .is_some_and(|p| trial.get(self.schema, &parse_path(p)).is_none())
        };
        match added.first() {
            Some(first) if added.iter().all(asks) => Some(why(first)),
            _ => None,
        }
    }
}

/// A finding in one list and not the other (same code, field and message), if any: the first
/// of `before` that `after` lacks, else the first of `after` that `before` lacks.
fn difference<'f>(before: &'f [Finding], after: &'f [Finding]) -> Option<&'f Finding> {
    let same =
        |a: &Finding, b: &Finding| a.code == b.code && a.field == b.field && a.message == b.message;
    before
        .iter()
        .find(|b| !after.iter().any(|a| same(a, b)))
        .or_else(|| after.iter().find(|a| !before.iter().any(|b| same(a, b))))
}

/// Two findings are the same finding: same code, same field.
pub(super) fn same(a: &Finding, b: &Finding) -> bool {
    a.code == b.code && a.field == b.field
}

/// The provision a finding cites, for a note.
pub(super) fn why(f: &Finding) -> String {
    match &f.citation {
        Some(c) => format!("{} {}", c.instrument, c.provision),
        None => FORMAT.into(),
    }
}

pub(super) fn join_why(a: &str, b: &str) -> String {
    if a.is_empty() || a == FORMAT {
        b.to_string()
    } else if b.is_empty() || a.contains(b) {
        a.to_string()
    } else {
        format!("{a}; {b}")
    }
}
