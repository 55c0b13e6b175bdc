//! A file's part of the JSON report (its `files` entry and its `findings` entries), written
//! straight into a buffer in the layout serde_json's pretty printer gives, with the terminal-safe
//! escapes of [`crate::safe::escape_json_tail`]: the same bytes, without building or walking a
//! serializable value for every finding.

use crate::pretty::indent;
use psr_engine::{FileReport, Finding};
use std::fmt::Display;
use std::io::Write;

/// Appends the `files` entry of `file`, `depth` levels deep (its members one deeper).
pub(crate) fn file_entry(out: &mut Vec<u8>, file: &FileReport, depth: usize) {
    let mut o = Object::open(out, depth);
    o.key("path").string(&file.path);
    o.key("sha256").string(&file.sha256);
    o.key("decision_date").display_or_null(file.decision_date);
    o.key("law_as_of").display_or_null(file.law_as_of);
    o.key("status").string(file.status().as_str());
    if file.public_record {
        o.key("public_record").raw("true");
    }
    o.close();
}

/// Appends the `findings` entry of `f`, a finding of `file`, `depth` levels deep.
pub(crate) fn finding(out: &mut Vec<u8>, file: &FileReport, f: &Finding, depth: usize) {
    let (start, end) = f.span.map_or((0, 0), |s| (s.start, s.end));
    let (a, b) = (file.line_col(start), file.line_col(end));
    let mut o = Object::open(out, depth);
    o.key("code").string(&f.code);
    o.key("name").string(&f.name);
    o.key("severity").string(f.severity.as_str());
    o.key("file").string(&file.path);
    o.key("line").number(a.line);
    o.key("column").number(a.column);
    o.key("end_line").number(b.line);
    o.key("end_column").number(b.column);
    match f.span {
        Some(s) => {
            let mut span = o.key("span").object();
            span.key("offset").number(s.start);
            span.key("length").number(s.len());
            span.close();
        }
        None => o.key("span").raw("null"),
    }
    o.key("field").string_or_null(f.field.as_deref());
    o.key("message").string(&f.message);
    o.key("help").string_or_null(f.help.as_deref());
    match &f.citation {
        Some(c) => {
            let mut cite = o.key("citation").object();
            cite.key("instrument").string(&c.instrument);
            cite.key("provision").string(&c.provision);
            cite.key("url").string(&c.url);
            cite.close();
        }
        None => o.key("citation").raw("null"),
    }
    let mut related = o.key("related").array();
    for r in &f.related {
        let (x, y) = (file.line_col(r.span.start), file.line_col(r.span.end));
        let mut item = related.item();
        item.key("field").string_or_null(r.field.as_deref());
        item.key("line").number(x.line);
        item.key("column").number(x.column);
        item.key("end_line").number(y.line);
        item.key("end_column").number(y.column);
        item.key("message").string(&r.message);
        item.close();
    }
    related.close();
    match &f.waived {
        Some(w) => {
            let mut waived = o.key("waived").object();
            waived.key("reason").string(&w.reason);
            waived.key("approved_by").string(&w.approved_by);
            waived.key("expires").display(&w.expires);
            waived.close();
        }
        None => o.key("waived").raw("null"),
    }
    let mut trace = o.key("trace").array();
    for t in &f.trace {
        let mut item = trace.item();
        item.key("clause").string(t.clause);
        item.key("condition").string(&t.condition);
        item.key("outcome").string(&t.outcome);
        if let Some(w) = &t.words {
            item.key("description").string(&w.description);
            item.key("description_holds")
                .raw(if w.holds { "true" } else { "false" });
        }
        item.close();
    }
    trace.close();
    o.close();
}

/// An object being written: `{` is out, each member goes on its own line one level deeper.
struct Object<'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
    any: bool,
}

impl<'o> Object<'o> {
    fn open(out: &'o mut Vec<u8>, depth: usize) -> Self {
        out.push(b'{');
        Object {
            out,
            depth,
            any: false,
        }
    }

    /// Starts the member `name`; the value follows.
    fn key(&mut self, name: &str) -> Value<'_> {
        if self.any {
            self.out.push(b',');
        }
        self.any = true;
        self.out.push(b'\n');
        indent(self.out, self.depth + 1);
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\": ");
        Value {
            out: self.out,
            depth: self.depth + 1,
        }
    }

    /// `}`, on its own line unless the object is empty.
    fn close(self) {
        close_block(self.out, self.depth, self.any, b'}');
    }
}

/// An array being written: `[` is out, each item goes on its own line one level deeper.
struct Array<'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
    any: bool,
}

impl Array<'_> {
    /// Starts an object item.
    fn item(&mut self) -> Object<'_> {
        if self.any {
            self.out.push(b',');
        }
        self.any = true;
        self.out.push(b'\n');
        indent(self.out, self.depth + 1);
        Object::open(self.out, self.depth + 1)
    }

    /// `]`, on its own line unless the array is empty.
    fn close(self) {
        close_block(self.out, self.depth, self.any, b']');
    }
}

/// Closes an object or array opened `depth` levels deep: the bracket on its own line when it has
/// members, straight after the opening one when it has none.
fn close_block(out: &mut Vec<u8>, depth: usize, any: bool, bracket: u8) {
    if any {
        out.push(b'\n');
        indent(out, depth);
    }
    out.push(bracket);
}

/// The place for one value, `depth` levels deep.
struct Value<'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
}

impl<'o> Value<'o> {
    fn raw(self, text: &str) {
        self.out.extend_from_slice(text.as_bytes());
    }

    fn number(self, n: usize) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend_from_slice(&digits[at..]);
    }

    fn string(self, s: &str) {
        write_string(self.out, s);
    }

    fn string_or_null(self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.raw("null"),
        }
    }

    fn display(self, d: &impl Display) {
        self.string(&d.to_string());
    }

    fn display_or_null(self, d: Option<impl Display>) {
        match d {
            Some(d) => self.display(&d),
            None => self.raw("null"),
        }
    }

    fn object(self) -> Object<'o> {
        Object::open(self.out, self.depth)
    }

    fn array(self) -> Array<'o> {
        self.out.push(b'[');
        Array {
            out: self.out,
            depth: self.depth,
            any: false,
        }
    }
}

/// `s` as a JSON string: serde_json's escapes (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other C0
/// controls as `\u00xx`), and the characters [`crate::safe`] keeps from a terminal as `\uxxxx`.
fn write_string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    loop {
        // Skip the bytes that are written as they are.
        while bytes.get(i).is_some_and(|&b| !NOTABLE[b as usize]) {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else { break };
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x00..=0x1f | 0x7f => b"",
            // A C1 control (0xc2 0x80..0x9f) or a bidirectional character (0xe2 ...).
            _ if char_at(s, i).is_some_and(crate::safe::is_unsafe) => b"",
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[plain..i]);
        if short.is_empty() {
            let c = char_at(s, i).unwrap_or_default();
            // Writing to a Vec cannot fail.
            let _ = write!(out, "\\u{:04x}", c as u32);
            i += c.len_utf8();
        } else {
            out.extend_from_slice(short);
            i += 1;
        }
        plain = i;
    }
    out.extend_from_slice(&bytes[plain..]);
    out.push(b'"');
}

/// The bytes [`write_string`] must look at: C0 controls, `"`, `\\`, DEL, and the first bytes of
/// the only multi-byte characters that can need escaping (0xc2: C1 controls; 0xe2: the
/// bidirectional formatting characters).
const NOTABLE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xe2] = true;
    t
};

/// The character starting at byte `i` of `s`.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

#[cfg(test)]
mod tests {
    use super::write_string;

    #[test]
    fn strings_are_escaped_as_serde_json_and_the_terminal_filter_escape_them() {
        for s in [
            "plain £ text",
            "quote \" back \\ slash",
            "\u{8}\u{c}\n\r\t\u{0}\u{1b}\u{1f}",
            "del \u{7f} c1 \u{85} bidi \u{202e}\u{2066} ok \u{2028}",
            "",
            "£1,100,000 \u{e2}\u{2014} \u{c2}",
        ] {
            let mut ours = Vec::new();
            write_string(&mut ours, s);
            let mut theirs = serde_json::to_vec(s).unwrap_or_default();
            crate::safe::escape_json_tail(&mut theirs, 0);
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs)
            );
        }
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 1234567, usize::MAX] {
            let mut out = Vec::new();
            super::Value {
                out: &mut out,
                depth: 0,
            }
            .number(n);
            assert_eq!(String::from_utf8_lossy(&out), n.to_string());
        }
    }
}
