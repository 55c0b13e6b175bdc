//! Validating a table as a record: known and unknown keys, required fields, and the bounds the
//! schema declares between fields.

use super::{Segment, Validator};
use crate::codes::EngineCode;
use psr_lang::program::{BoundOperand, CmpOp, RecordDef};
use psr_lang::{Origin, Schema, Type, Val, Value};
use psr_source::{NodeKind, Span};

impl Validator<'_> {
    pub(super) fn record(
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
        // Where each field's value is written; `None`: the file does not record it.
        let mut value_spans: Vec<Option<Span>> = vec![None; rec.fields.len()];
        // Files mostly write a record's fields in the schema's order: try the field after the
        // last one found before searching.
        let mut next = 0;
        for e in entries {
            let found = match rec.fields.get(next) {
                Some(f) if f.name == e.key => Some(next),
                _ => rec.field_index(&e.key),
            };
            match found {
                Some(i) => {
                    next = i + 1;
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
            if value_spans[i].is_none() && f.is_required_in(&fields) {
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
            // The other side, with its type and (for a field) its name.
            let (other, other_ty, other_name) = match &bound.operand {
                BoundOperand::Value(v) => (v, &f.ty, None),
                BoundOperand::Field(j) => {
                    let j = *j as usize;
                    let (Some(g), Some(v)) = (rec.fields.get(j), fields.get(j)) else {
                        continue;
                    };
                    (&v.value, &g.ty, Some(&g.name))
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
            let shown = crate::format::format_value(self.schema, other_ty, other);
            let other_text = match other_name {
                Some(name) => format!("`{name}` ({shown})"),
                None => shown,
            };
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
}

/// The top-level table (`standstill`, or `[notices]` for a list of tables) whose record has a
/// field `key`, when `key` is misplaced in record `here`: a deleted table header leaves its keys in the table above it.
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
