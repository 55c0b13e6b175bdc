//! Asking, on a terminal, for the few facts that choose the file's shape: the kind, the process,
//! the authority and the decision date (dialoguer prompts, on standard error).

use crate::error::CliError;
use dialoguer::{Input, Select};
use psr_diagnostics::CfgError;
use psr_lang::Schema;

/// The facts as given, before they are checked.
#[derive(Clone, Debug)]
pub struct Answers {
    /// The kind.
    pub kind: String,
    /// The process.
    pub process: Option<String>,
    /// The authority's ODS code.
    pub authority: Option<String>,
    /// The decision date, as written.
    pub decision_date: Option<String>,
}

fn io(e: dialoguer::Error) -> CliError {
    let dialoguer::Error::IO(source) = e;
    CfgError::Io {
        context: "cannot ask on the terminal".into(),
        source,
    }
    .into()
}

/// Picks one value of the root's enum field `section.field`, showing each value's doc.
fn pick(schema: &Schema, prompt: &str, section: &str, field: &str) -> Result<String, CliError> {
    let values = super::values(schema, section, field);
    let docs: Vec<String> = values
        .iter()
        .map(|v| {
            let doc = super::value_doc(schema, section, field, v).unwrap_or_default();
            format!("{v:<24} {doc}")
        })
        .collect();
    let i = Select::new()
        .with_prompt(prompt)
        .items(&docs)
        .default(0)
        .interact()
        .map_err(io)?;
    Ok(values.get(i).cloned().unwrap_or_default())
}

/// Asks for the kind, the process (for a kind that has one), the authority and the date.
pub fn ask(schema: &Schema, today: chrono::NaiveDate) -> Result<Answers, CliError> {
    let kind = pick(schema, "What is being decided?", "arrangement", "kind")?;
    let process = if super::derive::has_process(schema, &kind) {
        Some(pick(
            schema,
            "Which process selects the provider?",
            "process",
            "type",
        )?)
    } else {
        None
    };
    let authority: String = Input::new()
        .with_prompt("The authority's ODS code (an ICB like QHM, or a region Y56..Y63; empty to fill in later)")
        .allow_empty(true)
        .interact_text()
        .map_err(io)?;
    let date: String = Input::new()
        .with_prompt("The decision date (YYYY-MM-DD)")
        .default(today.to_string())
        .validate_with(|d: &String| -> Result<(), &str> {
            psr_lang::value::parse_date(d.trim())
                .map(|_| ())
                .ok_or("write the date as YYYY-MM-DD")
        })
        .interact_text()
        .map_err(io)?;
    Ok(Answers {
        kind,
        process,
        authority: Some(authority).filter(|a| !a.trim().is_empty()),
        decision_date: Some(date),
    })
}
