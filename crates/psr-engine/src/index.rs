//! Indexes over the packs' tables, so that `first r in TABLE where r.column == value and …` (and
//! `any`, `count`, `select`) look rows up by value instead of scanning every row. The result,
//! errors included, is exactly what a scan gives: rows whose column is absent stay candidates,
//! and anything the index cannot answer falls back to the scan.

use psr_lang::{Expr, Program, Value};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::Arc;

/// A column value as a hash key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Text(Arc<str>),
    Int(i64),
    Enum(u32),
    Date(chrono::NaiveDate),
    Bool(bool),
    Num(Decimal),
}

impl Key {
    /// The key of a value; `None` for values the index does not hold (absent, lists, records).
    pub(crate) fn of(v: &Value) -> Option<Key> {
        Some(match v {
            Value::Text(t) => Key::Text(Arc::clone(t)),
            Value::Integer(n) | Value::Days(n) | Value::WorkingDays(n) => Key::Int(*n),
            Value::Enum(e) => Key::Enum(*e),
            Value::Date(d) => Key::Date(*d),
            Value::Bool(b) => Key::Bool(*b),
            Value::Decimal(d) | Value::Money(d) | Value::Percent(d) => Key::Num(d.normalize()),
            _ => return None,
        })
    }
}

/// The rows of one table column, by value.
#[derive(Debug, Default)]
pub(crate) struct ColumnIndex {
    by_key: HashMap<Key, Vec<u32>>,
    /// Rows whose value cannot be keyed (absent): a scan would compare them, so they stay
    /// candidates.
    unkeyed: Vec<u32>,
}

impl ColumnIndex {
    /// Candidate rows for `key`, in row order.
    pub(crate) fn candidates(&self, key: &Key) -> Vec<u32> {
        let mut rows: Vec<u32> = self.by_key.get(key).cloned().unwrap_or_default();
        if !self.unkeyed.is_empty() {
            rows.extend_from_slice(&self.unkeyed);
            rows.sort_unstable();
        }
        rows
    }
}

/// Every column of every table, indexed.
#[derive(Debug, Default)]
pub struct TableIndexes {
    columns: HashMap<(u32, u32), ColumnIndex>,
}

impl TableIndexes {
    /// Indexes the program's tables (small: hundreds of rows).
    pub fn build(program: &Program) -> Self {
        let mut columns: HashMap<(u32, u32), ColumnIndex> = HashMap::new();
        for (t, table) in program.tables.iter().enumerate() {
            let Value::List(rows) = &table.rows else {
                continue;
            };
            for (r, row) in rows.iter().enumerate() {
                let Value::Record(cells) = &row.value else {
                    continue;
                };
                for (c, cell) in cells.iter().enumerate() {
                    let ix = columns.entry((t as u32, c as u32)).or_default();
                    match Key::of(&cell.value) {
                        Some(k) => ix.by_key.entry(k).or_default().push(r as u32),
                        None => ix.unkeyed.push(r as u32),
                    }
                }
            }
        }
        TableIndexes { columns }
    }

    pub(crate) fn column(&self, table: u32, column: u32) -> Option<&ColumnIndex> {
        self.columns.get(&(table, column))
    }
}

/// How an indexed lookup runs: the row-independent conditions before the equality, the column
/// compared, and the expression giving the value looked up.
pub(crate) struct Plan<'e> {
    pub prefix: Vec<&'e Expr>,
    pub column: u32,
    pub value: &'e Expr,
}

/// A plan for `filter` over a quantifier variable in `slot`, when its `and` chain has an equality
/// between a column of the variable and a value that does not depend on the variable, with only
/// row-independent conditions before it.
pub(crate) fn plan(filter: &Expr, slot: u32) -> Option<Plan<'_>> {
    let mut conjuncts = Vec::new();
    flatten_and(filter, &mut conjuncts);
    for (k, c) in conjuncts.iter().enumerate() {
        if let Expr::Cmp(psr_lang::CmpOp::Eq, a, b) = c {
            let pick = match (column_of(a, slot), column_of(b, slot)) {
                (Some(col), None) if !uses_slot(b, slot) => Some((col, b.as_ref())),
                (None, Some(col)) if !uses_slot(a, slot) => Some((col, a.as_ref())),
                _ => None,
            };
            if let Some((column, value)) = pick {
                return Some(Plan {
                    prefix: conjuncts[..k].to_vec(),
                    column,
                    value,
                });
            }
        }
        if uses_slot(c, slot) {
            return None;
        }
    }
    None
}

fn flatten_and<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::And(a, b) => {
            flatten_and(a, out);
            flatten_and(b, out);
        }
        other => out.push(other),
    }
}

fn column_of(e: &Expr, slot: u32) -> Option<u32> {
    match e {
        Expr::Field(base, c) if matches!(base.as_ref(), Expr::Local(s) if *s == slot) => Some(*c),
        _ => None,
    }
}

/// Whether `e` reads the variable in `slot`.
fn uses_slot(e: &Expr, slot: u32) -> bool {
    match e {
        Expr::Local(s) => *s == slot,
        Expr::Const(_)
        | Expr::Root
        | Expr::LawDate
        | Expr::Def(_)
        | Expr::Table(_)
        | Expr::Param(_) => false,
        Expr::Field(b, _) | Expr::Not(b) | Expr::Neg(b) | Expr::Present(b, _) => uses_slot(b, slot),
        Expr::Call(_, args) | Expr::List(args) | Expr::Builtin(_, args) => {
            args.iter().any(|a| uses_slot(a, slot))
        }
        Expr::And(a, b)
        | Expr::Or(a, b)
        | Expr::Cmp(_, a, b)
        | Expr::Arith(_, a, b)
        | Expr::In(a, b, _)
        | Expr::Coalesce(a, b) => uses_slot(a, slot) || uses_slot(b, slot),
        Expr::If(a, b, c) => uses_slot(a, slot) || uses_slot(b, slot) || uses_slot(c, slot),
        Expr::Quant {
            list, filter, of, ..
        } => {
            uses_slot(list, slot)
                || filter.as_deref().is_some_and(|f| uses_slot(f, slot))
                || of.as_deref().is_some_and(|o| uses_slot(o, slot))
        }
    }
}
