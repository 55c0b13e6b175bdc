//! The limits on a document's shape, and the checks that the three syntaxes share.

use std::collections::HashSet;

use crate::{Entry, Span, SyntaxError};

/// How large a document's structure may be. Files beyond these are refused with a
/// [`SyntaxError`], so that a hostile or broken file can neither overflow the stack nor exhaust
/// memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most levels of nested lists and tables, the top-level table counting as 1
    /// (default 64).
    pub max_depth: usize,
    /// The most items in one list, or entries in one table (default 10,000).
    pub max_list_len: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 64,
            max_list_len: 10_000,
        }
    }
}

impl Limits {
    /// Refuses a list or table that opens at `span` as level `depth` (the top level is 1).
    pub(crate) fn check_depth(&self, depth: usize, span: Span) -> Result<(), SyntaxError> {
        if depth > self.max_depth {
            Err(SyntaxError::too_deep(span, self.max_depth))
        } else {
            Ok(())
        }
    }

    /// Refuses a list or table that already holds `len` items and would get one more, the new
    /// item being at `span`.
    pub(crate) fn check_len(&self, len: usize, span: Span) -> Result<(), SyntaxError> {
        if len >= self.max_list_len {
            Err(SyntaxError::list_too_long(span, self.max_list_len))
        } else {
            Ok(())
        }
    }
}

/// Below this many entries, a linear search beats hashing.
const LINEAR_SEARCH_MAX: usize = 16;

/// The first entry (in source order) whose key an earlier entry already has.
pub(crate) fn first_duplicate<'e, 'a>(entries: &'e [Entry<'a>]) -> Option<&'e Entry<'a>> {
    if entries.len() <= LINEAR_SEARCH_MAX {
        entries
            .iter()
            .enumerate()
            .skip(1)
            .find(|(i, e)| entries[..*i].iter().any(|p| p.key == e.key))
            .map(|(_, e)| e)
    } else {
        let mut seen = HashSet::with_capacity(entries.len());
        entries.iter().find(|e| !seen.insert(e.key.as_ref()))
    }
}

/// Refuses a table with a repeated key, pointing at the second occurrence.
pub(crate) fn check_duplicates(entries: &[Entry]) -> Result<(), SyntaxError> {
    match first_duplicate(entries) {
        Some(e) => Err(SyntaxError::duplicate_key(&e.key, e.key_span)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Node, NodeKind};

    fn entries(keys: &[&str]) -> Vec<Entry<'static>> {
        keys.iter()
            .enumerate()
            .map(|(i, k)| Entry {
                key: (*k).to_owned().into(),
                key_span: Span::new(i, i + 1),
                value: Node {
                    span: Span::default(),
                    kind: NodeKind::Null,
                },
            })
            .collect()
    }

    #[test]
    fn finds_the_first_second_occurrence_small_and_large() {
        let small = entries(&["a", "b", "c", "b", "a"]);
        assert_eq!(
            first_duplicate(&small).map(|e| e.key_span),
            Some(Span::new(3, 4))
        );
        let names: Vec<String> = (0..40).map(|i| format!("k{i}")).collect();
        let mut keys: Vec<&str> = names.iter().map(String::as_str).collect();
        keys.push("k7");
        keys.push("k3");
        let large = entries(&keys);
        assert_eq!(
            first_duplicate(&large).map(|e| e.key_span),
            Some(Span::new(40, 41))
        );
        assert!(first_duplicate(&large[..40]).is_none());
    }
}
