//! The arrangement file an import produces, before it is written: sections of fields in the
//! order of the arrangement format, each field with the place in the published record it was
//! read from.

use chrono::NaiveDate;

/// A field value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Val {
    /// Text.
    Text(String),
    /// A date.
    Date(NaiveDate),
    /// Money, in pounds, as exact decimal text.
    Money(String),
    /// A boolean.
    Bool(bool),
    /// A list of texts.
    Texts(Vec<String>),
}

/// One field and where its value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The key.
    pub key: &'static str,
    /// The value.
    pub value: Val,
    /// Where in the release it was read, in words (with the text it was read from).
    pub source: String,
}

/// A table of the arrangement file (`[arrangement]`), or one element of an array of tables
/// (`[[notices]]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Its key.
    pub name: &'static str,
    /// Whether it is an element of a list (`[[notices]]`).
    pub list: bool,
    /// Its fields.
    pub fields: Vec<Field>,
    /// Notes about facts the release holds but that are deliberately not recorded.
    pub remarks: Vec<String>,
}

impl Section {
    /// An empty table.
    pub fn new(name: &'static str) -> Self {
        Section {
            name,
            list: false,
            fields: Vec::new(),
            remarks: Vec::new(),
        }
    }

    /// An empty element of a list of tables.
    pub fn list_item(name: &'static str) -> Self {
        Section {
            list: true,
            ..Section::new(name)
        }
    }

    /// Adds a field.
    pub fn set(&mut self, key: &'static str, value: Val, source: impl Into<String>) {
        self.fields.push(Field {
            key,
            value,
            source: source.into(),
        });
    }
}

/// Where the whole file came from (`imported_from`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file read (`-` for standard input).
    pub file: String,
    /// The release's `ocid`.
    pub ocid: Option<String>,
    /// The release's `id`.
    pub release: Option<String>,
}

/// An arrangement file read from one release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrangement {
    /// The file name without extension, from the release id.
    pub stem: String,
    /// The sections, in order; empty ones are not written.
    pub sections: Vec<Section>,
    /// Where it came from.
    pub origin: Origin,
}

impl Arrangement {
    /// Every field with its dotted path as the checker names it (`notices[0].published`).
    pub fn paths(&self) -> Vec<(String, &Field)> {
        let mut out = Vec::new();
        for s in &self.sections {
            let prefix = if s.list {
                let n = self
                    .sections
                    .iter()
                    .take_while(|o| !std::ptr::eq(*o, s))
                    .filter(|o| o.name == s.name)
                    .count();
                format!("{}[{n}]", s.name)
            } else {
                s.name.to_string()
            };
            for f in &s.fields {
                out.push((format!("{prefix}.{}", f.key), f));
            }
        }
        out
    }
}
