//! Reading a valid arrangement's values by field name after its rules were evaluated, and the
//! packs' definitions over it, for callers that report on what a register contains (the reg 25
//! summary) rather than on what is wrong with it.

use crate::eval::{EvalError, Evaluator};
use chrono::NaiveDate;
use psr_lang::{Expr, Schema, Type, Val, Value};

/// A valid arrangement, as [`Engine::check_reading`](crate::Engine::check_reading) hands it over.
pub struct Reading<'a, 'p> {
    schema: &'a Schema,
    root: Val,
    root_type: Type,
    evaluator: &'a mut Evaluator<'p>,
    program: &'p psr_lang::Program,
}

impl<'a, 'p: 'a> Reading<'a, 'p> {
    /// A reading of `root`, a valid arrangement of `program`'s schema, evaluated by `evaluator`.
    pub(crate) fn new(
        program: &'p psr_lang::Program,
        root: Val,
        evaluator: &'a mut Evaluator<'p>,
    ) -> Self {
        Reading {
            schema: &program.schema,
            root,
            root_type: program.schema.root.map_or(Type::Error, Type::Record),
            evaluator,
            program,
        }
    }

    /// The whole arrangement.
    pub fn root(&self) -> Item<'a> {
        Item {
            schema: self.schema,
            val: self.root.clone(),
            ty: self.root_type.clone(),
        }
    }

    /// The value of the definition `name` (a `def` without parameters) of the loaded packs;
    /// `None` when no pack declares it.
    pub fn def(&mut self, name: &str) -> Option<Result<Item<'a>, EvalError>> {
        self.call(name, Vec::new())
    }

    /// The value of the definition or function `name` applied to `args`; `None` when no pack
    /// declares it or the number of arguments differs.
    pub fn call(&mut self, name: &str, args: Vec<Value>) -> Option<Result<Item<'a>, EvalError>> {
        let (id, def) = self
            .program
            .defs
            .iter()
            .enumerate()
            .find(|(_, d)| d.name == name && d.param_slots.len() == args.len())?;
        let expr = if def.is_function {
            Expr::Call(id as u32, args.into_iter().map(Expr::Const).collect())
        } else {
            Expr::Def(id as u32)
        };
        let ty = def.ty.clone();
        Some(self.evaluator.eval(&expr).map(|val| Item {
            schema: self.schema,
            val,
            ty,
        }))
    }

    /// `date + param`, as a rule computes it: the packs' parameter `param` (in `days` or
    /// `working days`) in force on the law date, added to `date` (working days over the packs'
    /// calendar); `None` when no pack declares `param`.
    pub fn date_plus_param(
        &mut self,
        date: NaiveDate,
        param: &str,
    ) -> Option<Result<NaiveDate, EvalError>> {
        let id = self.program.params.iter().position(|p| p.name == param)?;
        let expr = Expr::Arith(
            psr_lang::ArithOp::Add,
            Box::new(Expr::Const(Value::Date(date))),
            Box::new(Expr::Param(id as u32)),
        );
        Some(self.evaluator.eval(&expr).and_then(|v| match v.value {
            Value::Date(d) => Ok(d),
            other => Err(EvalError(format!(
                "`{param}` added to a date gives {other:?}, not a date"
            ))),
        }))
    }
}

/// One value of an arrangement with its declared type, read by field name.
#[derive(Clone, Debug)]
pub struct Item<'a> {
    schema: &'a Schema,
    val: Val,
    ty: Type,
}

impl<'a> Item<'a> {
    /// Field `name` of a record; absent when this is not a record, the schema has no such field,
    /// or it is not recorded.
    pub fn get(&self, name: &str) -> Item<'a> {
        let absent = Item {
            schema: self.schema,
            val: Val::new(Value::Absent),
            ty: Type::Error,
        };
        let (Type::Record(rid), Value::Record(fields)) =
            (self.ty.strip_optional(), &self.val.value)
        else {
            return absent;
        };
        let record = self.schema.record(*rid);
        match record.field_index(name) {
            Some(i) => Item {
                schema: self.schema,
                val: fields.get(i).cloned().unwrap_or(Val::new(Value::Absent)),
                ty: record.fields[i].ty.clone(),
            },
            None => absent,
        }
    }

    /// The value at a dotted path of field names (`award.contract_entered`).
    pub fn path(&self, path: &str) -> Item<'a> {
        path.split('.')
            .fold(self.clone(), |item, name| item.get(name))
    }

    /// The value itself.
    pub fn value(&self) -> &Value {
        &self.val.value
    }

    /// The fields of a record, in the schema's order, with their names (none when this is not a
    /// record).
    pub fn fields(&self) -> Vec<(&'a str, Item<'a>)> {
        let (Type::Record(rid), Value::Record(_)) = (self.ty.strip_optional(), &self.val.value)
        else {
            return Vec::new();
        };
        let schema: &'a Schema = self.schema;
        schema
            .record(*rid)
            .fields
            .iter()
            .map(|f| (f.name.as_str(), self.get(&f.name)))
            .collect()
    }

    /// Whether a value is recorded.
    pub fn is_present(&self) -> bool {
        self.val.value.is_present()
    }

    /// A text.
    pub fn text(&self) -> Option<&str> {
        match &self.val.value {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    /// A date.
    pub fn date(&self) -> Option<NaiveDate> {
        match self.val.value {
            Value::Date(d) => Some(d),
            _ => None,
        }
    }

    /// A truth value.
    pub fn bool(&self) -> Option<bool> {
        match self.val.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// An enum value's kebab-case name.
    pub fn enum_name(&self) -> Option<&'a str> {
        let (Type::Enum(eid), Value::Enum(i)) = (self.ty.strip_optional(), &self.val.value) else {
            return None;
        };
        let schema: &'a Schema = self.schema;
        let values = &schema.enums.get(*eid as usize)?.values;
        values.get(*i as usize).map(|(name, _)| name.as_str())
    }

    /// The items of a list (none when this is not a list).
    pub fn list(&self) -> Vec<Item<'a>> {
        let (Type::List(elem), Value::List(items)) = (self.ty.strip_optional(), &self.val.value)
        else {
            return Vec::new();
        };
        items
            .iter()
            .map(|v| Item {
                schema: self.schema,
                val: v.clone(),
                ty: (**elem).clone(),
            })
            .collect()
    }
}
