//! `psrlint new KIND`: writes a complete arrangement file for one kind (and process) of
//! arrangement: every field the schema and the rules need, each with a note on what to record and
//! the provision that asks for it; the facts psrlint knows filled in, the rest placeholders that
//! `check` reports (ARR015) until they are filled.

mod authority;
mod derive;
mod emit;
mod notices;
mod prompt;
mod seed;
mod tree;

use crate::args::{NewArgs, NewSyntax};
use crate::error::CliError;
use psr_diagnostics::CfgError;
use psr_engine::Engine;
use psr_lang::{Schema, Type};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

pub fn run(a: NewArgs) -> Result<ExitCode, CliError> {
    let compiled = crate::packs::load_configured(&a.packs)?;
    let engine = Engine::new(Arc::new(compiled.program));
    let schema = &engine.program().schema;
    let syntax = syntax_of(&a)?;
    if let Some(out) = &a.output {
        if out.exists() && !a.force {
            return Err(bad(
                format!("`{}` exists already", out.display()),
                "choose another name, or add --force to replace it",
            ));
        }
    }
    let asks = a.kind.is_none() && a.output.is_none() && std::io::stdin().is_terminal();
    let answers = if asks {
        prompt::ask(schema, crate::today())?
    } else {
        prompt::Answers {
            kind: a.kind.clone().ok_or_else(|| {
                bad(
                    "`psrlint new` needs the kind of arrangement".into(),
                    &format!(
                        "name it: psrlint new KIND, where KIND is one of {}",
                        values(schema, "arrangement", "kind").join(", ")
                    ),
                )
            })?,
            process: a.process.clone(),
            authority: a.authority.clone(),
            decision_date: a.decision_date.clone(),
        }
    };
    let facts = facts(&engine, &answers)?;
    let root = derive::build(&engine, &facts);
    let header = header(&facts);
    let hint = derive::kind_hint(schema, &facts.kind);
    let text = match syntax {
        NewSyntax::Toml => emit::toml(schema, &root, &header, &hint),
        NewSyntax::Yaml => emit::yaml(schema, &root, &header, &hint),
        NewSyntax::Json => {
            eprintln!("psrlint new: JSON has no comments, so this file does not say what each field is for or which provision asks for it; `--syntax toml` or `--syntax yaml` does");
            let json = emit::to_json(schema, &root, emit::Fill::Placeholder, &hint);
            format!(
                "{}\n",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            )
        }
    };
    match &a.output {
        Some(path) => {
            write_atomically(path, text.as_bytes(), a.force)?;
            eprintln!(
                "psrlint new: wrote {} with {} placeholder(s) to fill; `psrlint check {}` lists them",
                path.display(),
                root.placeholders(),
                path.display()
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| CfgError::Io {
                    context: "cannot write to standard output".into(),
                    source: e,
                })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn bad(message: String, help: &str) -> CliError {
    CfgError::BadArgument {
        message,
        help: help.to_string(),
    }
    .into()
}

/// The syntax: `--syntax`, else the output file's extension, else TOML.
fn syntax_of(a: &NewArgs) -> Result<NewSyntax, CliError> {
    let by_name = a.output.as_deref().and_then(|p| {
        match p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("toml") => Some(NewSyntax::Toml),
            Some("json") => Some(NewSyntax::Json),
            Some("yaml" | "yml") => Some(NewSyntax::Yaml),
            _ => None,
        }
    });
    match (a.syntax, by_name) {
        (Some(s), Some(n)) if s != n => Err(bad(
            format!(
                "--syntax {} does not match the file name `{}`",
                format!("{s:?}").to_lowercase(),
                a.output
                    .as_deref()
                    .map(Path::display)
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            ),
            "psrlint reads a file by its extension: make them agree",
        )),
        (Some(s), _) => Ok(s),
        (None, Some(n)) => Ok(n),
        (None, None) => Ok(NewSyntax::Toml),
    }
}

/// The values of the enum field `record_field.field` of the root, e.g. the kinds.
fn values(schema: &Schema, section: &str, field: &str) -> Vec<String> {
    let Some(root) = schema.root.map(|r| schema.record(r)) else {
        return Vec::new();
    };
    let Some(Type::Record(rid)) = root
        .field_index(section)
        .map(|i| root.fields[i].ty.strip_optional().clone())
    else {
        return Vec::new();
    };
    let rec = schema.record(rid);
    match rec
        .field_index(field)
        .map(|i| rec.fields[i].ty.strip_optional())
    {
        Some(Type::Enum(id)) => schema.enums[*id as usize]
            .values
            .iter()
            .map(|(v, _)| v.clone())
            .collect(),
        _ => Vec::new(),
    }
}

/// The doc string of value `value` of the enum field `section.field`.
fn value_doc(schema: &Schema, section: &str, field: &str, value: &str) -> Option<String> {
    let root = schema.record(schema.root?);
    let Type::Record(rid) = root.fields[root.field_index(section)?].ty.strip_optional() else {
        return None;
    };
    let rec = schema.record(*rid);
    let Type::Enum(id) = rec.fields[rec.field_index(field)?].ty.strip_optional() else {
        return None;
    };
    schema.enums[*id as usize]
        .values
        .iter()
        .find(|(v, _)| v == value)
        .and_then(|(_, d)| d.clone())
}

/// Checks the answers against the packs and the tables.
fn facts(engine: &Engine, a: &prompt::Answers) -> Result<derive::Facts, CliError> {
    let schema = &engine.program().schema;
    let one_of = |what: &str, given: &str, allowed: &[String]| -> Result<String, CliError> {
        if allowed.iter().any(|k| k == given) {
            return Ok(given.to_string());
        }
        let names: Vec<&str> = allowed.iter().map(String::as_str).collect();
        let hint = match psr_engine::suggest::closest(given, &names) {
            Some(c) => format!("did you mean `{c}`? "),
            None => String::new(),
        };
        Err(bad(
            format!("`{given}` is not a {what}"),
            &format!("{hint}allowed: {}", allowed.join(", ")),
        ))
    };
    let kind = one_of(
        "kind of arrangement",
        &a.kind,
        &values(schema, "arrangement", "kind"),
    )?;
    let has_process = derive::has_process(schema, &kind);
    let process = match (&a.process, has_process) {
        (Some(p), true) => Some(one_of("process", p, &values(schema, "process", "type"))?),
        (Some(_), false) => {
            return Err(bad(
                format!("an agreement of kind `{kind}` has no selection process"),
                "leave --process out: agreements between public bodies are not awarded by a PSR process",
            ))
        }
        (None, true) => {
            return Err(bad(
                format!("`psrlint new {kind}` needs --process: the process decides which facts the law asks for"),
                &format!("add --process P, where P is one of {}", values(schema, "process", "type").join(", ")),
            ))
        }
        (None, false) => None,
    };
    let date = match &a.decision_date {
        Some(d) => psr_lang::value::parse_date(d.trim()).ok_or_else(|| {
            bad(
                format!("`{d}` is not a date"),
                "write the decision date as YYYY-MM-DD",
            )
        })?,
        None => crate::today(),
    };
    let authority = match a
        .authority
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(code) => Some(
            authority::lookup(engine.program(), code, date).map_err(|u| bad(u.message, &u.help))?,
        ),
        None => None,
    };
    Ok(derive::Facts {
        kind,
        process,
        date,
        authority,
    })
}

fn header(f: &derive::Facts) -> String {
    let mut cmd = format!("psrlint new {}", f.kind);
    if let Some(p) = &f.process {
        cmd.push_str(&format!(" --process {p}"));
    }
    if let Some(a) = &f.authority {
        cmd.push_str(&format!(" --authority {}", a.ods_code));
    }
    cmd.push_str(&format!(" --decision-date {}", f.date));
    format!(
        "Written by `{cmd}`.\n\
         Each \"<TODO: …>\" is a fact to record: `psrlint check` reports each one (ARR015) until it\n\
         is filled, and applies the rules once none is left. Delete a line that does not apply.\n\
         Each comment says what to record and which provision (or the file format) asks for it."
    )
}

/// Writes `bytes` to `path` through a temporary file beside it, so that a reader never sees half
/// a file; an existing file is replaced only with `force`.
fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<(), CliError> {
    let io = |e: std::io::Error| CfgError::Io {
        context: format!("cannot write `{}`", path.display()),
        source: e,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.flush())
        .map_err(io)?;
    if force {
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| io(e.error))?;
    }
    Ok(())
}
