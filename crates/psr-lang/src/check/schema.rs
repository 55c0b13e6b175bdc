//! Resolving the schema: record fields' types, the root record, and written types in general.

use super::{Checker, FileId, SymbolKind};
use crate::ast::{self, Item, TypeExprKind};
use crate::diagnostics::{LangError, LangErrorKind};
use crate::program::{BoundOperand, CmpOp, FieldBound, FieldDef, Requirement};
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
        let mut conditional: Vec<(FileId, u32, Vec<ast::FieldDecl>)> = Vec::new();
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
                        if r.fields.iter().any(|f| f.required.is_some()) {
                            conditional.push((fid, id, r.fields.clone()));
                        }
                    }
                    Item::Root(id) => roots.push((fid, id.clone())),
                    _ => {}
                }
            }
            self.files[fid].ast.items = items;
        }
        // Once every record's fields are known, the requirements that read them.
        for (fid, id, decls) in conditional {
            self.current_file = fid;
            self.resolve_requirements(id, &decls);
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
            if let Some(r) = &f.required {
                if what != "field" {
                    self.report(
                        LangError::new(
                            LangErrorKind::Schema,
                            r.span,
                            format!("a {what} cannot be conditionally required"),
                        )
                        .with_help("`required when` and `required unless` belong to record fields; remove it"),
                    );
                } else if ty.is_optional() || matches!(ty, Type::List(_)) {
                    self.report(
                        LangError::new(
                            LangErrorKind::Schema,
                            r.span,
                            format!("the field `{}` is never required: it is optional or a list", f.name.name),
                        )
                        .with_help("remove the `?` to make the field required in the cases the clause names, or remove the clause"),
                    );
                }
            }
            out.push(FieldDef {
                name: f.name.name.clone(),
                ty,
                doc: f.doc.as_ref().map(|d| d.value.clone()),
                required: None,
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

    /// Resolves the `required when|unless` clauses of record `id`'s fields: the path must lead,
    /// through record fields, to an enum field, and the values must be that enum's.
    fn resolve_requirements(&mut self, id: u32, decls: &[ast::FieldDecl]) {
        for (slot, decl) in decls.iter().enumerate() {
            let Some(r) = &decl.required else { continue };
            if self.schema.records[id as usize]
                .fields
                .get(slot)
                .is_none_or(|f| f.name != decl.name.name || f.ty.is_optional())
            {
                continue;
            }
            let Some((path, enum_id)) = self.requirement_path(id, &r.path, r.span) else {
                continue;
            };
            let names: Vec<String> = self.schema.enums[enum_id as usize]
                .values
                .iter()
                .map(|(v, _)| v.clone())
                .collect();
            let mut values = Vec::new();
            for v in &r.values {
                match names.iter().position(|n| *n == v.value) {
                    Some(i) => values.push(i as u32),
                    None => {
                        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                        let help = super::expr::did_you_mean(&v.value, &refs)
                            .unwrap_or_else(|| format!("the values are: {}", names.join(", ")));
                        self.report(
                            LangError::new(
                                LangErrorKind::UnknownName,
                                v.span,
                                format!(
                                    "\"{}\" is not a value of `{}`",
                                    v.value, self.schema.enums[enum_id as usize].name
                                ),
                            )
                            .with_help(help),
                        );
                    }
                }
            }
            self.schema.records[id as usize].fields[slot].required = Some(Requirement {
                unless: r.unless,
                path,
                values,
            });
        }
    }

    /// The field slots of `path` from record `id`, and the enum it ends at.
    fn requirement_path(
        &mut self,
        id: u32,
        path: &[ast::Ident],
        span: psr_source::Span,
    ) -> Option<(Vec<u32>, u32)> {
        let mut rec = id;
        let mut slots = Vec::new();
        let mut ty = None;
        for (n, step) in path.iter().enumerate() {
            if n > 0 {
                match ty.as_ref().map(Type::strip_optional) {
                    Some(Type::Record(r)) => rec = *r,
                    _ => {
                        self.report(
                            LangError::new(
                                LangErrorKind::Type,
                                step.span,
                                format!(
                                    "`{}` is not a record: it has no field `{}`",
                                    path[n - 1].name,
                                    step.name
                                ),
                            )
                            .with_help("the path must lead through record fields to an enum field"),
                        );
                        return None;
                    }
                }
            }
            let fields = &self.schema.records[rec as usize].fields;
            match fields.iter().position(|f| f.name == step.name) {
                Some(i) => {
                    slots.push(i as u32);
                    ty = Some(fields[i].ty.clone());
                }
                None => {
                    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                    let help = super::expr::did_you_mean(&step.name, &names)
                        .unwrap_or_else(|| format!("the fields are: {}", names.join(", ")));
                    let record = self.schema.records[rec as usize].name.clone();
                    self.report(
                        LangError::new(
                            LangErrorKind::UnknownName,
                            step.span,
                            format!("`{record}` has no field `{}`", step.name),
                        )
                        .with_help(help),
                    );
                    return None;
                }
            }
        }
        match ty.as_ref().map(Type::strip_optional) {
            Some(Type::Enum(e)) => Some((slots, *e)),
            _ => {
                self.report(
                    LangError::new(
                        LangErrorKind::Type,
                        span,
                        "a field can be required only by the value of an enum field",
                    )
                    .with_help("name an enum field of this record (or of a record it contains), like `arrangement.kind`"),
                );
                None
            }
        }
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
