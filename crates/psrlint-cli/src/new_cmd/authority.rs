//! The authority's name, type and region from its ODS code on the decision date, read from the
//! tables the commissioning pack ships (the ICB register and NHS England's regions).

use chrono::NaiveDate;
use psr_lang::{Program, Value};

/// What the tables say of an ODS code on a date.
#[derive(Clone, Debug)]
pub struct Known {
    /// `authority.type`: `icb` or `nhs-england`.
    pub kind: String,
    /// Its name.
    pub name: String,
    /// The code as given (upper case).
    pub ods_code: String,
    /// The NHS England region it is in, for the comment.
    pub region: Option<String>,
}

/// Why an ODS code gives no authority.
#[derive(Debug)]
pub struct Unknown {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
}

/// The rows of table `name`, each as (column, value) pairs.
fn rows<'p>(program: &'p Program, name: &str) -> Vec<Vec<(&'p str, &'p Value)>> {
    let Some(t) = program.tables.iter().find(|t| t.name == name) else {
        return Vec::new();
    };
    let cols = &program.schema.record(t.row_type).fields;
    let Value::List(items) = &t.rows else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|row| match &row.value {
            Value::Record(vals) => Some(
                cols.iter()
                    .zip(vals.iter())
                    .map(|(c, v)| (c.name.as_str(), &v.value))
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

fn text<'v>(row: &[(&str, &'v Value)], col: &str) -> Option<&'v str> {
    row.iter().find_map(|(c, v)| match v {
        Value::Text(t) if *c == col => Some(t.as_ref()),
        _ => None,
    })
}

fn date(row: &[(&str, &Value)], col: &str) -> Option<NaiveDate> {
    row.iter().find_map(|(c, v)| match v {
        Value::Date(d) if *c == col => Some(*d),
        _ => None,
    })
}

/// The authority with ODS code `code` on `on`: an ICB that exists that day, or an NHS England
/// region.
pub fn lookup(program: &Program, code: &str, on: NaiveDate) -> Result<Known, Unknown> {
    let code = code.trim().to_ascii_uppercase();
    let regions = rows(program, "com_nhs_regions");
    let region_name = |rc: &str| {
        regions
            .iter()
            .find(|r| text(r, "region_code") == Some(rc))
            .and_then(|r| text(r, "region_name"))
            .map(str::to_string)
    };
    if let Some(name) = region_name(&code) {
        return Ok(Known {
            kind: "nhs-england".into(),
            name: format!("NHS England {name}"),
            ods_code: code,
            region: Some(format!("NHS England region: {name}")),
        });
    }
    let icbs = rows(program, "com_icb_register");
    let mine: Vec<_> = icbs
        .iter()
        .filter(|r| text(r, "ods_code") == Some(code.as_str()))
        .collect();
    if let Some(row) = mine.iter().find(|r| {
        date(r, "valid_from").is_some_and(|f| f <= on)
            && date(r, "valid_until").is_none_or(|u| on <= u)
    }) {
        return Ok(Known {
            kind: "icb".into(),
            name: text(row, "name").unwrap_or_default().to_string(),
            ods_code: code,
            region: text(row, "region_code")
                .and_then(region_name)
                .map(|n| format!("NHS England region: {n}")),
        });
    }
    match mine.first() {
        Some(row) => {
            let from = date(row, "valid_from").map(|d| d.to_string()).unwrap_or_default();
            let until = date(row, "valid_until").map_or("today".to_string(), |d| d.to_string());
            let successors = text(row, "successors")
                .map(|s| format!(" (its area went {s})"))
                .unwrap_or_default();
            Err(Unknown {
                message: format!(
                    "{} ({code}) existed from {from} to {until}, not on the decision date {on}{successors}",
                    text(row, "name").unwrap_or_default()
                ),
                help: "give the ODS code of the ICB that exists on the decision date, or check the --decision-date".into(),
            })
        }
        None => Err(Unknown {
            message: format!("`{code}` is not the ODS code of an ICB or an NHS England region psrlint knows"),
            help: "give an ICB's ODS code (like QHM) or a region's (Y56 to Y63); for another authority leave --authority out and fill in [authority] yourself".into(),
        }),
    }
}
