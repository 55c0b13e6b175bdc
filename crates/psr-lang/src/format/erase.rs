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

fn ident_mut(i: &mut Ident) {
    i.span = Span::default();
}

fn text_mut(t: &mut Text) {
    t.span = Span::default();
    t.content_start = 0;
}

fn opt_text_mut(t: &mut Option<Text>) {
    if let Some(t) = t {
        text_mut(t);
    }
}

fn date_mut(d: &mut DateLit) {
    d.span = Span::default();
}

fn citation_mut(c: &mut CitationDecl) {
    text_mut(&mut c.instrument);
    text_mut(&mut c.provision);
    text_mut(&mut c.url);
    c.span = Span::default();
}

fn type_mut(t: &mut TypeExpr) {
    t.span = Span::default();
    match &mut t.kind {
        TypeExprKind::Named(i) => ident_mut(i),
        TypeExprKind::WorkingDays => {}
        TypeExprKind::List(inner) => type_mut(inner),
    }
}

fn field_mut(f: &mut FieldDecl) {
    ident_mut(&mut f.name);
    type_mut(&mut f.ty);
    opt_text_mut(&mut f.doc);
}

fn item_mut(item: &mut Item) {
    match item {
        Item::Pack(p) => {
            ident_mut(&mut p.name);
            opt_text_mut(&mut p.version);
            opt_text_mut(&mut p.description);
            p.uses.iter_mut().for_each(ident_mut);
            p.span = Span::default();
        }
        Item::Import(t) => text_mut(t),
        Item::Enum(e) => {
            ident_mut(&mut e.name);
            opt_text_mut(&mut e.doc);
            for (v, doc) in &mut e.values {
                ident_mut(v);
                opt_text_mut(doc);
            }
        }
        Item::Record(r) => {
            ident_mut(&mut r.name);
            opt_text_mut(&mut r.doc);
            r.fields.iter_mut().for_each(field_mut);
        }
        Item::Root(i) => ident_mut(i),
        Item::Table(t) => {
            ident_mut(&mut t.name);
            opt_text_mut(&mut t.doc);
            opt_text_mut(&mut t.source);
            t.columns.iter_mut().for_each(field_mut);
            t.rows.iter_mut().for_each(expr_mut);
        }
        Item::Calendar(c) => {
            ident_mut(&mut c.name);
            opt_text_mut(&mut c.doc);
            if let Some((t, col)) = &mut c.holidays {
                ident_mut(t);
                ident_mut(col);
            }
            c.extra_closed_days.iter_mut().for_each(text_mut);
            c.span = Span::default();
        }
        Item::Param(p) => {
            ident_mut(&mut p.name);
            type_mut(&mut p.ty);
            opt_text_mut(&mut p.doc);
            for v in &mut p.values {
                expr_mut(&mut v.value);
                date_mut(&mut v.from);
                if let Some(u) = &mut v.until {
                    date_mut(u);
                }
                citation_mut(&mut v.citation);
                v.span = Span::default();
            }
        }
        Item::Def(d) => {
            ident_mut(&mut d.name);
            if let Some((params, ret)) = &mut d.signature {
                for (name, ty) in params {
                    ident_mut(name);
                    type_mut(ty);
                }
                type_mut(ret);
            }
            expr_mut(&mut d.body);
        }
        Item::Rule(r) => {
            ident_mut(&mut r.code);
            ident_mut(&mut r.name);
            r.clauses.iter_mut().for_each(clause_mut);
            r.span = Span::default();
        }
    }
}

fn clause_mut(c: &mut Clause) {
    c.span = Span::default();
    match &mut c.kind {
        ClauseKind::Severity(_) => {}
        ClauseKind::Cite(cite) => citation_mut(cite),
        ClauseKind::InForce(from, until) => {
            date_mut(from);
            if let Some(u) = until {
                date_mut(u);
            }
        }
        ClauseKind::Needs(paths) => paths.iter_mut().for_each(expr_mut),
        ClauseKind::When(e) | ClauseKind::Require(e) | ClauseKind::Forbid(e) | ClauseKind::At(e) => expr_mut(e),
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
    e.span = Span::default();
    match &mut e.kind {
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
        ExprKind::Quant { var, list, filter, of, .. } => {
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
        let a = parse_file("def x = a and (b or c)  # x\nrule A1 r { severity: error }").expect("parses");
        let b = parse_file("\n\ndef x =\n  a\n  and (b\n       or c)\n\nrule A1 r {\n  severity: error\n}\n").expect("parses");
        let c = parse_file("def x = a and (b or d)\nrule A1 r { severity: error }").expect("parses");
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
