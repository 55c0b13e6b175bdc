//! Provision references as rules cite them (`reg 6(10)(b)`, `Sch 13 para 7`, `s.12ZB(7)`), and
//! which provision of a map a cited provision falls under.
//!
//! A citation's provision text may name several provisions: `reg 6(5)(c), 6(10)(a), 6(11)`,
//! `regs 7(1)(b), 8(1)(b)`, `reg 10(2), (7)`, `reg 15(1)-(3)`, `reg 10(15), Sch 7`. A part
//! without a kind takes the previous part's (`6(11)` is a regulation after `reg 6(5)(c)`); a part
//! that is only brackets replaces as many trailing components of the previous part (`(7)` after
//! `reg 10(2)` is `reg 10(7)`); a range of one trailing component of whole numbers or single
//! letters is expanded. Parenthesised notes that are not a paragraph label (`("existing
//! provider")`, `(as made)`, `(code 85149000-5)`) are ignored.

use std::fmt;

/// What kind of provision a reference names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A regulation: `reg 6`.
    Regulation,
    /// A section of an Act: `s.12ZB`.
    Section,
    /// A Schedule: `Sch 2` (paragraphs follow `para`).
    Schedule,
    /// An article: `art 3`.
    Article,
    /// A Part: `Part 2`.
    Part,
    /// A numbered paragraph of a document that has no Schedules: `para 4.2(a)`.
    Paragraph,
}

/// A provision: kind, number and the paragraph path below it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference {
    /// What it is.
    pub kind: Kind,
    /// Its number as written (`6`, `12ZB`, `20A`).
    pub number: String,
    /// Paragraphs, sub-paragraphs and so on: `reg 6(10)(b)` is `["10", "b"]`; `Sch 13 para 7(a)`
    /// is `["7", "a"]`.
    pub path: Vec<String>,
}

impl Reference {
    /// Whether `self` is `other` or contains it (`reg 6(10)` contains `reg 6(10)(b)(ii)`).
    pub fn contains(&self, other: &Reference) -> bool {
        self.kind == other.kind
            && self.number.eq_ignore_ascii_case(&other.number)
            && self.path.len() <= other.path.len()
            && self
                .path
                .iter()
                .zip(&other.path)
                .all(|(a, b)| a.eq_ignore_ascii_case(b))
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parens = |f: &mut fmt::Formatter<'_>, path: &[String]| {
            path.iter().try_for_each(|p| write!(f, "({p})"))
        };
        match self.kind {
            Kind::Regulation => write!(f, "reg {}", self.number)?,
            Kind::Section => write!(f, "s.{}", self.number)?,
            Kind::Article => write!(f, "art {}", self.number)?,
            Kind::Part => write!(f, "Part {}", self.number)?,
            Kind::Paragraph => write!(f, "para {}", self.number)?,
            Kind::Schedule => {
                write!(f, "Sch {}", self.number)?;
                if let Some((para, rest)) = self.path.split_first() {
                    write!(f, " para {para}")?;
                    return parens(f, rest);
                }
                return Ok(());
            }
        }
        parens(f, &self.path)
    }
}

/// The provisions a citation's provision text names, or why it cannot be read.
pub fn parse(text: &str) -> Result<Vec<Reference>, String> {
    let clean = strip_notes(text);
    let mut out: Vec<Reference> = Vec::new();
    for part in split_parts(&clean) {
        let prev = out.last().cloned();
        let refs = parse_part(part, prev.as_ref())
            .map_err(|why| format!("cannot read `{}` in `{text}`: {why}", part.trim()))?;
        out.extend(refs);
    }
    if out.is_empty() {
        return Err(format!("`{text}` names no provision"));
    }
    Ok(out)
}

/// `text` without the parenthesised groups that are not paragraph labels (letters and digits).
pub fn strip_notes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let mut depth = 0;
        let mut close = rest.len();
        for (i, c) in rest[open..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let inner = &rest[open + 1..close.min(rest.len())];
        if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_alphanumeric()) {
            out.push_str(&rest[open..=close]);
        }
        rest = rest.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn split_parts(text: &str) -> Vec<&str> {
    text.split([',', ';'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A kind word (`reg`, `regs`, `s.`, `Sch`, `para`…): the kind, or `None` for `para`.
fn kind_word(word: &str) -> Option<Option<Kind>> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    Some(match w.as_str() {
        "reg" | "regs" | "regulation" | "regulations" | "r" => Some(Kind::Regulation),
        "s" | "ss" | "section" | "sections" => Some(Kind::Section),
        "sch" | "schs" | "schedule" | "schedules" => Some(Kind::Schedule),
        "art" | "arts" | "article" | "articles" => Some(Kind::Article),
        "part" | "parts" => Some(Kind::Part),
        "para" | "paras" | "paragraph" | "paragraphs" => None,
        _ => return None,
    })
}

/// A small scanner over one part.
struct Scan<'a> {
    rest: &'a str,
}

impl<'a> Scan<'a> {
    fn skip_space(&mut self) {
        self.rest = self.rest.trim_start();
    }

    /// A kind word, possibly glued to the number that follows (`s.12ZB`, `s12ZB`).
    fn kind(&mut self) -> Option<Option<Kind>> {
        self.skip_space();
        let letters = self
            .rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(self.rest.len());
        let (word, after) = self.rest.split_at(letters);
        let dotted = after.starts_with('.');
        let glued_ok = after.is_empty()
            || after.starts_with([' ', '.'])
            || (word.eq_ignore_ascii_case("s") && after.starts_with(|c: char| c.is_ascii_digit()));
        let kind = kind_word(word).filter(|_| !word.is_empty() && glued_ok)?;
        self.rest = if dotted { &after[1..] } else { after };
        Some(kind)
    }

    /// A number: a digit then letters and digits (`6`, `12ZB`, `20A`, `4.2`).
    fn number(&mut self) -> Option<String> {
        self.skip_space();
        if !self.rest.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // Letters and digits, and dots between digits (`4.2.1`).
        let bytes = self.rest.as_bytes();
        let mut end = 0;
        while end < bytes.len()
            && (bytes[end].is_ascii_alphanumeric()
                || (bytes[end] == b'.' && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
        {
            end += 1;
        }
        let (n, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(n.to_string())
    }

    /// Bracketed labels: `(10)(b)(ii)`.
    fn parens(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        while let Some(inner) = self.rest.strip_prefix('(') {
            let Some(close) = inner.find(')') else { break };
            out.push(inner[..close].to_string());
            self.rest = &inner[close + 1..];
        }
        out
    }

    /// A range's end: `-(3)` or `-3`.
    fn range_end(&mut self) -> Option<String> {
        let rest = self
            .rest
            .trim_start()
            .strip_prefix(['-', '–'])?
            .trim_start();
        if let Some(inner) = rest.strip_prefix('(') {
            let close = inner.find(')')?;
            self.rest = &inner[close + 1..];
            return Some(inner[..close].to_string());
        }
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        self.rest = &rest[end..];
        Some(rest[..end].to_string())
    }
}

fn parse_part(part: &str, prev: Option<&Reference>) -> Result<Vec<Reference>, String> {
    let mut s = Scan { rest: part };
    let kind = s.kind();
    let mut r = match kind {
        Some(Some(kind)) => {
            let number = s.number().ok_or("a number should follow")?;
            let mut path = s.parens();
            let before = s.rest;
            match s.kind() {
                Some(None) if kind == Kind::Schedule => {
                    path.push(
                        s.number()
                            .ok_or("a paragraph number should follow `para`")?,
                    );
                    path.extend(s.parens());
                }
                _ => s.rest = before,
            }
            Reference { kind, number, path }
        }
        Some(None) => {
            let number = s
                .number()
                .ok_or("a paragraph number should follow `para`")?;
            match prev.filter(|p| p.kind == Kind::Schedule) {
                // `Sch 13, para 7`: a paragraph of the Schedule before.
                Some(sch) => {
                    let mut path = vec![number];
                    path.extend(s.parens());
                    Reference {
                        kind: Kind::Schedule,
                        number: sch.number.clone(),
                        path,
                    }
                }
                // `para 4.2(a)` of a document without Schedules.
                None => Reference {
                    kind: Kind::Paragraph,
                    number,
                    path: s.parens(),
                },
            }
        }
        None => {
            let prev = prev.ok_or("it does not say what it is (`reg`, `s.`, `Sch`…)")?;
            match s.number() {
                // `Sch 10 paras 8 and 9`: after a paragraph of a Schedule, a number is a paragraph.
                Some(para) if prev.kind == Kind::Schedule && !prev.path.is_empty() => {
                    let mut path = vec![para];
                    path.extend(s.parens());
                    Reference {
                        kind: Kind::Schedule,
                        number: prev.number.clone(),
                        path,
                    }
                }
                Some(number) => Reference {
                    kind: prev.kind,
                    number,
                    path: s.parens(),
                },
                None => {
                    let labels = s.parens();
                    if labels.is_empty() || labels.len() > prev.path.len() {
                        return Err("it does not say what it is (`reg`, `s.`, `Sch`…)".into());
                    }
                    let mut path = prev.path[..prev.path.len() - labels.len()].to_vec();
                    path.extend(labels);
                    Reference {
                        path,
                        ..prev.clone()
                    }
                }
            }
        }
    };
    let mut out = vec![r.clone()];
    if let Some(end) = s.range_end() {
        // `reg 15(1)-(3)` ranges over the last paragraph; `regs 27-28` over the number.
        out = match r.path.pop() {
            Some(start) => expand(&start, &end)?
                .into_iter()
                .map(|p| {
                    let mut x = r.clone();
                    x.path.push(p);
                    x
                })
                .collect(),
            None => expand(&r.number, &end)?
                .into_iter()
                .map(|number| Reference {
                    number,
                    ..r.clone()
                })
                .collect(),
        };
    }
    if !s.rest.trim().is_empty() {
        return Err(format!("`{}` is not understood", s.rest.trim()));
    }
    Ok(out)
}

/// The labels from `start` to `end`: whole numbers, or single letters.
fn expand(start: &str, end: &str) -> Result<Vec<String>, String> {
    if let (Ok(a), Ok(b)) = (start.parse::<u32>(), end.parse::<u32>()) {
        if a <= b && b - a < 100 {
            return Ok((a..=b).map(|n| n.to_string()).collect());
        }
    }
    let single = |s: &str| {
        (s.len() == 1)
            .then(|| s.as_bytes()[0])
            .filter(u8::is_ascii_lowercase)
    };
    if let (Some(a), Some(b)) = (single(start), single(end)) {
        if a <= b {
            return Ok((a..=b).map(|c| char::from(c).to_string()).collect());
        }
    }
    Err(format!("the range ({start})-({end}) cannot be expanded"))
}

/// Whether a citation's instrument is `name`, perhaps with a qualifier after it:
/// `SI 2023/1348 (as made)`, `SI 2023/1348, reg 28` and `SI 2023/1348 as amended by …` are
/// `SI 2023/1348`; `NHS England Digital` is not `NHS England`.
pub fn same_instrument(name: &str, cited: &str) -> bool {
    let cited = cited.trim();
    cited.strip_prefix(name.trim()).is_some_and(|rest| {
        rest.is_empty()
            || rest.starts_with([',', '('])
            || rest.starts_with(" (")
            || rest.starts_with(" as ")
    })
}

/// A document title for comparison: notes removed, spaces collapsed, lowercase.
pub fn normalise_title(text: &str) -> String {
    let mut t = text.trim().to_string();
    while t.ends_with(')') {
        let Some(open) = t.rfind(" (") else { break };
        t.truncate(open);
    }
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<String> {
        parse(text)
            .unwrap_or_else(|e| panic!("{e}"))
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn reads_the_forms_rules_cite() {
        assert_eq!(shown("reg 6(10)(b)(ii)"), vec!["reg 6(10)(b)(ii)"]);
        assert_eq!(
            shown("reg 6(5)(c), 6(10)(a), 6(11)"),
            vec!["reg 6(5)(c)", "reg 6(10)(a)", "reg 6(11)"]
        );
        assert_eq!(
            shown("regs 7(1)(b), 8(1)(b)"),
            vec!["reg 7(1)(b)", "reg 8(1)(b)"]
        );
        assert_eq!(shown("reg 10(2), (7)"), vec!["reg 10(2)", "reg 10(7)"]);
        assert_eq!(
            shown("reg 15(1)-(3)"),
            vec!["reg 15(1)", "reg 15(2)", "reg 15(3)"]
        );
        assert_eq!(
            shown("reg 6(5), 9(2)-(3)"),
            vec!["reg 6(5)", "reg 9(2)", "reg 9(3)"]
        );
        assert_eq!(shown("reg 10(15), Sch 7"), vec!["reg 10(15)", "Sch 7"]);
        assert_eq!(
            shown("reg 14(5)(b), Sch 13 para 7"),
            vec!["reg 14(5)(b)", "Sch 13 para 7"]
        );
        assert_eq!(shown("reg 2(1) (\"existing provider\")"), vec!["reg 2(1)"]);
        assert_eq!(shown("Sch 1 (code 85149000-5)"), vec!["Sch 1"]);
        assert_eq!(shown("reg 20 (as made)"), vec!["reg 20"]);
        assert_eq!(
            shown("reg 20(1), 20(1A), 20(7)"),
            vec!["reg 20(1)", "reg 20(1A)", "reg 20(7)"]
        );
        assert_eq!(shown("reg 20A"), vec!["reg 20A"]);
        assert_eq!(shown("s.12ZB(7)"), vec!["s.12ZB(7)"]);
        assert_eq!(
            shown("s12ZB(7) (the relevant authorities)"),
            vec!["s.12ZB(7)"]
        );
        assert_eq!(
            shown("s7A(1)-(2) (arrangements for the Secretary of State's public health functions)"),
            vec!["s.7A(1)", "s.7A(2)"]
        );
        assert_eq!(
            shown("s3(1) (ICBs' duty to arrange hospital and other services; substituted by Health and Care Act 2022 s21)"),
            vec!["s.3(1)"]
        );
        assert_eq!(
            shown("reg 12(4)(a)-(b)"),
            vec!["reg 12(4)(a)", "reg 12(4)(b)"]
        );
        assert_eq!(
            shown("Sch 10 paras 8 and 9"),
            vec!["Sch 10 para 8", "Sch 10 para 9"]
        );
    }

    #[test]
    fn text_that_names_no_provision_is_refused() {
        assert!(parse("The Provider Selection Regime: statutory guidance").is_err());
        assert!(parse("").is_err());
        assert!(parse("reg").is_err());
        assert!(parse("reg 6(1) whatever").is_err());
    }

    #[test]
    fn a_provision_contains_its_sub_paragraphs() {
        let r = |t: &str| parse(t).expect("parses").remove(0);
        assert!(r("reg 6(10)").contains(&r("reg 6(10)(b)(ii)")));
        assert!(r("reg 6").contains(&r("reg 6(10)")));
        assert!(!r("reg 6(10)").contains(&r("reg 6(1)")));
        assert!(!r("reg 6(10)(b)").contains(&r("reg 6(10)")));
        assert!(!r("reg 6").contains(&r("Sch 6")));
        assert!(r("Sch 13").contains(&r("Sch 13 para 7")));
        assert!(r("reg 20(1a)").contains(&r("reg 20(1A)")));
    }

    #[test]
    fn instruments_match_with_qualifiers_only() {
        assert!(same_instrument("SI 2023/1348", "SI 2023/1348"));
        assert!(same_instrument("SI 2023/1348", "SI 2023/1348 (as made)"));
        assert!(same_instrument(
            "SI 2023/1348",
            "SI 2023/1348 as amended by SI 2025/163 reg 28(3)"
        ));
        assert!(!same_instrument("SI 2023/1348", "SI 2023/13480"));
        assert!(!same_instrument("SI 2023/1348", "NHS Act 2006"));
        assert!(!same_instrument("NHS England", "NHS England Digital"));
    }

    #[test]
    fn document_titles_ignore_notes_case_and_spacing() {
        assert_eq!(
            normalise_title("The Provider Selection Regime: statutory  guidance (scope: local authority public health services)"),
            "the provider selection regime: statutory guidance"
        );
        assert_eq!(
            normalise_title("ODS commissioning region codes (Y56, Y58-Y63)"),
            "ods commissioning region codes"
        );
    }
}
