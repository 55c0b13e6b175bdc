//! The corpus in the other two input syntaxes: every TOML file rewritten as JSON and as YAML, with
//! the same values (numbers, dates and strings as written), so that the three runs check the same
//! arrangements. Made from psrlint's own spanned tree (`psr_source::Node`), which keeps numbers
//! and dates as written.

use psr_source::{Limits, Node, NodeKind, Syntax};
use std::fmt::Write as _;
use std::path::Path;

/// Writes `files` (TOML, under `from`) as `syntax` into `to`, keeping the relative paths and
/// replacing the `.toml` extension. Returns the bytes written.
pub fn corpus(
    from: &Path,
    files: &[std::path::PathBuf],
    to: &Path,
    syntax: Syntax,
) -> Result<u64, String> {
    if to.exists() {
        std::fs::remove_dir_all(to).map_err(|e| format!("cannot empty {}: {e}", to.display()))?;
    }
    let ext = match syntax {
        Syntax::Json => "json",
        Syntax::Yaml => "yaml",
        Syntax::Toml => "toml",
    };
    let mut bytes = 0;
    for f in files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let node = psr_source::parse(Syntax::Toml, &text, &Limits::default())
            .map_err(|e| format!("{}: {}", f.display(), e.message))?;
        let out = match syntax {
            Syntax::Json => json(&node),
            Syntax::Yaml => yaml(&node),
            Syntax::Toml => text.clone(),
        };
        let rel = f.strip_prefix(from).map_err(|e| e.to_string())?;
        let target = to.join(rel).with_extension(ext);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        bytes += out.len() as u64;
        std::fs::write(&target, out).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(bytes)
}

/// A string as a JSON (and YAML double-quoted) literal.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A scalar as JSON; `None` for lists and tables.
fn json_scalar(kind: &NodeKind<'_>) -> Option<String> {
    Some(match kind {
        NodeKind::Null => "null".into(),
        NodeKind::Bool(b) => b.to_string(),
        NodeKind::Integer(n) | NodeKind::Float(n) => n.replace('_', ""),
        NodeKind::String(s) | NodeKind::Date(s) | NodeKind::DateTime(s) => quoted(s),
        NodeKind::Array(_) | NodeKind::Table(_) => return None,
    })
}

/// The document as pretty-printed JSON (two-space indent, lists of scalars on one line).
pub fn json(node: &Node<'_>) -> String {
    let mut out = String::new();
    json_into(&node.kind, 0, &mut out);
    out.push('\n');
    out
}

fn json_into(kind: &NodeKind<'_>, indent: usize, out: &mut String) {
    if let Some(s) = json_scalar(kind) {
        out.push_str(&s);
        return;
    }
    let pad = "  ".repeat(indent + 1);
    match kind {
        NodeKind::Array(items) if items.iter().all(|i| json_scalar(&i.kind).is_some()) => {
            let parts: Vec<String> = items.iter().filter_map(|i| json_scalar(&i.kind)).collect();
            let _ = write!(out, "[{}]", parts.join(", "));
        }
        NodeKind::Array(items) => {
            out.push_str("[\n");
            for (k, i) in items.iter().enumerate() {
                out.push_str(&pad);
                json_into(&i.kind, indent + 1, out);
                out.push_str(if k + 1 < items.len() { ",\n" } else { "\n" });
            }
            let _ = write!(out, "{}]", "  ".repeat(indent));
        }
        NodeKind::Table(entries) => {
            out.push_str("{\n");
            for (k, e) in entries.iter().enumerate() {
                let _ = write!(out, "{pad}{}: ", quoted(&e.key));
                json_into(&e.value.kind, indent + 1, out);
                out.push_str(if k + 1 < entries.len() { ",\n" } else { "\n" });
            }
            let _ = write!(out, "{}}}", "  ".repeat(indent));
        }
        _ => {}
    }
}

/// A scalar as YAML (strings double-quoted; dates and numbers plain); `None` for lists and
/// tables.
fn yaml_scalar(kind: &NodeKind<'_>) -> Option<String> {
    Some(match kind {
        NodeKind::Date(d) => d.to_string(),
        other => json_scalar(other)?,
    })
}

/// A key as YAML: plain when it is a simple name, else double-quoted.
fn yaml_key(key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && key.starts_with(|c: char| c.is_ascii_alphabetic());
    if plain {
        key.to_string()
    } else {
        quoted(key)
    }
}

/// The document as block-style YAML (two-space indent, lists of scalars in flow style).
pub fn yaml(node: &Node<'_>) -> String {
    let mut out = String::new();
    if let NodeKind::Table(entries) = &node.kind {
        yaml_entries(entries, 0, &mut out);
    }
    out
}

fn yaml_entries(entries: &[psr_source::Entry<'_>], indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    for e in entries {
        let _ = write!(out, "{pad}{}:", yaml_key(&e.key));
        yaml_value(&e.value.kind, indent, out);
    }
}

/// The value after `key:` (or after `- `), ending its line(s).
fn yaml_value(kind: &NodeKind<'_>, indent: usize, out: &mut String) {
    if let Some(s) = yaml_scalar(kind) {
        let _ = writeln!(out, " {s}");
        return;
    }
    match kind {
        NodeKind::Array(items) if items.iter().all(|i| yaml_scalar(&i.kind).is_some()) => {
            let parts: Vec<String> = items.iter().filter_map(|i| yaml_scalar(&i.kind)).collect();
            let _ = writeln!(out, " [{}]", parts.join(", "));
        }
        NodeKind::Array(items) => {
            out.push('\n');
            let pad = "  ".repeat(indent + 1);
            for i in items {
                match &i.kind {
                    NodeKind::Table(entries) if !entries.is_empty() => {
                        // `- key: value` then the other keys under it.
                        let mut item = String::new();
                        yaml_entries(entries, indent + 2, &mut item);
                        let body = item.trim_start();
                        let _ = write!(out, "{pad}- {body}");
                    }
                    other => {
                        let _ = write!(out, "{pad}-");
                        yaml_value(other, indent + 1, out);
                    }
                }
            }
        }
        NodeKind::Table(entries) if entries.is_empty() => out.push_str(" {}\n"),
        NodeKind::Table(entries) => {
            out.push('\n');
            yaml_entries(entries, indent + 1, out);
        }
        _ => {}
    }
}
