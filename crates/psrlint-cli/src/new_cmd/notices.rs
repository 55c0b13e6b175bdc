//! The notices a file needs and their Schedule items: the notice type that answers a finding
//! about the notices, and for each notice the fewest items that leave no finding about its content.

use super::derive::{put, same, why, Deriver, FORMAT};
use super::tree::{field_doc, fresh, parse_path, Node, Note};
use psr_engine::Finding;
use psr_lang::types::RecordId;
use psr_lang::{Schema, Type};

impl Deriver<'_> {
    /// Adds the notice whose type answers a finding about the notices, if one does.
    pub(super) fn add_notice(&self, root: &mut Node, findings: &[Finding]) -> bool {
        let about = |fs: &[Finding]| {
            fs.iter()
                .filter(|f| f.field.as_deref() == Some("notices"))
                .count()
        };
        let before = about(findings);
        if before == 0 {
            return false;
        }
        let Some((notice_rid, type_enum)) = self.notice_type() else {
            return false;
        };
        for (value, _) in &self.schema.enums[type_enum as usize].values {
            // A notice of this type, dated: the rules ask for dated notices.
            let mut notice = fresh(self.schema, &Type::Record(notice_rid), FORMAT);
            if let Some(f) = notice.field_mut(self.schema, "type") {
                f.node = Node::Text(value.clone());
            }
            notice.ensure(self.schema, &parse_path("published"), FORMAT);
            let mut trial = root.clone();
            push_notice(self.schema, &mut trial, notice);
            if about(&self.check(&trial)) >= before {
                continue;
            }
            if let Some(list) = trial.field_mut(self.schema, "notices") {
                let f_why = findings
                    .iter()
                    .find(|f| f.field.as_deref() == Some("notices"))
                    .map(why)
                    .unwrap_or_default();
                list.note.why = super::derive::join_why(&list.note.why, &f_why);
                if let Node::List(items) = &mut list.node {
                    items.sort_by_key(|n| self.notice_order(n, type_enum));
                }
            }
            *root = trial;
            return true;
        }
        false
    }

    /// The notice record and its `type` enum.
    fn notice_type(&self) -> Option<(RecordId, u32)> {
        let root = self.schema.record(self.schema.root?);
        let f = &root.fields[root.field_index("notices")?];
        let Type::List(elem) = &f.ty else { return None };
        let Type::Record(rid) = elem.strip_optional() else {
            return None;
        };
        let t = &self.schema.record(*rid).fields[self.schema.record(*rid).field_index("type")?];
        match t.ty.strip_optional() {
            Type::Enum(e) => Some((*rid, *e)),
            _ => None,
        }
    }

    fn notice_order(&self, n: &Node, type_enum: u32) -> usize {
        let Node::Record(rid, fields) = n else {
            return usize::MAX;
        };
        let slot = self.schema.record(*rid).field_index("type");
        match slot.and_then(|s| fields.get(&s)).map(|f| &f.node) {
            Some(Node::Text(t)) => self.schema.enums[type_enum as usize]
                .values
                .iter()
                .position(|(v, _)| v == t)
                .unwrap_or(usize::MAX),
            _ => usize::MAX,
        }
    }

    /// Each notice's Schedule items: the fewest that leave no finding about its content.
    pub(super) fn fill_notice_items(&self, root: &mut Node) {
        let Some((notice_rid, _)) = self.notice_type() else {
            return;
        };
        let rec = self.schema.record(notice_rid);
        let Some(slot) = rec.field_index("includes") else {
            return;
        };
        let Type::List(elem) = &rec.fields[slot].ty else {
            return;
        };
        let Type::Enum(items_enum) = elem.strip_optional() else {
            return;
        };
        let all: Vec<String> = self.schema.enums[*items_enum as usize]
            .values
            .iter()
            .map(|(v, _)| v.clone())
            .collect();
        let count = match root.get(self.schema, &parse_path("notices")) {
            Some(Node::List(items)) => items.len(),
            _ => 0,
        };
        for i in 0..count {
            let path = format!("notices[{i}].includes");
            let set = |root: &mut Node, items: Vec<String>| {
                root.ensure(self.schema, &parse_path(&path), FORMAT);
                put(self.schema, root, &path, Node::Items(items));
            };
            let mut keep = all.clone();
            set(root, keep.clone());
            let baseline = self.check(root);
            for item in &all {
                let fewer: Vec<String> = keep.iter().filter(|k| *k != item).cloned().collect();
                if fewer.is_empty() {
                    // No items at all would record nothing, which the rules do not judge.
                    break;
                }
                let mut trial = root.clone();
                set(&mut trial, fewer.clone());
                let fs = self.check(&trial);
                if fs.iter().all(|a| baseline.iter().any(|b| same(a, b))) {
                    keep = fewer;
                    *root = trial;
                }
            }
            let why = baseline
                .iter()
                .chain(
                    self.check(&{
                        let mut t = root.clone();
                        set(&mut t, Vec::new());
                        t
                    })
                    .iter(),
                )
                .find(|f| f.field.as_deref().is_some_and(|p| p.ends_with(".includes")))
                .map(why)
                .unwrap_or_default();
            if let Some(Node::Record(_, fields)) = notice_mut(root, self.schema, i) {
                if keep.is_empty() {
                    fields.remove(&slot);
                } else if let Some(f) = fields.get_mut(&slot) {
                    f.note = Note {
                        what: field_doc(self.schema, notice_rid, slot),
                        why,
                    };
                }
            }
        }
    }
}

/// Adds `notice` to the file's notices (made if the file has none).
fn push_notice(schema: &Schema, root: &mut Node, notice: Node) {
    let rid = rec_id(root);
    let Some(slot) = schema.record(rid).field_index("notices") else {
        return;
    };
    if root.field_mut(schema, "notices").is_none() {
        let note = Note {
            what: field_doc(schema, rid, slot),
            why: String::new(),
        };
        root.set(slot, Node::List(Vec::new()), note);
    }
    if let Some(Node::List(items)) = root.field_mut(schema, "notices").map(|f| &mut f.node) {
        items.push(notice);
    }
}

fn rec_id(n: &Node) -> RecordId {
    match n {
        Node::Record(rid, _) => *rid,
        _ => 0,
    }
}

fn notice_mut<'n>(root: &'n mut Node, schema: &Schema, i: usize) -> Option<&'n mut Node> {
    match &mut root.field_mut(schema, "notices")?.node {
        Node::List(items) => items.get_mut(i),
        _ => None,
    }
}
