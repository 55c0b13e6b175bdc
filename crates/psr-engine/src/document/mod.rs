//! Validating a spanned document tree against the schema the packs declare, producing typed
//! values (exact decimals, calendar dates, enum indices) that remember where they were written.

use crate::codes::EngineCode;
use crate::finding::Finding;
use psr_lang::{Origin, Schema, Type, Val, Value};
use psr_source::{Node, Span};

mod record;
mod value;

/// One step of a path from the root: a record field or a list index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    /// The root itself.
    Root,
    /// Field `field` of record type `record`.
    Field {
        /// The record type.
        record: u32,
        /// The field's slot.
        field: u32,
    },
    /// An element of a list.
    Index(u32),
}

/// Where a value was written.
#[derive(Clone, Copy, Debug)]
pub struct Location {
    /// The value's span.
    pub span: Span,
    /// The key's span, for a field (a TOML `[table]` header, a JSON key, ...).
    pub key_span: Option<Span>,
    /// The location of the containing value.
    pub parent: u32,
    /// How the containing value leads here.
    pub segment: Segment,
}

/// A validated arrangement: the root value and the table of locations its origins index.
#[derive(Debug)]
pub struct Document {
    /// The root record.
    pub root: Val,
    /// Locations, indexed by [`Origin`].
    pub locations: Vec<Location>,
}

impl Document {
    /// The dotted path of a location (`notices[1].includes`); `None` for the root.
    pub fn path(&self, schema: &Schema, origin: Origin) -> Option<String> {
        path_of(schema, &self.locations, origin)
    }

    /// The span a finding about `origin` points at: a value's own span, or for a record the key
    /// that introduces it (its table header), which is where a reader looks.
    pub fn span_of(&self, origin: Origin) -> Option<Span> {
        let loc = self.locations.get(origin.index()?)?;
        if matches!(loc.segment, Segment::Root) {
            return None;
        }
        Some(loc.span)
    }

    /// The span of the key that introduces `origin`, else its value span.
    pub fn key_span_of(&self, origin: Origin) -> Option<Span> {
        let loc = self.locations.get(origin.index()?)?;
        if matches!(loc.segment, Segment::Root) {
            return None;
        }
        Some(loc.key_span.unwrap_or(loc.span))
    }
}

/// Validates `node` as a value of the schema's root record. Returns the document and the
/// findings; a document with findings is not evaluated.
pub fn validate(schema: &Schema, node: &Node) -> (Document, Vec<Finding>) {
    let mut v = Validator {
        schema,
        empty_list: std::sync::Arc::from([]),
        locations: Vec::with_capacity(256),
        findings: Vec::new(),
    };
    let root_loc = v.locate(node.span, None, 0, Segment::Root);
    let root = match schema.root {
        Some(r) => v.value(node, &Type::Record(r), root_loc, None),
        None => Val::new(Value::Absent),
    };
    (
        Document {
            root,
            locations: v.locations,
        },
        v.findings,
    )
}

struct Validator<'s> {
    schema: &'s Schema,
    /// One empty list, shared by every list field the file does not record.
    empty_list: std::sync::Arc<[Val]>,
    locations: Vec<Location>,
    findings: Vec<Finding>,
}

impl<'s> Validator<'s> {
    fn locate(
        &mut self,
        span: Span,
        key_span: Option<Span>,
        parent: u32,
        segment: Segment,
    ) -> Origin {
        self.locations.push(Location {
            span,
            key_span,
            parent,
            segment,
        });
        Origin((self.locations.len() - 1) as u32)
    }

    fn report(
        &mut self,
        code: EngineCode,
        span: Span,
        origin: Origin,
        message: String,
        help: Option<String>,
    ) {
        let field = self.path(origin);
        self.findings.push(Finding {
            code: code.code().into(),
            name: code.name().into(),
            severity: code.severity(),
            message,
            help,
            span: Some(span),
            field,
            citation: None,
            related: Vec::new(),
            trace: Vec::new(),
            waived: None,
        });
    }

    fn path(&self, origin: Origin) -> Option<String> {
        path_of(self.schema, &self.locations, origin)
    }

    fn show(&self, t: &Type) -> String {
        psr_lang::types::TypeDisplay {
            ty: t,
            schema: self.schema,
        }
        .to_string()
    }

    fn wrong(&mut self, node: &Node, origin: Origin, want: &str) -> Val {
        let found = node.kind.describe();
        self.report(
            EngineCode::WrongType,
            node.span,
            origin,
            format!("expected {want}, found {found}"),
            Some(format!("write {want} here")),
        );
        Val::at(Value::Absent, origin)
    }

    fn describe(&self, ty: &Type) -> String {
        match ty.strip_optional() {
            Type::Bool => "`true` or `false`".into(),
            Type::Integer => "a whole number".into(),
            Type::Decimal => "a decimal number".into(),
            Type::Money => "an amount of money".into(),
            Type::Percent => "a percentage like \"40%\"".into(),
            Type::Date => "a date (YYYY-MM-DD)".into(),
            Type::Days | Type::WorkingDays => "a whole number of days".into(),
            Type::Text => "a string".into(),
            Type::Enum(_) => "one of the allowed values, as a string".into(),
            Type::Record(_) => "a table".into(),
            Type::List(_) => "a list".into(),
            other => self.show(other),
        }
    }
}

/// The start of every placeholder `psrlint new` writes: `"<TODO: what to record>"`.
pub const PLACEHOLDER_START: &str = "<TODO";

/// What a placeholder asks for (`"<TODO: the provider's address>"` gives `the provider's
/// address`), or `None` when `s` is not a placeholder: a text that, trimmed, starts with
/// `<TODO` and ends with `>`.
pub fn placeholder(s: &str) -> Option<&str> {
    let inner = s
        .trim()
        .strip_prefix(PLACEHOLDER_START)?
        .strip_suffix('>')?;
    Some(inner.trim_start_matches(':').trim())
}

/// The dotted path of `origin` (`notices[1].includes`); `None` for the root.
fn path_of(schema: &Schema, locations: &[Location], origin: Origin) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut cur = origin.index()?;
    loop {
        let loc = locations.get(cur)?;
        match loc.segment {
            Segment::Root => break,
            Segment::Field { record, field } => {
                parts.push(schema.record(record).fields[field as usize].name.clone())
            }
            Segment::Index(i) => parts.push(format!("[{i}]")),
        }
        cur = loc.parent as usize;
    }
    parts.reverse();
    let mut out = String::new();
    for p in parts {
        if !out.is_empty() && !p.starts_with('[') {
            out.push('.');
        }
        out.push_str(&p);
    }
    (!out.is_empty()).then_some(out)
}
