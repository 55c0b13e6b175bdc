//! Random arrangements that validate against a program's schema, written as TOML.
//!
//! The generator walks the schema the packs declare, so it follows the schema as it grows. Its
//! values are biased towards what the rules look at: dates near the decision date, money around
//! the thresholds, text taken from the packs' own tables (CPV codes, ODS codes, names), and the
//! extremes of each type.

use psr_lang::{Schema, Type};
use std::fmt::Write as _;

/// A small deterministic generator (SplitMix64): a proptest seed picks the whole arrangement.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What the generator may produce.
pub struct Options {
    /// Money amounts up to the largest a decimal holds (79,228,162,514,264,337,593,543,950,335);
    /// otherwise at most £10,000,000,000.
    pub huge_money: bool,
}

/// Texts found in the packs' data files, plus a few awkward ones.
pub fn text_pool() -> Vec<String> {
    let mut pool: Vec<String> = [
        "",
        " ",
        "Provider Ltd",
        "NHS Somerset ICB",
        "é£—😀",
        "a \"quoted\" text with a \\ backslash",
        "PSR001",
        "COM001",
        "y56",
    ]
    .map(String::from)
    .to_vec();
    let rules = crate::root().join("rules");
    for pack in std::fs::read_dir(rules).into_iter().flatten().flatten() {
        for csv in std::fs::read_dir(pack.path().join("data"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let Ok(text) = std::fs::read_to_string(csv.path()) else {
                continue;
            };
            for line in text.lines().skip(1).take(200) {
                for cell in line.split(',').take(3) {
                    let cell = cell.trim();
                    if !cell.is_empty() && cell.len() < 60 && !pool.iter().any(|p| p == cell) {
                        pool.push(cell.to_string());
                    }
                }
            }
        }
    }
    pool
}

/// Rule codes and a few others, for waivers.
pub fn code_pool(program: &psr_lang::Program) -> Vec<String> {
    let mut codes: Vec<String> = program.rules.iter().map(|r| r.code.clone()).collect();
    codes.extend(["ARR008", "WVR001", "XYZ999", ""].map(String::from));
    codes
}

struct Gen<'a> {
    schema: &'a Schema,
    rng: Rng,
    texts: &'a [String],
    codes: &'a [String],
    options: &'a Options,
    decision: (i32, u32, u32),
}

/// A random arrangement file, as TOML, that validates against `program`'s schema.
pub fn arrangement(
    program: &psr_lang::Program,
    seed: u64,
    texts: &[String],
    codes: &[String],
    options: &Options,
) -> String {
    let mut rng = Rng::new(seed);
    let year = 2023 + rng.below(5) as i32;
    let decision = (year, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
    let mut g = Gen {
        schema: &program.schema,
        rng,
        texts,
        codes,
        options,
        decision,
    };
    let root = program.schema.root.expect("the packs declare a root");
    let mut out = String::new();
    for f in &g.schema.record(root).fields.clone() {
        let value = match (f.name.as_str(), &f.ty) {
            ("format", _) => Some("1".to_string()),
            (_, Type::Optional(inner)) => g.rng.chance(60).then(|| g.value(inner, &f.name, 0)),
            (_, ty) => Some(g.value(ty, &f.name, 0)),
        };
        if let Some(v) = value {
            let _ = writeln!(out, "{} = {v}", f.name);
        }
    }
    out
}

impl Gen<'_> {
    fn value(&mut self, ty: &Type, field: &str, depth: usize) -> String {
        match ty {
            Type::Optional(inner) => self.value(inner, field, depth),
            Type::Bool => self.rng.chance(50).to_string(),
            Type::Integer | Type::Days | Type::WorkingDays => self
                .rng
                .pick(&["0", "1", "2", "-1", "30", "9223372036854775807"])
                .to_string(),
            Type::Decimal => self.rng.pick(&["\"0\"", "\"1.5\"", "\"-2\""]).to_string(),
            Type::Money => self.money(),
            Type::Percent => format!(
                "\"{}%\"",
                self.rng
                    .pick(&["0", "25", "24.99", "100", "-5", "1000", "0.001"])
            ),
            Type::Date if field == "decision_date" => self.date_near(0),
            Type::Date => self.date(),
            Type::Text if field == "code" => {
                let c = self.rng.pick::<String>(self.codes);
                quote(if c.trim().is_empty() { "-" } else { c })
            }
            // A required text that is blank is invalid (ARR013): blank ones become `-`.
            Type::Text => {
                let t = self.rng.pick::<String>(self.texts);
                quote(if t.trim().is_empty() { "-" } else { t })
            }
            Type::Enum(id) => {
                let values = &self.schema.enums[*id as usize].values;
                quote(&values[self.rng.below(values.len())].0)
            }
            Type::List(elem) => {
                let n = if depth > 3 { 0 } else { self.rng.below(4) };
                let items: Vec<String> =
                    (0..n).map(|_| self.value(elem, field, depth + 1)).collect();
                format!("[{}]", items.join(", "))
            }
            Type::Record(id) => {
                let fields = self.schema.record(*id).fields.clone();
                let mut parts = Vec::new();
                for f in &fields {
                    let present = match &f.ty {
                        Type::Optional(_) => self.rng.chance(60),
                        Type::List(_) => self.rng.chance(70),
                        _ => true,
                    };
                    if !present {
                        continue;
                    }
                    // A bounded field (`>= £0`, `>= start`) gets a value inside any bound: an
                    // optional one is left out, a required one is zero.
                    let value = match (&f.bound, &f.ty) {
                        (None, _) => self.value(&f.ty, &f.name, depth + 1),
                        (Some(_), Type::Optional(_)) => continue,
                        (Some(_), _) => "\"0\"".to_string(),
                    };
                    parts.push(format!("{} = {value}", f.name));
                }
                format!("{{ {} }}", parts.join(", "))
            }
            Type::Error => "\"\"".into(),
        }
    }

    fn money(&mut self) -> String {
        let max = if self.options.huge_money { 9 } else { 8 };
        match self.rng.below(max) {
            0 => "0".into(),
            1 => "\"£500,000\"".into(),
            2 => "\"£499,999.99\"".into(),
            3 => format!("{}", self.rng.below(10_000_000)),
            4 => format!(
                "\"£{}.{:02}\"",
                self.rng.below(100_000_000),
                self.rng.below(100)
            ),
            5 => "\"-£1,000\"".into(),
            6 => "\"0.01\"".into(),
            7 => "\"10000000000\"".into(),
            _ => "\"79228162514264337593543950335\"".into(),
        }
    }

    fn date(&mut self) -> String {
        match self.rng.below(12) {
            0 => "0001-01-01".into(),
            1 => "9999-12-31".into(),
            2 => "2024-12-25".into(),
            3 => "2025-04-18".into(),
            _ => {
                let offset = self.rng.below(1601) as i64 - 800;
                self.date_near(offset)
            }
        }
    }

    fn date_near(&mut self, offset: i64) -> String {
        let (y, m, d) = self.decision;
        let base = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
        let date = base + chrono::Duration::days(offset);
        date.format("%Y-%m-%d").to_string()
    }
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
