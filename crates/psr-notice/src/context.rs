//! What a template sees: the arrangement's fields by name (money as exact decimal text, dates as
//! `YYYY-MM-DD`, enum values by name) and `values`, the dates and records the template asks the
//! packs' definitions for, computed by the checker's own evaluator (never a second calculation).

use crate::template::{Template, ValueSpec};
use chrono::NaiveDate;
use minijinja::Value as J;
use psr_engine::{Item, Reading};
use psr_lang::Value;
use std::collections::BTreeMap;

/// The context of one template over one arrangement, with why each value that could not be
/// computed has none.
pub struct Context {
    /// The root map: the arrangement's fields and `values`.
    pub root: BTreeMap<String, J>,
    /// Values of `values` that could not be computed, with why.
    pub unavailable: BTreeMap<String, String>,
}

/// One item of an arrangement as a template value.
pub fn to_value(item: &Item<'_>) -> J {
    match item.value() {
        Value::Absent => J::from(()),
        Value::Bool(b) => J::from(*b),
        Value::Integer(i) | Value::Days(i) | Value::WorkingDays(i) => J::from(*i),
        Value::Decimal(d) | Value::Money(d) => J::from(d.to_string()),
        Value::Percent(d) => J::from(format!("{d}%")),
        Value::Date(d) => J::from(d.to_string()),
        Value::Text(t) => J::from(t.to_string()),
        Value::Enum(_) => J::from(item.enum_name().unwrap_or_default()),
        Value::List(_) => J::from(item.list().iter().map(to_value).collect::<Vec<_>>()),
        Value::Record(_) => J::from(
            item.fields()
                .into_iter()
                .filter(|(_, field)| field.is_present())
                .map(|(name, field)| (name.to_string(), to_value(&field)))
                .collect::<BTreeMap<_, _>>(),
        ),
    }
}

/// Builds the context of `template` over the arrangement `reading` reads.
pub fn build(reading: &mut Reading<'_, '_>, template: &Template) -> Context {
    let mut root: BTreeMap<String, J> = BTreeMap::new();
    for (name, field) in reading.root().fields() {
        if !field.is_present() {
            continue;
        }
        root.insert(name.to_string(), to_value(&field));
    }
    let mut values: BTreeMap<String, J> = BTreeMap::new();
    let mut unavailable = BTreeMap::new();
    for spec in &template.values {
        let scope = Scope {
            root: &root,
            values: &values,
        };
        match compute(reading, spec, &scope) {
            Ok(v) => {
                values.insert(spec.name.clone(), v);
            }
            Err(why) => {
                values.insert(spec.name.clone(), J::from(()));
                // A value whose input is not recorded is simply absent: the item's `needs` name
                // the field. Only a real failure (a date outside the calendar) is explained.
                if let Some(why) = why {
                    unavailable.insert(spec.name.clone(), why);
                }
            }
        }
    }
    root.insert("values".into(), J::from(values));
    Context { root, unavailable }
}

struct Scope<'s> {
    root: &'s BTreeMap<String, J>,
    values: &'s BTreeMap<String, J>,
}

impl Scope<'_> {
    fn date(&self, path: &str) -> Result<NaiveDate, Option<String>> {
        let v = match path.strip_prefix("values.") {
            Some(rest) => lookup(self.values, rest),
            None => lookup(self.root, path),
        };
        v.as_ref()
            .and_then(|v| v.as_str())
            .and_then(|s| s.parse::<NaiveDate>().ok())
            .ok_or(None)
    }
}

/// The value at a dotted path of a map, when present and not none.
pub fn lookup(map: &BTreeMap<String, J>, path: &str) -> Option<J> {
    let mut parts = path.split('.');
    let mut cur = map.get(parts.next()?)?.clone();
    for p in parts {
        cur = cur.get_attr(p).ok()?;
    }
    (!cur.is_undefined() && !cur.is_none()).then_some(cur)
}

/// A value, or why not: `None` when an input is not recorded, otherwise the evaluator's error.
fn compute(
    reading: &mut Reading<'_, '_>,
    spec: &ValueSpec,
    scope: &Scope<'_>,
) -> Result<J, Option<String>> {
    let evaluated = match (&spec.def, &spec.call, &spec.from, &spec.plus) {
        (Some(def), ..) => reading.def(def),
        (None, Some(call), ..) => {
            let args = spec
                .args
                .iter()
                .map(|a| scope.date(a).map(Value::Date))
                .collect::<Result<Vec<_>, _>>()?;
            reading.call(call, args)
        }
        (None, None, Some(from), Some(plus)) => {
            let d = scope.date(from)?;
            return match reading.date_plus_param(d, plus) {
                Some(Ok(d)) => Ok(J::from(d.to_string())),
                Some(Err(e)) => Err(Some(e.0)),
                None => Err(Some(format!("the packs declare no parameter `{plus}`"))),
            };
        }
        _ => None,
    };
    match evaluated {
        Some(Ok(item)) => Ok(to_value(&item)),
        Some(Err(e)) => Err(Some(e.0)),
        None => Err(Some(format!("the packs do not define `{}`", spec.name))),
    }
}
