//! Provision maps: `rules/<pack>/provisions.toml`, the provisions of the law a pack covers, each
//! in or out of scope, in the order a reader of the instrument expects.
//!
//! ```toml
//! format = 1
//!
//! [[instrument]]                   # the first is the default for provisions
//! name = "SI 2023/1348"            # as rules write it in `cite:`
//! title = "The Health Care Services (Provider Selection Regime) Regulations 2023"
//! url = "https://www.legislation.gov.uk/uksi/2023/1348"
//!
//! [[instrument]]
//! name = "NHS England"
//! kind = "documents"               # ids are document titles, not `reg 6(4)`
//!
//! [[provision]]
//! id = "reg 6(4)"                  # a provision, or a group: `reg 9(5)-(9)` (see `provision.rs`)
//! title = "Direct Award Process B must be followed where its conditions hold"
//! status = "in-scope"              # or "out-of-scope", with a `reason`
//!
//! [[provision]]
//! instrument = "NHS England"
//! id = "The Provider Selection Regime: statutory guidance"
//! title = "Statutory guidance"
//! status = "out-of-scope"
//! reason = "guidance, not law: rules cite it only to explain"
//! ```
//!
//! A map never lists a provision and one of its sub-provisions both (`reg 6` and `reg 6(4)`), so
//! that every cited provision falls under at most one entry.

use super::provision::{self, Reference};
use crate::AuthoringError;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// The file name of a pack's provision map.
pub const FILE_NAME: &str = "provisions.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    format: u32,
    #[serde(rename = "instrument", default)]
    instruments: Vec<RawInstrument>,
    #[serde(rename = "provision", default)]
    provisions: Vec<RawProvision>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInstrument {
    name: String,
    title: Option<String>,
    url: Option<String>,
    #[serde(default)]
    kind: InstrumentKind,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvision {
    id: Spanned<String>,
    instrument: Option<Spanned<String>>,
    title: String,
    status: Status,
    reason: Option<String>,
}

/// How an instrument's provisions are named.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InstrumentKind {
    /// Legislation: ids are references (`reg 6(4)`, `s.12ZB(7)`, `Sch 2 para 1`).
    #[default]
    Legislation,
    /// Guidance and other documents: ids are titles, compared without case or notes.
    Documents,
}

/// Whether psrlint means to check a provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// psrlint should have a rule for it.
    InScope,
    /// psrlint does not check it; `reason` says why.
    OutOfScope,
}

/// An instrument of a map.
#[derive(Debug, Clone)]
pub struct Instrument {
    /// As rules write it.
    pub name: String,
    /// Its full title.
    pub title: Option<String>,
    /// Where to read it.
    pub url: Option<String>,
    /// How its provisions are named.
    pub kind: InstrumentKind,
}

/// A provision of a map.
#[derive(Debug, Clone)]
pub struct Provision {
    /// The instrument (an index into [`Map::instruments`]).
    pub instrument: usize,
    /// Its id as written.
    pub id: String,
    /// For legislation, the provisions the id names (one, or a group such as `reg 9(5)-(9)`).
    pub references: Vec<Reference>,
    /// What it says, briefly.
    pub title: String,
    /// In or out of scope.
    pub status: Status,
    /// Why it is out of scope (or a note).
    pub reason: Option<String>,
}

/// A pack's provision map.
#[derive(Debug, Clone)]
pub struct Map {
    /// The instruments.
    pub instruments: Vec<Instrument>,
    /// The provisions, in file order.
    pub provisions: Vec<Provision>,
}

impl Map {
    /// Reads and checks a map file.
    pub fn load(path: &Path) -> Result<Map, AuthoringError> {
        let text = std::fs::read_to_string(path).map_err(|e| psr_diagnostics::CfgError::Io {
            context: format!("cannot read `{}`", path.display()),
            source: e,
        })?;
        Map::parse(&text).map_err(|(message, span)| {
            AuthoringError::Map(Box::new(crate::MapError {
                message: format!("`{}`: {message}", path.display()),
                source_code: psr_source::NamedText::new(path.display().to_string(), text.clone()),
                span: span.map(|s| (s.start, s.end.saturating_sub(s.start)).into()),
                help: "see docs/authoring.md, \"Provision maps\"".into(),
            }))
        })
    }

    /// Reads and checks a map's text; an error is a message and, when known, where.
    pub fn parse(text: &str) -> Result<Map, (String, Option<std::ops::Range<usize>>)> {
        let raw: RawMap = toml::from_str(text).map_err(|e| (e.message().to_string(), e.span()))?;
        if raw.format != 1 {
            return Err((
                format!(
                    "unknown map format {}: this psrlint reads `format = 1`",
                    raw.format
                ),
                None,
            ));
        }
        if raw.instruments.is_empty() {
            return Err(("the map declares no `[[instrument]]`".into(), None));
        }
        let instruments: Vec<Instrument> = raw
            .instruments
            .into_iter()
            .map(|i| Instrument {
                name: i.name,
                title: i.title,
                url: i.url,
                kind: i.kind,
            })
            .collect();
        let mut provisions: Vec<Provision> = Vec::new();
        for p in raw.provisions {
            let span = Some(p.id.span());
            let instrument = match &p.instrument {
                None => 0,
                Some(name) => instruments
                    .iter()
                    .position(|i| i.name == *name.get_ref())
                    .ok_or_else(|| {
                        (
                            format!(
                                "instrument `{}` is not declared by an `[[instrument]]`",
                                name.get_ref()
                            ),
                            Some(name.span()),
                        )
                    })?,
            };
            let id = p.id.into_inner();
            let references = match instruments[instrument].kind {
                InstrumentKind::Documents => Vec::new(),
                InstrumentKind::Legislation => {
                    provision::parse(&id).map_err(|why| (why, span.clone()))?
                }
            };
            if p.status == Status::OutOfScope
                && p.reason.as_deref().is_none_or(|r| r.trim().is_empty())
            {
                return Err((format!("`{id}` is out of scope: say why in `reason`"), span));
            }
            let entry = Provision {
                instrument,
                id,
                references,
                title: p.title,
                status: p.status,
                reason: p.reason,
            };
            if let Some(other) = provisions.iter().find(|o| overlaps(o, &entry)) {
                return Err((
                    format!(
                        "`{}` and `{}` overlap: list a provision or its parts, not both",
                        other.id, entry.id
                    ),
                    span,
                ));
            }
            provisions.push(entry);
        }
        Ok(Map {
            instruments,
            provisions,
        })
    }

    /// The provisions of this map that a citation falls under (each cited provision falls under
    /// the entry that is it or contains it), and the cited provisions that fall under none. A
    /// citation of an instrument the map does not declare gives neither.
    pub fn find(&self, instrument: &str, cited: &str) -> (Vec<usize>, Vec<Unmatched>) {
        let Some(ii) = self
            .instruments
            .iter()
            .position(|i| provision::same_instrument(&i.name, instrument))
        else {
            return (Vec::new(), Vec::new());
        };
        let (mut hits, mut misses) = (Vec::new(), Vec::new());
        match self.instruments[ii].kind {
            InstrumentKind::Documents => {
                let title = provision::normalise_title(cited);
                match self
                    .provisions
                    .iter()
                    .position(|p| p.instrument == ii && provision::normalise_title(&p.id) == title)
                {
                    Some(i) => hits.push(i),
                    None => misses.push(Unmatched::NotListed(cited.to_string())),
                }
            }
            InstrumentKind::Legislation => match provision::parse(cited) {
                Err(why) => misses.push(Unmatched::Unreadable(why)),
                Ok(refs) => {
                    for r in refs {
                        let hit = self.provisions.iter().position(|p| {
                            p.instrument == ii && p.references.iter().any(|m| m.contains(&r))
                        });
                        match hit {
                            Some(i) if !hits.contains(&i) => hits.push(i),
                            Some(_) => {}
                            None => misses.push(Unmatched::NotListed(r.to_string())),
                        }
                    }
                }
            },
        }
        (hits, misses)
    }
}

/// Why a citation of a mapped instrument matches no provision of the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmatched {
    /// The map lists no provision containing this one.
    NotListed(String),
    /// The provision text cannot be read.
    Unreadable(String),
}

fn overlaps(a: &Provision, b: &Provision) -> bool {
    if a.instrument != b.instrument {
        return false;
    }
    if a.references.is_empty() || b.references.is_empty() {
        return provision::normalise_title(&a.id) == provision::normalise_title(&b.id);
    }
    a.references
        .iter()
        .any(|x| b.references.iter().any(|y| x.contains(y) || y.contains(x)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = r#"
format = 1
[[instrument]]
name = "SI 2023/1348"
[[instrument]]
name = "NHS England"
kind = "documents"
[[provision]]
id = "reg 6(10)"
title = "Considerable change threshold"
status = "in-scope"
[[provision]]
id = "reg 4"
title = "Procurement principles"
status = "out-of-scope"
reason = "qualitative duties"
[[provision]]
instrument = "NHS England"
id = "The Provider Selection Regime: statutory guidance"
title = "Guidance"
status = "in-scope"
"#;

    #[test]
    fn a_cited_sub_paragraph_falls_under_its_provision() {
        let map = Map::parse(MAP).expect("a valid map");
        let none: Vec<Unmatched> = Vec::new();
        assert_eq!(
            map.find("SI 2023/1348", "reg 6(10)(b)(ii)"),
            (vec![0], none.clone())
        );
        assert_eq!(
            map.find("SI 2023/1348 (as made)", "reg 4(1), 6(10)(a)"),
            (vec![1, 0], none.clone())
        );
        assert_eq!(
            map.find("SI 2023/1348", "reg 6(1), 6(10)"),
            (vec![0], vec![Unmatched::NotListed("reg 6(1)".into())])
        );
        assert_eq!(
            map.find("SI 2023/1348", "reg 6"),
            (vec![], vec![Unmatched::NotListed("reg 6".into())])
        );
        assert_eq!(
            map.find(
                "NHS England",
                "The Provider Selection Regime: statutory guidance (scope: x)"
            ),
            (vec![2], none.clone())
        );
        assert_eq!(map.find("DHSC", "anything"), (vec![], none.clone()));
        let grouped = Map::parse(&format!(
            "{MAP}[[provision]]\nid = \"reg 9(5)-(9)\"\ntitle = \"t\"\nstatus = \"in-scope\"\n"
        ))
        .expect("valid");
        assert_eq!(grouped.find("SI 2023/1348", "reg 9(7)(a)"), (vec![3], none));
        assert!(matches!(
            map.find("SI 2023/1348", "the whole thing").1.as_slice(),
            [Unmatched::Unreadable(_)]
        ));
    }

    #[test]
    fn bad_maps_are_refused_with_a_reason() {
        let bad = |extra: &str| Map::parse(&format!("{MAP}{extra}")).expect_err("refused").0;
        assert!(bad(
            "[[provision]]\nid = \"reg 6(10)(b)\"\ntitle = \"t\"\nstatus = \"in-scope\"\n"
        )
        .contains("overlap"));
        assert!(
            bad("[[provision]]\nid = \"reg 5\"\ntitle = \"t\"\nstatus = \"out-of-scope\"\n")
                .contains("reason")
        );
        assert!(bad(
            "[[provision]]\nid = \"reg 5, 6(10)(a)\"\ntitle = \"t\"\nstatus = \"in-scope\"\n"
        )
        .contains("overlap"));
        assert!(
            bad("[[provision]]\nid = \"reg 5\"\ntitle = \"t\"\nstatus = \"maybe\"\n")
                .contains("maybe")
        );
        assert!(bad("[[provision]]\ninstrument = \"X\"\nid = \"reg 5\"\ntitle = \"t\"\nstatus = \"in-scope\"\n").contains("not declared"));
        assert!(Map::parse("format = 2\n")
            .expect_err("refused")
            .0
            .contains("format"));
    }
}
