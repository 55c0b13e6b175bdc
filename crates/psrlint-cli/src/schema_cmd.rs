//! `psrlint schema`: the JSON Schema (2020-12) of the arrangement format, generated from the
//! schema the packs declare, so that editors complete and validate arrangement files.

use crate::args::PackArgs;
use crate::error::CliError;
use psr_lang::{Schema, Type};
use serde_json::{json, Map, Value};
use std::io::Write;
use std::process::ExitCode;

/// Runs `schema`.
pub fn run(args: PackArgs) -> Result<ExitCode, CliError> {
    let compiled = crate::packs::load_configured(&args)?;
    let doc = json_schema(&compiled.program.schema)?;
    let mut out = std::io::stdout().lock();
    let io = |e| CliError::Io {
        context: "cannot write the schema".into(),
        source: e,
    };
    serde_json::to_writer_pretty(&mut out, &doc).map_err(|e| io(std::io::Error::from(e)))?;
    writeln!(out).map_err(io)?;
    Ok(ExitCode::SUCCESS)
}

/// The JSON Schema of the root record.
pub fn json_schema(schema: &Schema) -> Result<Value, CliError> {
    let root = schema.root.ok_or_else(|| CliError::BadArgument {
        message: "the loaded packs declare no `root` record".into(),
        help: "load the `arrangement` pack, which declares the arrangement format".into(),
    })?;
    let mut defs = Map::new();
    for (i, r) in schema.records.iter().enumerate() {
        if r.is_table_row {
            continue;
        }
        defs.insert(
            r.name.clone(),
            record(schema, i as u32, Some(i as u32) == Some(root)),
        );
    }
    let root_name = &schema.record(root).name;
    Ok(json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://psrlint.invalid/schema/arrangement-1.json",
        "title": "psrlint arrangement file, format 1",
        "description": schema.record(root).doc.clone().unwrap_or_default(),
        "$ref": format!("#/$defs/{root_name}"),
        "$defs": defs,
    }))
}

fn record(schema: &Schema, id: u32, is_root: bool) -> Value {
    let r = schema.record(id);
    let mut props = Map::new();
    let mut required = Vec::new();
    for f in &r.fields {
        let mut t = if is_root && f.name == "format" {
            json!({ "const": 1 })
        } else {
            type_schema(schema, &f.ty)
        };
        if let (Some(doc), Some(obj)) = (&f.doc, t.as_object_mut()) {
            obj.insert("description".into(), json!(doc));
        }
        // A field required only for some kinds (`required when|unless`) is not required of all.
        if !f.ty.is_optional() && !matches!(f.ty, Type::List(_)) && f.required.is_none() {
            required.push(json!(f.name));
        }
        props.insert(f.name.clone(), t);
    }
    json!({
        "type": "object",
        "description": r.doc.clone().unwrap_or_default(),
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

fn type_schema(schema: &Schema, ty: &Type) -> Value {
    match ty {
        Type::Optional(inner) => {
            json!({ "anyOf": [type_schema(schema, inner), { "type": "null" }] })
        }
        Type::Bool => json!({ "type": "boolean" }),
        Type::Integer | Type::Days | Type::WorkingDays => json!({ "type": "integer" }),
        Type::Decimal => {
            json!({ "anyOf": [{ "type": "number" }, { "type": "string", "pattern": "^-?[0-9][0-9_]*(\\.[0-9]+)?$" }] })
        }
        Type::Money => json!({ "anyOf": [
            { "type": "number" },
            { "type": "string", "pattern": "^-?£?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)(\\.[0-9]+)?$" }
        ] }),
        Type::Percent => json!({ "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?%$" }),
        Type::Date => {
            json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date" })
        }
        Type::Text => json!({ "type": "string" }),
        Type::Enum(id) => {
            let e = &schema.enums[*id as usize];
            json!({ "type": "string", "enum": e.values.iter().map(|(v, _)| v.clone()).collect::<Vec<_>>() })
        }
        Type::Record(id) => json!({ "$ref": format!("#/$defs/{}", schema.record(*id).name) }),
        Type::List(inner) => json!({ "type": "array", "items": type_schema(schema, inner) }),
        Type::Error => json!({}),
    }
}
