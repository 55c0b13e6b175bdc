//! The compiled, resolved form of the loaded rule packs: what the engine evaluates.
//!
//! Every name is resolved to an index, every field access to a field slot, every literal to a
//! value: evaluation never looks a name up by string.

use crate::ast::{Checks, Severity};
use crate::types::{RecordId, Type};
use crate::value::Value;
use chrono::NaiveDate;
use psr_source::Span;
use std::sync::Arc;

/// Index of a table in [`Program::tables`].
pub type TableId = u32;
/// Index of a parameter in [`Program::params`].
pub type ParamId = u32;
/// Index of a definition in [`Program::defs`].
pub type DefId = u32;

/// Everything the loaded packs declare, checked and compiled.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Program {
    /// The packs, in load order.
    pub packs: Vec<PackInfo>,
    /// The arrangement schema and table row types.
    pub schema: Schema,
    /// The tables, rows loaded.
    pub tables: Vec<Table>,
    /// The parameters.
    pub params: Vec<Param>,
    /// Definitions and functions.
    pub defs: Vec<Def>,
    /// The rules, sorted by code.
    pub rules: Vec<Rule>,
    /// The working-day calendar, if one is declared.
    pub calendar: Option<Calendar>,
    /// How many local slots evaluation needs (quantifier variables and function parameters).
    pub slot_count: u32,
    /// The source files of the packs, for rendering and for `fmt`.
    pub sources: Vec<SourceFile>,
}

/// A rule pack's manifest.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct PackInfo {
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Its description.
    pub description: String,
    /// Where it was loaded from (a directory, or `<embedded>/name`).
    pub location: String,
    /// SHA-256 over its files (paths and contents, in path order), lowercase hex.
    pub sha256: String,
}

/// A loaded rule file.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SourceFile {
    /// Display name (`rules/psr2023/process.psrl`).
    pub name: String,
    /// Its text.
    pub text: Arc<str>,
}

/// The arrangement schema plus the row types of tables.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Schema {
    /// Enums.
    pub enums: Vec<EnumDef>,
    /// Records (schema records and table rows).
    pub records: Vec<RecordDef>,
    /// The record type of a whole arrangement file.
    pub root: Option<RecordId>,
}

impl Schema {
    /// The record `id`.
    pub fn record(&self, id: RecordId) -> &RecordDef {
        &self.records[id as usize]
    }
}

/// An enum.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct EnumDef {
    /// Its name.
    pub name: String,
    /// Its doc string.
    pub doc: Option<String>,
    /// Its values (kebab-case) with their doc strings.
    pub values: Vec<(String, Option<String>)>,
}

/// A record type.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RecordDef {
    /// Its name.
    pub name: String,
    /// Its doc string.
    pub doc: Option<String>,
    /// Its fields in declaration order; a field's index is its slot.
    pub fields: Vec<FieldDef>,
    /// Whether this is a table's row type rather than part of the arrangement schema.
    pub is_table_row: bool,
}

impl RecordDef {
    /// The slot of field `name`.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

/// A field of a record.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FieldDef {
    /// Its name.
    pub name: String,
    /// Its type; `T?` when it may be absent. A list field is never optional: absent is empty.
    pub ty: Type,
    /// Its doc string.
    pub doc: Option<String>,
    /// When it is required only for some values of an enum field of the same record.
    pub required: Option<Requirement>,
    /// The bound on its value (`>= £0`, `>= start`), checked when the file is read.
    #[serde(default)]
    pub bound: Option<FieldBound>,
}

impl FieldDef {
    /// Whether a record whose field values are `fields` must record this field: never for an
    /// optional or list field; otherwise always, unless a [`Requirement`] says otherwise.
    pub fn is_required_in(&self, fields: &[crate::value::Val]) -> bool {
        if self.ty.is_optional() || matches!(self.ty, Type::List(_)) {
            return false;
        }
        self.required.as_ref().is_none_or(|r| r.holds(fields))
    }
}

/// `required when PATH in [..]` / `required unless PATH in [..]`: a field that only some values
/// of an enum field decide is required (the agreement sections for agreement kinds, the award
/// sections for every other kind).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Requirement {
    /// `required unless`: required unless the enum holds one of `values`.
    pub unless: bool,
    /// Field slots from the declaring record to the deciding enum field.
    pub path: Vec<u32>,
    /// The enum's value indices.
    pub values: Vec<u32>,
}

impl Requirement {
    /// Whether the field is required in a record whose field values are `fields`. While the
    /// deciding enum is not recorded (or not valid), `required unless` requires the field and
    /// `required when` does not: the enum's own finding says what is wrong.
    pub fn holds(&self, fields: &[crate::value::Val]) -> bool {
        match self.decider(fields) {
            Some(v) => self.values.contains(&v) != self.unless,
            None => self.unless,
        }
    }

    /// The deciding enum's value index, when recorded.
    fn decider(&self, fields: &[crate::value::Val]) -> Option<u32> {
        let (last, walk) = self.path.split_last()?;
        let mut cur = fields;
        for slot in walk {
            match &cur.get(*slot as usize)?.value {
                Value::Record(inner) => cur = inner,
                _ => return None,
            }
        }
        match cur.get(*last as usize)?.value {
            Value::Enum(i) => Some(i),
            _ => None,
        }
    }
}

/// A field's bound: its value must compare with `op` to a constant or to another field of the
/// same record (when both are present).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FieldBound {
    /// `<`, `<=`, `>` or `>=`.
    pub op: CmpOp,
    /// What the value is compared with.
    pub operand: BoundOperand,
}

/// What a field's value is compared with.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum BoundOperand {
    /// A constant.
    Value(Value),
    /// Another field of the record, by slot.
    Field(u32),
}

/// A table with its rows.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Table {
    /// Its name.
    pub name: String,
    /// The row record type.
    pub row_type: RecordId,
    /// The rows, as a list value of records (shared, cheap to clone).
    pub rows: Value,
}

/// A parameter with dated values.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Param {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: Type,
    /// Its values, by start date.
    pub values: Vec<ParamWindow>,
}

/// One value of a parameter and when it is in force.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ParamWindow {
    /// The value.
    pub value: Value,
    /// First day.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub until: Option<NaiveDate>,
    /// Where it comes from.
    pub citation: Citation,
}

impl Param {
    /// The value in force on `date`.
    pub fn value_on(&self, date: NaiveDate) -> Option<&ParamWindow> {
        self.values
            .iter()
            .find(|w| w.from <= date && w.until.is_none_or(|u| date <= u))
    }
}

/// A definition (`params` empty and no signature) or a function.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Def {
    /// Its name.
    pub name: String,
    /// Slots its parameters are bound to.
    pub param_slots: Vec<u32>,
    /// Whether it has a parameter list (a function).
    pub is_function: bool,
    /// What it holds, in words, for explanation traces (`def NAME "description" = ...`).
    pub description: Option<String>,
    /// Its body.
    pub body: Expr,
    /// The type of its body.
    pub ty: Type,
}

/// The working-day calendar (reg 12(12)).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Calendar {
    /// Its name.
    pub name: String,
    /// Holiday dates, sorted.
    pub holidays: Vec<NaiveDate>,
    /// Whether Christmas Day is always closed.
    pub christmas_day: bool,
    /// Whether Good Friday is always closed.
    pub good_friday: bool,
    /// Whether the first Monday in May is always closed.
    pub first_monday_in_may: bool,
    /// First day covered.
    pub covers_from: NaiveDate,
    /// Last day covered.
    pub covers_until: NaiveDate,
}

/// Where a rule or value comes from in law.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Citation {
    /// `SI 2023/1348`
    pub instrument: String,
    /// `reg 6(4)`
    pub provision: String,
    /// `https://www.legislation.gov.uk/...`
    pub url: String,
}

/// One of a rule's citations, with the condition under which it is the one that applies.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct CiteCase {
    /// `cite when COND:`; `None` for the unguarded citation.
    pub when: Option<Condition>,
    /// The citation.
    pub citation: Citation,
}

/// A condition with the text it was written as, for explanation traces.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Condition {
    /// The compiled condition.
    pub expr: Expr,
    /// Its source text.
    pub text: String,
}

impl Condition {
    /// The definition the condition consists of, and whether it is negated (`name`, `name()`,
    /// `not name`): the conditions an explanation trace can put in the words of the
    /// definition's description. A call with arguments keeps its text, which names them.
    pub fn named_def(&self) -> Option<(DefId, bool)> {
        fn def(e: &Expr) -> Option<DefId> {
            match e {
                Expr::Def(d) => Some(*d),
                Expr::Call(d, args) if args.is_empty() => Some(*d),
                _ => None,
            }
        }
        match &self.expr {
            Expr::Not(inner) => def(inner).map(|d| (d, true)),
            e => def(e).map(|d| (d, false)),
        }
    }
}

/// A secondary location of a finding.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RelatedField {
    /// Where.
    pub expr: Expr,
    /// The field path, when it is a fixed path from the arrangement root.
    pub path: Option<String>,
    /// What it says.
    pub label: String,
}

/// A piece of a message template.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum TemplatePart {
    /// Text as written.
    Text(String),
    /// A value to interpolate, with its type (for formatting enums and money).
    Value(Expr, Type),
}

/// A compiled rule.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    /// Stable code.
    pub code: String,
    /// Kebab-case name.
    pub name: String,
    /// The pack it belongs to.
    pub pack: String,
    /// Severity of its findings.
    pub severity: Severity,
    /// The citations, in order: each guarded one applies when its condition holds and no earlier
    /// one applies; the last is unguarded and applies otherwise. Never empty in a checked program.
    pub citations: Vec<CiteCase>,
    /// Sources the rule relies on that its findings do not cite (`see:`).
    pub see_also: Vec<Citation>,
    /// Whether the rule checks the substance of what it cites or only that a record exists.
    pub checks: Checks,
    /// First day in force.
    pub in_force_from: NaiveDate,
    /// Last day in force, inclusive.
    pub in_force_until: Option<NaiveDate>,
    /// One line.
    pub summary: String,
    /// The pack's `when:` (the arrangements its rules apply to): all must hold, before `when`;
    /// not part of the rule's own trace.
    pub applies: Vec<Condition>,
    /// When the rule applies: all must hold.
    pub when: Vec<Condition>,
    /// Fields without which it cannot be checked: expression and path text.
    pub needs: Vec<(Expr, String)>,
    /// `true` for `require` (fires when the assertion is false), `false` for `forbid`.
    pub require: bool,
    /// The assertion, split at its top-level `and`s.
    pub assertion: Vec<Condition>,
    /// What the finding points at.
    pub at: Expr,
    /// The field path `at` names, when it is a fixed path from the root.
    pub at_path: Option<String>,
    /// Secondary locations.
    pub related: Vec<RelatedField>,
    /// The message.
    pub message: Vec<TemplatePart>,
    /// The help line.
    pub help: Vec<TemplatePart>,
    /// Long documentation (Markdown).
    pub doc: String,
    /// A compliant example.
    pub compliant: String,
    /// A non-compliant example.
    pub non_compliant: String,
    /// The rule file and span of the declaration.
    pub source: (u32, Span),
}

impl Rule {
    /// The citations alone, in order (for listing; [`Rule::citations`] says when each applies).
    pub fn all_citations(&self) -> impl Iterator<Item = &Citation> {
        self.citations.iter().map(|c| &c.citation)
    }

    /// Whether the rule is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.in_force_from <= date && self.in_force_until.is_none_or(|u| date <= u)
    }
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// Arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

pub use crate::builtin::Builtin;

/// Quantifiers.
pub use crate::ast::QuantKind;

/// A compiled expression.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum Expr {
    /// A constant.
    Const(Value),
    /// The arrangement's root record.
    Root,
    /// The date whose law applies.
    LawDate,
    /// A local slot (quantifier variable or function parameter).
    Local(u32),
    /// Field `index` of a record (absent when the record is absent).
    Field(Box<Expr>, u32),
    /// A definition's value.
    Def(DefId),
    /// A function call.
    Call(DefId, Vec<Expr>),
    /// A table's rows.
    Table(TableId),
    /// A parameter's value on the law date.
    Param(ParamId),
    /// A list of values.
    List(Vec<Expr>),
    /// `not`
    Not(Box<Expr>),
    /// `-`
    Neg(Box<Expr>),
    /// `and`
    And(Box<Expr>, Box<Expr>),
    /// `or`
    Or(Box<Expr>, Box<Expr>),
    /// Comparison.
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    /// Arithmetic.
    Arith(ArithOp, Box<Expr>, Box<Expr>),
    /// `in` (`false`) / `not in` (`true`).
    In(Box<Expr>, Box<Expr>, bool),
    /// `??`
    Coalesce(Box<Expr>, Box<Expr>),
    /// `if`
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `is present` (`true`) / `is absent` (`false`).
    Present(Box<Expr>, bool),
    /// A quantifier binding `slot` to each element.
    Quant {
        /// Which quantifier.
        kind: QuantKind,
        /// The element's slot.
        slot: u32,
        /// The list.
        list: Box<Expr>,
        /// `where`.
        filter: Option<Box<Expr>>,
        /// `of`.
        of: Option<Box<Expr>>,
    },
    /// A built-in function.
    Builtin(Builtin, Vec<Expr>),
}
