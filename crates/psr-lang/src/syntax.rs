//! Parsing rule-file text into the syntax tree ([`crate::ast`]) with pest, and translating pest's
//! errors into plain words: the one module that lowers pest's pairs (items here, clauses in
//! `clause`, expressions in `expr`), with one [`span_of`].

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

mod clause;
mod expr;
mod words;
use clause::{lower_clause, next_expr};
use words::{at_end_visible, syntax_error};

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

/// The pair's span without the white space pest leaves at its end.
fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.start() + pair.as_str().trim_end().len())
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
                when: None,
                span,
            };
            for attr in inner {
                if attr.as_rule() == Rule::pack_when {
                    let at = span_of(&attr);
                    decl.when = Some(next_expr(&mut attr.into_inner(), at));
                    continue;
                }
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
                        decl.rows.extend(p.into_inner().map(lower_expr));
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
                            .map(lower_expr)
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
            let mut description = None;
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
                    Rule::string => description = Some(text(p)),
                    _ => body = lower_expr(p),
                }
            }
            Item::Def(DefDecl {
                name,
                signature,
                description,
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
    let mut doc = None;
    let mut required = None;
    let mut bound = None;
    for q in p {
        match q.as_rule() {
            Rule::field_required => required = Some(field_required(q)),
            Rule::field_bound => bound = Some(field_bound(q)),
            _ => doc = Some(text(q)),
        }
    }
    FieldDecl {
        name,
        ty,
        bound,
        doc,
        required,
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
        Some(o) => expr::lower(o),
        None => Expr {
            kind: ExprKind::Literal(Literal::Bool(false)),
            span,
        },
    };
    FieldBoundDecl { op, operand, span }
}

fn field_required(pair: Pair<'_, Rule>) -> RequiredDecl {
    let span = span_of(&pair);
    let mut unless = false;
    let mut path = Vec::new();
    let mut values = Vec::new();
    for q in pair.into_inner() {
        match q.as_rule() {
            Rule::required_mode => unless = q.as_str() == "unless",
            Rule::path => path = q.into_inner().map(ident).collect(),
            Rule::string => values.push(text(q)),
            _ => {}
        }
    }
    RequiredDecl {
        unless,
        path,
        values,
        span,
    }
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

fn lower_expr(pair: Pair<'_, Rule>) -> Expr {
    expr::lower(pair)
}
