//! The canonical layout of rule files, as written by `psrlint fmt`.
//!
//! The formatter changes only whitespace, never the words, texts or comments:
//!
//! - every declaration, clause, attribute, field, enum value, parameter value and table row
//!   starts its own line, indented by two spaces per enclosing `{ }`; `}` closes on its own line,
//!   and an empty block is written `{}`;
//! - one space after `:` and none before it, one space around the `=` of a `def`, one space
//!   before `{` and after `}`; elsewhere on a line, a run of whitespace between two tokens
//!   becomes one space (none stays none), and the spaces before a trailing comment are kept;
//! - line breaks inside expressions are kept as written, and continuation lines are re-indented:
//!   to where the statement's value begins (after `when: `, or the body of a `def`), or two
//!   spaces deeper than the statement when the value starts on a later line; inside `(` or `[`,
//!   one column after the bracket, or two spaces deeper than the bracket's line when the
//!   bracket ends its line. A continuation line written deeper than the first line of its
//!   context (the value, or the first line inside the bracket) stays deeper by as much, so
//!   nesting the author showed (a `where` condition, a `then` branch) is kept;
//! - text blocks (`"""`) are copied verbatim, comments keep their text (trailing whitespace
//!   removed) and take the indentation of the code line they precede;
//! - at most one blank line in a row, none at the start of a file or block or before a `}`, at
//!   least one between top-level declarations (consecutive `import`s may stay together), trailing
//!   whitespace removed, `\n` line ends and one at the end of the file.
//!
//! Formatting is idempotent, and [`format_source`] checks its own result: the formatted text
//! must parse to the same syntax tree ([`erase_spans`]) with the same comments, or it returns
//! [`FormatError::Changed`] instead of a text.
//!
//! ```
//! let text = "rule X1 demo {severity : error\n    when: a\n    and b }";
//! let formatted = psr_lang::format::format_source(text).expect("formats");
//! assert_eq!(formatted, "rule X1 demo {\n  severity: error\n  when: a\n        and b\n}\n");
//! ```

mod erase;
mod layout;
mod lex;

pub use erase::erase_spans;

use crate::diagnostics::{LangError, LangErrorKind};
use crate::syntax::{parse_file, Rule, RuleFileParser};
use pest::iterators::Pair;
use pest::Parser;
use psr_source::Span;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Why a file was not formatted.
#[derive(Debug)]
pub enum FormatError {
    /// The file does not parse: only valid rule files are formatted.
    Syntax(LangError),
    /// The formatted text would not mean the same (a bug in the formatter); the file must be
    /// left as it is.
    Changed(String),
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Syntax(e) => write!(f, "{e}"),
            FormatError::Changed(why) => write!(
                f,
                "the formatter would change the meaning of the file ({why}); it was left unchanged"
            ),
        }
    }
}

impl std::error::Error for FormatError {}

/// Where statements and top-level declarations begin: the structure the layout follows.
#[derive(Debug, Default)]
pub(crate) struct Shape {
    /// Offsets where a statement begins: a declaration, clause, manifest attribute, field or
    /// column, enum value, calendar attribute, parameter value or table row.
    pub stmts: BTreeSet<usize>,
    /// Offsets where a top-level declaration begins, and whether it is an `import`.
    pub items: BTreeMap<usize, bool>,
    /// Offsets where a `def` begins.
    pub defs: BTreeSet<usize>,
    /// Offsets where the body of a `def` begins.
    pub bodies: BTreeSet<usize>,
    /// Offsets of the `=` of a `def`.
    pub equals: BTreeSet<usize>,
}

/// Formats a rule file. The text must parse; see the module documentation for the layout.
pub fn format_source(text: &str) -> Result<String, FormatError> {
    let original = parse_file(text).map_err(FormatError::Syntax)?;
    let text = text.replace("\r\n", "\n");
    let shape = shape(&text)?;
    let mut cuts: BTreeSet<usize> = shape.stmts.union(&shape.bodies).copied().collect();
    cuts.extend(shape.equals.iter().flat_map(|&e| [e, e + 1]));
    let tokens = lex::lex(&text, &cuts).map_err(unterminated)?;
    let formatted = layout::render(&tokens, &shape);
    let reparsed = parse_file(&formatted)
        .map_err(|e| FormatError::Changed(format!("the result does not parse: {e}")))?;
    if erase_spans(&reparsed) != erase_spans(&original) {
        return Err(FormatError::Changed("the syntax tree differs".into()));
    }
    let after = lex::lex(&formatted, &BTreeSet::new()).map_err(unterminated)?;
    if comments(&tokens) != comments(&after) {
        return Err(FormatError::Changed("the comments differ".into()));
    }
    Ok(formatted)
}

fn unterminated(at: usize) -> FormatError {
    FormatError::Syntax(LangError::new(
        LangErrorKind::Syntax,
        Span::new(at, at),
        "this text is not closed",
    ))
}

fn comments<'a>(tokens: &[lex::Token<'a>]) -> Vec<&'a str> {
    tokens
        .iter()
        .filter(|t| t.kind == lex::Kind::Comment)
        .map(|t| t.text)
        .collect()
}

/// Parses `text` again to find where its statements begin.
fn shape(text: &str) -> Result<Shape, FormatError> {
    let mut shape = Shape::default();
    let pairs = RuleFileParser::parse(Rule::file, text)
        .map_err(|e| FormatError::Changed(format!("the text does not parse again: {e}")))?;
    for file in pairs {
        for item in file.into_inner() {
            if item.as_rule() != Rule::EOI {
                shape
                    .items
                    .insert(item.as_span().start(), item.as_rule() == Rule::import_decl);
                walk(item, Rule::file, text, &mut shape);
            }
        }
    }
    Ok(shape)
}

fn walk(pair: Pair<'_, Rule>, parent: Rule, text: &str, shape: &mut Shape) {
    let rule = pair.as_rule();
    let start = pair.as_span().start();
    if is_statement(rule) || (rule == Rule::list_literal && parent == Rule::table_rows) {
        shape.stmts.insert(start);
    }
    if rule == Rule::def_decl {
        shape.defs.insert(start);
        if let Some(body) = pair
            .clone()
            .into_inner()
            .find(|p| p.as_rule() == Rule::expr)
        {
            shape.bodies.insert(body.as_span().start());
        }
        let head_end = pair
            .clone()
            .into_inner()
            .filter(|p| p.as_rule() != Rule::expr)
            .last()
            .map(|p| p.as_span().end());
        if let Some(eq) = head_end.and_then(|end| equals_after(text, end)) {
            shape.equals.insert(eq);
        }
    }
    for inner in pair.into_inner() {
        walk(inner, rule, text, shape);
    }
}

/// The offset of the first `=` at or after `from`, past whitespace and comments.
fn equals_after(text: &str, from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let rest = text.get(at..)?;
        let c = rest.chars().next()?;
        match c {
            '=' => return Some(at),
            '#' => at += rest.find('\n')?,
            c if c.is_whitespace() => at += c.len_utf8(),
            _ => return None,
        }
    }
}

fn is_statement(rule: Rule) -> bool {
    use Rule::*;
    matches!(
        rule,
        pack_decl
            | import_decl
            | enum_decl
            | record_decl
            | root_decl
            | table_decl
            | calendar_decl
            | param_decl
            | def_decl
            | rule_decl
            | pack_attr
            | enum_value
            | field_decl
            | calendar_attr
            | param_value
            | severity_clause
            | cite_clause
            | see_clause
            | checks_clause
            | in_force_clause
            | summary_clause
            | when_clause
            | needs_clause
            | require_clause
            | forbid_clause
            | at_clause
            | related_clause
            | message_clause
            | help_clause
            | doc_clause
            | compliant_clause
            | non_compliant_clause
    )
}

#[cfg(test)]
mod tests;
