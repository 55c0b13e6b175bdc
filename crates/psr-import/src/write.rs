//! Writing an imported arrangement as TOML (a comment above each field saying where it came
//! from), JSON or YAML (an `imported_from.notes` list saying the same). Strings are written with
//! JSON escapes, which TOML basic strings and YAML double-quoted strings read the same way.

use crate::model::{Arrangement, Section, Val};
use serde_json::{json, Map, Value};

/// The syntax to write: psr-source's, which owns each syntax's name and extensions.
pub use psr_source::Syntax;

/// `a` in `syntax`.
pub fn write(a: &Arrangement, syntax: Syntax) -> String {
    match syntax {
        Syntax::Toml => toml(a),
        Syntax::Json => {
            let mut s = serde_json::to_string_pretty(&value(a)).unwrap_or_default();
            s.push('\n');
            s
        }
        Syntax::Yaml => {
            let mut out = header(a, "#");
            out.push_str(&crate::yaml::to_yaml(&value(a)));
            out
        }
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn header(a: &Arrangement, comment: &str) -> String {
    let mut h = format!(
        "{comment} Imported by `psrlint import ocds` from {}",
        a.origin.file
    );
    if let Some(r) = &a.origin.release {
        h.push_str(&format!(", release {r}"));
    }
    if let Some(o) = &a.origin.ocid {
        h.push_str(&format!(" (ocid {o})"));
    }
    h.push_str(&format!(
        ".\n{comment} Only what the published notice states is recorded, with where it was read. The\n{comment} `imported_from` marker makes `psrlint check` check it as a public record (docs/public-record.md).\n"
    ));
    h
}

fn toml_value(v: &Val) -> String {
    match v {
        Val::Text(t) | Val::Money(t) => quoted(t),
        Val::Date(d) => d.format("%Y-%m-%d").to_string(),
        Val::Bool(b) => b.to_string(),
        Val::Texts(ts) => format!(
            "[{}]",
            ts.iter().map(|t| quoted(t)).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn toml_comment(out: &mut String, text: &str) {
    for line in text.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
}

fn toml(a: &Arrangement) -> String {
    let mut out = header(a, "#");
    out.push_str("format = 1\n");
    for s in &a.sections {
        if s.fields.is_empty() && s.remarks.is_empty() {
            continue;
        }
        let (open, close) = if s.list { ("[[", "]]") } else { ("[", "]") };
        out.push_str(&format!("\n{open}{}{close}\n", s.name));
        for f in &s.fields {
            toml_comment(&mut out, &format!("from {}", f.source));
            out.push_str(&format!("{} = {}\n", f.key, toml_value(&f.value)));
        }
        for r in &s.remarks {
            toml_comment(&mut out, r);
        }
    }
    out.push_str("\n[imported_from]\n");
    out.push_str("source = \"ocds\"\n");
    out.push_str(&format!("file = {}\n", quoted(&a.origin.file)));
    if let Some(o) = &a.origin.ocid {
        out.push_str(&format!("ocid = {}\n", quoted(o)));
    }
    if let Some(r) = &a.origin.release {
        out.push_str(&format!("release = {}\n", quoted(r)));
    }
    out
}

fn json_value(v: &Val) -> Value {
    match v {
        Val::Text(t) | Val::Money(t) => Value::String(t.clone()),
        Val::Date(d) => Value::String(d.format("%Y-%m-%d").to_string()),
        Val::Bool(b) => Value::Bool(*b),
        Val::Texts(ts) => Value::Array(ts.iter().cloned().map(Value::String).collect()),
    }
}

fn section_value(s: &Section) -> Value {
    let mut m = Map::new();
    for f in &s.fields {
        m.insert(f.key.to_string(), json_value(&f.value));
    }
    Value::Object(m)
}

/// The file as a JSON value, with `imported_from.notes`.
pub fn value(a: &Arrangement) -> Value {
    let mut root = Map::new();
    root.insert("format".into(), json!(1));
    for s in &a.sections {
        if s.fields.is_empty() {
            continue;
        }
        if s.list {
            let entry = root
                .entry(s.name.to_string())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(items) = entry {
                items.push(section_value(s));
            }
        } else {
            root.insert(s.name.to_string(), section_value(s));
        }
    }
    let mut notes: Vec<Value> = a
        .paths()
        .into_iter()
        .map(|(path, f)| json!({ "field": path, "source": f.source }))
        .collect();
    for s in &a.sections {
        for r in &s.remarks {
            notes.push(json!({ "field": s.name, "source": r }));
        }
    }
    let mut from = Map::new();
    from.insert("source".into(), json!("ocds"));
    from.insert("file".into(), json!(a.origin.file));
    if let Some(o) = &a.origin.ocid {
        from.insert("ocid".into(), json!(o));
    }
    if let Some(r) = &a.origin.release {
        from.insert("release".into(), json!(r));
    }
    from.insert("notes".into(), Value::Array(notes));
    root.insert("imported_from".into(), Value::Object(from));
    Value::Object(root)
}
