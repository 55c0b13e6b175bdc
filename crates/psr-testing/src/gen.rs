//! Property-test generators of rule-language expressions, over the names a test's schema offers
//! ([`Vocabulary`]): any grammatical expression, mostly ill-typed ([`expression`]), and
//! well-typed money, date and boolean expressions ([`money`], [`date`], [`boolean`]). The
//! functions called are the language's own built-ins ([`psr_lang::Builtin::ALL`]), so that the
//! generators follow the language as it grows.

use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;

/// The names and literals of one schema that expressions are made of.
#[derive(Clone, Debug)]
pub struct Vocabulary {
    /// Leaves of untyped expressions: paths, literals, undeclared names.
    pub leaves: Vec<&'static str>,
    /// Names called besides the built-ins (the schema's `def`s, or an unknown name).
    pub calls: Vec<&'static str>,
    /// A list of records to quantify over (`notices`).
    pub list: &'static str,
    /// Money expressions of the schema.
    pub money: Vec<&'static str>,
    /// Date expressions of the schema.
    pub dates: Vec<&'static str>,
    /// Boolean expressions of the schema.
    pub booleans: Vec<&'static str>,
    /// How deep typed expressions nest (about; 2 or 3 keep a case fast).
    pub depth: u32,
}

/// Any grammatical expression over `v`: operators, quantifiers, conditionals, lists, presence
/// tests, field access and calls, with parentheses where precedence needs them; mostly ill-typed.
pub fn expression(v: &Vocabulary) -> BoxedStrategy<String> {
    let leaf = prop::sample::select(v.leaves.clone()).prop_map(String::from);
    let mut calls: Vec<&'static str> = psr_lang::Builtin::ALL.iter().map(|b| b.name()).collect();
    calls.extend(v.calls.iter().copied());
    let list = v.list;
    leaf.prop_recursive(5, 48, 4, move |inner| {
        let op = prop::sample::select(vec![
            "and", "or", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "??", "+", "-", "*", "/",
        ]);
        let quant = prop::sample::select(vec!["any", "all", "count", "first", "sum", "select"]);
        prop_oneof![
            (inner.clone(), op, inner.clone()).prop_map(|(a, o, b)| format!("({a} {o} {b})")),
            inner.clone().prop_map(|a| format!("not ({a})")),
            inner.clone().prop_map(|a| format!("-({a})")),
            inner.clone().prop_map(|a| format!("{a} is present")),
            inner.clone().prop_map(|a| format!("({a}).type")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(c, a, b)| format!("(if {c} then {a} else {b})")),
            (quant, inner.clone(), inner.clone())
                .prop_map(move |(q, c, e)| format!("({q} n in {list} where {c} of {e})")),
            (
                prop::sample::select(calls.clone()),
                prop::collection::vec(inner.clone(), 0..3)
            )
                .prop_map(|(f, args)| format!("{f}({})", args.join(", "))),
            prop::collection::vec(inner, 0..3).prop_map(|xs| format!("[{}]", xs.join(", "))),
        ]
    })
    .boxed()
}

/// Well-typed money expressions over `v`'s money.
pub fn money(v: &Vocabulary) -> BoxedStrategy<String> {
    prop::sample::select(v.money.clone())
        .prop_map(String::from)
        .prop_recursive(v.depth, 4 * v.depth + 4, 2, |m| {
            prop_oneof![
                (m.clone(), prop::sample::select(vec!["+", "-"]), m.clone())
                    .prop_map(|(a, o, b)| format!("({a} {o} {b})")),
                m.clone().prop_map(|a| format!("({a} * 25%)")),
                m.clone().prop_map(|a| format!("({a} * 3)")),
                m.clone().prop_map(|a| format!("({a} / 3)")),
                (m.clone(), m).prop_map(|(a, b)| format!("max({a}, {b})")),
            ]
        })
        .boxed()
}

/// Well-typed date expressions over `v`'s dates, reaching far past any calendar.
pub fn date(v: &Vocabulary) -> BoxedStrategy<String> {
    prop::sample::select(v.dates.clone())
        .prop_map(String::from)
        .prop_recursive(2, 8, 1, |d| {
            prop_oneof![
                d.clone().prop_map(|a| format!("({a} + 30 days)")),
                d.clone().prop_map(|a| format!("({a} - 8 working days)")),
                d.clone().prop_map(|a| format!("({a} + 3000000 days)")),
                d.prop_map(|a| format!("({a} + 400 working days)")),
            ]
        })
        .boxed()
}

/// Well-typed boolean expressions over `v`: its booleans, comparisons of its money and dates,
/// the date and percentage built-ins, and quantifiers over its list.
pub fn boolean(v: &Vocabulary) -> BoxedStrategy<String> {
    let (m, d) = (money(v), date(v));
    let list = v.list;
    let leaf = prop_oneof![
        prop::sample::select(v.booleans.clone()).prop_map(String::from),
        (
            m.clone(),
            prop::sample::select(vec!["<", ">=", "=="]),
            m.clone()
        )
            .prop_map(|(a, o, b)| format!("{a} {o} {b}")),
        (
            d.clone(),
            prop::sample::select(vec!["<", ">=", "!="]),
            d.clone()
        )
            .prop_map(|(a, o, b)| format!("{a} {o} {b}")),
        d.clone().prop_map(|x| format!("is_working_day({x})")),
        (d.clone(), d.clone())
            .prop_map(|(a, b)| format!("working_days_between({a}, {b}) > 8 working days")),
        (d.clone(), d.clone()).prop_map(|(a, b)| format!("{a} - {b} > 30 days")),
        (m.clone(), m.clone()).prop_map(|(a, b)| format!("percent_of({a}, {b}) >= 25%")),
        (m.clone(), m).prop_map(|(a, b)| format!("{a} / {b} < 50%")),
        d.prop_map(|x| format!("add_years({x}, 9999) > add_months({x}, -120000)")),
    ];
    leaf.prop_recursive(v.depth, 4 * v.depth + 4, 2, move |b| {
        prop_oneof![
            (
                b.clone(),
                prop::sample::select(vec!["and", "or"]),
                b.clone()
            )
                .prop_map(|(x, o, y)| format!("({x} {o} {y})")),
            b.clone().prop_map(|x| format!("not ({x})")),
            b.clone()
                .prop_map(move |x| format!("(all n in {list} where {x})")),
            (b.clone(), b.clone(), b).prop_map(|(c, x, y)| format!("(if {c} then {x} else {y})")),
        ]
    })
    .boxed()
}

/// `PROPTEST_CASES` when set (for a long run), else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}
