//! The notice templates of the rule packs (`PACK/notices/*.toml`): one per notice and Schedule,
//! read from TOML and validated against the compiled packs, so that a template naming a
//! definition, parameter, finding code or notice type the packs do not have is refused before
//! anything is drafted.

use crate::error::NoticeError;
use psr_lang::{Program, Type};
use serde::Deserialize;

/// A file of a pack's `notices/` directory: its path in the pack (`notices/schedule-3.toml`)
/// and its bytes.
#[derive(Clone, Debug)]
pub struct TemplateFile {
    /// The pack's name (`psr2023`).
    pub pack: String,
    /// The path in the pack.
    pub path: String,
    /// The text.
    pub text: String,
}

/// One notice template.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The Schedule of SI 2023/1348 that sets the notice's content; absent for a notice whose
    /// content no Schedule prescribes (abandonment, reg 15(4)).
    pub schedule: Option<u32>,
    /// The `notices[].type` it drafts.
    pub notice: String,
    /// The notice's name, for the heading.
    pub title: String,
    /// Definitions of the packs (`bool`, no parameters), each `NAME` or `not NAME`, that all
    /// hold when this template is the one for the record's kind and process.
    pub when: Vec<String>,
    /// The first decision date (`YYYY-MM-DD`) to which the template applies: the day the law
    /// requiring the notice came into force.
    pub in_force: String,
    /// Its place among the notices of one process (1 first).
    pub step: u32,
    /// A field of the record (dotted path) whose presence shows the process has reached this
    /// notice; absent for a notice that opens the process.
    pub reached: Option<String>,
    /// The law that requires the notice and its content.
    pub cite: Cite,
    /// Text shown before the items (where and when to submit it); minijinja.
    #[serde(default)]
    pub intro: Option<String>,
    /// Values computed by the packs' definitions, in order.
    #[serde(default)]
    pub values: Vec<ValueSpec>,
    /// The items, in the Schedule's order.
    pub items: Vec<ItemSpec>,
    /// The file the template was read from (set on loading).
    #[serde(skip)]
    pub path: String,
}

/// A citation.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    /// `SI 2023/1348`.
    pub instrument: String,
    /// `reg 9(3)-(4), Sch 3`.
    pub provision: String,
    /// Its URL on legislation.gov.uk.
    pub url: String,
}

/// A value the template computes with the packs' own definitions.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueSpec {
    /// Its name: the template reads it as `values.NAME`.
    pub name: String,
    /// A definition without parameters.
    #[serde(default)]
    pub def: Option<String>,
    /// A function of dates.
    #[serde(default)]
    pub call: Option<String>,
    /// The dates `call` is applied to: dotted paths (`values.notice.published`).
    #[serde(default)]
    pub args: Vec<String>,
    /// A date (dotted path) to which `plus` is added.
    #[serde(default)]
    pub from: Option<String>,
    /// A `days` or `working days` parameter of the packs.
    #[serde(default)]
    pub plus: Option<String>,
}

/// One item of the notice.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSpec {
    /// The Schedule's paragraph (`"7"`); absent for an item the Schedule does not list but the
    /// notice should state (the standstill's dates).
    #[serde(default)]
    pub paragraph: Option<String>,
    /// The provision that asks for an item without a paragraph (`reg 12(3), (9)`).
    #[serde(default)]
    pub provision: Option<String>,
    /// Its name: a `notices[].includes` value where it is one (`provider-name-address`).
    pub item: String,
    /// Its heading.
    pub heading: String,
    /// Facts without which the item cannot be written.
    #[serde(default)]
    pub needs: Vec<Need>,
    /// For an item that states a date: the value it states (a dotted path, `values.submit_by`),
    /// given in the JSON form as `date`.
    #[serde(default)]
    pub date: Option<String>,
    /// The text, minijinja.
    pub text: String,
}

/// A fact an item needs.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    /// A dotted path in the template's context (`proposed_contract.provider_address`).
    pub path: String,
    /// How to name it to the user, when not the path itself.
    #[serde(default)]
    pub field: Option<String>,
    /// The finding code that reports it missing, when a rule does.
    #[serde(default)]
    pub finding: Option<String>,
}

/// The templates, and the macro libraries as (file name, text).
pub type Loaded = (Vec<Template>, Vec<(String, String)>);

/// Reads and validates the templates of `files` against `program`. `.jinja` files are macro
/// libraries, returned separately as (name, text).
pub fn load(files: &[TemplateFile], program: &Program) -> Result<Loaded, NoticeError> {
    let mut templates = Vec::new();
    let mut macros = Vec::new();
    for f in files {
        let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_string();
        if f.path.ends_with(".jinja") {
            macros.push((name, f.text.clone()));
            continue;
        }
        if !f.path.ends_with(".toml") {
            continue;
        }
        let shown = format!("rules/{}/{}", f.pack, f.path);
        let mut t: Template = toml::from_str(&f.text).map_err(|e| {
            NoticeError::Syntax(Box::new(crate::error::TemplateSyntax {
                path: shown.clone(),
                message: e.message().to_string(),
                source_code: miette::NamedSource::new(&shown, f.text.clone()),
                span: e.span().map(Into::into),
            }))
        })?;
        t.path = shown;
        validate(&t, program)?;
        templates.push(t);
    }
    templates.sort_by(|a, b| (a.step, &a.path).cmp(&(b.step, &b.path)));
    Ok((templates, macros))
}

/// A `when` entry's definition and whether it must hold (`NAME`) or not (`not NAME`).
pub fn condition(entry: &str) -> (&str, bool) {
    match entry.trim().strip_prefix("not ") {
        Some(name) => (name.trim(), false),
        None => (entry.trim(), true),
    }
}

fn invalid(t: &Template, message: String, help: &str) -> NoticeError {
    NoticeError::Invalid {
        path: t.path.clone(),
        message,
        help: help.to_string(),
    }
}

/// Checks every name a template uses against the packs.
fn validate(t: &Template, program: &Program) -> Result<(), NoticeError> {
    let notice_types = program
        .schema
        .enums
        .iter()
        .find(|e| e.name == "NoticeType")
        .map(|e| e.values.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>())
        .unwrap_or_default();
    if !notice_types.contains(&t.notice) {
        return Err(invalid(
            t,
            format!(
                "`notice = \"{}\"` is not a notice type of the arrangement format",
                t.notice
            ),
            &format!("use one of: {}", notice_types.join(", ")),
        ));
    }
    if t.in_force.parse::<chrono::NaiveDate>().is_err() {
        return Err(invalid(
            t,
            format!("`in_force = \"{}\"` is not a date", t.in_force),
            "write the day the law requiring the notice came into force as YYYY-MM-DD",
        ));
    }
    let bool_def = |name: &str| {
        program.defs.iter().any(|d| {
            d.name == name && d.param_slots.is_empty() && d.ty.strip_optional() == &Type::Bool
        })
    };
    for w in &t.when {
        if !bool_def(condition(w).0) {
            return Err(invalid(
                t,
                format!("`when` names `{w}`, which is not a definition of the packs that is true or false"),
                "name `def`s without parameters of type bool, such as `ntc_dac` or `not abn_abandoned`",
            ));
        }
    }
    let mut names: Vec<&str> = Vec::new();
    for v in &t.values {
        let ok = match (&v.def, &v.call, v.args.is_empty(), &v.from, &v.plus) {
            (Some(d), None, true, None, None) => program
                .defs
                .iter()
                .any(|x| &x.name == d && x.param_slots.is_empty()),
            (None, Some(c), false, None, None) => program
                .defs
                .iter()
                .any(|x| &x.name == c && x.param_slots.len() == v.args.len()),
            (None, None, true, Some(_), Some(p)) => program
                .params
                .iter()
                .any(|x| &x.name == p && matches!(x.ty, Type::Days | Type::WorkingDays)),
            _ => false,
        };
        if !ok || names.contains(&v.name.as_str()) {
            return Err(invalid(
                t,
                format!("value `{}` is not computed by a definition, function or parameter of the packs (or is named twice)", v.name),
                "give `def = NAME` (a definition without parameters), `call = NAME` with `args = [PATH, ...]` (a function of dates), or `from = PATH` with `plus = PARAM` (a `days` or `working days` parameter)",
            ));
        }
        names.push(&v.name);
    }
    let mut seen: Vec<&str> = Vec::new();
    for item in &t.items {
        let place = item.paragraph.as_deref().or(item.provision.as_deref());
        match (place, item.paragraph.is_some() && item.provision.is_some()) {
            (None, _) | (_, true) => {
                return Err(invalid(
                    t,
                    format!("item `{}` needs either a `paragraph` of the Schedule or a `provision`", item.item),
                    "give `paragraph = \"N\"` for an item the Schedule lists, or `provision` for one another provision asks for",
                ))
            }
            _ => {}
        }
        if item.paragraph.is_some() && t.schedule.is_none() {
            return Err(invalid(
                t,
                format!(
                    "item `{}` has a paragraph but the template has no `schedule`",
                    item.item
                ),
                "give the template's `schedule`, or the item's `provision` instead",
            ));
        }
        if seen.contains(&item.item.as_str()) {
            return Err(invalid(
                t,
                format!("item `{}` appears twice", item.item),
                "give each item its own name",
            ));
        }
        seen.push(&item.item);
        for need in &item.needs {
            if let Some(code) = &need.finding {
                if !program
                    .rules
                    .iter()
                    .any(|r| r.code.eq_ignore_ascii_case(code))
                {
                    return Err(invalid(
                        t,
                        format!("item `{}` names the finding `{code}`, which no rule of the packs reports", item.item),
                        "`psrlint rules` lists the codes",
                    ));
                }
            }
        }
    }
    Ok(())
}
