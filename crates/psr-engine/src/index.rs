//! Indexes over the packs' tables, so that `first r in TABLE where r.column == value and …` (and
//! `any`, `count`, `select`) look rows up by value instead of scanning every row. The result,
//! errors included, is exactly what a scan gives: rows whose column is absent stay candidates,
//! and anything the index cannot answer falls back to the scan.

use psr_lang::{Expr, Program, Value};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

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
    pub(crate) fn candidates(&self, key: &Key) -> std::borrow::Cow<'_, [u32]> {
        let keyed = self.by_key.get(key).map_or(&[][..], Vec::as_slice);
        if self.unkeyed.is_empty() {
            return std::borrow::Cow::Borrowed(keyed);
        }
        let mut rows = keyed.to_vec();
        rows.extend_from_slice(&self.unkeyed);
        rows.sort_unstable();
        std::borrow::Cow::Owned(rows)
    }
}

/// Every column of every table, each indexed the first time a lookup uses it (a run over one
/// file uses a handful of the columns, and building them all cost more than checking the file).
#[derive(Debug, Default)]
pub struct TableIndexes {
    /// Per table, per column.
    columns: Vec<Vec<OnceLock<ColumnIndex>>>,
}

impl TableIndexes {
    /// Room for an index of every column of the program's tables; none is built yet.
    pub fn build(program: &Program) -> Self {
        let columns = program
            .tables
            .iter()
            .map(|table| {
                let width = match &table.rows {
                    Value::List(rows) => rows
                        .iter()
                        .map(|row| match &row.value {
                            Value::Record(cells) => cells.len(),
                            _ => 0,
                        })
                        .max()
                        .unwrap_or(0),
                    _ => 0,
                };
                (0..width).map(|_| OnceLock::new()).collect()
            })
            .collect();
        TableIndexes { columns }
    }

    /// The index of `column` of `table` (built now if it is the first use), or `None` when the
    /// table has no such column.
    pub(crate) fn column(
        &self,
        program: &Program,
        table: u32,
        column: u32,
    ) -> Option<&ColumnIndex> {
        let cell = self.columns.get(table as usize)?.get(column as usize)?;
        Some(cell.get_or_init(|| ColumnIndex::of(program, table, column)))
    }
}

impl ColumnIndex {
    /// The index of one column: the rows by their value in it.
    fn of(program: &Program, table: u32, column: u32) -> Self {
        let mut ix = ColumnIndex::default();
        let Some(Value::List(rows)) = program.tables.get(table as usize).map(|t| &t.rows) else {
            return ix;
        };
        for (r, row) in rows.iter().enumerate() {
            let Value::Record(cells) = &row.value else {
                continue;
            };
            let Some(cell) = cells.get(column as usize) else {
                continue;
            };
            match Key::of(&cell.value) {
                Some(k) => ix.by_key.entry(k).or_default().push(r as u32),
                None => ix.unkeyed.push(r as u32),
            }
        }
        ix
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
