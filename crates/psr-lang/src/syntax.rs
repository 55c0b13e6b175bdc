//! Parsing rule-file text into the syntax tree ([`crate::ast`]) with pest, and translating pest's
//! errors into plain words.

use crate::ast::*;
use crate::diagnostics::{LangError, LangErrorKind};
use pest::iterators::{Pair, Pairs};
use pest::Parser;
use psr_source::Span;
use std::sync::{Mutex, PoisonError};

mod generated {
    #[derive(pest_derive::Parser)]
    #[grammar = "grammar.pest"]
    pub(crate) struct RuleFileParser;
}
pub(crate) use generated::{Rule, RuleFileParser};

pub(crate) use generated::Rule as GrammarRule;

/// Parses a whole rule file. On a syntax error, returns that one error (pest stops at the first).
pub fn parse_file(text: &str) -> Result<File, LangError> {
    let mut pairs = parse_rule(Rule::file, text).map_err(|e| at_end_visible(e, text))?;
    let file = pairs.next().map(|p| p.into_inner()).into_iter().flatten();
    let mut items = Vec::new();
    for pair in file {
        if pair.as_rule() == Rule::EOI {
            continue;
        }
        items.push(lower_item(pair));
    }
    Ok(File { items })
}

/// Parses one expression (used for `{…}` in message templates); spans are relative to `text`.
pub fn parse_expr(text: &str) -> Result<Expr, LangError> {
    let mut pairs = parse_rule(Rule::standalone_expr, text)?;
    let inner = pairs
        .next()
        .and_then(|p| p.into_inner().next())
        .ok_or_else(|| {
            LangError::new(
                LangErrorKind::Syntax,
                Span::new(0, text.len()),
                "expected an expression",
            )
        })?;
    Ok(lower_expr(inner))
}

/// Parses `text` as `rule`. On a syntax error the text is parsed once more with pest's attempt
/// tracking on, which records the literal tokens (`)`, `else`, `:` ...) tried where parsing
/// stopped: pest's ordinary error names only the grammar rules expected there.
fn parse_rule(rule: Rule, text: &str) -> Result<Pairs<'_, Rule>, LangError> {
    RuleFileParser::parse(rule, text).map_err(|first| {
        let detailed = with_attempt_tracking(|| RuleFileParser::parse(rule, text).err());
        syntax_error(detailed.unwrap_or(first))
    })
}

/// Runs `parse` with pest's attempt tracking on. The switch is process-wide and read when a parse
/// starts, and it makes parsing about 2.5 times slower, so it is on only while a text already known
/// to be wrong is parsed again. The lock keeps one such parse from switching it off under another;
/// a parse elsewhere that starts meanwhile only records attempts it does not need.
fn with_attempt_tracking<T>(parse: impl FnOnce() -> T) -> T {
    static TRACKING: Mutex<()> = Mutex::new(());
    let _only_one = TRACKING.lock().unwrap_or_else(PoisonError::into_inner);
    pest::set_error_detail(true);
    let result = parse();
    pest::set_error_detail(false);
    result
}

fn syntax_error(err: pest::error::Error<Rule>) -> LangError {
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
fn at_end_visible(mut err: LangError, text: &str) -> LangError {
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
        kebab => "a kebab-case name (like `direct-award-b`)",
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
        pack_attr | pack_key => "`version:`, `description:` or `uses:`",
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

fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

fn ident(pair: Pair<'_, Rule>) -> Ident {
    Ident {
        name: pair.as_str().to_string(),
        span: span_of(&pair),
    }
}

fn text(pair: Pair<'_, Rule>) -> Text {
    let span = span_of(&pair);
    let is_block = pair.as_rule() == Rule::block;
    let inner = pair.into_inner().next();
    let (raw, content_start) = inner
        .map(|p| (p.as_str().to_string(), p.as_span().start()))
        .unwrap_or_default();
    let value = if is_block {
        dedent(&raw)
    } else {
        unescape(&raw)
    };
    Text {
        value,
        span,
        content_start,
    }
}

fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Removes the indentation of the first non-blank line from every line, and the blank first and
/// last lines that the `"""` delimiters leave.
pub(crate) fn dedent(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n");
    let mut lines: Vec<&str> = raw.split('\n').collect();
    if lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    if lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let indent = lines
        .iter()
        .find(|l| !l.trim().is_empty())
        .map_or(0, |l| l.len() - l.trim_start().len());
    lines
        .iter()
        .map(|l| {
            let cut = l.len() - l.trim_start().len();
            &l[cut.min(indent)..]
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn date_lit(pair: Pair<'_, Rule>) -> DateLit {
    DateLit {
        text: pair.as_str().to_string(),
        span: span_of(&pair),
    }
}

fn citation(pair: Pair<'_, Rule>) -> CitationDecl {
    let span = span_of(&pair);
    let mut it = pair.into_inner().map(text);
    let mut next = || {
        it.next().unwrap_or(Text {
            value: String::new(),
            span,
            content_start: span.start,
        })
    };
    CitationDecl {
        instrument: next(),
        provision: next(),
        url: next(),
        span,
    }
}

fn opt_text(pair: Option<Pair<'_, Rule>>) -> Option<Text> {
    pair.map(text)
}

fn lower_item(pair: Pair<'_, Rule>) -> Item {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    let mut inner = pair.into_inner().peekable();
    match rule {
        Rule::pack_decl => {
            let name = next_ident(&mut inner, span);
            let mut decl = PackDecl {
                name,
                version: None,
                description: None,
                uses: Vec::new(),
                span,
            };
            for attr in inner {
                let mut parts = attr.into_inner();
                let key = parts
                    .next()
                    .map(|k| k.as_str().to_string())
                    .unwrap_or_default();
                let Some(value) = parts.next() else { continue };
                match (key.as_str(), value.as_rule()) {
                    ("uses", Rule::ident_list) => decl.uses.extend(value.into_inner().map(ident)),
                    ("uses", _) => decl.uses.push(Ident {
                        name: text(value).value,
                        span,
                    }),
                    ("version", Rule::string) => decl.version = Some(text(value)),
                    ("description", Rule::string) => decl.description = Some(text(value)),
                    (_, Rule::ident_list) => {
                        let t = value.as_str().to_string();
                        let s = span_of(&value);
                        let v = Text {
                            value: t,
                            span: s,
                            content_start: s.start,
                        };
                        if key == "version" {
                            decl.version = Some(v)
                        } else {
                            decl.description = Some(v)
                        }
                    }
                    _ => {}
                }
            }
            Item::Pack(decl)
        }
        Rule::import_decl => Item::Import(inner.next().map(text).unwrap_or(Text {
            value: String::new(),
            span,
            content_start: span.start,
        })),
        Rule::enum_decl => {
            let name = next_ident(&mut inner, span);
            let doc = if inner.peek().is_some_and(|p| p.as_rule() == Rule::string) {
                opt_text(inner.next())
            } else {
                None
            };
            let values = inner
                .map(|v| {
                    let mut p = v.into_inner();
                    let id = next_ident(&mut p, span);
                    (id, opt_text(p.next()))
                })
                .collect();
            Item::Enum(EnumDecl { name, doc, values })
        }
        Rule::record_decl => {
            let name = next_ident(&mut inner, span);
            let doc = if inner.peek().is_some_and(|p| p.as_rule() == Rule::string) {
                opt_text(inner.next())
            } else {
                None
            };
            Item::Record(RecordDecl {
                name,
                doc,
                fields: inner.map(field_decl).collect(),
            })
        }
        Rule::root_decl => Item::Root(next_ident(&mut inner, span)),
        Rule::table_decl => {
            let name = next_ident(&mut inner, span);
            let mut decl = TableDecl {
                name,
                doc: None,
                source: None,
                columns: Vec::new(),
                rows: Vec::new(),
                has_rows_block: false,
            };
            for p in inner {
                match p.as_rule() {
                    Rule::string => decl.doc = Some(text(p)),
                    Rule::table_source => decl.source = p.into_inner().next().map(text),
                    Rule::field_decl => decl.columns.push(field_decl(p)),
                    Rule::table_rows => {
                        decl.has_rows_block = true;
                        decl.rows.extend(p.into_inner().map(lower_primary));
                    }
                    _ => {}
                }
            }
            Item::Table(decl)
        }
        Rule::calendar_decl => {
            let name = next_ident(&mut inner, span);
            let mut decl = CalendarDecl {
                name,
                doc: None,
                holidays: None,
                extra_closed_days: Vec::new(),
                span,
            };
            for p in inner {
                match p.as_rule() {
                    Rule::string => decl.doc = Some(text(p)),
                    Rule::calendar_attr => {
                        for a in p.into_inner() {
                            match a.as_rule() {
                                Rule::calendar_holidays => {
                                    let mut ids = a.into_inner().map(ident);
                                    if let (Some(t), Some(c)) = (ids.next(), ids.next()) {
                                        decl.holidays = Some((t, c));
                                    }
                                }
                                _ => decl.extra_closed_days.extend(a.into_inner().map(text)),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Item::Calendar(decl)
        }
        Rule::param_decl => {
            let name = next_ident(&mut inner, span);
            let ty = inner
                .next()
                .map(type_expr)
                .unwrap_or_else(|| missing_type(span));
            let mut decl = ParamDecl {
                name,
                ty,
                doc: None,
                values: Vec::new(),
            };
            for p in inner {
                match p.as_rule() {
                    Rule::string => decl.doc = Some(text(p)),
                    Rule::param_value => {
                        let vspan = span_of(&p);
                        let mut parts = p.into_inner();
                        let value = parts
                            .next()
                            .map(lower_primary)
                            .unwrap_or_else(|| missing_expr(vspan));
                        let from = parts.next().map(date_lit).unwrap_or(DateLit {
                            text: String::new(),
                            span: vspan,
                        });
                        let mut until = None;
                        let mut cite = None;
                        for q in parts {
                            match q.as_rule() {
                                Rule::date => until = Some(date_lit(q)),
                                _ => cite = Some(citation(q)),
                            }
                        }
                        let citation = cite.unwrap_or_else(|| citation_missing(vspan));
                        decl.values.push(ParamValue {
                            value,
                            from,
                            until,
                            citation,
                            span: vspan,
                        });
                    }
                    _ => {}
                }
            }
            Item::Param(decl)
        }
        Rule::def_decl => {
            let name = next_ident(&mut inner, span);
            let mut signature = None;
            let mut body = missing_expr(span);
            for p in inner {
                match p.as_rule() {
                    Rule::def_params => {
                        let mut params = Vec::new();
                        let mut ret = missing_type(span);
                        for q in p.into_inner() {
                            match q.as_rule() {
                                Rule::def_param => {
                                    let mut r = q.into_inner();
                                    let id = next_ident(&mut r, span);
                                    let ty = r
                                        .next()
                                        .map(type_expr)
                                        .unwrap_or_else(|| missing_type(span));
                                    params.push((id, ty));
                                }
                                _ => ret = type_expr(q),
                            }
                        }
                        signature = Some((params, ret));
                    }
                    _ => body = lower_expr(p),
                }
            }
            Item::Def(DefDecl {
                name,
                signature,
                body,
            })
        }
        Rule::rule_decl => {
            let code = next_ident(&mut inner, span);
            let name = next_ident(&mut inner, span);
            let clauses = inner.map(lower_clause).collect();
            Item::Rule(RuleDecl {
                code,
                name,
                clauses,
                span,
            })
        }
        _ => Item::Import(Text {
            value: String::new(),
            span,
            content_start: span.start,
        }),
    }
}

/// The next pair as a name (an empty name where the grammar left none).
fn next_ident<'i>(pairs: &mut impl Iterator<Item = Pair<'i, Rule>>, span: Span) -> Ident {
    pairs
        .next()
        .map(ident)
        .unwrap_or_else(|| missing_ident(span))
}

fn missing_ident(span: Span) -> Ident {
    Ident {
        name: String::new(),
        span,
    }
}

fn missing_type(span: Span) -> TypeExpr {
    TypeExpr {
        kind: TypeExprKind::Named(missing_ident(span)),
        optional: false,
        span,
    }
}

fn missing_expr(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Literal(Literal::Bool(false)),
        span,
    }
}

fn citation_missing(span: Span) -> CitationDecl {
    let t = Text {
        value: String::new(),
        span,
        content_start: span.start,
    };
    CitationDecl {
        instrument: t.clone(),
        provision: t.clone(),
        url: t,
        span,
    }
}

fn field_decl(pair: Pair<'_, Rule>) -> FieldDecl {
    let span = span_of(&pair);
    let mut p = pair.into_inner();
    let name = next_ident(&mut p, span);
    let ty = p
        .next()
        .map(type_expr)
        .unwrap_or_else(|| missing_type(span));
    let mut next = p.next();
    let bound = match &next {
        Some(b) if b.as_rule() == Rule::field_bound => {
            let b = next.take().map(field_bound);
            next = p.next();
            b
        }
        _ => None,
    };
    FieldDecl {
        name,
        ty,
        bound,
        doc: opt_text(next),
    }
}

fn field_bound(pair: Pair<'_, Rule>) -> FieldBoundDecl {
    let span = span_of(&pair);
    let mut p = pair.into_inner();
    let op = match p.next().map(|o| o.as_str()) {
        Some("<") => BinOp::Lt,
        Some("<=") => BinOp::Le,
        Some(">") => BinOp::Gt,
        _ => BinOp::Ge,
    };
    let operand = match p.next() {
        Some(o) if o.as_rule() == Rule::ident => {
            let span = span_of(&o);
            Expr {
                kind: ExprKind::Name(ident(o)),
                span,
            }
        }
        Some(o) => crate::lower_expr::lower(o),
        None => Expr {
            kind: ExprKind::Literal(Literal::Bool(false)),
            span,
        },
    };
    FieldBoundDecl { op, operand, span }
}

fn type_expr(pair: Pair<'_, Rule>) -> TypeExpr {
    let span = span_of(&pair);
    let mut optional = false;
    let mut kind = TypeExprKind::Named(missing_ident(span));
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::optional_mark => optional = true,
            Rule::list_type => {
                let inner = p
                    .into_inner()
                    .next()
                    .map(type_expr)
                    .unwrap_or_else(|| missing_type(span));
                kind = TypeExprKind::List(Box::new(inner));
            }
            Rule::working_days_type => kind = TypeExprKind::WorkingDays,
            Rule::days_type => {
                kind = TypeExprKind::Named(Ident {
                    name: "days".into(),
                    span: span_of(&p),
                })
            }
            _ => kind = TypeExprKind::Named(ident(p)),
        }
    }
    TypeExpr {
        kind,
        optional,
        span,
    }
}

/// The next pair as an expression (a placeholder where the grammar left none).
fn next_expr(inner: &mut pest::iterators::Pairs<'_, Rule>, span: Span) -> Expr {
    inner
        .next()
        .map(lower_expr)
        .unwrap_or_else(|| missing_expr(span))
}

fn lower_clause(pair: Pair<'_, Rule>) -> Clause {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    let mut inner = pair.into_inner();
    let empty = || Text {
        value: String::new(),
        span,
        content_start: span.start,
    };
    let kind = match rule {
        Rule::severity_clause => ClauseKind::Severity(match inner.next().map(|p| p.as_str()) {
            Some("warning") => Severity::Warning,
            Some("info") => Severity::Info,
            _ => Severity::Error,
        }),
        Rule::cite_clause => {
            let mut guard = None;
            let mut texts = Vec::new();
            for p in inner {
                match p.as_rule() {
                    Rule::cite_guard => {
                        let mut parts = p.into_inner();
                        guard = parts
                            .find(|q| q.as_rule() == Rule::expr)
                            .map(lower_expr)
                            .or_else(|| Some(missing_expr(span)));
                    }
                    _ => texts.push(text(p)),
                }
            }
            let mut t = texts.into_iter();
            let instrument = t.next().unwrap_or_else(empty);
            let provision = t.next().unwrap_or_else(empty);
            let url = t.next().unwrap_or_else(empty);
            ClauseKind::Cite(
                guard,
                CitationDecl {
                    instrument,
                    provision,
                    url,
                    span,
                },
            )
        }
        Rule::see_clause => {
            let mut t = inner.map(text);
            let instrument = t.next().unwrap_or_else(empty);
            let provision = t.next().unwrap_or_else(empty);
            let url = t.next().unwrap_or_else(empty);
            ClauseKind::See(CitationDecl {
                instrument,
                provision,
                url,
                span,
            })
        }
        Rule::checks_clause => ClauseKind::Checks(match inner.next().map(|p| p.as_str()) {
            Some("record-only") => Checks::RecordOnly,
            _ => Checks::Substance,
        }),
        Rule::in_force_clause => {
            let from = inner.next().map(date_lit).unwrap_or(DateLit {
                text: String::new(),
                span,
            });
            ClauseKind::InForce(from, inner.next().map(date_lit))
        }
        Rule::when_clause => ClauseKind::When(next_expr(&mut inner, span)),
        Rule::require_clause => ClauseKind::Require(next_expr(&mut inner, span)),
        Rule::forbid_clause => ClauseKind::Forbid(next_expr(&mut inner, span)),
        Rule::at_clause => ClauseKind::At(next_expr(&mut inner, span)),
        Rule::needs_clause => ClauseKind::Needs(inner.map(lower_path).collect()),
        Rule::related_clause => {
            let e = next_expr(&mut inner, span);
            ClauseKind::Related(e, inner.next().map(text).unwrap_or_else(empty))
        }
        Rule::summary_clause => ClauseKind::Summary(inner.next().map(text).unwrap_or_else(empty)),
        Rule::message_clause => ClauseKind::Message(inner.next().map(text).unwrap_or_else(empty)),
        Rule::help_clause => ClauseKind::Help(inner.next().map(text).unwrap_or_else(empty)),
        Rule::doc_clause => ClauseKind::Doc(inner.next().map(text).unwrap_or_else(empty)),
        Rule::compliant_clause => {
            ClauseKind::Compliant(inner.next().map(text).unwrap_or_else(empty))
        }
        _ => ClauseKind::NonCompliant(inner.next().map(text).unwrap_or_else(empty)),
    };
    Clause { kind, span }
}

/// A dotted path as an expression of nested field accesses.
fn lower_path(pair: Pair<'_, Rule>) -> Expr {
    let mut ids = pair.into_inner().map(ident);
    let Some(first) = ids.next() else {
        return missing_expr(Span::default());
    };
    let mut expr = Expr {
        span: first.span,
        kind: ExprKind::Name(first),
    };
    for id in ids {
        let span = expr.span.join(id.span);
        expr = Expr {
            kind: ExprKind::Field(Box::new(expr), id),
            span,
        };
    }
    expr
}

fn lower_expr(pair: Pair<'_, Rule>) -> Expr {
    crate::lower_expr::lower(pair)
}

fn lower_primary(pair: Pair<'_, Rule>) -> Expr {
    crate::lower_expr::lower(pair)
}
