//! The syntax tree of rule files: what was written, with spans, before names and types are checked.

use psr_source::Span;

/// A name as written, with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it is written.
    pub span: Span,
}

/// A text literal or block, unescaped (blocks dedented), with the span of the whole literal.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// The text.
    pub value: String,
    /// Where the literal is written (quotes included).
    pub span: Span,
    /// Byte offset of the text's first character in the file (inside the quotes).
    pub content_start: usize,
}

/// One rule file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct File {
    /// The declarations, in source order.
    pub items: Vec<Item>,
}

/// A top-level declaration.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `pack NAME { ... }`
    Pack(PackDecl),
    /// `import "file.psrl"`
    Import(Text),
    /// `enum NAME { ... }`
    Enum(EnumDecl),
    /// `record NAME { ... }`
    Record(RecordDecl),
    /// `root NAME`
    Root(Ident),
    /// `table NAME ...`
    Table(TableDecl),
    /// `calendar NAME { ... }`
    Calendar(CalendarDecl),
    /// `param NAME: type { ... }`
    Param(ParamDecl),
    /// `def NAME ... = expr`
    Def(DefDecl),
    /// `rule CODE name { ... }`
    Rule(RuleDecl),
}

/// The pack manifest.
#[derive(Clone, Debug, PartialEq)]
pub struct PackDecl {
    /// The pack's name.
    pub name: Ident,
    /// `version: "..."`
    pub version: Option<Text>,
    /// `description: "..."`
    pub description: Option<Text>,
    /// `uses: a, b`
    pub uses: Vec<Ident>,
    /// `when: expr`: the arrangements the pack's rules apply to.
    pub when: Option<Expr>,
    /// The whole declaration.
    pub span: Span,
}

/// An enum of kebab-case values.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumDecl {
    /// Its name.
    pub name: Ident,
    /// Its doc string.
    pub doc: Option<Text>,
    /// Its values with their doc strings.
    pub values: Vec<(Ident, Option<Text>)>,
}

/// A record type.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordDecl {
    /// Its name.
    pub name: Ident,
    /// Its doc string.
    pub doc: Option<Text>,
    /// Its fields.
    pub fields: Vec<FieldDecl>,
}

/// `name: type "doc"`
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDecl {
    /// The field's name.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
    /// The bound on its value, if any: `>= £0`, `>= start`.
    pub bound: Option<FieldBoundDecl>,
    /// Its doc string.
    pub doc: Option<Text>,
    /// `required when|unless PATH in [..]`: the field is required only for some values of an
    /// enum field of the same record.
    pub required: Option<RequiredDecl>,
}

/// `required when PATH in ["a", "b"]`, or `required unless ...`, after a field's type and doc.
#[derive(Clone, Debug, PartialEq)]
pub struct RequiredDecl {
    /// `unless` rather than `when`.
    pub unless: bool,
    /// The enum field that decides, from the record that declares the field.
    pub path: Vec<Ident>,
    /// The enum values.
    pub values: Vec<Text>,
    /// The whole clause.
    pub span: Span,
}

/// `>= £0` or `>= start` after a field's type: its value must compare so with a literal or with
/// another field of the same record.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldBoundDecl {
    /// `<`, `<=`, `>` or `>=`.
    pub op: BinOp,
    /// A literal, or the name of a sibling field (an [`ExprKind::Name`]).
    pub operand: Expr,
    /// Where.
    pub span: Span,
}

/// A type as written.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeExpr {
    /// What kind of type.
    pub kind: TypeExprKind,
    /// Whether `?` follows it.
    pub optional: bool,
    /// Where it is written.
    pub span: Span,
}

/// The kinds of written type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeExprKind {
    /// A built-in or declared type, by name.
    Named(Ident),
    /// `working days`
    WorkingDays,
    /// `list<T>`
    List(Box<TypeExpr>),
}

/// A table of typed rows.
#[derive(Clone, Debug, PartialEq)]
pub struct TableDecl {
    /// Its name.
    pub name: Ident,
    /// Its doc string.
    pub doc: Option<Text>,
    /// `from "file.csv"`
    pub source: Option<Text>,
    /// The columns.
    pub columns: Vec<FieldDecl>,
    /// Inline rows, each a list literal.
    pub rows: Vec<Expr>,
    /// Whether a `rows { }` block was written.
    pub has_rows_block: bool,
}

/// The working-day calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct CalendarDecl {
    /// Its name.
    pub name: Ident,
    /// Its doc string.
    pub doc: Option<Text>,
    /// `holidays: table.column`
    pub holidays: Option<(Ident, Ident)>,
    /// `extra_closed_days: [...]`
    pub extra_closed_days: Vec<Text>,
    /// The whole declaration.
    pub span: Span,
}

/// A parameter with dated values.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamDecl {
    /// Its name.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
    /// Its doc string.
    pub doc: Option<Text>,
    /// Its values.
    pub values: Vec<ParamValue>,
}

/// `value from DATE until DATE cite ...`
#[derive(Clone, Debug, PartialEq)]
pub struct ParamValue {
    /// The value (a literal).
    pub value: Expr,
    /// First day in force.
    pub from: DateLit,
    /// Last day in force, if any.
    pub until: Option<DateLit>,
    /// Where the value comes from.
    pub citation: CitationDecl,
    /// The whole value line.
    pub span: Span,
}

/// A date literal as written.
#[derive(Clone, Debug, PartialEq)]
pub struct DateLit {
    /// The text, `YYYY-MM-DD`.
    pub text: String,
    /// Where it is written.
    pub span: Span,
}

/// `"instrument" "provision" "url"`
#[derive(Clone, Debug, PartialEq)]
pub struct CitationDecl {
    /// The instrument (`SI 2023/1348`).
    pub instrument: Text,
    /// The provision (`reg 6(4)`).
    pub provision: Text,
    /// The URL.
    pub url: Text,
    /// The whole citation.
    pub span: Span,
}

/// A definition or function.
#[derive(Clone, Debug, PartialEq)]
pub struct DefDecl {
    /// Its name.
    pub name: Ident,
    /// Parameters and return type, for a function.
    pub signature: Option<(Vec<(Ident, TypeExpr)>, TypeExpr)>,
    /// What it holds, in words (`def NAME "description" = ...`), shown in explanation traces.
    pub description: Option<Text>,
    /// Its body.
    pub body: Expr,
}

/// Severity of a rule's findings (the one severity of every psrlint code).
pub use psr_diagnostics::Severity;

/// What a rule checks of the provisions it cites.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Checks {
    /// What the provisions require (the default).
    #[default]
    Substance,
    /// Only that a record of it exists: `psrlint coverage` counts such a rule apart.
    RecordOnly,
}

impl Checks {
    /// `substance` or `record-only`.
    pub fn as_str(self) -> &'static str {
        match self {
            Checks::Substance => "substance",
            Checks::RecordOnly => "record-only",
        }
    }
}

/// A rule, as written.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleDecl {
    /// The stable code.
    pub code: Ident,
    /// The kebab-case name.
    pub name: Ident,
    /// The clauses, in source order.
    pub clauses: Vec<Clause>,
    /// The whole rule.
    pub span: Span,
}

/// One clause of a rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    /// What clause.
    pub kind: ClauseKind,
    /// Where it is written.
    pub span: Span,
}

/// The clauses of a rule.
#[derive(Clone, Debug, PartialEq)]
pub enum ClauseKind {
    /// `severity: error`
    Severity(Severity),
    /// `cite: "instrument" "provision" "url"`, or `cite when COND: ...` with its condition
    Cite(Option<Expr>, CitationDecl),
    /// `see: "instrument" "provision" "url"`
    See(CitationDecl),
    /// `checks: substance` or `checks: record-only`
    Checks(Checks),
    /// `in_force: FROM .. UNTIL`
    InForce(DateLit, Option<DateLit>),
    /// `summary: "..."`
    Summary(Text),
    /// `when: expr`
    When(Expr),
    /// `needs: path, path`
    Needs(Vec<Expr>),
    /// `require: expr`
    Require(Expr),
    /// `forbid: expr`
    Forbid(Expr),
    /// `at: expr`
    At(Expr),
    /// `related: expr "label"`
    Related(Expr, Text),
    /// `message: "..."`
    Message(Text),
    /// `help: "..."`
    Help(Text),
    /// `doc: """..."""`
    Doc(Text),
    /// `compliant: """..."""`
    Compliant(Text),
    /// `non_compliant: """..."""`
    NonCompliant(Text),
}

impl ClauseKind {
    /// The clause's keyword.
    pub fn keyword(&self) -> &'static str {
        match self {
            ClauseKind::Severity(_) => "severity",
            ClauseKind::Cite(..) => "cite",
            ClauseKind::See(_) => "see",
            ClauseKind::Checks(_) => "checks",
            ClauseKind::InForce(..) => "in_force",
            ClauseKind::Summary(_) => "summary",
            ClauseKind::When(_) => "when",
            ClauseKind::Needs(_) => "needs",
            ClauseKind::Require(_) => "require",
            ClauseKind::Forbid(_) => "forbid",
            ClauseKind::At(_) => "at",
            ClauseKind::Related(..) => "related",
            ClauseKind::Message(_) => "message",
            ClauseKind::Help(_) => "help",
            ClauseKind::Doc(_) => "doc",
            ClauseKind::Compliant(_) => "compliant",
            ClauseKind::NonCompliant(_) => "non_compliant",
        }
    }
}

/// An expression with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What expression.
    pub kind: ExprKind,
    /// Where it is written.
    pub span: Span,
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `or`
    Or,
    /// `and`
    And,
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
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `??`
    Coalesce,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl BinOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::In => "in",
            BinOp::NotIn => "not in",
            BinOp::Coalesce => "??",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }
}

/// The quantifiers over lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum QuantKind {
    /// `any x in xs where c`
    Any,
    /// `all x in xs where c`
    All,
    /// `count x in xs where c`
    Count,
    /// `first x in xs where c`
    First,
    /// `sum x in xs of e`
    Sum,
    /// `select x in xs where c`: the elements that satisfy `c`
    Select,
}

/// Literal values as written.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// `true`, `false`
    Bool(bool),
    /// `42`
    Integer(String),
    /// `1.5`
    Decimal(String),
    /// `£500,000` (text without `£` and commas)
    Money(String),
    /// `25%` (text without `%`)
    Percent(String),
    /// `2024-01-01`
    Date(String),
    /// `30 days`
    Days(String),
    /// `8 working days`
    WorkingDays(String),
    /// `"text"`
    Text(String),
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A literal.
    Literal(Literal),
    /// A name.
    Name(Ident),
    /// `x.field`
    Field(Box<Expr>, Ident),
    /// `f(args)`
    Call(Ident, Vec<Expr>),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `not x`
    Not(Box<Expr>),
    /// `-x`
    Neg(Box<Expr>),
    /// `a op b`
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `if c then a else b`
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `x is present` (true) / `x is absent` (false)
    Presence(Box<Expr>, bool),
    /// A quantifier.
    Quant {
        /// Which quantifier.
        kind: QuantKind,
        /// The element variable.
        var: Ident,
        /// The list.
        list: Box<Expr>,
        /// `where` condition.
        filter: Option<Box<Expr>>,
        /// `of` expression (`sum`).
        of: Option<Box<Expr>>,
    },
}
