//! Importing published PSR notices: reads OCDS 1.1 release packages, record packages, compiled
//! releases or lists of releases as Find a Tender publishes them, recognises the Provider
//! Selection Regime notices among them, and turns each into an arrangement file that records
//! only what the notice states, saying where each fact was read. Other releases are skipped and
//! counted; a release or file that cannot be read is reported, never dropped. Nothing here
//! panics on any input: every field is read as optional JSON.
//!
//! ```
//! let json = br#"{"releases": [{"id": "040504-2025", "ocid": "ocds-h6vhtk-0504a0",
//!   "date": "2025-07-16T12:46:51+01:00",
//!   "description": "This is a Provider Selection Regime (PSR) intention to award notice. The contract is awarded under the competitive process. Representations by providers must be made by 23:59 on the 29th July 2025."}]}"#;
//! let import = psr_import::read("releases.json", json);
//! assert_eq!(import.releases, 1);
//! assert_eq!(import.arrangements.len(), 1);
//! let toml = psr_import::write(&import.arrangements[0], psr_import::Syntax::Toml);
//! assert!(toml.contains("representations_by = 2025-07-29"));
//! ```

mod dates;
mod extract;
pub mod findings;
mod model;
mod output;
mod recognise;
mod stated;
mod structured;
mod text;
mod write;
mod yaml;

pub use dates::{find_dates, TextDate};
pub use findings::{ImportCode, ImportFinding, Level};
pub use model::{Arrangement, Field, Origin, Section, Val};
pub use output::{save, Saved};
pub use write::{value as json_value, write, Syntax};
pub use yaml::to_yaml;

use serde_json::Value;

/// What reading one file gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Import {
    /// The PSR notices read, one arrangement each, in the file's order.
    pub arrangements: Vec<Arrangement>,
    /// Releases and files reported (not read, or read with words instead of values).
    pub findings: Vec<ImportFinding>,
    /// How many releases the file holds.
    pub releases: usize,
    /// How many of them are not PSR notices.
    pub skipped: usize,
}

impl Import {
    /// Adds another file's result to this one.
    pub fn extend(&mut self, other: Import) {
        self.arrangements.extend(other.arrangements);
        self.findings.extend(other.findings);
        self.releases += other.releases;
        self.skipped += other.skipped;
    }
}

/// Reads the OCDS JSON `bytes` of `file` (a name for messages and provenance notes).
pub fn read(file: &str, bytes: &[u8]) -> Import {
    let mut import = Import::default();
    let doc: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            import.findings.push(ImportFinding::new(
                ImportCode::UnreadableFile,
                file,
                format!("not JSON: {e}"),
            ));
            return import;
        }
    };
    let releases = match releases(&doc) {
        Ok(r) => r,
        Err(why) => {
            import
                .findings
                .push(ImportFinding::new(ImportCode::UnreadableFile, file, why));
            return import;
        }
    };
    import.releases = releases.len();
    for (i, r) in releases.into_iter().enumerate() {
        match extract::release(r, file, &format!("{file}: release {}", i + 1)) {
            extract::Outcome::NotPsr => import.skipped += 1,
            extract::Outcome::Psr(a, findings) => {
                import.arrangements.push(*a);
                import.findings.extend(findings);
            }
            extract::Outcome::NotWritten(f) => import.findings.push(f),
        }
    }
    import
}

/// The releases of a document: a release package's `releases`, a record package's records
/// (each record's `compiledRelease`, else its releases), a single release, or a list of them.
fn releases(doc: &Value) -> Result<Vec<&Value>, String> {
    match doc {
        Value::Array(items) => Ok(items.iter().collect()),
        Value::Object(m) => {
            if let Some(r) = m.get("releases") {
                return r
                    .as_array()
                    .map(|a| a.iter().collect())
                    .ok_or_else(|| "`releases` is not a list".to_string());
            }
            if let Some(r) = m.get("records") {
                let records = r
                    .as_array()
                    .ok_or_else(|| "`records` is not a list".to_string())?;
                let mut out = Vec::new();
                for rec in records {
                    match rec.get("compiledRelease") {
                        Some(c) => out.push(c),
                        None => match rec.get("releases").and_then(Value::as_array) {
                            Some(rs) => out.extend(rs.iter()),
                            None => out.push(rec),
                        },
                    }
                }
                return Ok(out);
            }
            if m.contains_key("ocid") || m.contains_key("tag") || m.contains_key("date") {
                return Ok(vec![doc]);
            }
            Err("not an OCDS release package (no `releases`), record package (no `records`) or release (no `ocid`)".into())
        }
        _ => Err("not an OCDS release package, record package, release or list of releases".into()),
    }
}
