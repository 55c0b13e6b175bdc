//! The JSON Schema (2020-12) of the arrangement format (`psrlint schema`), generated from the
//! schema the packs declare, so that editors complete and validate arrangement files.

use crate::AuthoringError;
use psr_diagnostics::CfgError;
use psr_lang::{Schema, Type};
use serde_json::{json, Map, Value};

/// The JSON Schema of the root record.
///
/// # Errors
/// When the packs declare no `root` record.
pub fn json_schema(schema: &Schema) -> Result<Value, AuthoringError> {
    let root = schema.root.ok_or_else(|| CfgError::BadArgument {
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
    let mut out = json!({
        "type": "object",
        "description": r.doc.clone().unwrap_or_default(),
        "properties": props,
        "required": required,
        "additionalProperties": false,
    });
    let by_kind = conditional_requirements(schema, id);
    if let (false, Some(obj)) = (by_kind.is_empty(), out.as_object_mut()) {
        obj.insert("allOf".into(), json!(by_kind));
    }
    out
}

/// The fields of record `id` that only some values of an enum require (`required when|unless
/// PATH in [..]`, e.g. the sections each `arrangement.kind` requires), as `if`/`then`/`else`
/// schemas: one per distinct condition, in declaration order. `required unless` also applies
/// while the enum is not recorded, as psrlint's own check does.
fn conditional_requirements(schema: &Schema, id: u32) -> Vec<Value> {
    let r = schema.record(id);
    let mut groups: Vec<(&psr_lang::program::Requirement, Vec<&str>)> = Vec::new();
    for f in &r.fields {
        let Some(req) = &f.required else { continue };
        if f.ty.is_optional() || matches!(f.ty, Type::List(_)) {
            continue;
        }
        match groups
            .iter_mut()
            .find(|(g, _)| g.unless == req.unless && g.path == req.path && g.values == req.values)
        {
            Some((_, names)) => names.push(&f.name),
            None => groups.push((req, vec![&f.name])),
        }
    }
    groups
        .into_iter()
        .filter_map(|(req, names)| {
            let condition = enum_condition(schema, id, &req.path, &req.values)?;
            let branch = if req.unless { "else" } else { "then" };
            Some(json!({ "if": condition, branch: { "required": names } }))
        })
        .collect()
}

/// A schema that holds when the enum field at `path` (slots from record `id`) has one of
/// `values`.
fn enum_condition(schema: &Schema, id: u32, path: &[u32], values: &[u32]) -> Option<Value> {
    let (last, walk) = path.split_last()?;
    let mut rec = schema.record(id);
    let mut names = Vec::new();
    for slot in walk {
        let f = rec.fields.get(*slot as usize)?;
        names.push(f.name.clone());
        match f.ty.strip_optional() {
            Type::Record(inner) => rec = schema.record(*inner),
            _ => return None,
        }
    }
    let f = rec.fields.get(*last as usize)?;
    let Type::Enum(e) = f.ty.strip_optional() else {
        return None;
    };
    let allowed: Vec<&str> = values
        .iter()
        .filter_map(|v| schema.enums[*e as usize].values.get(*v as usize))
        .map(|(name, _)| name.as_str())
        .collect();
    let mut cond = json!({
        "properties": { f.name.clone(): { "enum": allowed } },
        "required": [f.name.clone()],
    });
    for name in names.into_iter().rev() {
        cond = json!({ "properties": { name.clone(): cond }, "required": [name] });
    }
    Some(cond)
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
