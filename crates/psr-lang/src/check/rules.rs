//! Checking and compiling rules: required clauses, citations, in-force windows, conditions,
//! locations and message templates.

use super::expr::{path_key, presence_facts, Scope};
use super::Checker;
use crate::ast::{self, ClauseKind, ExprKind, Item, Severity};
use crate::diagnostics::{LangError, LangErrorKind};
use crate::program::{CiteCase, Condition, Expr, RelatedField, Rule, TemplatePart};
use crate::types::Type;
use psr_source::Span;

const RESERVED_PREFIXES: [&str; 8] = ["RL", "ARR", "WVR", "CFG", "ENG", "IMP", "RPT", "NTC"];

impl Checker {
    /// Checks every rule.
    pub(crate) fn check_rules(&mut self) {
        let mut codes: Vec<(String, usize, Span)> = Vec::new();
        let mut names: Vec<(String, usize, Span)> = Vec::new();
        let applies = self.pack_conditions();
        for fid in 0..self.files.len() {
            self.current_file = fid;
            let items = std::mem::take(&mut self.files[fid].ast.items);
            for item in &items {
                let Item::Rule(r) = item else { continue };
                for (list, id, what) in
                    [(&mut codes, &r.code, "code"), (&mut names, &r.name, "name")]
                {
                    if let Some((_, pf, ps)) = list.iter().find(|(n, _, _)| *n == id.name) {
                        let other = self.files[*pf].source.name().to_string();
                        let mut err = LangError::new(
                            LangErrorKind::Duplicate,
                            id.span,
                            format!("the rule {what} `{}` is used twice", id.name),
                        )
                        .with_help(format!(
                            "the other rule is in `{other}`; rule {what}s are never reused"
                        ));
                        if *pf == fid {
                            err = err.with_related(*ps, "first used here");
                        }
                        self.errors.push(err.in_source(&self.files[fid].source));
                    } else {
                        list.push((id.name.clone(), fid, id.span));
                    }
                }
                if let Some(p) = RESERVED_PREFIXES.iter().find(|p| {
                    r.code.name.starts_with(*p)
                        && r.code.name[p.len()..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_digit())
                }) {
                    self.report(
                        LangError::new(
                            LangErrorKind::Pack,
                            r.code.span,
                            format!("the prefix `{p}` is reserved for psrlint's own findings"),
                        )
                        .with_help("use the pack's prefix, for example `PSR` or `COM`"),
                    );
                }
                if let Some(mut rule) = self.check_rule(r, fid) {
                    rule.applies = applies[self.files[fid].pack].clone();
                    self.rules.push(rule);
                }
            }
            self.files[fid].ast.items = items;
        }
    }

    /// Each pack's `when:` from its manifest, compiled in the manifest's scope (empty without one).
    fn pack_conditions(&mut self) -> Vec<Vec<Condition>> {
        let mut out = vec![Vec::new(); self.packs.len()];
        for fid in 0..self.files.len() {
            let when = self.files[fid].ast.items.iter().find_map(|i| match i {
                Item::Pack(p) => p.when.clone(),
                _ => None,
            });
            let Some(e) = when else { continue };
            self.current_file = fid;
            let mut scope = Scope {
                file: fid,
                ..Scope::default()
            };
            out[self.files[fid].pack] = self.conditions(&mut scope, &e, "a pack's `when`");
        }
        out
    }

    fn check_rule(&mut self, r: &ast::RuleDecl, fid: usize) -> Option<Rule> {
        let mut seen: Vec<(&'static str, Span)> = Vec::new();
        for c in &r.clauses {
            let kw = c.kind.keyword();
            let repeatable = matches!(kw, "cite" | "see" | "related");
            if !repeatable {
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == kw) {
                    let first = *first;
                    self.report(
                        LangError::new(
                            LangErrorKind::Duplicate,
                            c.span,
                            format!("`{kw}:` is written twice in this rule"),
                        )
                        .with_related(first, "first written here")
                        .with_help(format!("a rule has one `{kw}:`")),
                    );
                }
            }
            seen.push((kw, c.span));
        }
        let has = |kw: &str| seen.iter().any(|(k, _)| *k == kw);
        if has("require") && has("forbid") {
            self.report(
                LangError::new(
                    LangErrorKind::Duplicate,
                    r.code.span,
                    "a rule has either `require:` or `forbid:`, not both",
                )
                .with_help("fold the two into one assertion"),
            );
        }
        let mut missing: Vec<&str> = [
            "severity",
            "in_force",
            "summary",
            "at",
            "message",
            "help",
            "doc",
            "compliant",
            "non_compliant",
        ]
        .into_iter()
        .filter(|k| !has(k))
        .collect();
        if !has("require") && !has("forbid") {
            missing.insert(0, "require: or forbid:");
        }
        if !has("cite") {
            self.report(
                LangError::new(LangErrorKind::Citation, r.code.span, format!("the rule `{}` cites no provision", r.code.name))
                    .with_help("add `cite: \"SI 2023/1348\" \"reg N\" \"https://www.legislation.gov.uk/…\"`: every rule says which law it enforces"),
            );
        }
        if !missing.is_empty() {
            self.report(
                LangError::new(
                    LangErrorKind::MissingClause,
                    r.code.span,
                    format!("the rule `{}` lacks {}", r.code.name, missing.join(", ")),
                )
                .with_help("see the table of rule clauses in docs/language.md"),
            );
        }

        let mut rule = Rule {
            code: r.code.name.clone(),
            name: r.name.name.clone(),
            pack: self.packs[self.files[fid].pack].info.name.clone(),
            severity: Severity::Error,
            citations: Vec::new(),
            see_also: Vec::new(),
            checks: ast::Checks::Substance,
            in_force_from: chrono::NaiveDate::MIN,
            in_force_until: None,
            summary: String::new(),
            applies: Vec::new(),
            when: Vec::new(),
            needs: Vec::new(),
            require: true,
            assertion: Vec::new(),
            at: Expr::Root,
            at_path: None,
            related: Vec::new(),
            message: Vec::new(),
            help: Vec::new(),
            doc: String::new(),
            compliant: String::new(),
            non_compliant: String::new(),
            source: (fid as u32, r.span),
        };
        let find = |kw: &str| {
            r.clauses
                .iter()
                .find(|c| c.kind.keyword() == kw)
                .map(|c| &c.kind)
        };

        // Scope for conditions: `when` facts, then `needs`, then the assertion's own facts.
        let mut scope = Scope {
            file: fid,
            ..Scope::default()
        };
        if let Some(ClauseKind::When(e)) = find("when") {
            rule.when = self.conditions(&mut scope, e, "`when`");
            let facts = presence_facts(self, &scope, e, true);
            scope.present.extend(facts);
        }
        // Citation guards see what `when` established, and nothing the rule goes on to test:
        // a finding that a needed field is not recorded has a citation too.
        rule.citations = self.cite_cases(&mut scope, r);
        if let Some(ClauseKind::Needs(paths)) = find("needs") {
            for p in paths {
                let (c, t) = self.expr(&mut scope, p);
                if !t.is_optional() && t != Type::Error {
                    self.report(
                        LangError::new(
                            LangErrorKind::Type,
                            p.span,
                            "this field is never absent, so it need not be listed in `needs:`",
                        )
                        .with_help("list only optional fields"),
                    );
                }
                rule.needs.push((c, path_text(p)));
                if let Some(k) = path_key(self, &scope, p) {
                    scope.present.push(k.clone());
                    // A needed field implies the records on its path are present.
                    let mut prefix = k.as_str();
                    while let Some(i) = prefix.rfind('.') {
                        prefix = &prefix[..i];
                        scope.present.push(prefix.to_string());
                    }
                }
            }
        }
        match (find("require"), find("forbid")) {
            (Some(ClauseKind::Require(e)), _) => {
                rule.require = true;
                rule.assertion = self.conditions(&mut scope, e, "`require`");
                let facts = presence_facts(self, &scope, e, false);
                scope.present.extend(facts);
            }
            (_, Some(ClauseKind::Forbid(e))) => {
                rule.require = false;
                rule.assertion = self.conditions(&mut scope, e, "`forbid`");
                let facts = presence_facts(self, &scope, e, true);
                scope.present.extend(facts);
            }
            _ => {}
        }

        for c in &r.clauses {
            match &c.kind {
                ClauseKind::Severity(s) => rule.severity = *s,
                ClauseKind::Checks(k) => rule.checks = *k,
                ClauseKind::See(cd) => {
                    let c = self.citation(cd);
                    rule.see_also.push(c);
                }
                ClauseKind::InForce(from, until) => {
                    if let Some(f) = self.date(from) {
                        rule.in_force_from = f;
                    }
                    if let Some(u) = until {
                        if let Some(ud) = self.date(u) {
                            if ud < rule.in_force_from {
                                self.report(
                                    LangError::new(LangErrorKind::InvalidDate, u.span, "the rule stops being in force before it starts")
                                        .with_help("the second date is the last day in force; it must not be before the first"),
                                );
                            }
                            rule.in_force_until = Some(ud);
                        }
                    }
                }
                ClauseKind::Summary(t) => rule.summary = t.value.clone(),
                ClauseKind::Doc(t) => rule.doc = t.value.clone(),
                ClauseKind::Compliant(t) => rule.compliant = t.value.clone(),
                ClauseKind::NonCompliant(t) => rule.non_compliant = t.value.clone(),
                ClauseKind::At(e) => {
                    let (c, _) = self.expr(&mut scope, e);
                    self.want_location(e);
                    rule.at = c;
                    rule.at_path = root_path(self, &scope, e);
                }
                ClauseKind::Related(e, label) => {
                    let (c, _) = self.expr(&mut scope, e);
                    self.want_location(e);
                    let path = root_path(self, &scope, e);
                    rule.related.push(RelatedField {
                        expr: c,
                        path,
                        label: label.value.clone(),
                    });
                }
                ClauseKind::Message(t) => rule.message = self.template(&mut scope, t),
                ClauseKind::Help(t) => rule.help = self.template(&mut scope, t),
                _ => {}
            }
        }
        Some(rule)
    }

    /// The rule's citations with their guards, checked so that each case has exactly one: the
    /// guarded ones first, in order, then one unguarded `cite:` that applies otherwise.
    fn cite_cases(&mut self, scope: &mut Scope, r: &ast::RuleDecl) -> Vec<CiteCase> {
        let mut cases = Vec::new();
        let mut default: Option<Span> = None;
        for c in &r.clauses {
            let ClauseKind::Cite(guard, cd) = &c.kind else {
                continue;
            };
            if let Some(first) = default {
                let (message, help) = if guard.is_some() {
                    (
                        "this citation can never apply: the unguarded `cite:` before it applies to every case",
                        "move the unguarded `cite:` after every `cite when`",
                    )
                } else {
                    (
                        "a rule has one unguarded `cite:`, for the cases no `cite when` matches",
                        "choose between citations with `cite when CONDITION:`, name several provisions in one (`\"reg 7(2), 8(2)\"`), or list a source the findings do not cite with `see:`",
                    )
                };
                self.report(
                    LangError::new(LangErrorKind::CitationCases, c.span, message)
                        .with_related(first, "the unguarded citation")
                        .with_help(help),
                );
            }
            let when = guard.as_ref().map(|g| {
                let (e, t) = self.expr(scope, g);
                self.want_bool(&t, g.span, "`cite when`");
                Condition {
                    expr: e,
                    text: self.source_text(scope.file, g.span),
                }
            });
            if guard.is_none() && default.is_none() {
                default = Some(c.span);
            }
            cases.push(CiteCase {
                when,
                citation: self.citation(cd),
            });
        }
        if default.is_none() {
            if let Some(last) = r.clauses.iter().rev().find(|c| c.kind.keyword() == "cite") {
                self.report(
                    LangError::new(
                        LangErrorKind::CitationCases,
                        last.span,
                        "every citation of this rule is guarded, so a case that no `cite when` matches would have none",
                    )
                    .with_help("end the citations with an unguarded `cite:` for every other case"),
                );
            }
        }
        cases
    }

    /// The text of `span` in file `file`, its white space runs as one space.
    fn source_text(&self, file: usize, span: Span) -> String {
        self.files[file]
            .text
            .get(span.start..span.end)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Splits a condition at its top-level `and`s and compiles each part, with the facts of the
    /// earlier parts known in the later ones.
    fn conditions(&mut self, scope: &mut Scope, e: &ast::Expr, what: &str) -> Vec<Condition> {
        let mut parts = Vec::new();
        flatten_and(e, &mut parts);
        let mark = scope.present.len();
        let mut out = Vec::new();
        for p in parts {
            let (c, t) = self.expr(scope, p);
            self.want_bool(&t, p.span, what);
            let facts = presence_facts(self, scope, p, true);
            scope.present.extend(facts);
            let text = self.source_text(scope.file, p.span);
            out.push(Condition { expr: c, text });
        }
        scope.present.truncate(mark);
        out
    }

    fn want_location(&mut self, e: &ast::Expr) {
        let ok = matches!(
            e.kind,
            ExprKind::Name(_)
                | ExprKind::Field(..)
                | ExprKind::Quant {
                    kind: ast::QuantKind::First,
                    ..
                }
        );
        if !ok {
            self.report(
                LangError::new(
                    LangErrorKind::Type,
                    e.span,
                    "this does not name a place in the arrangement",
                )
                .with_help(
                    "point at a field (`process.type`), or at a field of a `first … where …`",
                ),
            );
        }
    }

    /// Parses `{expression}` parts of a message or help text.
    fn template(&mut self, scope: &mut Scope, t: &ast::Text) -> Vec<TemplatePart> {
        let text = &t.value;
        let source_matches = self.files[scope.file]
            .text
            .get(t.content_start..t.content_start + text.len())
            == Some(text.as_str());
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut rest = text.as_str();
        let mut offset = 0usize;
        while let Some(i) = rest.find(['{', '}']) {
            let ch = rest.as_bytes()[i];
            lit.push_str(&rest[..i]);
            if rest[i + 1..].starts_with(ch as char) {
                lit.push(ch as char);
                rest = &rest[i + 2..];
                offset += i + 2;
                continue;
            }
            let span_at = |a: usize, b: usize| {
                if source_matches {
                    Span::new(t.content_start + a, t.content_start + b)
                } else {
                    t.span
                }
            };
            if ch == b'}' {
                self.report(
                    LangError::new(
                        LangErrorKind::Template,
                        span_at(offset + i, offset + i + 1),
                        "a `}` without a `{`",
                    )
                    .with_help("write `}}` for a literal brace"),
                );
                rest = &rest[i + 1..];
                offset += i + 1;
                continue;
            }
            let Some(close) = rest[i + 1..].find('}') else {
                self.report(
                    LangError::new(
                        LangErrorKind::Template,
                        span_at(offset + i, offset + rest.len()),
                        "a `{` without a closing `}`",
                    )
                    .with_help(
                        "close the interpolation with `}`, or write `{{` for a literal brace",
                    ),
                );
                rest = "";
                break;
            };
            let inner = &rest[i + 1..i + 1 + close];
            let inner_start = offset + i + 1;
            match crate::syntax::parse_expr(inner) {
                Ok(mut e) => {
                    shift_spans(
                        &mut e,
                        if source_matches {
                            t.content_start + inner_start
                        } else {
                            0
                        },
                        source_matches,
                        t.span,
                    );
                    let (c, ty) = self.expr(scope, &e);
                    if !lit.is_empty() {
                        parts.push(TemplatePart::Text(std::mem::take(&mut lit)));
                    }
                    parts.push(TemplatePart::Value(c, ty));
                }
                Err(err) => {
                    self.report(
                        LangError::new(
                            LangErrorKind::Template,
                            span_at(inner_start, inner_start + inner.len()),
                            format!(
                                "`{{{inner}}}` is not an expression: {}",
                                err.message
                                    .replace("the end of the file", "the closing `}`")
                            ),
                        )
                        .with_help("write an expression between the braces, like `{process.type}`"),
                    );
                }
            }
            rest = &rest[i + 2 + close..];
            offset += i + 2 + close;
        }
        lit.push_str(rest);
        if !lit.is_empty() {
            parts.push(TemplatePart::Text(lit));
        }
        parts
    }
}

fn flatten_and<'a>(e: &'a ast::Expr, out: &mut Vec<&'a ast::Expr>) {
    match &e.kind {
        ExprKind::Binary(ast::BinOp::And, l, r) => {
            flatten_and(l, out);
            flatten_and(r, out);
        }
        _ => out.push(e),
    }
}

fn path_text(e: &ast::Expr) -> String {
    match &e.kind {
        ExprKind::Name(id) => id.name.clone(),
        ExprKind::Field(b, f) => format!("{}.{}", path_text(b), f.name),
        _ => String::new(),
    }
}

/// The dotted path of `e` when it reads fields from the arrangement root.
fn root_path(c: &Checker, scope: &Scope, e: &ast::Expr) -> Option<String> {
    let key = path_key(c, scope, e)?;
    (!key.starts_with('$') && !key.starts_with('#')).then_some(key)
}

fn shift_spans(e: &mut ast::Expr, by: usize, precise: bool, fallback: Span) {
    e.span = if precise {
        Span::new(e.span.start + by, e.span.end + by)
    } else {
        fallback
    };
    match &mut e.kind {
        ExprKind::Name(id) => {
            id.span = if precise {
                Span::new(id.span.start + by, id.span.end + by)
            } else {
                fallback
            }
        }
        ExprKind::Field(b, id) => {
            shift_spans(b, by, precise, fallback);
            id.span = if precise {
                Span::new(id.span.start + by, id.span.end + by)
            } else {
                fallback
            };
        }
        ExprKind::Call(id, args) => {
            id.span = if precise {
                Span::new(id.span.start + by, id.span.end + by)
            } else {
                fallback
            };
            args.iter_mut()
                .for_each(|a| shift_spans(a, by, precise, fallback));
        }
        ExprKind::List(items) => items
            .iter_mut()
            .for_each(|a| shift_spans(a, by, precise, fallback)),
        ExprKind::Not(x) | ExprKind::Neg(x) | ExprKind::Presence(x, _) => {
            shift_spans(x, by, precise, fallback)
        }
        ExprKind::Binary(_, l, r) => {
            shift_spans(l, by, precise, fallback);
            shift_spans(r, by, precise, fallback);
        }
        ExprKind::If(a, b, c) => {
            shift_spans(a, by, precise, fallback);
            shift_spans(b, by, precise, fallback);
            shift_spans(c, by, precise, fallback);
        }
        ExprKind::Quant {
            var,
            list,
            filter,
            of,
            ..
        } => {
            var.span = if precise {
                Span::new(var.span.start + by, var.span.end + by)
            } else {
                fallback
            };
            shift_spans(list, by, precise, fallback);
            if let Some(f) = filter {
                shift_spans(f, by, precise, fallback);
            }
            if let Some(o) = of {
                shift_spans(o, by, precise, fallback);
            }
        }
        ExprKind::Literal(_) => {}
    }
}
