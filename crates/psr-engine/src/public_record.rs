//! Public-record mode: which rules a published notice can be checked against. The packs list
//! them in a table named `public_record_rules` (a `code` column and a note of what each reads),
//! so the choice is made in the law's files, beside the rules, not in Rust. Without such a
//! table no rule is applied in this mode: nothing is known to be checkable from a notice alone.

use psr_lang::{Program, Value};

/// The table's name.
pub const TABLE: &str = "public_record_rules";

/// The rule codes the packs mark as checkable from the public record, sorted.
#[derive(Debug, Default)]
pub struct PublicRecord {
    codes: Vec<String>,
}

impl PublicRecord {
    /// Reads the `public_record_rules` table of `program`, if it has one.
    pub fn from_program(program: &Program) -> Self {
        let Some(table) = program.tables.iter().find(|t| t.name == TABLE) else {
            return PublicRecord::default();
        };
        let Some(col) = program
            .schema
            .records
            .get(table.row_type as usize)
            .and_then(|r| r.field_index("code"))
        else {
            return PublicRecord::default();
        };
        let mut codes: Vec<String> = match &table.rows {
            Value::List(rows) => rows
                .iter()
                .filter_map(|row| match &row.value {
                    Value::Record(fields) => match fields.get(col).map(|v| &v.value) {
                        Some(Value::Text(t)) => Some(t.to_string()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        codes.sort();
        codes.dedup();
        PublicRecord { codes }
    }

    /// Whether the rule `code` is applied to a public record.
    pub fn applies(&self, code: &str) -> bool {
        self.codes
            .binary_search_by(|c| c.as_str().cmp(code))
            .is_ok()
    }
}
