//! For the source crate's tests: span stripping and readable renderings of document trees.

use std::fmt::Write as _;

use psr_source::{Entry, LineIndex, Node, NodeKind, Span, SyntaxError};

/// The tree with every span zeroed, and TOML dates turned into the strings JSON and YAML use for
/// them, so that trees from different syntaxes compare equal.
pub fn strip<'a>(node: &Node<'a>) -> Node<'a> {
    let kind = match &node.kind {
        NodeKind::Date(s) => NodeKind::String(s.clone()),
        NodeKind::Array(items) => NodeKind::Array(items.iter().map(strip).collect()),
        NodeKind::Table(entries) => NodeKind::Table(
            entries
                .iter()
                .map(|e| Entry {
                    key: e.key.clone(),
                    key_span: Span::default(),
                    value: strip(&e.value),
                })
                .collect(),
        ),
        other => other.clone(),
    };
    Node {
        span: Span::default(),
        kind,
    }
}

/// `text[span]`.
pub fn slice(text: &str, span: Span) -> &str {
    &text[span.start..span.end]
}

/// `line:column` of the start of `span`.
pub fn at(text: &str, span: Span) -> String {
    let lc = LineIndex::new(text).line_col(text, span.start);
    format!("{}:{}", lc.line, lc.column)
}

/// One line per value: its path, kind, where it starts and the text it spans, then where its
/// key starts and the text of the key.
pub fn render(node: &Node, text: &str) -> String {
    let mut out = String::new();
    let index = LineIndex::new(text);
    let mut pending: Vec<(String, Option<Span>, &Node)> = vec![(String::from("$"), None, node)];
    while let Some((path, key_span, node)) = pending.pop() {
        let lc = index.line_col(text, node.span.start);
        let kind = match &node.kind {
            NodeKind::Table(entries) => format!("table({})", entries.len()),
            NodeKind::Array(items) => format!("list({})", items.len()),
            other => format!("{other:?}"),
        };
        let snippet: String = slice(text, node.span).chars().take(30).collect();
        let _ = write!(
            out,
            "{path} = {kind} @{}:{} {snippet:?}",
            lc.line, lc.column
        );
        if let Some(k) = key_span {
            let klc = index.line_col(text, k.start);
            let _ = write!(
                out,
                "  key @{}:{} {:?}",
                klc.line,
                klc.column,
                slice(text, k)
            );
        }
        out.push('\n');
        match &node.kind {
            NodeKind::Table(entries) => pending.extend(
                entries
                    .iter()
                    .rev()
                    .map(|e| (format!("{path}.{}", e.key), Some(e.key_span), &e.value)),
            ),
            NodeKind::Array(items) => pending.extend(
                items
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(i, n)| (format!("{path}[{i}]"), None, n)),
            ),
            _ => {}
        }
    }
    out
}

/// An error as a user would need it: kind, words, help, position and the text underlined.
pub fn show_error(err: &SyntaxError, text: &str) -> String {
    format!(
        "{:?} @{} {:?}: {}{}",
        err.kind,
        at(text, err.span),
        slice(text, err.span),
        err.message,
        err.help
            .as_ref()
            .map_or(String::new(), |h| format!("\n    help: {h}")),
    )
}
