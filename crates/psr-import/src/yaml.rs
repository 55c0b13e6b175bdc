//! Block-style YAML for a JSON value: objects as `key: value` lines, arrays as `- ` items,
//! scalars written as JSON (strings double-quoted with JSON escapes, which YAML reads the same
//! way). The one YAML writer of imported arrangements and of the tests' YAML twins.

use serde_json::Value;
use std::fmt::Write;

/// `v` as block-style YAML, one line per scalar.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    write_yaml(v, 0, &mut out);
    out
}

fn write_yaml(v: &Value, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                match x {
                    Value::Object(m) if !m.is_empty() => {
                        let _ = writeln!(out, "{pad}{k}:");
                        write_yaml(x, indent + 1, out);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        let _ = writeln!(out, "{pad}{k}:");
                        write_yaml(x, indent + 1, out);
                    }
                    _ => {
                        let _ = writeln!(out, "{pad}{k}: {}", scalar(x));
                    }
                }
            }
        }
        Value::Array(items) => {
            for x in items {
                match x {
                    // The first line of the element carries the dash.
                    Value::Object(m) if !m.is_empty() => {
                        let mut inner = String::new();
                        write_yaml(x, indent + 1, &mut inner);
                        let _ = write!(out, "{pad}- {}", inner.trim_start());
                    }
                    _ => {
                        let _ = writeln!(out, "{pad}- {}", scalar(x));
                    }
                }
            }
        }
        other => {
            let _ = writeln!(out, "{pad}{}", scalar(other));
        }
    }
}

/// A scalar as JSON; an empty object or array in flow style.
fn scalar(v: &Value) -> String {
    match v {
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_objects_and_lists_are_indented_and_scalars_are_json() {
        let v = serde_json::json!({
            "a": { "b": "x: \"y\"", "n": 1.5 },
            "list": [{ "k": true, "m": null }, "s", {}],
            "empty": [],
            "none": {}
        });
        assert_eq!(
            to_yaml(&v),
            "a:\n  b: \"x: \\\"y\\\"\"\n  n: 1.5\nlist:\n  - k: true\n    m: null\n  - \"s\"\n  - {}\nempty: []\nnone: {}\n"
        );
    }
}
