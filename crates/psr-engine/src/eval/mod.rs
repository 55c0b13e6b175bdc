//! Evaluating compiled expressions over one validated arrangement. Evaluation is total: every
//! loop is over a finite list, and a problem (a date outside the calendar, a division by zero, a
//! parameter with no value in force) is an [`EvalError`], never a panic.

use crate::calendar::WorkingDays;
use chrono::NaiveDate;
use psr_lang::{ArithOp, CmpOp, Expr, Origin, Program, QuantKind, Val, Value};
use std::cmp::Ordering;
use std::sync::{Arc, OnceLock};

mod builtins;
mod values;

pub use values::compare;
use values::{empty_result, member, overflow, truth, unexpected};

/// Why an expression could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError(pub String);

type R<T> = Result<T, EvalError>;

/// What evaluating one program builds once and shares between files (and threads): the
/// tables' indexes and the working-day table, each built the first time it is used.
#[derive(Debug, Default)]
pub struct Prepared {
    indexes: crate::index::TableIndexes,
    working_days: OnceLock<WorkingDays>,
}

impl Prepared {
    /// Room for what evaluating `program` will build (nothing is built yet).
    pub fn new(program: &Program) -> Self {
        Prepared {
            indexes: crate::index::TableIndexes::build(program),
            working_days: OnceLock::new(),
        }
    }

    /// The same without table indexes: every lookup scans the table's rows.
    pub fn scanning_only() -> Self {
        Prepared::default()
    }
}

/// Evaluates expressions of one program over one arrangement.
pub struct Evaluator<'p> {
    program: &'p Program,
    prepared: &'p Prepared,
    root: Val,
    law_date: NaiveDate,
    slots: Vec<Val>,
    def_cache: Vec<Option<Val>>,
    /// The other files of the run, once known (see [`crate::run`]).
    run: Option<&'p crate::run::RunIndex>,
    /// The references `files_with_reference` was asked for while the run was not known.
    wants: Vec<Arc<str>>,
}

impl<'p> Evaluator<'p> {
    /// An evaluator for `root` under the law in force on `law_date`.
    pub fn new(
        program: &'p Program,
        prepared: &'p Prepared,
        root: Val,
        law_date: NaiveDate,
    ) -> Self {
        Evaluator {
            program,
            prepared,
            root,
            law_date,
            slots: vec![Val::new(Value::Absent); program.slot_count as usize],
            def_cache: vec![None; program.defs.len()],
            run: None,
            wants: Vec::new(),
        }
    }

    /// Answers `files_with_reference` from `run`. Without it, the evaluator answers with no
    /// files and remembers what was asked ([`Self::take_wants`]).
    pub fn with_run(mut self, run: &'p crate::run::RunIndex) -> Self {
        self.run = Some(run);
        self
    }

    /// The references `files_with_reference` was asked for without a run, sorted and without
    /// duplicates: the answers given were provisional.
    pub fn take_wants(&mut self) -> Vec<Arc<str>> {
        let mut w = std::mem::take(&mut self.wants);
        w.sort();
        w.dedup();
        w
    }

    /// The working days of the packs' calendar.
    fn working_days(&self) -> R<&'p WorkingDays> {
        let cal = self
            .program
            .calendar
            .as_ref()
            .ok_or_else(|| EvalError("no working-day calendar is loaded".into()))?;
        Ok(self
            .prepared
            .working_days
            .get_or_init(|| WorkingDays::new(cal)))
    }

    /// Evaluates `e`.
    pub fn eval(&mut self, e: &Expr) -> R<Val> {
        Ok(match e {
            Expr::Const(v) => Val::new(v.clone()),
            Expr::Root => self.root.clone(),
            Expr::LawDate => Val::new(Value::Date(self.law_date)),
            Expr::Local(s) => self
                .slots
                .get(*s as usize)
                .cloned()
                .unwrap_or(Val::new(Value::Absent)),
            Expr::Field(base, i) => {
                if let Some(v) = self.path_ref(e) {
                    return Ok(v.clone());
                }
                let b = self.eval(base)?;
                match &b.value {
                    Value::Record(fields) => fields
                        .get(*i as usize)
                        .cloned()
                        .unwrap_or(Val::at(Value::Absent, b.origin)),
                    _ => Val::at(Value::Absent, b.origin),
                }
            }
            Expr::Def(d) => {
                let i = *d as usize;
                if let Some(v) = self.def_cache.get(i).and_then(Clone::clone) {
                    return Ok(v);
                }
                let body = &self.program.defs[i].body;
                let v = self.eval(body)?;
                self.def_cache[i] = Some(v.clone());
                v
            }
            Expr::Call(d, args) if args.is_empty() => {
                // A function without parameters reads nothing but the file and the law: its
                // value is the same at every call, so it is kept like a definition's.
                let i = *d as usize;
                if let Some(v) = self.def_cache.get(i).and_then(Clone::clone) {
                    return Ok(v);
                }
                let v = self.eval(&self.program.defs[i].body)?;
                self.def_cache[i] = Some(v.clone());
                v
            }
            Expr::Call(d, args) => {
                let def = &self.program.defs[*d as usize];
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    vals.push(self.eval(a)?);
                }
                for (slot, v) in def.param_slots.iter().zip(vals) {
                    self.slots[*slot as usize] = v;
                }
                self.eval(&def.body)?
            }
            Expr::Table(t) => Val::new(self.program.tables[*t as usize].rows.clone()),
            Expr::Param(p) => {
                let param = &self.program.params[*p as usize];
                match param.value_on(self.law_date) {
                    Some(w) => Val::new(w.value.clone()),
                    None => {
                        return Err(EvalError(format!(
                            "the parameter `{}` has no value in force on {}",
                            param.name, self.law_date
                        )))
                    }
                }
            }
            Expr::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for i in items {
                    out.push(self.eval(i)?);
                }
                Val::new(Value::List(out.into()))
            }
            Expr::Not(..) | Expr::And(..) | Expr::Or(..) | Expr::Cmp(..) | Expr::In(..) => {
                Val::new(Value::Bool(self.bool(e)?))
            }
            Expr::Neg(x) => {
                let v = self.eval(x)?;
                Val::new(match v.value {
                    Value::Integer(n) => Value::Integer(n.checked_neg().ok_or_else(overflow)?),
                    Value::Decimal(d) => Value::Decimal(-d),
                    Value::Money(d) => Value::Money(-d),
                    Value::Percent(d) => Value::Percent(-d),
                    Value::Days(n) => Value::Days(-n),
                    Value::WorkingDays(n) => Value::WorkingDays(-n),
                    other => return Err(unexpected("a number", &other)),
                })
            }
            Expr::Arith(op, a, b) => {
                let (x, y) = (self.eval(a)?, self.eval(b)?);
                Val::new(self.arith(*op, x.value, y.value)?)
            }
            Expr::Coalesce(a, b) => {
                let v = self.eval(a)?;
                if v.value.is_present() {
                    v
                } else {
                    self.eval(b)?
                }
            }
            Expr::If(c, a, b) => {
                if self.bool(c)? {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            Expr::Present(x, present) => Val::new(Value::Bool(self.recorded(x)? == *present)),
            Expr::Quant {
                kind,
                slot,
                list,
                filter,
                of,
            } => self.quantifier(*kind, *slot, list, filter.as_deref(), of.as_deref())?,
            Expr::Builtin(b, args) => self.builtin(*b, args)?,
        })
    }

    /// The value a field path (from the root, a local or a definition already evaluated) reads,
    /// by reference, when every record on the way is present; `None` for anything else. Saves
    /// cloning records along a path.
    /// Walks the path in one loop: its fields are gathered from the outside in, then read from
    /// the base out. (A path deeper than the schema's records is left to [`Self::eval`].)
    fn path_ref<'s>(&'s self, e: &Expr) -> Option<&'s Val> {
        let mut fields = [0u32; 12];
        let mut depth = 0;
        let mut at = e;
        let mut v = loop {
            match at {
                Expr::Field(base, i) => {
                    *fields.get_mut(depth)? = *i;
                    depth += 1;
                    at = base;
                }
                Expr::Root => break &self.root,
                Expr::Local(s) => break self.slots.get(*s as usize)?,
                Expr::Def(d) => break self.def_cache.get(*d as usize)?.as_ref()?,
                _ => return None,
            }
        };
        for i in fields[..depth].iter().rev() {
            match &v.value {
                Value::Record(record) => v = record.get(*i as usize)?,
                _ => return None,
            }
        }
        Some(v)
    }

    /// The value of `e` by reference, when it can be read without computing anything: a
    /// literal, or a field path as [`Self::path_ref`] reads it.
    fn value_ref<'s>(&'s self, e: &'s Expr) -> Option<&'s Value> {
        match e {
            Expr::Const(v) => Some(v),
            _ => self.path_ref(e).map(|v| &v.value),
        }
    }

    /// Evaluates `e` unless it can be read by reference ([`Self::value_ref`]).
    fn computed(&mut self, e: &Expr) -> R<Option<Val>> {
        Ok(match self.value_ref(e) {
            Some(_) => None,
            None => Some(self.eval(e)?),
        })
    }

    /// Whether `e` has a value (is not absent).
    fn recorded(&mut self, e: &Expr) -> R<bool> {
        Ok(match self.value_ref(e) {
            Some(v) => v.is_present(),
            None => self.eval(e)?.value.is_present(),
        })
    }

    /// Orders the values of `a` and `b`, reading literals and field paths in place (`b` is
    /// computed first, which decides which error is reported when both fail).
    fn compare_operands(&mut self, a: &Expr, b: &Expr) -> R<Ordering> {
        self.with_values(b, a, |y, x| compare(x, y))
    }

    /// Applies `f` to the values of `first` and `second`, computed in that order where they
    /// cannot be read in place. The common case, a field against a literal, reads each once.
    fn with_values<T>(
        &mut self,
        first: &Expr,
        second: &Expr,
        f: impl FnOnce(&Value, &Value) -> R<T>,
    ) -> R<T> {
        if let Some(x) = self.value_ref(first) {
            if let Some(y) = self.value_ref(second) {
                return f(x, y);
            }
        }
        let x = self.computed(first)?;
        let y = self.computed(second)?;
        f(self.read(first, x.as_ref()), self.read(second, y.as_ref()))
    }

    /// The value of `e`: `computed` when [`Self::computed`] computed it, else read in place.
    fn read<'s>(&'s self, e: &'s Expr, computed: Option<&'s Val>) -> &'s Value {
        static ABSENT: Value = Value::Absent;
        match computed {
            Some(v) => &v.value,
            None => self.value_ref(e).unwrap_or(&ABSENT),
        }
    }

    /// Evaluates a condition.
    pub fn bool(&mut self, e: &Expr) -> R<bool> {
        match e {
            Expr::Not(x) => return Ok(!self.bool(x)?),
            Expr::And(a, b) => return Ok(self.bool(a)? && self.bool(b)?),
            Expr::Or(a, b) => return Ok(self.bool(a)? || self.bool(b)?),
            Expr::Cmp(op, a, b) => {
                let ord = self.compare_operands(a, b)?;
                return Ok(match op {
                    CmpOp::Eq => ord == Ordering::Equal,
                    CmpOp::Ne => ord != Ordering::Equal,
                    CmpOp::Lt => ord == Ordering::Less,
                    CmpOp::Le => ord != Ordering::Greater,
                    CmpOp::Gt => ord == Ordering::Greater,
                    CmpOp::Ge => ord != Ordering::Less,
                });
            }
            Expr::In(x, list, negated) => {
                return Ok(self.with_values(x, list, member)? != *negated);
            }
            Expr::Present(x, present) => return Ok(self.recorded(x)? == *present),
            Expr::Def(d) => {
                if let Some(Some(v)) = self.def_cache.get(*d as usize) {
                    return truth(&v.value);
                }
            }
            _ => {}
        }
        if let Expr::Field(..) = e {
            if let Some(v) = self.path_ref(e) {
                return truth(&v.value);
            }
        }
        if let Expr::Coalesce(a, d) = e {
            if let Some(Val {
                value: Value::Bool(b),
                ..
            }) = self.path_ref(a)
            {
                return Ok(*b);
            }
            if matches!(a.as_ref(), Expr::Field(..))
                && self.path_ref(a).is_some_and(|v| !v.value.is_present())
            {
                return self.bool(d);
            }
        }
        truth(&self.eval(e)?.value)
    }

    fn quantifier(
        &mut self,
        kind: QuantKind,
        slot: u32,
        list: &Expr,
        filter: Option<&Expr>,
        of: Option<&Expr>,
    ) -> R<Val> {
        if let (Expr::Table(t), Some(f)) = (list, filter) {
            if matches!(
                kind,
                QuantKind::First | QuantKind::Any | QuantKind::Count | QuantKind::Select
            ) {
                if let Some(found) = self.indexed(kind, *t, slot, f)? {
                    return Ok(found);
                }
            }
        }
        let l = self.eval(list)?;
        let items = match &l.value {
            Value::List(items) => items.clone(),
            Value::Absent => Vec::new().into(),
            other => return Err(unexpected("a list", other)),
        };
        let mut count = 0i64;
        let mut sum: Option<Value> = None;
        let mut selected: Vec<Val> = Vec::new();
        for item in items.iter() {
            self.slots[slot as usize] = item.clone();
            let keep = match filter {
                Some(f) => self.bool(f)?,
                None => true,
            };
            match kind {
                QuantKind::Any if keep => return Ok(Val::new(Value::Bool(true))),
                QuantKind::All if !keep => return Ok(Val::new(Value::Bool(false))),
                QuantKind::First if keep => return Ok(item.clone()),
                QuantKind::Count if keep => count += 1,
                QuantKind::Select if keep => selected.push(item.clone()),
                QuantKind::Sum if keep => {
                    let v = match of {
                        Some(o) => self.eval(o)?.value,
                        None => item.value.clone(),
                    };
                    sum = Some(match sum {
                        None => v,
                        Some(acc) => self.arith(ArithOp::Add, acc, v)?,
                    });
                }
                _ => {}
            }
        }
        Ok(Val::new(match kind {
            QuantKind::Any => Value::Bool(false),
            QuantKind::All => Value::Bool(true),
            QuantKind::First => Value::Absent,
            QuantKind::Count => Value::Integer(count),
            QuantKind::Sum => sum.unwrap_or(Value::Integer(0)),
            QuantKind::Select => Value::List(selected.into()),
        }))
    }

    /// A quantifier over a table answered from its index, or `None` to scan.
    fn indexed(&mut self, kind: QuantKind, table: u32, slot: u32, filter: &Expr) -> R<Option<Val>> {
        let indexes = &self.prepared.indexes;
        let Some(plan) = crate::index::plan(filter, slot) else {
            return Ok(None);
        };
        let Some(column) = indexes.column(self.program, table, plan.column) else {
            return Ok(None);
        };
        let Value::List(rows) = &self.program.tables[table as usize].rows else {
            return Ok(None);
        };
        if rows.is_empty() {
            return Ok(None);
        }
        let rows = Arc::clone(rows);
        // A scan evaluates these on the first row, and they are the same on every row.
        for p in &plan.prefix {
            if !self.bool(p)? {
                return Ok(Some(empty_result(kind)));
            }
        }
        let value = self.eval(plan.value)?;
        let Some(key) = crate::index::Key::of(&value.value) else {
            return Ok(None);
        };
        let mut count = 0i64;
        let mut selected = Vec::new();
        for r in column.candidates(&key).iter() {
            let row = &rows[*r as usize];
            self.slots[slot as usize] = row.clone();
            if self.bool(filter)? {
                match kind {
                    QuantKind::Any => return Ok(Some(Val::new(Value::Bool(true)))),
                    QuantKind::First => return Ok(Some(row.clone())),
                    QuantKind::Select => selected.push(row.clone()),
                    _ => count += 1,
                }
            }
        }
        Ok(Some(match kind {
            QuantKind::Count => Val::new(Value::Integer(count)),
            QuantKind::Select => Val::new(Value::List(selected.into())),
            _ => empty_result(kind),
        }))
    }
}

/// The origin of an evaluated location expression.
pub fn origin_of(v: &Val) -> Origin {
    v.origin
}
