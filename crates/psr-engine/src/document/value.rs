//! Converting one node to a value of its schema type: scalars (exact decimals, dates, enum
//! indices, percentages), lists, and the placeholders `psrlint new` writes.

use super::{placeholder, Segment, Validator};
use crate::codes::EngineCode;
use psr_lang::value::{parse_date, parse_decimal};
use psr_lang::{Origin, Type, Val, Value};
use psr_source::{Node, NodeKind, Span};

impl<'s> Validator<'s> {
    /// Converts `node` to a value of `ty`; `origin` is the node's own location.
    pub(super) fn value(
        &mut self,
        node: &Node,
        ty: &Type,
        origin: Origin,
        _key: Option<Span>,
    ) -> Val {
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
}

/// `t` without the `_` digit separators TOML allows, copied only when it has one.
fn without_underscores(t: &str) -> std::borrow::Cow<'_, str> {
    if t.contains('_') {
        t.replace('_', "").into()
    } else {
        t.into()
    }
}
