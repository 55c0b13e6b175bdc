//! Rule files (`*.psrl`) in the editor: which packs to compile for a file, the names declared
//! across them (for go to definition), and hover on a declared name or a built-in function.

use psr_lang::ast::Item;
use psr_lang::Builtin;
use psr_source::Span;
use std::path::{Path, PathBuf};

/// The directory to compile for the rule file at `path`: the directory that holds its pack, so
/// that sibling packs it `uses` are read from the same place (as `psrlint test rules/` does).
pub fn packs_dir(path: &Path) -> Option<PathBuf> {
    let pack = path.parent()?;
    match pack.parent() {
        Some(parent) if psr_lang::loader::is_pack(pack) => Some(parent.to_path_buf()),
        _ => Some(pack.to_path_buf()),
    }
}

/// A name declared in a rule file.
#[derive(Clone, Debug)]
pub struct Symbol {
    /// The name (a field's name alone).
    pub name: String,
    /// `enum`, `record`, `field of Notice`, `table`, `param`, `def`, `rule` ...
    pub kind: String,
    /// The file.
    pub file: PathBuf,
    /// Where the name is written.
    pub span: Span,
    /// Its doc string or leading comment.
    pub doc: String,
}

/// The `*.psrl` files of every pack directly under `dir` (or of `dir` itself, when it is a pack).
pub fn rule_files(dir: &Path) -> Vec<PathBuf> {
    let mut packs = vec![dir.to_path_buf()];
    if let Ok(entries) = std::fs::read_dir(dir) {
        packs.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir()),
        );
    }
    let mut out = Vec::new();
    for p in packs {
        if let Ok(entries) = std::fs::read_dir(&p) {
            out.extend(
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|f| f.extension().is_some_and(|x| x == "psrl")),
            );
        }
    }
    out.sort();
    out
}

/// The names declared in `text` (the file `file`).
pub fn symbols(file: &Path, text: &str) -> Vec<Symbol> {
    let Ok(parsed) = psr_lang::syntax::parse_file(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut add = |name: &psr_lang::ast::Ident, kind: String, doc: Option<&psr_lang::ast::Text>| {
        let doc = doc
            .map(|d| d.value.clone())
            .unwrap_or_else(|| leading_comment(text, name.span.start));
        out.push(Symbol {
            name: name.name.clone(),
            kind,
            file: file.to_path_buf(),
            span: name.span,
            doc,
        });
    };
    for item in &parsed.items {
        match item {
            Item::Enum(e) => {
                add(&e.name, "enum".into(), e.doc.as_ref());
                for (v, d) in &e.values {
                    add(v, format!("value of enum {}", e.name.name), d.as_ref());
                }
            }
            Item::Record(r) => {
                add(&r.name, "record".into(), r.doc.as_ref());
                for f in &r.fields {
                    add(
                        &f.name,
                        format!("field of {}: {}", r.name.name, type_text(text, f.ty.span)),
                        f.doc.as_ref(),
                    );
                }
            }
            Item::Table(t) => {
                add(&t.name, "table".into(), t.doc.as_ref());
                for f in &t.columns {
                    add(
                        &f.name,
                        format!(
                            "column of table {}: {}",
                            t.name.name,
                            type_text(text, f.ty.span)
                        ),
                        f.doc.as_ref(),
                    );
                }
            }
            Item::Calendar(c) => add(&c.name, "calendar".into(), c.doc.as_ref()),
            Item::Param(p) => add(
                &p.name,
                format!("param: {}", type_text(text, p.ty.span)),
                p.doc.as_ref(),
            ),
            Item::Def(d) => {
                let kind = match &d.signature {
                    Some((params, ret)) => {
                        let ps: Vec<String> = params
                            .iter()
                            .map(|(n, t)| format!("{}: {}", n.name, type_text(text, t.span)))
                            .collect();
                        format!(
                            "def {}({}) -> {}",
                            d.name.name,
                            ps.join(", "),
                            type_text(text, ret.span)
                        )
                    }
                    None => "def".into(),
                };
                add(&d.name, kind, None);
            }
            Item::Rule(r) => {
                add(&r.code, format!("rule {}", r.name.name), None);
            }
            Item::Pack(p) => add(&p.name, "pack".into(), p.description.as_ref()),
            Item::Import(_) | Item::Root(_) => {}
        }
    }
    out
}

fn type_text(text: &str, span: Span) -> String {
    text.get(span.start..span.end).unwrap_or("?").to_string()
}

/// The `#` comment lines just above the line of `offset`, without the `#`.
fn leading_comment(text: &str, offset: usize) -> String {
    let line_start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let mut lines: Vec<&str> = Vec::new();
    for line in text[..line_start].lines().rev() {
        match line.trim_start().strip_prefix('#') {
            Some(c) => lines.push(c.trim()),
            None => break,
        }
    }
    lines.reverse();
    lines.join(" ")
}

/// The name at byte `offset` and whether a `.` comes before it (a field access).
pub fn word_at(text: &str, offset: usize) -> Option<(String, Span, bool)> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let offset = offset.min(text.len());
    let start = text[..offset]
        .rfind(|c: char| !is_word(c))
        .map_or(0, |i| i + 1);
    let end = text[offset..]
        .find(|c: char| !is_word(c))
        .map_or(text.len(), |i| offset + i);
    if start >= end {
        return None;
    }
    let after_dot = text[..start].ends_with('.');
    Some((
        text[start..end].to_string(),
        Span::new(start, end),
        after_dot,
    ))
}

/// The declarations `name` may refer to: fields after a `.`, else declared names first, then
/// fields of that name (a bare path start reads the arrangement's fields).
pub fn definitions<'s>(all: &'s [Symbol], name: &str, after_dot: bool) -> Vec<&'s Symbol> {
    let is_field = |s: &Symbol| s.kind.starts_with("field of") || s.kind.starts_with("column of");
    let named = all.iter().filter(|s| s.name == name);
    if after_dot {
        return named.filter(|s| is_field(s)).collect();
    }
    let decls: Vec<&Symbol> = named.clone().filter(|s| !is_field(s)).collect();
    if decls.is_empty() {
        named.filter(|s| is_field(s)).collect()
    } else {
        decls
    }
}

/// Hover text for the name at `offset`: a built-in function's signature and meaning, or what the
/// name is declared as, with its doc.
pub fn hover(all: &[Symbol], text: &str, offset: usize) -> Option<(String, Span)> {
    let (name, span, after_dot) = word_at(text, offset)?;
    if !after_dot && text[span.end..].trim_start().starts_with('(') {
        if let Some(b) = Builtin::from_name(&name) {
            let (_, sig, doc) = b.doc();
            return Some((format!("`{sig}` (built-in)\n\n{doc}"), span));
        }
    }
    let found = definitions(all, &name, after_dot);
    if found.is_empty() {
        return None;
    }
    let parts: Vec<String> = found
        .iter()
        .map(|s| {
            let file = s
                .file
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut p = format!("`{}`: {} ({file})", s.name, s.kind);
            if !s.doc.is_empty() {
                p.push_str(&format!("\n\n{}", s.doc));
            }
            p
        })
        .collect();
    Some((parts.join("\n\n---\n\n"), span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_names_fields_and_builtins() {
        let text = "enum Kind \"k\" { a \"first\" }\nrecord R \"r\" { kind: Kind \"the kind\" }\nroot R\n# Whether the kind is a.\ndef is_a = kind == \"a\" and len([1]) > 0\n";
        let all = symbols(Path::new("x.psrl"), text);
        let at = |w: &str| text.find(w).expect("in the text") + 1;
        let (h, _) = hover(&all, text, at("is_a")).expect("a hover");
        assert!(
            h.contains("`is_a`: def") && h.contains("Whether the kind is a."),
            "{h}"
        );
        let (h, _) = hover(&all, text, at("len(")).expect("a hover");
        assert!(h.contains("`len(xs)` (built-in)"), "{h}");
        let k = text.rfind("kind ==").expect("kind") + 1;
        let defs = definitions(&all, "kind", false);
        assert_eq!(defs.len(), 1);
        assert!(defs[0].kind.starts_with("field of R: Kind"));
        assert_eq!(word_at(text, k).map(|w| w.0), Some("kind".to_string()));
    }

    #[test]
    fn hover_and_definitions_never_panic_anywhere_in_a_shipped_rule_file() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../rules");
        let files = rule_files(&dir);
        assert!(files.len() > 5, "the shipped rule files: {files:?}");
        let all: Vec<Symbol> = files
            .iter()
            .flat_map(|f| symbols(f, &std::fs::read_to_string(f).expect("readable")))
            .collect();
        assert!(all
            .iter()
            .any(|s| s.name == "ntc_sch2_items" && s.kind.starts_with("def ntc_sch2_items()")));
        let text = std::fs::read_to_string(dir.join("psr2023/notices.psrl")).expect("notices.psrl");
        for offset in (0..=text.len())
            .filter(|o| text.is_char_boundary(*o))
            .step_by(3)
        {
            let _ = hover(&all, &text, offset);
            if let Some((name, _, dot)) = word_at(&text, offset) {
                let _ = definitions(&all, &name, dot);
            }
        }
    }
}
