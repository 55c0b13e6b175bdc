//! The built-in functions: [`BUILTINS`], one row each (name, how it is called, how many
//! arguments, what it gives), read by the checker (names, arity, did-you-mean), the language
//! server (hovers) and `docs/language.md` (a test compares its table with this one).

/// Built-in functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Builtin {
    /// `len(xs)`
    Len,
    /// `working_days_between(a, b)`
    WorkingDaysBetween,
    /// `is_working_day(d)`
    IsWorkingDay,
    /// `year(d)`
    Year,
    /// `month(d)`
    Month,
    /// `day(d)`
    Day,
    /// `min(a, b)`
    Min,
    /// `max(a, b)`
    Max,
    /// `percent_of(part, whole)`
    PercentOf,
    /// `lower(t)`
    Lower,
    /// `add_years(d, n)`
    AddYears,
    /// `add_months(d, n)`
    AddMonths,
    /// `item(xs, i)`
    Item,
    /// `trim(t)`
    Trim,
    /// `files_with_reference(t)`, supplied by the host from the run it checks
    FilesWithReference,
    /// `prefix(t, n)`
    Prefix,
}

/// One built-in function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuiltinDoc {
    /// Which.
    pub builtin: Builtin,
    /// The name it is called by.
    pub name: &'static str,
    /// How it is called (`add_years(d, n)`).
    pub signature: &'static str,
    /// How many arguments it takes.
    pub arity: usize,
    /// What it gives, in Markdown, as docs/language.md says.
    pub doc: &'static str,
}

const fn row(
    builtin: Builtin,
    name: &'static str,
    signature: &'static str,
    arity: usize,
    doc: &'static str,
) -> BuiltinDoc {
    BuiltinDoc {
        builtin,
        name,
        signature,
        arity,
        doc,
    }
}

/// Every built-in function, in the order of [`Builtin`]'s variants.
pub const BUILTINS: [BuiltinDoc; 16] = [
    row(Builtin::Len, "len", "len(xs)", 1, "`integer`: the number of elements"),
    row(Builtin::WorkingDaysBetween, "working_days_between", "working_days_between(a, b)", 2, "`working days`: how many working days fall after `a` and up to and including `b` (0 when `b <= a`), by the pack's calendar"),
    row(Builtin::IsWorkingDay, "is_working_day", "is_working_day(d)", 1, "`bool`: whether `d` is a working day by the pack's calendar"),
    row(Builtin::Year, "year", "year(d)", 1, "`integer`: the year of date `d`"),
    row(Builtin::Month, "month", "month(d)", 1, "`integer`: the month of date `d` (1-12)"),
    row(Builtin::Day, "day", "day(d)", 1, "`integer`: the day of the month of date `d`"),
    row(Builtin::Min, "min", "min(a, b)", 2, "the smaller of two values of one ordered type"),
    row(Builtin::Max, "max", "max(a, b)", 2, "the larger of two values of one ordered type"),
    row(Builtin::PercentOf, "percent_of", "percent_of(part, whole)", 2, "`percent`: `part / whole` for money"),
    row(Builtin::Lower, "lower", "lower(t)", 1, "`text` in lower case"),
    row(Builtin::AddYears, "add_years", "add_years(d, n)", 2, "`date`: the same day `n` years later (28 February for 29 February)"),
    row(Builtin::AddMonths, "add_months", "add_months(d, n)", 2, "`date`: the same day `n` months later (the month's last day when it is shorter)"),
    row(Builtin::Item, "item", "item(xs, i)", 2, "the element at index `i` (from 0), or absent (`T?`)"),
    row(Builtin::Trim, "trim", "trim(t)", 1, "`text` without leading and trailing white space, inner runs of white space as one space"),
    row(Builtin::FilesWithReference, "files_with_reference", "files_with_reference(t)", 1, "`list<R>` where `R` is the schema's `root` record: the valid arrangement files checked in the same run whose `arrangement.reference` is `t`, in path order (see below)"),
    row(Builtin::Prefix, "prefix", "prefix(t, n)", 2, "`text`: the first `n` characters of `t` (all of `t` when it is shorter; none for `n <= 0`)"),
];

impl Builtin {
    /// Every built-in function, in the order of [`BUILTINS`].
    pub const ALL: [Builtin; 16] = {
        let mut all = [Builtin::Len; 16];
        let mut i = 0;
        while i < all.len() {
            all[i] = BUILTINS[i].builtin;
            i += 1;
        }
        all
    };

    /// Its row of [`BUILTINS`] (which is in variant order, as a test checks).
    pub fn row(self) -> &'static BuiltinDoc {
        &BUILTINS[self as usize]
    }

    /// The name it is called by.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// How many arguments it takes.
    pub fn arity(self) -> usize {
        self.row().arity
    }

    /// The built-in called `name`.
    pub fn from_name(name: &str) -> Option<Builtin> {
        BUILTINS.iter().find(|b| b.name == name).map(|b| b.builtin)
    }

    /// Its name, how it is called, and what it gives (as docs/language.md says), for editors.
    pub fn doc(self) -> (&'static str, &'static str, &'static str) {
        let r = self.row();
        (r.name, r.signature, r.doc)
    }
}

/// The rows of the built-in functions' table in docs/language.md, one per function.
pub fn markdown_table() -> String {
    let mut s = String::from("| function | result |\n| --- | --- |\n");
    for b in &BUILTINS {
        s.push_str(&format!("| `{}` | {} |\n", b.signature, b.doc));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_variant_order_and_its_signatures_match_name_and_arity() {
        for (i, b) in BUILTINS.iter().enumerate() {
            assert_eq!(b.builtin as usize, i, "{} is out of order", b.name);
            assert!(b.signature.starts_with(&format!("{}(", b.name)));
            assert_eq!(b.signature.matches(',').count() + 1, b.arity, "{}", b.name);
            assert_eq!(Builtin::from_name(b.name), Some(b.builtin));
        }
    }
}
