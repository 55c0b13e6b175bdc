//! Validating a spanned document tree against the schema the packs declare, producing typed
//! values (exact decimals, calendar dates, enum indices) that remember where they were written.

use crate::codes::EngineCode;
use crate::finding::Finding;
use psr_lang::program::{BoundOperand, CmpOp, RecordDef};
use psr_lang::value::{parse_date, parse_decimal};
use psr_lang::{Origin, Schema, Type, Val, Value};
use psr_source::{Node, NodeKind, Span};

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

    /// Converts `node` to a value of `ty`; `origin` is the node's own location.
    fn value(&mut self, node: &Node, ty: &Type, origin: Origin, _key: Option<Span>) -> Val {
        let at = |v: Value| Val::at(v, origin);
        if let NodeKind::String(s) = &node.kind {
            if let Some(what) = placeholder(s) {
                return self.placeholder(node, ty, origin, what);
            }
        }
        match (ty, &node.kind) {
            (Type::Optional(_), NodeKind::Null) => at(Value::Absent),
            // A blank text is no record at all: `rationale = ""` records no reasons.
            (Type::Optional(inner), NodeKind::String(s))
                if **inner == Type::Text && s.trim().is_empty() =>
            {
                at(Value::Absent)
            }
            (Type::Optional(inner), _) => self.value(node, inner, origin, _key),
            (Type::Bool, NodeKind::Bool(b)) => at(Value::Bool(*b)),
            (Type::Integer, NodeKind::Integer(t)) => match without_underscores(t).parse::<i64>() {
                Ok(n) => at(Value::Integer(n)),
                Err(_) => self.wrong(node, origin, "a whole number that fits in 64 bits"),
            },
            (Type::Days | Type::WorkingDays, NodeKind::Integer(t)) => {
                match without_underscores(t).parse::<i64>() {
                    Ok(n) => at(if *ty == Type::Days {
                        Value::Days(n)
                    } else {
                        Value::WorkingDays(n)
                    }),
                    Err(_) => self.wrong(node, origin, "a whole number of days"),
                }
            }
            (
                Type::Decimal | Type::Money,
                NodeKind::Integer(t) | NodeKind::Float(t) | NodeKind::String(t),
            ) => match parse_decimal(&without_underscores(t)).filter(|_| !t.contains(['e', 'E'])) {
                // Money in an arrangement is pounds and pence: a fraction of a penny is a typo.
                Some(d) if *ty == Type::Money && d.normalize().scale() > 2 => {
                    self.report(
                        EngineCode::BadAmount,
                        node.span,
                        origin,
                        format!("`{t}` has a fraction of a penny: amounts are recorded in pounds and pence"),
                        Some(format!(
                            "write at most two decimal places, like \"{}\"",
                            d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                        )),
                    );
                    at(Value::Absent)
                }
                Some(d) => at(if *ty == Type::Money {
                    Value::Money(d)
                } else {
                    Value::Decimal(d)
                }),
                None => {
                    let what = if *ty == Type::Money {
                        "an amount of money"
                    } else {
                        "a decimal number"
                    };
                    self.report(
                            EngineCode::BadAmount,
                            node.span,
                            origin,
                            format!("`{t}` is not {what}"),
                            Some("write pounds as digits, optionally with `£`, thousands commas and pence: \"1100000\", \"£1,100,000.50\"".into()),
                        );
                    at(Value::Absent)
                }
            },
            (Type::Percent, NodeKind::String(t)) => {
                match t.trim().strip_suffix('%').and_then(parse_decimal) {
                    Some(d) => at(Value::Percent(d)),
                    None => {
                        self.report(
                            EngineCode::BadAmount,
                            node.span,
                            origin,
                            format!("`{t}` is not a percentage"),
                            Some(
                                "write a percentage as a string ending in `%`, like \"40%\"".into(),
                            ),
                        );
                        at(Value::Absent)
                    }
                }
            }
            (Type::Percent, NodeKind::Integer(t) | NodeKind::Float(t)) => {
                self.report(
                    EngineCode::BadAmount,
                    node.span,
                    origin,
                    format!("`{t}` is a bare number, not a percentage"),
                    Some(format!("write it as a string with `%`, like \"{t}%\", so that 0.4 and 40 cannot be confused")),
                );
                at(Value::Absent)
            }
            (Type::Date, NodeKind::Date(t) | NodeKind::String(t)) => match parse_date(t.trim()) {
                Some(d) => at(Value::Date(d)),
                None => {
                    self.report(
                        EngineCode::BadDate,
                        node.span,
                        origin,
                        format!("`{t}` is not a date"),
                        Some(
                            "write dates as YYYY-MM-DD, with a day that exists in that month"
                                .into(),
                        ),
                    );
                    at(Value::Absent)
                }
            },
            (Type::Date, NodeKind::DateTime(t)) => {
                self.report(
                    EngineCode::BadDate,
                    node.span,
                    origin,
                    format!("`{t}` has a time; a date is expected"),
                    Some("write the date alone, YYYY-MM-DD".into()),
                );
                at(Value::Absent)
            }
            (Type::Text, NodeKind::String(s)) => at(Value::Text(s.as_ref().into())),
            (Type::Enum(id), NodeKind::String(s)) => {
                let def = &self.schema.enums[*id as usize];
                match def.values.iter().position(|(v, _)| v == s) {
                    Some(i) => at(Value::Enum(i as u32)),
                    None => {
                        let names: Vec<&str> = def.values.iter().map(|(v, _)| v.as_str()).collect();
                        let allowed = names
                            .iter()
                            .map(|n| format!("\"{n}\""))
                            .collect::<Vec<_>>()
                            .join(", ");
                        let help = match crate::suggest::closest(s, &names) {
                            Some(c) => format!("did you mean \"{c}\"? allowed: {allowed}"),
                            None => format!("allowed: {allowed}"),
                        };
                        self.report(
                            EngineCode::BadEnumValue,
                            node.span,
                            origin,
                            format!("\"{s}\" is not an allowed value here"),
                            Some(help),
                        );
                        at(Value::Absent)
                    }
                }
            }
            (Type::List(elem), NodeKind::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let o = self.locate(item.span, None, origin.0, Segment::Index(i as u32));
                    out.push(self.value(item, elem, o, None));
                }
                at(Value::List(out.into()))
            }
            (Type::Record(rid), NodeKind::Table(entries)) => {
                self.record(*rid, entries, node.span, origin)
            }
            _ => {
                let want = self.describe(ty);
                self.wrong(node, origin, &want)
            }
        }
    }

    fn record(
        &mut self,
        rid: u32,
        entries: &[psr_source::Entry],
        span: Span,
        origin: Origin,
    ) -> Val {
        let schema = self.schema;
        let rec = schema.record(rid);
        // Every field starts absent (a list: empty) and is replaced where the file records it.
        let mut fields: Vec<Val> = rec
            .fields
            .iter()
            .map(|f| match f.ty {
                Type::List(_) => Val::at(Value::List(self.empty_list.clone()), origin),
                _ => Val::at(Value::Absent, origin),
            })
            .collect();
        let mut recorded = vec![false; rec.fields.len()];
        let mut value_spans: Vec<Option<Span>> = vec![None; rec.fields.len()];
        for e in entries {
            match rec.field_index(&e.key) {
                Some(i) => {
                    let ty = &rec.fields[i].ty;
                    let o = self.locate(
                        e.value.span,
                        Some(e.key_span),
                        origin.0,
                        Segment::Field {
                            record: rid,
                            field: i as u32,
                        },
                    );
                    fields[i] = match (ty, &e.value.kind) {
                        // A required text field that is blank records nothing
                        // (`reference = ""`). (Blank items of a list are for rules to judge.)
                        (Type::Text, NodeKind::String(s)) if s.trim().is_empty() => {
                            let what = self
                                .path(o)
                                .map_or_else(|| format!("`{}`", e.key), |p| format!("`{p}`"));
                            self.report(
                                EngineCode::MissingField,
                                e.value.span,
                                o,
                                format!("{what} is empty, but the arrangement format requires it"),
                                Some(
                                    "write what it asks for: a blank value records nothing".into(),
                                ),
                            );
                            Val::at(Value::Absent, o)
                        }
                        _ => self.value(&e.value, ty, o, Some(e.key_span)),
                    };
                    recorded[i] = true;
                    value_spans[i] = Some(e.value.span);
                }
                None => {
                    let names: Vec<&str> = rec.fields.iter().map(|f| f.name.as_str()).collect();
                    let help = match (
                        crate::suggest::closest(&e.key, &names),
                        home_of(schema, rid, &e.key),
                    ) {
                        (Some(c), Some(home)) => format!(
                            "`{}` looks like it belongs under `[{home}]`: is that table's header missing above it? (or did you mean `{c}`?)",
                            e.key
                        ),
                        (Some(c), None) => format!("did you mean `{c}`?"),
                        (None, Some(home)) => format!(
                            "`{}` looks like it belongs under `[{home}]`: is that table's header missing above it?",
                            e.key
                        ),
                        (None, None) => {
                            format!("the keys allowed here are: {}", names.join(", "))
                        }
                    };
                    let where_ = self
                        .path(origin)
                        .map_or_else(|| "at the top level".to_string(), |p| format!("in `{p}`"));
                    self.report(
                        EngineCode::UnknownKey,
                        e.key_span,
                        origin,
                        format!("unknown key `{}` {where_}", e.key),
                        Some(help),
                    );
                    // The finding is about the key itself: `services.patient_chioce`.
                    if let Some(f) = self.findings.last_mut() {
                        f.field = Some(match &f.field {
                            Some(parent) => format!("{parent}.{}", e.key),
                            None => e.key.to_string(),
                        });
                    }
                }
            }
        }
        let mut missing = Vec::new();
        for (i, f) in rec.fields.iter().enumerate() {
            if !recorded[i] && f.is_required_in(&fields) {
                missing.push((f.name.clone(), self.describe(&f.ty)));
            }
        }
        for (name, want) in missing {
            let where_ = self
                .path(origin)
                .map_or_else(|| "the file".to_string(), |p| format!("`{p}`"));
            let report_span = self
                .locations
                .get(origin.0 as usize)
                .and_then(|l| l.key_span)
                .unwrap_or(Span::new(span.start, span.start));
            self.report(
                EngineCode::MissingField,
                report_span,
                origin,
                format!("{where_} lacks the required field `{name}`"),
                Some(format!("add `{name}` ({want})")),
            );
        }
        self.check_bounds(rec, &fields, &value_spans);
        Val::at(Value::Record(fields.into()), origin)
    }

    /// Reports each field whose value is outside the bound the schema declares for it
    /// (`end: date? >= start`, `lifetime_value: money? >= £0`); a bound on an absent value, or
    /// against an absent field, is not checked.
    fn check_bounds(&mut self, rec: &RecordDef, fields: &[Val], spans: &[Option<Span>]) {
        for (i, f) in rec.fields.iter().enumerate() {
            let (Some(bound), Some(span)) = (&f.bound, spans[i]) else {
                continue;
            };
            let value = &fields[i].value;
            let (other, other_text) = match &bound.operand {
                BoundOperand::Value(v) => (v, crate::format::format_value(self.schema, &f.ty, v)),
                BoundOperand::Field(j) => {
                    let j = *j as usize;
                    let Some(g) = rec.fields.get(j) else { continue };
                    let v = &fields[j].value;
                    let shown = crate::format::format_value(self.schema, &g.ty, v);
                    (v, format!("`{}` ({shown})", g.name))
                }
            };
            let Some(order) = crate::order::compare(value, other) else {
                continue;
            };
            use std::cmp::Ordering::{Greater, Less};
            let holds = match bound.op {
                CmpOp::Lt => order == Less,
                CmpOp::Le => order != Greater,
                CmpOp::Gt => order == Greater,
                CmpOp::Ge => order != Less,
                CmpOp::Eq | CmpOp::Ne => true,
            };
            if holds {
                continue;
            }
            let dated = matches!(value, Value::Date(_));
            let words = match (bound.op, dated) {
                (CmpOp::Lt, true) => "before",
                (CmpOp::Le, true) => "on or before",
                (CmpOp::Gt, true) => "after",
                (CmpOp::Ge, true) => "on or after",
                (CmpOp::Lt, false) => "less than",
                (CmpOp::Le, false) => "at most",
                (CmpOp::Gt, false) => "more than",
                _ => "at least",
            };
            let shown = crate::format::format_value(self.schema, &f.ty, value);
            let origin = fields[i].origin;
            let path = self.path(origin).unwrap_or_else(|| f.name.clone());
            self.report(
                EngineCode::OutOfRange,
                span,
                origin,
                format!("`{path}` is {shown}, but it must be {words} {other_text}"),
                Some(match &bound.operand {
                    BoundOperand::Field(_) => format!(
                        "check both dates or amounts: `{}` must be {words} {other_text}",
                        f.name
                    ),
                    BoundOperand::Value(_) => {
                        format!("correct `{}`: it must be {words} {other_text}", f.name)
                    }
                }),
            );
        }
    }

    /// Reports a placeholder once, whatever type the field has, and reads it as not recorded.
    fn placeholder(&mut self, node: &Node, ty: &Type, origin: Origin, what: &str) -> Val {
        let path = self
            .path(origin)
            .map_or_else(|| "this value".to_string(), |p| format!("`{p}`"));
        // What the field is for, from the schema; else what the placeholder says.
        let doc = self.field_doc(origin).unwrap_or(what);
        let asks = match doc.chars().next() {
            None => String::new(),
            // "The authority's reference" reads "the authority's reference"; "ODS code" stays.
            Some(c) if !doc.chars().nth(1).is_some_and(char::is_uppercase) => format!(
                ": record {}{}",
                c.to_lowercase(),
                doc[c.len_utf8()..].trim_end_matches('.')
            ),
            Some(_) => format!(": record {}", doc.trim_end_matches('.')),
        };
        let want = self.describe(ty);
        self.report(
            EngineCode::Placeholder,
            node.span,
            origin,
            format!("{path} is still a placeholder{asks}"),
            Some(format!(
                "replace the placeholder with {want}, or delete the line if it does not apply"
            )),
        );
        Val::at(Value::Absent, origin)
    }

    /// The doc string of the field `origin` is the value (or an item) of.
    fn field_doc(&self, origin: Origin) -> Option<&'s str> {
        let schema = self.schema;
        let mut cur = origin.index()?;
        loop {
            let loc = self.locations.get(cur)?;
            match loc.segment {
                Segment::Field { record, field } => {
                    return schema.record(record).fields[field as usize].doc.as_deref();
                }
                Segment::Index(_) => cur = loc.parent as usize,
                Segment::Root => return None,
            }
        }
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

/// `t` without the `_` digit separators TOML allows, copied only when it has one.
fn without_underscores(t: &str) -> std::borrow::Cow<'_, str> {
    if t.contains('_') {
        t.replace('_', "").into()
    } else {
        t.into()
    }
}

/// The dotted path of `origin` (`notices[1].includes`); `None` for the root.
/// The top-level table (`standstill`, or `[notices]` for a list of tables) whose record has a field `key`, when `key` is misplaced in
/// record `here`: a deleted table header leaves its keys in the table above it.
fn home_of(schema: &Schema, here: psr_lang::types::RecordId, key: &str) -> Option<String> {
    let root = schema.record(schema.root?);
    root.fields.iter().find_map(|f| {
        let mut ty = &f.ty;
        let mut list = false;
        while let Type::Optional(inner) | Type::List(inner) = ty {
            list |= matches!(ty, Type::List(_));
            ty = inner;
        }
        match ty {
            Type::Record(r) if *r != here && schema.record(*r).field_index(key).is_some() => {
                Some(if list {
                    format!("[{}]", f.name)
                } else {
                    f.name.clone()
                })
            }
            _ => None,
        }
    })
}

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
