//! The fields the packs list for a kind in their `new_fields` table (kind, dotted path, value,
//! law): where a kind's rules check what a file's parts are rather than report them missing (the
//! parties, functions, committee and fund of an agreement), the pack names the parts, and `new`
//! writes them before it adds what the findings ask for.

use super::derive::{join_why, put};
use super::tree::{parse_path, Node, Step};
use psr_lang::{Program, Schema, Value};

/// The table's name.
pub const TABLE: &str = "new_fields";

/// One row of the table.
struct Row {
    path: String,
    value: String,
    law: String,
}

/// The rows of the packs' `new_fields` tables for `kind`, in order.
fn rows(program: &Program, kind: &str) -> Vec<Row> {
    let mut out = Vec::new();
    for table in program.tables.iter().filter(|t| t.name == TABLE) {
        let Some(rec) = program.schema.records.get(table.row_type as usize) else {
            continue;
        };
        let col = |name: &str| rec.field_index(name);
        let (Some(k), Some(p), Some(v), Some(l)) =
            (col("kind"), col("path"), col("value"), col("law"))
        else {
            continue;
        };
        let Value::List(items) = &table.rows else {
            continue;
        };
        for row in items.iter() {
            let Value::Record(fields) = &row.value else {
                continue;
            };
            let text = |i: usize| match fields.get(i).map(|x| &x.value) {
                Some(Value::Text(t)) => t.to_string(),
                _ => String::new(),
            };
            if text(k) == kind {
                out.push(Row {
                    path: text(p),
                    value: text(v),
                    law: text(l),
                });
            }
        }
    }
    out
}

/// Writes the table's fields for `kind` into `root`: each made if absent (a placeholder, or the
/// row's value), its note naming the row's law.
pub fn apply(program: &Program, kind: &str, root: &mut Node) {
    let schema = &program.schema;
    for row in rows(program, kind) {
        let steps = parse_path(&row.path);
        if steps.is_empty() {
            continue;
        }
        root.ensure(schema, &steps, &row.law);
        if !row.value.is_empty() {
            put(schema, root, &row.path, Node::Text(row.value.clone()));
        }
        note_law(schema, root, &steps, &row.law);
    }
}

/// Adds `law` to the note of the field at `steps` (its last step a name).
fn note_law(schema: &Schema, root: &mut Node, steps: &[Step], law: &str) {
    let Some((Step::Key(last), parents)) = steps.split_last() else {
        return;
    };
    let mut cur = root;
    for s in parents {
        cur = match (cur, s) {
            (n @ Node::Record(..), Step::Key(k)) => match n.field_mut(schema, k) {
                Some(f) => &mut f.node,
                None => return,
            },
            (Node::List(items), Step::Index(i)) => match items.get_mut(*i) {
                Some(n) => n,
                None => return,
            },
            _ => return,
        };
    }
    if let Some(f) = cur.field_mut(schema, last) {
        f.note.why = join_why(&f.note.why, law);
    }
}
