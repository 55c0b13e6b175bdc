//! Resolving the schema: record fields' types, the root record, and written types in general.

use super::{Checker, FileId, SymbolKind};
use crate::ast::{self, Item, TypeExprKind};
use crate::diagnostics::{LangError, LangErrorKind};
use crate::program::{BoundOperand, CmpOp, FieldBound, FieldDef};
use crate::types::Type;

impl Checker {
    /// Resolves a written type as seen from `file`.
    pub(crate) fn resolve_type(&mut self, t: &ast::TypeExpr, file: FileId) -> Type {
        let base = match &t.kind {
            TypeExprKind::WorkingDays => Type::WorkingDays,
            TypeExprKind::List(inner) => {
                let inner = self.resolve_type(inner, file);
                if t.optional {
                    self.report(
                        LangError::new(
                            LangErrorKind::Schema,
                            t.span,
                            "a list is never optional: an absent list is the empty list",
                        )
                        .with_help("remove the `?`"),
                    );
                }
                return Type::List(Box::new(inner));
            }
            TypeExprKind::Named(id) => match id.name.as_str() {
                "bool" => Type::Bool,
                "integer" => Type::Integer,
                "decimal" => Type::Decimal,
                "money" => Type::Money,
                "percent" => Type::Percent,
                "date" => Type::Date,
                "days" => Type::Days,
                "text" => Type::Text,
                "" => Type::Error,
                name => match self.lookup(file, name, id.span) {
                    Some(SymbolKind::Enum(e)) => Type::Enum(e),
                    Some(SymbolKind::Record(r)) => Type::Record(r),
                    Some(_) => {
                        self.report(
                            LangError::new(
                                LangErrorKind::Type,
                                id.span,
                                format!("`{name}` is not a type"),
                            )
                            .with_help("use a built-in type, an enum or a record"),
                        );
                        Type::Error
                    }
                    None => {
                        let mut names: Vec<String> = [
                            "bool", "integer", "decimal", "money", "percent", "date", "days",
                            "text",
                        ]
                        .iter()
                        .map(|s| s.to_string())
                        .collect();
                        names.extend(
                            self.symbols
                                .iter()
                                .filter(|(_, s)| {
                                    matches!(s.kind, SymbolKind::Enum(_) | SymbolKind::Record(_))
                                })
                                .map(|(n, _)| n.clone()),
                        );
                        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                        let help = super::expr::did_you_mean(name, &refs).unwrap_or_else(|| {
                            "declare it with `enum` or `record`, or use a built-in type".into()
                        });
                        self.report(
                            LangError::new(
                                LangErrorKind::UnknownName,
                                id.span,
                                format!("unknown type `{name}`"),
                            )
                            .with_help(help),
                        );
                        Type::Error
                    }
                },
            },
        };
        if t.optional {
            base.optional()
        } else {
            base
        }
    }

    /// Resolves every record's fields and the `root`.
    pub(crate) fn resolve_schema(&mut self) {
        let mut roots: Vec<(FileId, ast::Ident)> = Vec::new();
        for fid in 0..self.files.len() {
            self.current_file = fid;
            let items = std::mem::take(&mut self.files[fid].ast.items);
            for item in &items {
                match item {
                    Item::Record(r) => {
                        let Some(SymbolKind::Record(id)) =
                            self.symbols.get(&r.name.name).map(|s| s.kind)
                        else {
                            continue;
                        };
                        if self.symbols.get(&r.name.name).map(|s| s.file) != Some(fid) {
                            continue;
                        }
                        let fields = self.fields(&r.fields, fid, "field");
                        self.schema.records[id as usize].fields = fields;
                    }
                    Item::Root(id) => roots.push((fid, id.clone())),
                    _ => {}
                }
            }
            self.files[fid].ast.items = items;
        }
        for (i, (fid, id)) in roots.iter().enumerate() {
            self.current_file = *fid;
            if i > 0 {
                self.report(
                    LangError::new(
                        LangErrorKind::Schema,
                        id.span,
                        "a second `root`: the arrangement has one root record",
                    )
                    .with_help(
                        "declare `root` once, in the pack that declares the arrangement schema",
                    ),
                );
                continue;
            }
            match self.lookup(*fid, &id.name, id.span) {
                Some(SymbolKind::Record(r)) => self.schema.root = Some(r),
                Some(_) => self.report(
                    LangError::new(
                        LangErrorKind::Schema,
                        id.span,
                        format!("`{}` is not a record", id.name),
                    )
                    .with_help("`root` names the record type of a whole arrangement file"),
                ),
                None => self.report(
                    LangError::new(
                        LangErrorKind::UnknownName,
                        id.span,
                        format!("unknown record `{}`", id.name),
                    )
                    .with_help("declare the record, or fix the name"),
                ),
            }
        }
    }

    /// Resolves a list of field (or column) declarations, reporting duplicates.
    pub(crate) fn fields(
        &mut self,
        decls: &[ast::FieldDecl],
        fid: FileId,
        what: &str,
    ) -> Vec<FieldDef> {
        let mut out: Vec<FieldDef> = Vec::new();
        for f in decls {
            if out.iter().any(|o| o.name == f.name.name) {
                self.report(
                    LangError::new(
                        LangErrorKind::Duplicate,
                        f.name.span,
                        format!("the {what} `{}` is declared twice", f.name.name),
                    )
                    .with_help(format!("declare each {what} once")),
                );
                continue;
            }
            let ty = self.resolve_type(&f.ty, fid);
            out.push(FieldDef {
                name: f.name.name.clone(),
                ty,
                doc: f.doc.as_ref().map(|d| d.value.clone()),
                bound: None,
            });
        }
        // Bounds, once every field is known (a bound may name a later field).
        for f in decls {
            let Some(b) = &f.bound else { continue };
            let Some(slot) = out.iter().position(|o| o.name == f.name.name) else {
                continue;
            };
            let bound = self.field_bound(b, &out, slot, what);
            out[slot].bound = bound;
        }
        out
    }

    /// Checks a field's bound: an ordered field, compared with a literal of its type or with
    /// another field of the record of the same type.
    fn field_bound(
        &mut self,
        b: &ast::FieldBoundDecl,
        fields: &[FieldDef],
        slot: usize,
        what: &str,
    ) -> Option<FieldBound> {
        if what != "field" {
            self.report(
                LangError::new(
                    LangErrorKind::Schema,
                    b.span,
                    format!("a {what} cannot be bounded: bounds are checked on arrangement files"),
                )
                .with_help("remove the bound"),
            );
            return None;
        }
        let ty = fields[slot].ty.strip_optional().clone();
        if !ty.is_ordered() || matches!(ty, Type::Text | Type::Enum(_) | Type::Bool) {
            self.report(
                LangError::new(
                    LangErrorKind::Schema,
                    b.span,
                    format!("a `{}` {what} cannot be bounded", self.show(&ty)),
                )
                .with_help("bound numbers, money, percentages, durations and dates"),
            );
            return None;
        }
        let operand = match &b.operand.kind {
            ast::ExprKind::Name(id) => match fields.iter().position(|o| o.name == id.name) {
                Some(i) if i != slot && *fields[i].ty.strip_optional() == ty => {
                    BoundOperand::Field(i as u32)
                }
                found => {
                    let message = match found {
                        Some(i) if i == slot => "a field cannot be bounded by itself".to_string(),
                        Some(_) => {
                            format!("`{}` is not a {} like this {what}", id.name, self.show(&ty))
                        }
                        None => format!("there is no {what} `{}` in this record", id.name),
                    };
                    self.report(
                        LangError::new(LangErrorKind::Schema, id.span, message)
                            .with_help("bound a field by a literal (`>= £0`) or by another field of the same type (`>= start`)"),
                    );
                    return None;
                }
            },
            ast::ExprKind::Literal(lit) => {
                let (c, got) = self.literal(lit, b.operand.span, Some(&ty));
                self.want(&ty, &got, b.operand.span);
                match c {
                    crate::program::Expr::Const(v) if v.is_present() && got == ty => {
                        BoundOperand::Value(v)
                    }
                    _ => return None,
                }
            }
            _ => return None,
        };
        let op = match b.op {
            ast::BinOp::Lt => CmpOp::Lt,
            ast::BinOp::Le => CmpOp::Le,
            ast::BinOp::Gt => CmpOp::Gt,
            _ => CmpOp::Ge,
        };
        Some(FieldBound { op, operand })
    }
}
