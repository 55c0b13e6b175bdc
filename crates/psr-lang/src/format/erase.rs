//! Syntax trees without positions, to compare what two texts mean regardless of their layout.

use crate::ast::*;
use psr_source::Span;

/// A copy of `file` with every span and text offset set to zero: two files that differ only in
/// layout and comments give equal results.
pub fn erase_spans(file: &File) -> File {
    let mut file = file.clone();
    for item in &mut file.items {
        item_mut(item);
    }
    file
}

// Every struct is taken apart field by field, without `..`: a field added to the syntax tree
// does not compile here until this module says what erasing it means.

fn zero(span: &mut Span) {
    *span = Span::default();
}

fn ident_mut(i: &mut Ident) {
    let Ident { name: _, span } = i;
    zero(span);
}

fn text_mut(t: &mut Text) {
    let Text {
        value: _,
        span,
        content_start,
    } = t;
    zero(span);
    *content_start = 0;
}

fn opt_text_mut(t: &mut Option<Text>) {
    if let Some(t) = t {
        text_mut(t);
    }
}

fn date_mut(d: &mut DateLit) {
    let DateLit { text: _, span } = d;
    zero(span);
}

fn citation_mut(c: &mut CitationDecl) {
    let CitationDecl {
        instrument,
        provision,
        url,
        span,
    } = c;
    text_mut(instrument);
    text_mut(provision);
    text_mut(url);
    zero(span);
}

fn type_mut(t: &mut TypeExpr) {
    let TypeExpr {
        kind,
        optional: _,
        span,
    } = t;
    zero(span);
    match kind {
        TypeExprKind::Named(i) => ident_mut(i),
        TypeExprKind::WorkingDays => {}
        TypeExprKind::List(inner) => type_mut(inner),
    }
}

fn field_mut(f: &mut FieldDecl) {
    let FieldDecl {
        name,
        ty,
        bound,
        doc,
        required,
    } = f;
    ident_mut(name);
    type_mut(ty);
    if let Some(b) = bound {
        zero(&mut b.span);
        expr_mut(&mut b.operand);
    }
    opt_text_mut(doc);
    if let Some(RequiredDecl {
        unless: _,
        path,
        values,
        span,
    }) = required
    {
        path.iter_mut().for_each(ident_mut);
        values.iter_mut().for_each(text_mut);
        zero(span);
    }
}

fn item_mut(item: &mut Item) {
    match item {
        Item::Pack(PackDecl {
            name,
            version,
            description,
            uses,
            when,
            span,
        }) => {
            ident_mut(name);
            opt_text_mut(version);
            opt_text_mut(description);
            uses.iter_mut().for_each(ident_mut);
            if let Some(w) = when {
                expr_mut(w);
            }
            zero(span);
        }
        Item::Import(t) => text_mut(t),
        Item::Enum(EnumDecl { name, doc, values }) => {
            ident_mut(name);
            opt_text_mut(doc);
            for (v, doc) in values {
                ident_mut(v);
                opt_text_mut(doc);
            }
        }
        Item::Record(RecordDecl { name, doc, fields }) => {
            ident_mut(name);
            opt_text_mut(doc);
            fields.iter_mut().for_each(field_mut);
        }
        Item::Root(i) => ident_mut(i),
        Item::Table(TableDecl {
            name,
            doc,
            source,
            columns,
            rows,
            has_rows_block: _,
        }) => {
            ident_mut(name);
            opt_text_mut(doc);
            opt_text_mut(source);
            columns.iter_mut().for_each(field_mut);
            rows.iter_mut().for_each(expr_mut);
        }
        Item::Calendar(CalendarDecl {
            name,
            doc,
            holidays,
            extra_closed_days,
            span,
        }) => {
            ident_mut(name);
            opt_text_mut(doc);
            if let Some((t, col)) = holidays {
                ident_mut(t);
                ident_mut(col);
            }
            extra_closed_days.iter_mut().for_each(text_mut);
            zero(span);
        }
        Item::Param(ParamDecl {
            name,
            ty,
            doc,
            values,
        }) => {
            ident_mut(name);
            type_mut(ty);
            opt_text_mut(doc);
            for ParamValue {
                value,
                from,
                until,
                citation,
                span,
            } in values
            {
                expr_mut(value);
                date_mut(from);
                if let Some(u) = until {
                    date_mut(u);
                }
                citation_mut(citation);
                zero(span);
            }
        }
        Item::Def(DefDecl {
            name,
            signature,
            description,
            body,
        }) => {
            ident_mut(name);
            opt_text_mut(description);
            if let Some((params, ret)) = signature {
                for (name, ty) in params {
                    ident_mut(name);
                    type_mut(ty);
                }
                type_mut(ret);
            }
            expr_mut(body);
        }
        Item::Rule(RuleDecl {
            code,
            name,
            clauses,
            span,
        }) => {
            ident_mut(code);
            ident_mut(name);
            clauses.iter_mut().for_each(clause_mut);
            zero(span);
        }
    }
}

fn clause_mut(c: &mut Clause) {
    let Clause { kind, span } = c;
    zero(span);
    match kind {
        ClauseKind::Severity(_) => {}
        ClauseKind::Cite(guard, cite) => {
            if let Some(g) = guard {
                expr_mut(g);
            }
            citation_mut(cite);
        }
        ClauseKind::See(cite) => citation_mut(cite),
        ClauseKind::Checks(_) => {}
        ClauseKind::InForce(from, until) => {
            date_mut(from);
            if let Some(u) = until {
                date_mut(u);
            }
        }
        ClauseKind::Needs(paths) => paths.iter_mut().for_each(expr_mut),
        ClauseKind::When(e)
        | ClauseKind::Require(e)
        | ClauseKind::Forbid(e)
        | ClauseKind::At(e) => expr_mut(e),
        ClauseKind::Related(e, t) => {
            expr_mut(e);
            text_mut(t);
        }
        ClauseKind::Summary(t)
        | ClauseKind::Message(t)
        | ClauseKind::Help(t)
        | ClauseKind::Doc(t)
        | ClauseKind::Compliant(t)
        | ClauseKind::NonCompliant(t) => text_mut(t),
    }
}

fn expr_mut(e: &mut Expr) {
    let Expr { kind, span } = e;
    zero(span);
    match kind {
        ExprKind::Literal(_) => {}
        ExprKind::Name(i) => ident_mut(i),
        ExprKind::Field(x, i) => {
            expr_mut(x);
            ident_mut(i);
        }
        ExprKind::Call(f, args) => {
            ident_mut(f);
            args.iter_mut().for_each(expr_mut);
        }
        ExprKind::List(xs) => xs.iter_mut().for_each(expr_mut),
        ExprKind::Not(x) | ExprKind::Neg(x) | ExprKind::Presence(x, _) => expr_mut(x),
        ExprKind::Binary(_, a, b) => {
            expr_mut(a);
            expr_mut(b);
        }
        ExprKind::If(c, a, b) => {
            expr_mut(c);
            expr_mut(a);
            expr_mut(b);
        }
        ExprKind::Quant {
            kind: _,
            var,
            list,
            filter,
            of,
        } => {
            ident_mut(var);
            expr_mut(list);
            if let Some(f) = filter {
                expr_mut(f);
            }
            if let Some(o) = of {
                expr_mut(o);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse_file;

    #[test]
    fn layout_does_not_matter_but_content_does() {
        let a = parse_file("def x = a and (b or c)  # x\nrule A1 r { severity: error }")
            .expect("parses");
        let b = parse_file(
            "\n\ndef x =\n  a\n  and (b\n       or c)\n\nrule A1 r {\n  severity: error\n}\n",
        )
        .expect("parses");
        let c =
            parse_file("def x = a and (b or d)\nrule A1 r { severity: error }").expect("parses");
        assert_ne!(a, b);
        assert_eq!(erase_spans(&a), erase_spans(&b));
        assert_ne!(erase_spans(&a), erase_spans(&c));
    }

    #[test]
    fn text_offsets_are_erased() {
        let a = parse_file("import \"a.psrl\"").expect("parses");
        let b = parse_file("   import   \"a.psrl\"").expect("parses");
        assert_eq!(erase_spans(&a), erase_spans(&b));
    }
}
