//! Writing a JSON document piece by piece with the layout of serde_json's pretty printer, so that
//! a format can stream a document (JSON's report, SARIF's log) and give the bytes the whole
//! document pretty-printed at once would give.

use serde::Serialize;
use std::io::{self, Write};

/// `value` pretty-printed as it appears `depth` levels deep in a document (a member of the root
/// object is one level deep, an item of one of its arrays two).
pub(crate) fn nested<T: Serialize>(value: &T, depth: usize) -> io::Result<String> {
    let mut out = Vec::with_capacity(512);
    write_nested(&mut out, value, depth)?;
    String::from_utf8(out).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// Appends `value` to `out` as [`nested`] lays it out, with the characters that could drive a
/// terminal escaped (see [`crate::safe::escape_json_tail`]).
pub(crate) fn write_nested<T: Serialize>(
    out: &mut Vec<u8>,
    value: &T,
    depth: usize,
) -> io::Result<()> {
    use serde_json::ser::{Formatter, PrettyFormatter};
    let mut formatter = PrettyFormatter::new();
    // Opening containers on a sink sets the formatter's indentation to `depth`.
    for _ in 0..depth {
        formatter.begin_array(&mut io::sink())?;
    }
    let from = out.len();
    value
        .serialize(&mut serde_json::Serializer::with_formatter(
            &mut *out, formatter,
        ))
        .map_err(io::Error::from)?;
    crate::safe::escape_json_tail(out, from);
    Ok(())
}

/// A copy of `buf`'s text, allocated at its exact size (so that a run over many files keeps no
/// half-empty buffers).
pub(crate) fn exact(buf: &[u8]) -> io::Result<Box<str>> {
    std::str::from_utf8(buf)
        .map(Box::from)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// Two spaces per level, as serde_json's pretty printer indents.
pub(crate) fn indent(out: &mut Vec<u8>, depth: usize) {
    const SPACES: &[u8] = &[b' '; 64];
    let mut n = depth * 2;
    while n > 0 {
        let k = n.min(SPACES.len());
        out.extend_from_slice(&SPACES[..k]);
        n -= k;
    }
}

/// Writes what separates two items of an array whose items are `depth` levels deep.
pub(crate) fn item_separator(out: &mut Vec<u8>, depth: usize) {
    out.extend_from_slice(b",\n");
    indent(out, depth);
}

/// An array written item by item, `depth` levels deep for its items: `[`, then the items, then
/// the closing bracket on its own line (or `[]` when there were none), as serde_json lays it out.
pub(crate) struct Array {
    depth: usize,
    any: bool,
}

impl Array {
    /// An array whose `[` the caller has written, with items `depth` levels deep.
    pub(crate) fn new(depth: usize) -> Self {
        Array { depth, any: false }
    }

    /// Writes one or more items already joined by [`item_separator`]; an empty run is skipped.
    pub(crate) fn items(&mut self, items: &str, out: &mut dyn Write) -> io::Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        if self.any {
            out.write_all(b",")?;
        }
        write!(out, "\n{}", "  ".repeat(self.depth))?;
        out.write_all(items.as_bytes())?;
        self.any = true;
        Ok(())
    }

    /// Writes the closing bracket.
    pub(crate) fn close(self, out: &mut dyn Write) -> io::Result<()> {
        if self.any {
            write!(out, "\n{}]", "  ".repeat(self.depth - 1))
        } else {
            out.write_all(b"]")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pieces_join_into_the_pretty_printed_document() {
        let items = [json!({ "a": 1, "b": [1, 2] }), json!("x"), json!({})];
        let mut out: Vec<u8> = b"{\n  \"list\": [".to_vec();
        let mut array = Array::new(2);
        array
            .items(&nested(&items[0], 2).unwrap_or_default(), &mut out)
            .unwrap_or_default();
        array.items("", &mut out).unwrap_or_default();
        let mut rest = nested(&items[1], 2).unwrap_or_default().into_bytes();
        item_separator(&mut rest, 2);
        rest.extend_from_slice(nested(&items[2], 2).unwrap_or_default().as_bytes());
        array
            .items(&String::from_utf8(rest).unwrap_or_default(), &mut out)
            .unwrap_or_default();
        array.close(&mut out).unwrap_or_default();
        out.extend_from_slice(b",\n  \"none\": [");
        Array::new(2).close(&mut out).unwrap_or_default();
        out.extend_from_slice(b"\n}");
        let whole =
            serde_json::to_string_pretty(&json!({ "list": items, "none": [] })).unwrap_or_default();
        assert_eq!(String::from_utf8(out).unwrap_or_default(), whole);
    }
}
