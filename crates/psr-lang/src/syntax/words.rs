//! Pest's syntax errors in plain words: what the grammar expected where parsing stopped, named
//! as a rule author would ([`expected_words`], [`LITERALS`]).

use super::Rule;
use crate::diagnostics::{LangError, LangErrorKind};
use psr_source::Span;

pub(super) fn syntax_error(err: pest::error::Error<Rule>) -> LangError {
    let (start, end) = match err.location {
        pest::error::InputLocation::Pos(p) => (p, p),
        pest::error::InputLocation::Span((s, e)) => (s, e),
    };
    let (expected_tokens, tokens_at) = err
        .parse_attempts()
        .map(|a| {
            let tokens: Vec<String> = a.expected_tokens().iter().map(|t| t.to_string()).collect();
            (tokens, a.max_position)
        })
        .unwrap_or_default();
    let message = match &err.variant {
        pest::error::ErrorVariant::ParsingError {
            positives,
            negatives,
        } => {
            // A literal was expected further on than any grammar rule was tried (`record R { a
            // text }`: the `:` after `a`): name it there.
            if tokens_at > start {
                if let Some(words) = literals_alone(&expected_tokens) {
                    return LangError::new(
                        LangErrorKind::Syntax,
                        Span::new(tokens_at, tokens_at),
                        format!("expected {}", join_or(&words)),
                    );
                }
            }
            let mut words: Vec<&str> = positives
                .iter()
                .filter_map(|r| expected_words(*r))
                .collect();
            words.sort_unstable();
            words.dedup();
            if tokens_at == start {
                let literals = literal_words(&expected_tokens)
                    .filter(|literal| !already_named(literal, &words))
                    .collect::<Vec<_>>();
                words.extend(literals);
            }
            if words.is_empty() && !negatives.is_empty() {
                "unexpected text here".to_string()
            } else if words.is_empty() {
                "this text is not understood here".to_string()
            } else {
                format!("expected {}", join_or(&words))
            }
        }
        pest::error::ErrorVariant::CustomError { message } => message.clone(),
    };
    LangError::new(LangErrorKind::Syntax, Span::new(start, end), message)
}

/// The punctuation and keywords that the grammar writes as bare literals inside other rules
/// (closing brackets, separators, `then`, `else`, `in` ...), as an error message names them, most
/// likely first. Literals that begin a rule of their own (`def`, `severity`, `cite` ...) are named
/// by that rule's words, and those inside single tokens (the `-` of a date) are not named at all.
const LITERALS: [(&str, &str); 21] = [
    (")", "`)`"),
    ("]", "`]`"),
    (">", "`>`"),
    ("}", "`}`"),
    ("then", "`then`"),
    ("else", "`else`"),
    ("in", "`in`"),
    (":", "`:`"),
    ("..", "`..`"),
    (".", "`.`"),
    (",", "`,`"),
    ("=", "`=`"),
    ("->", "`->`"),
    ("<", "`<`"),
    ("{", "`{`"),
    ("[", "`[`"),
    ("?", "`?`"),
    ("from", "`from`"),
    ("until", "`until`"),
    ("where", "`where`"),
    ("of", "`of`"),
];

/// The words for the literals among `tokens` (pest's expected tokens, as text), in the order of
/// [`LITERALS`].
fn literal_words(tokens: &[String]) -> impl Iterator<Item = &'static str> + '_ {
    LITERALS
        .iter()
        .filter(|(literal, _)| tokens.iter().any(|t| t == literal))
        .map(|(_, word)| *word)
}

/// The words for `tokens` when they are literals only, besides spacing, comments and the
/// characters that would continue a name just before them; `None` when some other token (a
/// character inside a date, a quote) was expected as well, or no literal was.
fn literals_alone(tokens: &[String]) -> Option<Vec<&'static str>> {
    let ignorable = |t: &str| {
        matches!(
            t,
            " " | "\t" | "\r" | "\n" | "#" | "_" | "a..z" | "A..Z" | "0..9" | "BUILTIN_RULE"
        )
    };
    let alone = tokens
        .iter()
        .all(|t| ignorable(t) || LITERALS.iter().any(|(literal, _)| t == literal));
    let words: Vec<&'static str> = literal_words(tokens).collect();
    (alone && !words.is_empty()).then_some(words)
}

/// Whether the words for the expected rules already name `literal` (its word, like `` `}` ``):
/// as itself (`a comparison (... `in`)`, `` `.` and a field name``), as the first word of a
/// phrase (`` `where` ``, `` `from "file.csv"` ``) or, for `[`, as the start of an expression.
fn already_named(literal: &str, words: &[&str]) -> bool {
    let bare = literal.trim_matches('`');
    let phrase = bare
        .chars()
        .all(|c| c.is_ascii_alphabetic())
        .then(|| format!("`{bare} "));
    words.iter().any(|w| {
        w.contains(literal)
            || phrase.as_ref().is_some_and(|p| w.contains(p.as_str()))
            || (bare == "[" && *w == "an expression")
    })
}

/// A syntax error at the very end of a text gets the last character as its span, so that it
/// can be underlined.
pub(super) fn at_end_visible(mut err: LangError, text: &str) -> LangError {
    if err.span.start >= text.len() && !text.is_empty() {
        let last = text.char_indices().last().map_or(0, |(i, _)| i);
        err.span = Span::new(last, text.len());
    }
    err
}

fn join_or(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {}", rest.join(", "), last),
    }
}

/// What a grammar rule is called in an error message. `None` for rules that never appear as
/// an expectation on their own (silent or structural ones); a test checks every rule is mapped.
pub(crate) fn expected_words(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        EOI => "the end of the file",
        file | item => "a declaration (`pack`, `import`, `enum`, `record`, `root`, `table`, `calendar`, `param`, `def` or `rule`)",
        pack_decl | import_decl | enum_decl | record_decl | root_decl | table_decl | calendar_decl
        | param_decl | def_decl | rule_decl => "a declaration (`pack`, `import`, `enum`, `record`, `root`, `table`, `calendar`, `param`, `def` or `rule`)",
        keyword => "a keyword",
        ident => "a name",
        kebab | enum_word => "a kebab-case name (like `direct-award-b`)",
        code => "a rule code (capital letters then digits, like `PSR012`)",
        string | string_inner => "a text in double quotes",
        block | block_inner => "a text block in triple quotes",
        text => "a text in quotes",
        date => "a date (YYYY-MM-DD)",
        money => "an amount of money (like £500,000)",
        percent => "a percentage (like 25%)",
        decimal => "a decimal number",
        integer => "a whole number",
        working_days => "a number of working days (like `8 working days`)",
        days => "a number of days (like `30 days`)",
        boolean => "`true` or `false`",
        type_expr | base_type | list_type | working_days_type | days_type => "a type",
        optional_mark => "`?`",
        pack_attr | pack_key | pack_when => "`version:`, `description:`, `uses:` or `when:`",
        field_required | required_kw | required_mode => "`required when` or `required unless`",
        ident_list => "a list of names",
        enum_value => "an enum value (a kebab-case name)",
        field_decl => "a field (`name: type`)",
        field_bound => "a bound (`>= £0`, `>= start`)",
        bound_op => "a comparison (`<`, `<=`, `>`, `>=`)",
        table_source => "`from \"file.csv\"`",
        table_rows => "`rows { ... }`",
        calendar_attr | calendar_holidays | calendar_extra => "`holidays:` or `extra_closed_days:`",
        param_value => "a value (`VALUE from DATE cite ...`)",
        citation => "`cite \"instrument\" \"provision\" \"url\"`",
        def_params | def_param => "parameters (`(name: type) -> type`)",
        clause | severity_clause | cite_clause | see_clause | checks_clause | in_force_clause
        | summary_clause | when_clause | needs_clause | require_clause | forbid_clause | at_clause
        | related_clause | message_clause | help_clause | doc_clause | compliant_clause
        | non_compliant_clause => "a rule clause (`severity:`, `cite:`, `see:`, `checks:`, `in_force:`, `summary:`, `when:`, `needs:`, `require:`, `forbid:`, `at:`, `related:`, `message:`, `help:`, `doc:`, `compliant:`, `non_compliant:`) or `}`",
        severity => "`error`, `warning` or `info`",
        cite_guard | when_kw => "`when` and a condition",
        checks_kind => "`substance` or `record-only`",
        path => "a field path (like `process.type`)",
        expr | standalone_expr | conditional | or_expr | and_expr | not_expr | comparison | coalesce
        | additive | multiplicative | unary | postfix | primary | quantifier | call | name
        | literal => "an expression",
        list_literal => "a list in square brackets (`[` ... `]`)",
        or_op => "`or`",
        and_op => "`and`",
        not_op => "`not`",
        compare_op | not_in | in_op => "a comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`, `in`)",
        add_op => "`+` or `-`",
        mul_op => "`*` or `/`",
        neg_op => "`-`",
        postfix_op | field_access => "`.` and a field name",
        presence | present_kw | absent_kw => "`is present` or `is absent`",
        quantifier_kw => "`any`, `all`, `count`, `first`, `sum` or `select`",
        quantifier_body => "`where` or `of`",
        WHITESPACE | COMMENT => return None,
    })
}
