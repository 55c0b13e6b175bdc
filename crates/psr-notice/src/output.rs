//! Writing a draft: Markdown to read, plain text to paste into a platform's form, or JSON that
//! names each item by its Schedule paragraph for a contract system.

use crate::draft::{Draft, DraftItem, Gap, GapKind};

/// The formats of a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// Plain text.
    Text,
    /// JSON (version 1).
    Json,
}

/// The draft in `format`, ending with a newline.
pub fn render(draft: &Draft, format: Format) -> String {
    match format {
        Format::Markdown => document(draft, true),
        Format::Text => document(draft, false),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(draft).unwrap_or_default();
            s.push('\n');
            s
        }
    }
}

/// Where an item comes from: `Schedule 3, paragraph 7`, or its provision.
fn place(draft: &Draft, item: &DraftItem) -> String {
    match (&item.paragraph, draft.schedule, &item.provision) {
        (Some(p), Some(s), _) => format!("Schedule {s}, paragraph {p}"),
        (_, _, Some(p)) => p.clone(),
        _ => String::new(),
    }
}

fn gap_line(g: &Gap) -> String {
    if g.kind == GapKind::NotInFormat {
        return g.field.clone();
    }
    let mut s = format!("record `{}`", g.field);
    match (&g.finding, g.reported) {
        (Some(code), true) => s.push_str(&format!(" ({code}, reported by the check)")),
        (Some(code), false) => s.push_str(&format!(" ({code})")),
        (None, _) => s.push_str(" (no rule reports it missing)"),
    }
    if let Some(why) = &g.why {
        s.push_str(&format!(": {why}"));
    }
    s
}

fn document(draft: &Draft, markdown: bool) -> String {
    let mut out = String::new();
    let gaps: usize = draft.items.iter().filter(|i| !i.gaps.is_empty()).count();
    let heading = |level: usize, text: &str| -> String {
        if markdown {
            format!("{} {text}\n\n", "#".repeat(level))
        } else {
            let rule = if level == 1 { '=' } else { '-' };
            format!(
                "{text}\n{}\n\n",
                rule.to_string().repeat(text.chars().count())
            )
        }
    };
    out.push_str(&heading(1, &format!("Draft: {}", draft.title)));
    let schedule = match draft.schedule {
        Some(s) => format!("Content: Schedule {s}"),
        None => "Content: no Schedule prescribes it".to_string(),
    };
    let url = if markdown {
        format!("<{}>", draft.law.url)
    } else {
        draft.law.url.clone()
    };
    out.push_str(&format!(
        "{schedule}. Law: {}, {} {url}\n\n",
        draft.law.instrument, draft.law.provision
    ));
    out.push_str(&format!(
        "Drafted by psrlint from `{}`: read every item before you paste it into the platform's form.\n",
        draft.file
    ));
    if gaps == 0 {
        out.push_str("Complete: every item is written from the record.\n");
    } else {
        out.push_str(&format!(
            "INCOMPLETE: {gaps} item(s) cannot be written until the record gives the facts listed under \"Gaps\".\n"
        ));
    }
    if draft.record_findings.errors + draft.record_findings.warnings > 0 {
        out.push_str(&format!(
            "The check of the record reports {} error(s) and {} warning(s): `psrlint check {}` lists them.\n",
            draft.record_findings.errors, draft.record_findings.warnings, draft.file
        ));
    }
    out.push('\n');
    if let Some(intro) = &draft.intro {
        out.push_str(intro);
        out.push_str("\n\n");
    }
    for item in &draft.items {
        let title = match &item.paragraph {
            Some(p) => format!("{p}. {}", item.heading),
            None => item.heading.clone(),
        };
        out.push_str(&heading(2, &title));
        let where_from = place(draft, item);
        if markdown {
            out.push_str(&format!("*{where_from}*\n\n"));
        } else {
            out.push_str(&format!("({where_from})\n\n"));
        }
        match &item.text {
            Some(text) => {
                out.push_str(text);
                if !item.gaps.is_empty() {
                    let lines: Vec<String> = item.gaps.iter().map(gap_line).collect();
                    out.push_str(&format!("\n[TO WRITE] {}", lines.join("; ")));
                }
            }
            None => {
                let lines: Vec<String> = item.gaps.iter().map(gap_line).collect();
                let tag = if item.gaps.iter().all(|g| g.kind == GapKind::NotInFormat) {
                    "[TO WRITE]"
                } else {
                    "[NOT RECORDED]"
                };
                out.push_str(&format!("{tag} {}", lines.join("; ")));
            }
        }
        out.push_str("\n\n");
    }
    if gaps > 0 {
        out.push_str(&heading(2, "Gaps"));
        for item in draft.items.iter().filter(|i| !i.gaps.is_empty()) {
            for g in &item.gaps {
                out.push_str(&format!(
                    "- {} ({}): {}\n",
                    item.heading,
                    place(draft, item),
                    gap_line(g)
                ));
            }
        }
        out.push('\n');
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}
