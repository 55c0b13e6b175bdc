//! Drafting one notice: choosing the template the record calls for (the next notice of its
//! process, or the type asked for), then writing each item from the record, or showing it as a
//! gap with the finding that reports the missing fact.

use crate::context::{self, lookup};
use crate::error::NoticeError;
use crate::template::{Cite, Template};
use crate::{filters, NoticeSet};
use psr_engine::Reading;
use serde::Serialize;
use std::sync::{Arc, Mutex};

/// Which notice to draft.
#[derive(Clone, Debug)]
pub enum Choice {
    /// The notice the record calls for next.
    Next,
    /// The notice of this `notices[].type`.
    Type(String),
}

/// A drafted notice.
#[derive(Clone, Debug, Serialize)]
pub struct Draft {
    /// The version of this JSON form.
    pub version: u32,
    /// The arrangement file it was drafted from.
    pub file: String,
    /// The `notices[].type`.
    pub notice: String,
    /// The Schedule that sets its content, when one does.
    pub schedule: Option<u32>,
    /// The notice's name.
    pub title: String,
    /// The law that requires it.
    pub law: Cite,
    /// Where and when to submit it.
    pub intro: Option<String>,
    /// Every item is filled from the record.
    pub complete: bool,
    /// The items, in the Schedule's order.
    pub items: Vec<DraftItem>,
    /// The notices the record's kind and process call for, in order.
    pub process_notices: Vec<String>,
    /// Errors and warnings the checker reports on the record (`psrlint check` lists them).
    pub record_findings: FindingCount,
}

/// How many findings the check of the record gave.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FindingCount {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
}

/// One item of a draft.
#[derive(Clone, Debug, Serialize)]
pub struct DraftItem {
    /// The Schedule (as the draft's).
    pub schedule: Option<u32>,
    /// Its paragraph of the Schedule.
    pub paragraph: Option<String>,
    /// The provision that asks for it, when it is not a paragraph of the Schedule.
    pub provision: Option<String>,
    /// Its name (a `notices[].includes` value where it is one).
    pub item: String,
    /// Its heading.
    pub heading: String,
    /// The text to paste, or `None` when a fact it needs is not recorded.
    pub text: Option<String>,
    /// The date the item states (`YYYY-MM-DD`), for an item that states one.
    pub date: Option<String>,
    /// What the record lacks for it.
    pub gaps: Vec<Gap>,
}

/// A fact the record lacks.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Gap {
    /// The field to record.
    pub field: String,
    /// The finding code that reports it, when a rule does.
    pub finding: Option<String>,
    /// Whether the check of this record reports that finding.
    pub reported: bool,
    /// Why a computed value is missing, when that is the reason.
    pub why: Option<String>,
    /// `not-recorded`: a field of the arrangement format that the record leaves empty;
    /// `not-in-format`: something the notice must say that the format has no field for, to be
    /// written into the draft by hand.
    pub kind: GapKind,
}

/// Whether a gap is a field the record could fill, or text the format does not hold.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum GapKind {
    /// A field of the arrangement format that the record leaves empty.
    NotRecorded,
    /// Something the notice must say that the arrangement format has no field for.
    NotInFormat,
}

/// The templates that apply to the record, in process order.
pub fn applicable<'t>(set: &'t NoticeSet, reading: &mut Reading<'_, '_>) -> Vec<&'t Template> {
    let decided = reading.root().path("arrangement.decision_date").date();
    set.templates
        .iter()
        .filter(|t| {
            let from = t.in_force.parse::<chrono::NaiveDate>().ok();
            matches!((decided, from), (Some(d), Some(f)) if d >= f)
        })
        .filter(|t| {
            t.when.iter().all(|w| {
                let (name, holds) = crate::template::condition(w);
                matches!(reading.def(name), Some(Ok(item)) if item.bool() == Some(holds))
            })
        })
        .collect()
}

/// Chooses the template, drafts the notice.
pub fn draft(
    set: &NoticeSet,
    reading: &mut Reading<'_, '_>,
    choice: &Choice,
    file: &str,
) -> Result<Draft, NoticeError> {
    let mine = applicable(set, reading);
    let kind = reading
        .root()
        .path("arrangement.kind")
        .enum_name()
        .unwrap_or("")
        .to_string();
    let process = reading
        .root()
        .path("process.type")
        .enum_name()
        .unwrap_or("none")
        .to_string();
    let names: Vec<String> = mine.iter().map(|t| t.notice.clone()).collect();
    let chosen = match choice {
        Choice::Type(t) => mine.iter().find(|x| &x.notice == t).copied(),
        Choice::Next => {
            let root = reading.root();
            let reached = mine.iter().rfind(|t| {
                t.reached
                    .as_deref()
                    .is_none_or(|p| root.path(p).is_present())
            });
            reached.or(mine.first()).copied()
        }
    };
    let Some(template) = chosen else {
        let asked = match choice {
            Choice::Type(t) => format!("a `{t}` notice"),
            Choice::Next => "any notice psrlint can draft".to_string(),
        };
        return Err(NoticeError::NotCalledFor {
            message: format!(
                "`{file}` records a `{kind}` by process `{process}`, which does not call for {asked}"
            ),
            help: if names.is_empty() {
                "psrlint drafts the notices the rule packs have templates for (Schedules 2 to 14 and reg 15(4) of the PSR: awards, frameworks, call-offs, modifications, urgent awards and abandonments); none applies to this record's kind, process and decision date".into()
            } else {
                format!("the notices this record calls for: {}", names.join(", "))
            },
        });
    };
    let ctx = context::build(reading, template);
    let items = render_items(set, template, &ctx)?;
    let complete = items.iter().all(|i| i.gaps.is_empty());
    let intro = match &template.intro {
        Some(text) => Some(render_text(
            set,
            template,
            text,
            &ctx.root,
            &Collector::default(),
        )?),
        None => None,
    };
    Ok(Draft {
        version: 1,
        file: file.to_string(),
        notice: template.notice.clone(),
        schedule: template.schedule,
        title: template.title.clone(),
        law: template.cite.clone(),
        intro,
        complete,
        items,
        process_notices: names,
        record_findings: FindingCount::default(),
    })
}

type Collector = Arc<Mutex<Vec<(String, Option<String>, GapKind)>>>;

fn render_items(
    set: &NoticeSet,
    template: &Template,
    ctx: &context::Context,
) -> Result<Vec<DraftItem>, NoticeError> {
    let mut out = Vec::new();
    for spec in &template.items {
        let mut gaps = Vec::new();
        for need in &spec.needs {
            if lookup(&ctx.root, &need.path).is_some_and(|v| !is_empty(&v)) {
                continue;
            }
            let why = need
                .path
                .strip_prefix("values.")
                .and_then(|rest| ctx.unavailable.get(rest.split('.').next().unwrap_or(rest)))
                .cloned();
            gaps.push(gap(
                need.field.as_deref().unwrap_or(&need.path),
                need.finding.clone(),
                why,
            ));
        }
        let text = if gaps.is_empty() {
            let collector = Collector::default();
            let text = render_text(set, template, &spec.text, &ctx.root, &collector)?;
            let found = collector.lock().map(|g| g.clone()).unwrap_or_default();
            for (field, finding, kind) in found {
                if let Some(code) = &finding {
                    if !set.rule_codes.iter().any(|c| c.eq_ignore_ascii_case(code)) {
                        return Err(NoticeError::Invalid {
                            path: template.path.clone(),
                            message: format!("item `{}` names the finding `{code}`, which no rule of the packs reports", spec.item),
                            help: "`psrlint rules` lists the codes".into(),
                        });
                    }
                }
                let mut g = gap(&field, finding, None);
                g.kind = kind;
                gaps.push(g);
            }
            gaps.iter()
                .all(|g| g.kind == GapKind::NotInFormat)
                .then_some(text)
        } else {
            None
        };
        out.push(DraftItem {
            schedule: template.schedule,
            paragraph: spec.paragraph.clone(),
            provision: spec.provision.clone(),
            item: spec.item.clone(),
            heading: spec.heading.clone(),
            date: spec
                .date
                .as_deref()
                .and_then(|p| lookup(&ctx.root, p))
                .and_then(|v| v.as_str().map(str::to_string))
                .filter(|_| text.is_some()),
            text,
            gaps,
        });
    }
    Ok(out)
}

fn gap(field: &str, finding: Option<String>, why: Option<String>) -> Gap {
    Gap {
        field: field.to_string(),
        finding,
        reported: false,
        why,
        kind: GapKind::NotRecorded,
    }
}

impl Draft {
    /// Records what the check of the file reported: the codes of its unwaived findings (which
    /// gaps' findings it reports) and how many errors and warnings.
    pub fn note_check(&mut self, codes: &[String], count: FindingCount) {
        for item in &mut self.items {
            for g in &mut item.gaps {
                g.reported = g
                    .finding
                    .as_ref()
                    .is_some_and(|f| codes.iter().any(|c| c.eq_ignore_ascii_case(f)));
            }
        }
        self.record_findings = count;
    }

    /// Every gap, with the item it belongs to.
    pub fn gaps(&self) -> impl Iterator<Item = (&DraftItem, &Gap)> {
        self.items
            .iter()
            .flat_map(|i| i.gaps.iter().map(move |g| (i, g)))
    }
}

fn is_empty(v: &minijinja::Value) -> bool {
    v.as_str().is_some_and(|s| s.trim().is_empty())
        || (v.kind() == minijinja::value::ValueKind::Seq && v.len() == Some(0))
}

/// Renders one text of `template` with the macro libraries of the packs, `gap()` recording into
/// `collector`.
fn render_text(
    set: &NoticeSet,
    template: &Template,
    text: &str,
    root: &std::collections::BTreeMap<String, minijinja::Value>,
    collector: &Collector,
) -> Result<String, NoticeError> {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(false);
    let mut prelude = String::new();
    for (name, source) in &set.macros {
        env.add_template(name.as_str(), source.as_str())
            .map_err(|e| render_error(template, name, &e))?;
        let stem = name.trim_end_matches(".jinja");
        prelude.push_str(&format!("{{% import {name:?} as {stem} %}}"));
    }
    env.add_filter("money", filters::money);
    env.add_filter("long_date", filters::long_date);
    env.add_filter("day_date", filters::day_date);
    env.add_filter("and_list", filters::and_list);
    env.add_filter("sentence", filters::sentence);
    // The record's fields and `values` are globals, so that the macro libraries see them too.
    for (name, value) in root {
        env.add_global(name.clone(), value.clone());
    }
    let sink = collector.clone();
    env.add_function(
        "gap",
        move |field: String, finding: Option<String>| -> String {
            if let Ok(mut g) = sink.lock() {
                g.push((field.clone(), finding, GapKind::NotRecorded));
            }
            String::new()
        },
    );
    let sink = collector.clone();
    env.add_function("to_write", move |what: String| -> String {
        if let Ok(mut g) = sink.lock() {
            g.push((what, None, GapKind::NotInFormat));
        }
        String::new()
    });
    let source = format!("{prelude}{text}");
    let rendered = env
        .render_str(&source, ())
        .map_err(|e| render_error(template, "", &e))?;
    Ok(tidy(&rendered))
}

fn render_error(template: &Template, part: &str, e: &minijinja::Error) -> NoticeError {
    NoticeError::Render {
        path: if part.is_empty() {
            template.path.clone()
        } else {
            format!("{} ({part})", template.path)
        },
        message: format!("{e:#}"),
    }
}

/// Trims each line's end and the whole, and keeps at most one empty line in a row.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end().to_string()
}
