//! The static checker: reads packs, resolves names across files and packs, checks types, and
//! compiles everything into a [`Program`]. It reports every problem it can find, and returns a
//! program only when there are none (warnings aside).

mod calendar;
mod call;
mod data;
mod describe;
mod expr;
mod operators;
mod packs;
mod rules;
mod schema;

use crate::ast::{self, Item};
use crate::diagnostics::{LangError, LangErrorKind};
use crate::loader::{stays_inside, PackReader};
use crate::program::{Calendar, Def, PackInfo, Param, Program, Rule, Schema, SourceFile, Table};
use crate::types::Type;
use psr_source::NamedText;
use psr_source::Span;
use std::collections::BTreeMap;
use std::sync::Arc;

pub(crate) use expr::Scope;

pub(crate) type FileId = usize;

/// What a global name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SymbolKind {
    Enum(u32),
    Record(u32),
    Table(u32),
    Param(u32),
    Def(u32),
    Calendar,
}

#[derive(Clone, Debug)]
pub(crate) struct Symbol {
    pub kind: SymbolKind,
    pub file: FileId,
    pub span: Span,
}

pub(crate) struct LoadedFile {
    pub pack: usize,
    pub relative: String,
    pub text: Arc<str>,
    pub source: Arc<NamedText>,
    pub ast: ast::File,
    pub imports: Vec<FileId>,
}

pub(crate) struct LoadedPack {
    pub info: PackInfo,
    pub uses: Vec<usize>,
    /// Every file read for the pack, for its hash.
    pub hashed: Vec<(String, Vec<u8>)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DefState {
    Unchecked,
    InProgress,
    Done,
}

/// The result of a successful compile: the program and any warnings.
#[derive(Debug)]
pub struct Compiled {
    /// The compiled packs.
    pub program: Program,
    /// Problems that do not stop loading (unused definitions).
    pub warnings: Vec<LangError>,
}

pub(crate) struct Checker {
    pub files: Vec<LoadedFile>,
    pub packs: Vec<LoadedPack>,
    pub symbols: BTreeMap<String, Symbol>,
    pub schema: Schema,
    pub tables: Vec<Table>,
    pub params: Vec<Param>,
    pub calendar_decl: Option<(FileId, ast::CalendarDecl)>,
    pub calendar: Option<Calendar>,
    def_decls: Vec<(FileId, ast::DefDecl)>,
    def_state: Vec<DefState>,
    defs: Vec<Option<Def>>,
    def_used: Vec<bool>,
    def_types: Vec<Option<Type>>,
    pub rules: Vec<Rule>,
    slot_count: u32,
    pub errors: Vec<LangError>,
    pub current_file: FileId,
}

/// Loads, checks and compiles the packs. All problems found are returned together; no program is
/// returned when any of them is an error.
pub fn compile(readers: &[&dyn PackReader]) -> Result<Compiled, Vec<LangError>> {
    let mut c = Checker {
        files: Vec::new(),
        packs: Vec::new(),
        symbols: BTreeMap::new(),
        schema: Schema::default(),
        tables: Vec::new(),
        params: Vec::new(),
        calendar_decl: None,
        calendar: None,
        def_decls: Vec::new(),
        def_state: Vec::new(),
        defs: Vec::new(),
        def_used: Vec::new(),
        def_types: Vec::new(),
        rules: Vec::new(),
        slot_count: 0,
        errors: Vec::new(),
        current_file: 0,
    };
    for reader in readers {
        c.read_pack(*reader);
    }
    c.link_packs();
    c.declare();
    c.resolve_schema();
    c.load_tables(readers);
    c.check_params();
    c.check_calendar();
    for d in 0..c.def_decls.len() {
        c.check_def(d as u32);
    }
    c.check_rules();
    c.warn_unused();
    c.warn_undescribed();
    let (warnings, errors): (Vec<_>, Vec<_>) = c.errors.drain(..).partition(|e| e.is_warning());
    if !errors.is_empty() {
        let mut all = errors;
        all.extend(warnings);
        sort_errors(&mut all);
        return Err(all);
    }
    let mut warnings = warnings;
    sort_errors(&mut warnings);
    let defs = c.defs.into_iter().flatten().collect::<Vec<_>>();
    let mut rules = c.rules;
    rules.sort_by(|a, b| a.code.cmp(&b.code));
    let sources = c
        .files
        .iter()
        .map(|f| SourceFile {
            name: f.source.name().to_string(),
            text: Arc::clone(&f.text),
        })
        .collect();
    Ok(Compiled {
        program: Program {
            packs: c
                .packs
                .into_iter()
                .map(|mut p| {
                    p.hashed.sort();
                    p.info.sha256 = hash_files(&p.hashed);
                    p.info
                })
                .collect(),
            schema: c.schema,
            tables: c.tables,
            params: c.params,
            defs,
            rules,
            calendar: c.calendar,
            slot_count: c.slot_count,
            sources,
        },
        warnings,
    })
}

fn sort_errors(errors: &mut [LangError]) {
    errors.sort_by(|a, b| {
        (a.file_name().unwrap_or(""), a.span.start, a.kind.code()).cmp(&(
            b.file_name().unwrap_or(""),
            b.span.start,
            b.kind.code(),
        ))
    });
}

impl Checker {
    pub(crate) fn report(&mut self, err: LangError) {
        let err = match self.files.get(self.current_file) {
            Some(f) => err.in_source(&f.source),
            None => err,
        };
        self.errors.push(err);
    }

    pub(crate) fn new_slot(&mut self) -> u32 {
        self.slot_count += 1;
        self.slot_count - 1
    }

    /// Enters every declaration's name into the global table.
    fn declare(&mut self) {
        for fid in 0..self.files.len() {
            self.current_file = fid;
            let items = std::mem::take(&mut self.files[fid].ast.items);
            for item in &items {
                let (name, kind) = match item {
                    Item::Enum(e) => {
                        let id = self.schema.enums.len() as u32;
                        self.schema.enums.push(crate::program::EnumDef {
                            name: e.name.name.clone(),
                            doc: e.doc.as_ref().map(|d| d.value.clone()),
                            values: e
                                .values
                                .iter()
                                .map(|(v, d)| (v.name.clone(), d.as_ref().map(|d| d.value.clone())))
                                .collect(),
                        });
                        let mut seen: Vec<&str> = Vec::new();
                        for (v, _) in &e.values {
                            if seen.contains(&v.name.as_str()) {
                                self.report(
                                    LangError::new(
                                        LangErrorKind::Duplicate,
                                        v.span,
                                        format!(
                                            "`{}` is listed twice in `{}`",
                                            v.name, e.name.name
                                        ),
                                    )
                                    .with_help("list each value once"),
                                );
                            }
                            seen.push(&v.name);
                        }
                        (&e.name, SymbolKind::Enum(id))
                    }
                    Item::Record(r) => {
                        let id = self.schema.records.len() as u32;
                        self.schema.records.push(crate::program::RecordDef {
                            name: r.name.name.clone(),
                            doc: r.doc.as_ref().map(|d| d.value.clone()),
                            fields: Vec::new(),
                            is_table_row: false,
                        });
                        (&r.name, SymbolKind::Record(id))
                    }
                    Item::Table(t) => {
                        let id = self.tables.len() as u32;
                        let row = self.schema.records.len() as u32;
                        self.schema.records.push(crate::program::RecordDef {
                            name: t.name.name.clone(),
                            doc: t.doc.as_ref().map(|d| d.value.clone()),
                            fields: Vec::new(),
                            is_table_row: true,
                        });
                        self.tables.push(Table {
                            name: t.name.name.clone(),
                            row_type: row,
                            rows: crate::value::Value::List(Vec::new().into()),
                        });
                        (&t.name, SymbolKind::Table(id))
                    }
                    Item::Param(p) => {
                        let id = self.params.len() as u32;
                        self.params.push(Param {
                            name: p.name.name.clone(),
                            ty: Type::Error,
                            values: Vec::new(),
                        });
                        (&p.name, SymbolKind::Param(id))
                    }
                    Item::Def(d) => {
                        let id = self.def_decls.len() as u32;
                        self.def_decls.push((fid, d.clone()));
                        self.def_state.push(DefState::Unchecked);
                        self.defs.push(None);
                        self.def_used.push(false);
                        self.def_types.push(None);
                        (&d.name, SymbolKind::Def(id))
                    }
                    Item::Calendar(cal) => {
                        if let Some((other_file, other)) = &self.calendar_decl {
                            let other_name = self.files[*other_file].source.name().to_string();
                            let msg = format!(
                                "a second calendar; `{}` is already declared in `{other_name}`",
                                other.name.name
                            );
                            self.report(
                                LangError::new(LangErrorKind::Calendar, cal.name.span, msg)
                                    .with_help("declare one working-day calendar"),
                            );
                            continue;
                        }
                        self.calendar_decl = Some((fid, cal.clone()));
                        (&cal.name, SymbolKind::Calendar)
                    }
                    _ => continue,
                };
                self.declare_name(name, kind, fid);
            }
            self.files[fid].ast.items = items;
        }
    }

    fn declare_name(&mut self, name: &ast::Ident, kind: SymbolKind, fid: FileId) {
        const RESERVED: [&str; 12] = [
            "bool", "integer", "decimal", "money", "percent", "date", "days", "text", "law_date",
            "len", "min", "max",
        ];
        if RESERVED.contains(&name.name.as_str()) {
            self.report(
                LangError::new(
                    LangErrorKind::Duplicate,
                    name.span,
                    format!("`{}` is a built-in name", name.name),
                )
                .with_help("choose another name"),
            );
            return;
        }
        if let Some(prev) = self.symbols.get(&name.name) {
            let prev_file = self.files[prev.file].source.name().to_string();
            let prev_span = prev.span;
            let same_file = prev.file == fid;
            let mut err = LangError::new(
                LangErrorKind::Duplicate,
                name.span,
                format!("`{}` is declared twice", name.name),
            )
            .with_help(format!(
                "the first declaration is in `{prev_file}`; rename one of them"
            ));
            if same_file {
                err = err.with_related(prev_span, "first declared here");
            }
            self.report(err);
            return;
        }
        self.symbols.insert(
            name.name.clone(),
            Symbol {
                kind,
                file: fid,
                span: name.span,
            },
        );
    }

    /// Looks up a global name as seen from `file`. A name that exists but is not visible is
    /// reported (with the import that would make it visible) and still returned.
    pub(crate) fn lookup(&mut self, file: FileId, name: &str, span: Span) -> Option<SymbolKind> {
        let sym = self.symbols.get(name)?.clone();
        if !self.visible(file, sym.file) {
            let (decl_file, same_pack) = {
                let f = &self.files[sym.file];
                (f.relative.clone(), f.pack == self.files[file].pack)
            };
            let help = if same_pack {
                format!("add `import \"{decl_file}\"` at the top of this file")
            } else {
                let pack = self.packs[self.files[sym.file].pack].info.name.clone();
                format!("add `{pack}` to `uses:` in this pack's `pack.psrl`")
            };
            self.report(
                LangError::new(
                    LangErrorKind::UnknownName,
                    span,
                    format!("`{name}` is declared in `{decl_file}`, which this file cannot see"),
                )
                .with_help(help),
            );
        }
        if let SymbolKind::Def(d) = sym.kind {
            self.def_used[d as usize] = true;
        }
        Some(sym.kind)
    }

    fn visible(&self, from: FileId, decl: FileId) -> bool {
        if from == decl || self.files[from].imports.contains(&decl) {
            return true;
        }
        let (fp, dp) = (self.files[from].pack, self.files[decl].pack);
        self.packs[fp].uses.contains(&dp)
    }

    /// The type of a definition's value (a function's return type), checking it first if needed.
    pub(crate) fn def_type(&mut self, d: u32, use_span: Span) -> Type {
        let i = d as usize;
        if let Some((params, ret)) = self.def_decls[i].1.signature.clone() {
            let _ = params;
            let file = self.def_decls[i].0;
            let saved = self.current_file;
            self.current_file = file;
            let t = self.resolve_type(&ret, file);
            self.current_file = saved;
            if self.def_state[i] == DefState::InProgress {
                self.recursion_error(d, use_span);
            } else {
                self.check_def(d);
            }
            return t;
        }
        match self.def_state[i] {
            DefState::InProgress => {
                self.recursion_error(d, use_span);
                Type::Error
            }
            _ => {
                self.check_def(d);
                self.def_types[i].clone().unwrap_or(Type::Error)
            }
        }
    }

    fn recursion_error(&mut self, d: u32, span: Span) {
        let name = self.def_decls[d as usize].1.name.name.clone();
        self.report(
            LangError::new(
                LangErrorKind::Recursion,
                span,
                format!("`{name}` uses itself, directly or through other definitions"),
            )
            .with_help("rules must terminate: rewrite the definition without recursion"),
        );
    }

    pub(crate) fn def_is_function(&self, d: u32) -> bool {
        self.def_decls[d as usize].1.signature.is_some()
    }

    pub(crate) fn def_signature(&mut self, d: u32) -> Option<Vec<Type>> {
        let (file, sig) = {
            let (f, decl) = &self.def_decls[d as usize];
            (*f, decl.signature.clone()?)
        };
        let saved = self.current_file;
        self.current_file = file;
        let types = sig
            .0
            .iter()
            .map(|(_, t)| self.resolve_type(t, file))
            .collect();
        self.current_file = saved;
        Some(types)
    }

    fn check_def(&mut self, d: u32) {
        let i = d as usize;
        if self.def_state[i] != DefState::Unchecked {
            return;
        }
        self.def_state[i] = DefState::InProgress;
        let (file, decl) = self.def_decls[i].clone();
        let saved = self.current_file;
        self.current_file = file;
        let mut scope = Scope {
            file,
            ..Scope::default()
        };
        let mut param_slots = Vec::new();
        let mut declared_ret = None;
        if let Some((params, ret)) = &decl.signature {
            for (name, ty) in params {
                let t = self.resolve_type(ty, file);
                let slot = self.new_slot();
                param_slots.push(slot);
                scope.locals.push((name.name.clone(), t, slot));
            }
            declared_ret = Some(self.resolve_type(ret, file));
        }
        let (body, ty) = self.expr_expecting(&mut scope, &decl.body, declared_ret.as_ref());
        if let Some(r) = &declared_ret {
            self.want(r, &ty, decl.body.span);
        }
        let ty = declared_ret.unwrap_or(ty);
        self.def_types[i] = Some(ty.clone());
        self.defs[i] = Some(Def {
            name: decl.name.name.clone(),
            param_slots,
            is_function: decl.signature.is_some(),
            description: self.def_description(&decl),
            body,
            ty,
        });
        self.def_state[i] = DefState::Done;
        self.current_file = saved;
    }

    fn warn_unused(&mut self) {
        for i in 0..self.def_decls.len() {
            // A definition that was refused (a duplicate, a built-in name) is already reported.
            let name = &self.def_decls[i].1.name.name;
            let declared = matches!(self.symbols.get(name), Some(sym) if sym.kind == SymbolKind::Def(i as u32));
            // A pack without rules (the arrangement format) declares what the packs that use
            // it share: its definitions are for them, whether or not they are loaded.
            let pack = self.files[self.def_decls[i].0].pack;
            let library = !self.files.iter().any(|f| {
                f.pack == pack && f.ast.items.iter().any(|item| matches!(item, Item::Rule(_)))
            });
            if !self.def_used[i] && declared && !library {
                let (file, decl) = self.def_decls[i].clone();
                self.current_file = file;
                self.report(
                    LangError::new(
                        LangErrorKind::UnusedDefinition,
                        decl.name.span,
                        format!("`{}` is never used", decl.name.name),
                    )
                    .with_help("use it in a rule, or remove it"),
                );
            }
        }
    }
}

impl LangError {
    fn with_help_default(self, help: &str) -> Self {
        if self.help.is_some() {
            self
        } else {
            self.with_help(help)
        }
    }
}

fn hash_files(files: &[(String, Vec<u8>)]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (name, bytes) in files {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
