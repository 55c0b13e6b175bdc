//! Where the cursor is in a TOML arrangement file, read from the text alone, so that completion
//! works while the file is half-written and does not parse.

use super::Seg;

/// The cursor's place in a TOML file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TomlCursor {
    /// The table the cursor is in: the path of the last `[header]` or `[[header]]` above it,
    /// with the index of each `[[array]]` element.
    pub table: Vec<Seg>,
    /// Byte range of the table's block (from its header to the next header).
    pub block: (usize, usize),
    /// `Some(key path)` when the cursor is in a value (after `key =`), `None` at a key.
    pub value_of: Option<Vec<String>>,
    /// Whether the cursor is inside `[ ... ]` of a value.
    pub in_list: bool,
    /// Whether the cursor is inside a string.
    pub in_string: bool,
    /// The word being typed just before the cursor.
    pub word: String,
}

impl TomlCursor {
    /// The path of the value or key the cursor is at (the table, then the key's parts).
    pub fn path(&self) -> Vec<Seg> {
        let mut p = self.table.clone();
        if let Some(k) = &self.value_of {
            p.extend(k.iter().cloned().map(Seg::Key));
        }
        p
    }
}

/// Reads the cursor's place at byte `offset` of `text`.
pub fn toml_cursor(text: &str, offset: usize) -> TomlCursor {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut table: Vec<Seg> = Vec::new();
    let mut block_start = 0;
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut open_key: Option<String> = None;
    let mut depth: i32 = 0;
    let mut pos = 0;
    for line in text[..line_start].split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let code = strip_comment(line);
        let trimmed = code.trim();
        if depth > 0 {
            depth += bracket_balance(code);
            if depth <= 0 {
                depth = 0;
                open_key = None;
            }
            continue;
        }
        if trimmed.starts_with('[') {
            let array = trimmed.starts_with("[[");
            let name = trimmed.trim_matches(|c| c == '[' || c == ']').trim();
            let parts: Vec<String> = name.split('.').map(unquote_key).collect();
            table = Vec::new();
            for (i, p) in parts.iter().enumerate() {
                table.push(Seg::Key(p.clone()));
                let prefix = parts[..=i].join(".");
                let last = i + 1 == parts.len();
                if array && last {
                    let n = match counts.iter_mut().find(|(k, _)| *k == prefix) {
                        Some((_, n)) => {
                            *n += 1;
                            *n
                        }
                        None => {
                            counts.push((prefix.clone(), 0));
                            0
                        }
                    };
                    table.push(Seg::Index(n));
                } else if let Some((_, n)) = counts.iter().find(|(k, _)| *k == prefix) {
                    table.push(Seg::Index(*n));
                }
            }
            block_start = start;
            continue;
        }
        if let Some(eq) = code.find('=') {
            let rest = &code[eq + 1..];
            depth = bracket_balance(rest).max(0);
            open_key = (depth > 0).then(|| code[..eq].trim().to_string());
        }
    }
    let block_end = next_header(text, line_start).unwrap_or(text.len());
    let here = &text[line_start..offset];
    let word_start = here
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |i| {
            i + here[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = here[word_start..].to_string();
    let (value_of, value_text) = if depth > 0 {
        (open_key.clone(), here)
    } else if let Some(eq) = here.find('=') {
        (Some(here[..eq].trim().to_string()), &here[eq + 1..])
    } else {
        (None, "")
    };
    let value_of = value_of.map(|k| k.split('.').map(unquote_key).collect());
    let in_list = depth > 0 || bracket_balance(value_text) > 0;
    let in_string = value_text.matches('"').count() % 2 == 1;
    TomlCursor {
        table,
        block: (block_start, block_end),
        value_of,
        in_list,
        in_string,
        word,
    }
}

/// The offset of the next header line at or after `from`.
fn next_header(text: &str, from: usize) -> Option<usize> {
    let mut pos = from;
    for line in text[from..].split_inclusive('\n') {
        if pos > from && line.trim_start().starts_with('[') {
            return Some(pos);
        }
        pos += line.len();
    }
    None
}

/// The keys written directly in the block `text[start..end]` (not in its sub-tables).
pub fn block_keys(text: &str, block: (usize, usize)) -> Vec<String> {
    let mut keys = Vec::new();
    let mut depth = 0;
    for line in text[block.0..block.1].lines() {
        let code = strip_comment(line);
        if depth > 0 {
            depth = (depth + bracket_balance(code)).max(0);
            continue;
        }
        if code.trim_start().starts_with('[') {
            continue;
        }
        if let Some(eq) = code.find('=') {
            keys.push(unquote_key(
                code[..eq].trim().split('.').next().unwrap_or_default(),
            ));
            depth = bracket_balance(&code[eq + 1..]).max(0);
        }
    }
    keys
}

/// `[` minus `]` outside strings.
fn bracket_balance(s: &str) -> i32 {
    let mut n = 0;
    let mut in_str = false;
    for c in s.chars() {
        match c {
            '"' => in_str = !in_str,
            '[' if !in_str => n += 1,
            ']' if !in_str => n -= 1,
            _ => {}
        }
    }
    n
}

/// The line up to a `#` that is outside strings.
fn strip_comment(line: &str) -> &str {
    let mut in_str = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_str = !in_str,
            '#' if !in_str => return &line[..i],
            _ => {}
        }
    }
    line
}

fn unquote_key(k: &str) -> String {
    k.trim().trim_matches('"').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> TomlCursor {
        let offset = text.find('|').expect("a cursor mark");
        let text = text.replacen('|', "", 1);
        toml_cursor(&text, offset)
    }

    #[test]
    fn keys_values_lists_and_array_tables() {
        let c = at("format = 1\n[authority]\nty|");
        assert_eq!(c.table, vec![Seg::Key("authority".into())]);
        assert_eq!(c.value_of, None);
        assert_eq!(c.word, "ty");
        let c = at("[authority]\ntype = \"i|");
        assert_eq!(c.value_of, Some(vec!["type".into()]));
        assert!(c.in_string && !c.in_list);
        assert_eq!(c.word, "i");
        let c = at(
            "[[notices]]\ntype = \"a\"\n[[notices]]\nincludes = [\"title-reference\",\n  \"pro|",
        );
        assert_eq!(
            c.path(),
            vec![
                Seg::Key("notices".into()),
                Seg::Index(1),
                Seg::Key("includes".into())
            ]
        );
        assert!(c.in_list && c.in_string);
        let c = at("[decision.key_criteria]\nvalue = { assessment = \"x\" }\n|");
        assert_eq!(
            c.table,
            vec![Seg::Key("decision".into()), Seg::Key("key_criteria".into())]
        );
        assert_eq!(
            block_keys("[a]\nx = 1\ny = [\n 1,\n]\nz.w = 2\n", (0, 27)),
            ["x", "y", "z"]
        );
    }
}
