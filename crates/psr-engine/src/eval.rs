//! Evaluating compiled expressions over one validated arrangement. Evaluation is total: every
//! loop is over a finite list, and a problem (a date outside the calendar, a division by zero, a
//! parameter with no value in force) is an [`EvalError`], never a panic.

use crate::calendar;
use chrono::{Datelike, Duration, NaiveDate};
use psr_lang::{ArithOp, Builtin, CmpOp, Expr, Origin, Program, QuantKind, Val, Value};
use rust_decimal::Decimal as Dec;
use std::cmp::Ordering;
use std::sync::Arc;

/// Why an expression could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError(pub String);

type R<T> = Result<T, EvalError>;

/// Evaluates expressions of one program over one arrangement.
pub struct Evaluator<'p> {
    program: &'p Program,
    indexes: Option<&'p crate::index::TableIndexes>,
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
    pub fn new(program: &'p Program, root: Val, law_date: NaiveDate) -> Self {
        Evaluator {
            program,
            indexes: None,
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

    /// Uses `indexes` to look table rows up by value (same results as a scan, faster).
    pub fn with_indexes(mut self, indexes: &'p crate::index::TableIndexes) -> Self {
        self.indexes = Some(indexes);
        self
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
    fn path_ref<'s>(&'s self, e: &Expr) -> Option<&'s Val> {
        match e {
            Expr::Root => Some(&self.root),
            Expr::Local(s) => self.slots.get(*s as usize),
            Expr::Def(d) => self.def_cache.get(*d as usize)?.as_ref(),
            Expr::Field(base, i) => match &self.path_ref(base)?.value {
                Value::Record(fields) => fields.get(*i as usize),
                _ => None,
            },
            _ => None,
        }
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
        if let (Some(x), Some(y)) = (self.value_ref(first), self.value_ref(second)) {
            return f(x, y);
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
        let Some(indexes) = self.indexes else {
            return Ok(None);
        };
        let Some(plan) = crate::index::plan(filter, slot) else {
            return Ok(None);
        };
        let Some(column) = indexes.column(table, plan.column) else {
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
        for r in column.candidates(&key) {
            let row = &rows[r as usize];
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

    fn builtin(&mut self, b: Builtin, args: &[Expr]) -> R<Val> {
        if let (Builtin::FilesWithReference, [arg]) = (b, args) {
            return self.files_with_reference(arg);
        }
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            vals.push(self.eval(a)?.value);
        }
        let date = |v: &Value| match v {
            Value::Date(d) => Ok(*d),
            other => Err(unexpected("a date", other)),
        };
        let cal = || {
            self.program
                .calendar
                .as_ref()
                .ok_or_else(|| EvalError("no working-day calendar is loaded".into()))
        };
        Ok(Val::new(match (b, vals.as_slice()) {
            (Builtin::Len, [Value::List(items)]) => Value::Integer(items.len() as i64),
            (Builtin::WorkingDaysBetween, [a, c]) => Value::WorkingDays(
                calendar::working_days_between(cal()?, date(a)?, date(c)?)
                    .map_err(|e| EvalError(e.to_string()))?,
            ),
            (Builtin::IsWorkingDay, [a]) => Value::Bool(
                calendar::is_working_day(cal()?, date(a)?).map_err(|e| EvalError(e.to_string()))?,
            ),
            (Builtin::Year, [a]) => Value::Integer(i64::from(date(a)?.year())),
            (Builtin::Month, [a]) => Value::Integer(i64::from(date(a)?.month())),
            (Builtin::Day, [a]) => Value::Integer(i64::from(date(a)?.day())),
            (Builtin::Min, [a, c]) => {
                if compare(a, c)? == Ordering::Greater {
                    c.clone()
                } else {
                    a.clone()
                }
            }
            (Builtin::Max, [a, c]) => {
                if compare(a, c)? == Ordering::Less {
                    c.clone()
                } else {
                    a.clone()
                }
            }
            (Builtin::PercentOf, [Value::Money(p), Value::Money(w)]) => {
                Value::Percent(div(checked(p.checked_mul(Dec::ONE_HUNDRED))?, *w)?)
            }
            (Builtin::AddYears | Builtin::AddMonths, [Value::Date(d), Value::Integer(n)]) => {
                let months = if b == Builtin::AddYears {
                    n.checked_mul(12).ok_or_else(overflow)?
                } else {
                    *n
                };
                let m = chrono::Months::new(
                    u32::try_from(months.unsigned_abs()).map_err(|_| overflow())?,
                );
                let moved = if months >= 0 {
                    d.checked_add_months(m)
                } else {
                    d.checked_sub_months(m)
                };
                Value::Date(moved.ok_or_else(overflow)?)
            }
            (Builtin::Item, [Value::List(items), Value::Integer(i)]) => {
                return Ok(usize::try_from(*i)
                    .ok()
                    .and_then(|i| items.get(i))
                    .cloned()
                    .unwrap_or(Val::new(Value::Absent)));
            }
            (Builtin::Item, [Value::Absent, _]) => Value::Absent,
            (Builtin::Lower, [Value::Text(t)]) => Value::Text(t.to_lowercase().into()),
            (Builtin::Prefix, [Value::Text(t), Value::Integer(n)]) => {
                let n = usize::try_from(*n).unwrap_or(0);
                Value::Text(t.chars().take(n).collect::<String>().into())
            }
            (Builtin::Trim, [Value::Text(t)]) => {
                Value::Text(t.split_whitespace().collect::<Vec<_>>().join(" ").into())
            }
            (_, [first, ..]) => return Err(unexpected("an argument of the right type", first)),
            _ => {
                return Err(EvalError(
                    "a built-in function was called without arguments".into(),
                ))
            }
        }))
    }

    /// `files_with_reference(r)`: the run's files with reference `r`; none when `r` is absent.
    fn files_with_reference(&mut self, arg: &Expr) -> R<Val> {
        let key = self.eval(arg)?;
        Ok(Val::new(match (&key.value, self.run) {
            (Value::Text(t), Some(run)) => run.files_with_reference(t).ok_or_else(|| {
                EvalError(format!(
                    "the files with reference `{t}` were not collected: a reference read from another file is not followed"
                ))
            })?,
            (Value::Text(t), None) => {
                self.wants.push(Arc::clone(t));
                Value::List(Vec::new().into())
            }
            (Value::Absent, _) => Value::List(Vec::new().into()),
            (other, _) => return Err(unexpected("a text", other)),
        }))
    }

    fn arith(&self, op: ArithOp, x: Value, y: Value) -> R<Value> {
        use Value::*;
        let dec = |v: &Value| match v {
            Integer(n) => Some(Dec::from(*n)),
            Decimal(d) => Some(*d),
            _ => None,
        };
        Ok(match (op, &x, &y) {
            (ArithOp::Add, Text(a), Text(b)) => Text(format!("{a}{b}").into()),
            (ArithOp::Add, List(a), List(b)) => List(a.iter().chain(b.iter()).cloned().collect()),
            (ArithOp::Add, Integer(a), Integer(b)) => {
                Integer(a.checked_add(*b).ok_or_else(overflow)?)
            }
            (ArithOp::Sub, Integer(a), Integer(b)) => {
                Integer(a.checked_sub(*b).ok_or_else(overflow)?)
            }
            (ArithOp::Mul, Integer(a), Integer(b)) => {
                Integer(a.checked_mul(*b).ok_or_else(overflow)?)
            }
            (ArithOp::Add, Money(a), Money(b)) => Money(checked(a.checked_add(*b))?),
            (ArithOp::Sub, Money(a), Money(b)) => Money(checked(a.checked_sub(*b))?),
            (ArithOp::Add, Percent(a), Percent(b)) => Percent(checked(a.checked_add(*b))?),
            (ArithOp::Sub, Percent(a), Percent(b)) => Percent(checked(a.checked_sub(*b))?),
            (ArithOp::Add, Days(a), Days(b)) => Days(a.checked_add(*b).ok_or_else(overflow)?),
            (ArithOp::Sub, Days(a), Days(b)) => Days(a.checked_sub(*b).ok_or_else(overflow)?),
            (ArithOp::Add, WorkingDays(a), WorkingDays(b)) => {
                WorkingDays(a.checked_add(*b).ok_or_else(overflow)?)
            }
            (ArithOp::Sub, WorkingDays(a), WorkingDays(b)) => {
                WorkingDays(a.checked_sub(*b).ok_or_else(overflow)?)
            }
            (ArithOp::Add | ArithOp::Sub, Date(d), Days(n)) | (ArithOp::Add, Days(n), Date(d)) => {
                let n = if op == ArithOp::Sub { -*n } else { *n };
                Date(
                    d.checked_add_signed(Duration::try_days(n).ok_or_else(overflow)?)
                        .ok_or_else(overflow)?,
                )
            }
            (ArithOp::Add | ArithOp::Sub, Date(d), WorkingDays(n))
            | (ArithOp::Add, WorkingDays(n), Date(d)) => {
                let n = if op == ArithOp::Sub { -*n } else { *n };
                let cal = self
                    .program
                    .calendar
                    .as_ref()
                    .ok_or_else(|| EvalError("no working-day calendar is loaded".into()))?;
                Date(calendar::add_working_days(cal, *d, n).map_err(|e| EvalError(e.to_string()))?)
            }
            (ArithOp::Sub, Date(a), Date(b)) => Days((*a - *b).num_days()),
            (ArithOp::Mul, Money(m), Percent(p)) | (ArithOp::Mul, Percent(p), Money(m)) => {
                Money(checked(m.checked_mul(*p))? / Dec::ONE_HUNDRED)
            }
            (ArithOp::Mul, Money(m), o) | (ArithOp::Mul, o, Money(m)) if dec(o).is_some() => {
                Money(checked(m.checked_mul(dec(o).unwrap_or_default()))?)
            }
            (ArithOp::Mul, Percent(p), o) | (ArithOp::Mul, o, Percent(p)) if dec(o).is_some() => {
                Percent(checked(p.checked_mul(dec(o).unwrap_or_default()))?)
            }
            (ArithOp::Mul, Days(d), Integer(n)) | (ArithOp::Mul, Integer(n), Days(d)) => {
                Days(d.checked_mul(*n).ok_or_else(overflow)?)
            }
            (ArithOp::Div, Money(a), Money(b)) => {
                Percent(div(checked(a.checked_mul(Dec::ONE_HUNDRED))?, *b)?)
            }
            (ArithOp::Div, Money(a), o) if dec(o).is_some() => {
                Money(div(*a, dec(o).unwrap_or_default())?)
            }
            (ArithOp::Div, Percent(a), o) if dec(o).is_some() => {
                Percent(div(*a, dec(o).unwrap_or_default())?)
            }
            (_, a, b) if dec(a).is_some() && dec(b).is_some() => {
                let (a, b) = (dec(a).unwrap_or_default(), dec(b).unwrap_or_default());
                Decimal(match op {
                    ArithOp::Add => checked(a.checked_add(b))?,
                    ArithOp::Sub => checked(a.checked_sub(b))?,
                    ArithOp::Mul => checked(a.checked_mul(b))?,
                    ArithOp::Div => div(a, b)?,
                })
            }
            (_, Absent, _) | (_, _, Absent) => {
                return Err(EvalError(
                    "a value the rule relies on is not recorded".into(),
                ))
            }
            (_, a, _) => return Err(unexpected("a number", a)),
        })
    }
}

/// Whether `v` is an element of the list `list`.
fn member(v: &Value, list: &Value) -> R<bool> {
    let Value::List(items) = list else {
        return Err(unexpected("a list", list));
    };
    for i in items.iter() {
        if compare(v, &i.value)? == Ordering::Equal {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A condition's value: `true` or `false`, else why it cannot be decided.
fn truth(v: &Value) -> R<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::Absent => Err(EvalError(
            "a value the rule relies on is not recorded".into(),
        )),
        other => Err(unexpected("true or false", other)),
    }
}

/// What a quantifier gives when no element satisfies its condition.
fn empty_result(kind: QuantKind) -> Val {
    Val::new(match kind {
        QuantKind::Any => Value::Bool(false),
        QuantKind::All => Value::Bool(true),
        QuantKind::Count => Value::Integer(0),
        QuantKind::Select => Value::List(Vec::new().into()),
        QuantKind::First | QuantKind::Sum => Value::Absent,
    })
}

fn div(a: Dec, b: Dec) -> R<Dec> {
    if b.is_zero() {
        return Err(EvalError(
            "a division by zero (a value of £0 or 0 was divided by)".into(),
        ));
    }
    checked(a.checked_div(b))
}

fn checked(d: Option<Dec>) -> R<Dec> {
    d.ok_or_else(overflow)
}

fn overflow() -> EvalError {
    EvalError("a number too large to compute with".into())
}

fn unexpected(want: &str, got: &Value) -> EvalError {
    if matches!(got, Value::Absent) {
        EvalError("a value the rule relies on is not recorded".into())
    } else {
        EvalError(format!("expected {want} while evaluating the rule"))
    }
}

/// Orders two values of one type.
pub fn compare(a: &Value, b: &Value) -> R<Ordering> {
    use Value::*;
    Ok(match (a, b) {
        (Bool(x), Bool(y)) => x.cmp(y),
        (Integer(x), Integer(y)) => x.cmp(y),
        (Decimal(x), Decimal(y)) | (Money(x), Money(y)) | (Percent(x), Percent(y)) => x.cmp(y),
        (Integer(x), Decimal(y)) => Dec::from(*x).cmp(y),
        (Decimal(x), Integer(y)) => x.cmp(&Dec::from(*y)),
        (Date(x), Date(y)) => x.cmp(y),
        (Days(x), Days(y)) | (WorkingDays(x), WorkingDays(y)) => x.cmp(y),
        (Text(x), Text(y)) => x.cmp(y),
        (Enum(x), Enum(y)) => x.cmp(y),
        (Absent, _) | (_, Absent) => {
            return Err(EvalError(
                "a value the rule relies on is not recorded".into(),
            ))
        }
        _ => {
            return Err(EvalError(
                "two values of different kinds were compared".into(),
            ))
        }
    })
}

/// The origin of an evaluated location expression.
pub fn origin_of(v: &Val) -> Origin {
    v.origin
}
