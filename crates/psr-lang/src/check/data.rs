//! Data declarations: tables (inline rows or CSV files inside the pack), dated parameters, and
//! the working-day calendar.

use super::Checker;
use crate::ast::{self, Item};
use crate::diagnostics::{LangError, LangErrorKind};
use crate::loader::{stays_inside, PackReader};
use crate::program::{Citation, FieldDef, ParamWindow};
use crate::types::Type;
use crate::value::{parse_date, parse_decimal, Val, Value};
use psr_source::NamedText;
use psr_source::Span;
use std::sync::Arc;

impl Checker {
    /// Resolves table columns and loads every table's rows.
    pub(crate) fn load_tables(&mut self, readers: &[&dyn PackReader]) {
        for fid in 0..self.files.len() {
            self.current_file = fid;
            let items = std::mem::take(&mut self.files[fid].ast.items);
            for item in &items {
                if let Item::Table(t) = item {
                    if self.symbols.get(&t.name.name).map(|s| s.file) == Some(fid) {
                        let pack = self.files[fid].pack;
                        self.load_table(t, fid, readers.get(pack).copied());
                    }
                }
            }
            self.files[fid].ast.items = items;
        }
    }

    fn load_table(&mut self, t: &ast::TableDecl, fid: usize, reader: Option<&dyn PackReader>) {
        let Some(super::SymbolKind::Table(id)) = self.symbols.get(&t.name.name).map(|s| s.kind)
        else {
            return;
        };
        let columns = self.fields(&t.columns, fid, "column");
        for (c, decl) in columns.iter().zip(&t.columns) {
            if !matches!(
                c.ty.strip_optional(),
                Type::Bool
                    | Type::Integer
                    | Type::Decimal
                    | Type::Money
                    | Type::Percent
                    | Type::Date
                    | Type::Days
                    | Type::Text
                    | Type::Enum(_)
                    | Type::Error
            ) {
                let shown = self.show(&c.ty);
                self.report(
                    LangError::new(LangErrorKind::Type, decl.ty.span, format!("a table column cannot have type {shown}"))
                        .with_help("columns hold single values: bool, integer, decimal, money, percent, date, days, text or an enum"),
                );
            }
        }
        let row_type = self.tables[id as usize].row_type;
        self.schema.records[row_type as usize].fields = columns.clone();
        let rows = match (&t.source, t.has_rows_block) {
            (Some(src), false) => self.csv_rows(src, &columns, reader),
            (None, _) => self.inline_rows(t, &columns),
            (Some(src), true) => {
                self.report(
                    LangError::new(
                        LangErrorKind::TableRow,
                        src.span,
                        "a table takes its rows from a file or from `rows { }`, not both",
                    )
                    .with_help("remove one of them"),
                );
                Vec::new()
            }
        };
        self.tables[id as usize].rows = Value::List(rows.into());
    }

    fn inline_rows(&mut self, t: &ast::TableDecl, columns: &[FieldDef]) -> Vec<Val> {
        let mut rows = Vec::new();
        for row in &t.rows {
            let ast::ExprKind::List(cells) = &row.kind else {
                continue;
            };
            if cells.len() != columns.len() {
                self.report(
                    LangError::new(
                        LangErrorKind::TableRow,
                        row.span,
                        format!(
                            "this row has {} value(s), but the table has {} column(s)",
                            cells.len(),
                            columns.len()
                        ),
                    )
                    .with_help(format!(
                        "give one value for each column: {}",
                        columns
                            .iter()
                            .map(|c| c.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
                continue;
            }
            let mut scope = super::Scope {
                file: self.current_file,
                ..Default::default()
            };
            let mut vals = Vec::new();
            for (cell, col) in cells.iter().zip(columns) {
                let (c, ty) = self.expr_expecting(&mut scope, cell, Some(&col.ty));
                if !col.ty.accepts(&ty) {
                    let (a, b) = (self.show(&col.ty), self.show(&ty));
                    self.report(
                        LangError::new(
                            LangErrorKind::TableRow,
                            cell.span,
                            format!("the column `{}` holds {a}, but this is {b}", col.name),
                        )
                        .with_help(format!("write a value of type {a}")),
                    );
                }
                match c {
                    crate::program::Expr::Const(v) => vals.push(Val::new(v)),
                    _ => {
                        self.report(
                            LangError::new(
                                LangErrorKind::TableRow,
                                cell.span,
                                "a table cell must be a literal value",
                            )
                            .with_help("write the value itself, not an expression"),
                        );
                        vals.push(Val::new(Value::Absent));
                    }
                }
            }
            rows.push(Val::new(Value::Record(vals.into())));
        }
        rows
    }

    fn csv_rows(
        &mut self,
        src: &ast::Text,
        columns: &[FieldDef],
        reader: Option<&dyn PackReader>,
    ) -> Vec<Val> {
        let path = src.value.as_str();
        if !stays_inside(path) {
            self.report(
                LangError::new(
                    LangErrorKind::FileAccess,
                    src.span,
                    format!("`{path}` leaves the pack directory"),
                )
                .with_help("keep data files inside the pack, for example `data/table.csv`"),
            );
            return Vec::new();
        }
        let Some(reader) = reader else {
            return Vec::new();
        };
        let bytes = match reader.read(path) {
            Ok(b) => b,
            Err(e) => {
                self.report(
                    LangError::new(
                        LangErrorKind::FileAccess,
                        src.span,
                        format!("cannot read `{path}`: {e}"),
                    )
                    .with_help("the path is relative to the pack directory"),
                );
                return Vec::new();
            }
        };
        let pack = self.files[self.current_file].pack;
        self.packs[pack]
            .hashed
            .push((path.to_string(), bytes.clone()));
        let display = format!(
            "{}/{}",
            self.packs[pack].info.location.trim_end_matches('/'),
            path
        );
        let text: Arc<str> = match String::from_utf8(bytes) {
            Ok(t) => t.into(),
            Err(_) => {
                self.report(
                    LangError::new(
                        LangErrorKind::FileAccess,
                        src.span,
                        format!("`{path}` is not UTF-8 text"),
                    )
                    .with_help("save data files as UTF-8"),
                );
                return Vec::new();
            }
        };
        let csv_source = Arc::new(NamedText::new(display, Arc::clone(&text)));
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let headers = match rdr.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                self.report(
                    LangError::new(
                        LangErrorKind::TableRow,
                        src.span,
                        format!("cannot read the CSV header of `{path}`: {e}"),
                    )
                    .with_help("the first line names the columns"),
                );
                return Vec::new();
            }
        };
        let mut index = Vec::new();
        for col in columns {
            match headers.iter().position(|h| h.trim() == col.name) {
                Some(i) => index.push(i),
                None => {
                    let names: Vec<&str> = headers.iter().collect();
                    self.report(
                        LangError::new(
                            LangErrorKind::TableRow,
                            src.span,
                            format!("`{path}` has no column `{}`", col.name),
                        )
                        .with_help(format!("its columns are: {}", names.join(", "))),
                    );
                    return Vec::new();
                }
            }
        }
        let mut rows = Vec::new();
        for record in rdr.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let at = e.position().map_or(0, |p| p.byte() as usize);
                    let err = LangError::new(
                        LangErrorKind::TableRow,
                        Span::new(at, line_end(&text, at)),
                        format!("this CSV row cannot be read: {e}"),
                    )
                    .with_help("every row needs as many cells as the header");
                    self.errors.push(err.in_source(&csv_source));
                    continue;
                }
            };
            let start = record.position().map_or(0, |p| p.byte() as usize);
            let span = Span::new(start, line_end(&text, start));
            let mut vals = Vec::new();
            for (col, &i) in columns.iter().zip(&index) {
                let cell = record.get(i).unwrap_or("").trim();
                match parse_cell(cell, &col.ty, &self.schema) {
                    Ok(v) => vals.push(Val::new(v)),
                    Err(why) => {
                        let err = LangError::new(
                            LangErrorKind::TableRow,
                            cell_span(&text, span, cell),
                            format!("`{cell}` in column `{}` is not {why}", col.name),
                        )
                        .with_help(format!(
                            "the table declares `{}` as {}",
                            col.name,
                            self.show(&col.ty)
                        ));
                        self.errors.push(err.in_source(&csv_source));
                        vals.push(Val::new(Value::Absent));
                    }
                }
            }
            rows.push(Val::new(Value::Record(vals.into())));
        }
        rows
    }

    /// Checks every parameter's values and windows.
    pub(crate) fn check_params(&mut self) {
        for fid in 0..self.files.len() {
            self.current_file = fid;
            let items = std::mem::take(&mut self.files[fid].ast.items);
            for item in &items {
                if let Item::Param(p) = item {
                    self.check_param(p, fid);
                }
            }
            self.files[fid].ast.items = items;
        }
    }

    fn check_param(&mut self, p: &ast::ParamDecl, fid: usize) {
        let Some(super::SymbolKind::Param(id)) = self.symbols.get(&p.name.name).map(|s| s.kind)
        else {
            return;
        };
        if self.symbols.get(&p.name.name).map(|s| s.file) != Some(fid) {
            return;
        }
        let ty = self.resolve_type(&p.ty, fid);
        let mut windows: Vec<(ParamWindow, Span)> = Vec::new();
        if p.values.is_empty() {
            self.report(
                LangError::new(
                    LangErrorKind::MissingClause,
                    p.name.span,
                    format!("the parameter `{}` has no value", p.name.name),
                )
                .with_help("add `VALUE from DATE cite \"instrument\" \"provision\" \"url\"`"),
            );
        }
        for v in &p.values {
            let mut scope = super::Scope {
                file: fid,
                ..Default::default()
            };
            let (c, vt) = self.expr_expecting(&mut scope, &v.value, Some(&ty));
            self.want(&ty, &vt, v.value.span);
            let value = match c {
                crate::program::Expr::Const(v) => v,
                _ => Value::Absent,
            };
            let Some(from) = self.date(&v.from) else {
                continue;
            };
            let until = match &v.until {
                Some(u) => match self.date(u) {
                    Some(d) if d < from => {
                        self.report(
                            LangError::new(LangErrorKind::InvalidDate, u.span, "this window ends before it starts")
                                .with_help("the `until` date is the last day in force; it must not be before the `from` date"),
                        );
                        continue;
                    }
                    Some(d) => Some(d),
                    None => continue,
                },
                None => None,
            };
            let citation = self.citation(&v.citation);
            windows.push((
                ParamWindow {
                    value,
                    from,
                    until,
                    citation,
                },
                v.span,
            ));
        }
        windows.sort_by_key(|(w, _)| w.from);
        for pair in windows.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.0.until.is_none_or(|u| u >= b.0.from) {
                self.report(
                    LangError::new(
                        LangErrorKind::OverlappingWindows,
                        b.1,
                        format!(
                            "two values of `{}` are in force on {}",
                            p.name.name, b.0.from
                        ),
                    )
                    .with_related(a.1, "this value is in force then too")
                    .with_help(
                        "end the earlier value (`until DATE`) the day before the later one starts",
                    ),
                );
            }
        }
        self.params[id as usize] = crate::program::Param {
            name: p.name.name.clone(),
            ty,
            values: windows.into_iter().map(|(w, _)| w).collect(),
        };
    }

    pub(crate) fn date(&mut self, d: &ast::DateLit) -> Option<chrono::NaiveDate> {
        let parsed = parse_date(&d.text);
        if parsed.is_none() {
            self.report(
                LangError::new(
                    LangErrorKind::InvalidDate,
                    d.span,
                    format!("`{}` is not a calendar date", d.text),
                )
                .with_help("write dates as YYYY-MM-DD, with a day that exists in that month"),
            );
        }
        parsed
    }

    pub(crate) fn citation(&mut self, c: &ast::CitationDecl) -> Citation {
        if c.instrument.value.trim().is_empty() || c.provision.value.trim().is_empty() {
            self.report(
                LangError::new(LangErrorKind::Citation, c.span, "a citation needs the instrument and the provision")
                    .with_help("write `\"SI 2023/1348\" \"reg 6(4)\" \"https://www.legislation.gov.uk/uksi/2023/1348/regulation/6\"`"),
            );
        } else if !c.url.value.starts_with("https://") {
            self.report(
                LangError::new(
                    LangErrorKind::Citation,
                    c.url.span,
                    "a citation's URL must start with `https://`",
                )
                .with_help("link the provision on legislation.gov.uk"),
            );
        }
        Citation {
            instrument: c.instrument.value.clone(),
            provision: c.provision.value.clone(),
            url: c.url.value.clone(),
        }
    }
}

fn line_end(text: &str, start: usize) -> usize {
    text[start.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| start + i)
        .max(start)
}

fn cell_span(text: &str, line: Span, cell: &str) -> Span {
    if cell.is_empty() {
        return line;
    }
    text.get(line.start..line.end)
        .and_then(|l| l.find(cell))
        .map_or(line, |i| {
            Span::new(line.start + i, line.start + i + cell.len())
        })
}

/// Reads one CSV cell as a value of `ty`; the error says what was expected.
pub(crate) fn parse_cell(
    cell: &str,
    ty: &Type,
    schema: &crate::program::Schema,
) -> Result<Value, String> {
    if cell.is_empty() {
        return if ty.is_optional() {
            Ok(Value::Absent)
        } else {
            Err("allowed to be empty (the column is not optional)".into())
        };
    }
    match ty.strip_optional() {
        Type::Bool => match cell {
            "true" | "yes" => Ok(Value::Bool(true)),
            "false" | "no" => Ok(Value::Bool(false)),
            _ => Err("`true` or `false`".into()),
        },
        Type::Integer => cell
            .parse()
            .map(Value::Integer)
            .map_err(|_| "a whole number".into()),
        Type::Days => cell
            .parse()
            .map(Value::Days)
            .map_err(|_| "a whole number of days".into()),
        Type::Decimal => parse_decimal(cell)
            .map(Value::Decimal)
            .ok_or_else(|| "a decimal number".into()),
        Type::Money => parse_decimal(cell)
            .map(Value::Money)
            .ok_or_else(|| "an amount of money".into()),
        Type::Percent => parse_decimal(cell.trim_end_matches('%'))
            .map(Value::Percent)
            .ok_or_else(|| "a percentage".into()),
        Type::Date => parse_date(cell)
            .map(Value::Date)
            .ok_or_else(|| "a date (YYYY-MM-DD)".into()),
        Type::Text => Ok(Value::Text(cell.into())),
        Type::Enum(id) => {
            let e = &schema.enums[*id as usize];
            e.values
                .iter()
                .position(|(v, _)| v == cell)
                .map(|i| Value::Enum(i as u32))
                .ok_or_else(|| {
                    format!(
                        "one of: {}",
                        e.values
                            .iter()
                            .map(|(v, _)| v.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
        }
        _ => Err("a value this column can hold".into()),
    }
}
