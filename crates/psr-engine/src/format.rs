//! Writing values into messages: money as `£1,100,000`, percentages as `25%`, enum values by name,
//! records as their values.

use psr_lang::value::{format_money, format_percent};
use psr_lang::{Schema, Type, Value};

/// Writes `v` (of type `ty`) as a user reads it.
pub fn format_value(schema: &Schema, ty: &Type, v: &Value) -> String {
    match (ty.strip_optional(), v) {
        (_, Value::Absent) => "not recorded".into(),
        (_, Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        (_, Value::Integer(n)) => n.to_string(),
        (_, Value::Decimal(d)) => d.normalize().to_string(),
        (_, Value::Money(m)) => format_money(*m),
        (_, Value::Percent(p)) => format_percent(*p),
        (_, Value::Date(d)) => d.format("%Y-%m-%d").to_string(),
        (_, Value::Days(n)) => plural(*n, "day"),
        (_, Value::WorkingDays(n)) => plural(*n, "working day"),
        (_, Value::Text(t)) => t.to_string(),
        (Type::Enum(id), Value::Enum(i)) => schema
            .enums
            .get(*id as usize)
            .and_then(|e| e.values.get(*i as usize))
            .map_or_else(|| i.to_string(), |(name, _)| name.clone()),
        (Type::List(elem), Value::List(items)) => {
            if items.is_empty() {
                "none".into()
            } else {
                items
                    .iter()
                    .map(|i| format_value(schema, elem, &i.value))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
        (_, Value::List(items)) => format!("{} item(s)", items.len()),
        (_, Value::Enum(i)) => i.to_string(),
        (Type::Record(id), Value::Record(fields)) => match schema.records.get(*id as usize) {
            // A record (a table's row, say) is written as its recorded values in the order its
            // fields are declared: a bank holiday declared `name, date` reads "Good Friday 2026-04-03".
            Some(def) => def
                .fields
                .iter()
                .zip(fields.iter())
                .filter(|(_, v)| v.value.is_present())
                .map(|(f, v)| format_value(schema, &f.ty, &v.value))
                .collect::<Vec<_>>()
                .join(" "),
            None => "(a record)".into(),
        },
        (_, Value::Record(_)) => "(a record)".into(),
    }
}

fn plural(n: i64, word: &str) -> String {
    if n == 1 || n == -1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
