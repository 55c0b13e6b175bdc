//! A register of 72 generated arrangement files over three financial years and three authorities
//! (one known only by name): every reg 25(2) count of every authority and of the whole, in each
//! year, against counts this test works out itself from what it generated, not from the files.

use chrono::{Duration, NaiveDate};
use psr_report::model::Reg25;
use psr_report::{build, Options, Period};
use psr_testing::report::{d, entries};
use std::collections::{BTreeMap, BTreeSet};

/// One generated arrangement: the facts the test knows, and its file.
#[derive(Clone, Debug)]
struct Case {
    authority: usize,
    kind: &'static str,
    process: &'static str,
    decision: NaiveDate,
    entered: Option<NaiveDate>,
    effective: Option<NaiveDate>,
    abandoned: bool,
    provider: Option<String>,
    proposed: (NaiveDate, NaiveDate),
    existing: Option<(String, NaiveDate, NaiveDate)>,
    /// (intention published, representations in time, further decision)
    standstill: Option<(NaiveDate, usize, &'static str)>,
}

const AUTHORITIES: [(&str, Option<&str>); 3] = [
    (
        "NHS Coventry and Warwickshire Integrated Care Board",
        Some("QWU"),
    ),
    (
        "NHS North East and North Cumbria Integrated Care Board",
        Some("QHM"),
    ),
    ("Leeds City Council", None),
];

/// The providers, each written three ways that must match.
const PROVIDERS: [[&str; 3]; 6] = [
    ["Alpha Care Ltd", "ALPHA CARE LIMITED", "alpha-care"],
    ["Beacon Health", "Beacon Health Ltd.", "beacon  health"],
    [
        "Crown Clinics Limited",
        "Crown Clinics",
        "CROWN CLINICS LTD",
    ],
    ["Dale & Co Ltd", "Dale & Co", "dale co"],
    [
        "St Edmund's Hospice",
        "St Edmunds Hospice",
        "ST. EDMUND'S HOSPICE LTD",
    ],
    [
        "Fenwick Therapies",
        "Fenwick Therapies Limited",
        "fenwick-therapies",
    ],
];

const VARIANTS: [(&str, &str); 12] = [
    ("award", "direct-award-a"),
    ("award", "direct-award-b"),
    ("award", "direct-award-c"),
    ("award", "most-suitable-provider"),
    ("award", "competitive"),
    ("award", "urgent"),
    ("urgent-award", "urgent"),
    ("framework", "competitive"),
    ("framework-call-off", "none"),
    ("framework-call-off", "competitive"),
    ("urgent-modification", "urgent"),
    ("modification", "none"),
];

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for i in 0..72usize {
        let (kind, process) = VARIANTS[(i * 5 + i / 12) % VARIANTS.len()];
        let year = 2023 + (i / 24) as i32;
        // Between 1 May and early March: the standstill and the award stay in the same year.
        let base = NaiveDate::from_ymd_opt(year, 5, 1).expect("date")
            + Duration::days(((i * 37) % 280) as i64);
        let entered = (i % 7 != 3).then_some(base + Duration::days(30));
        let abandoned = i % 11 == 5 && kind == "award";
        let provider = (i % 13 != 4).then(|| PROVIDERS[(i * 7) % 6][i % 3].to_string());
        let existing = (i % 4 == 1).then(|| {
            let start = base - Duration::days(((i * 53) % 900) as i64 + 200);
            (
                PROVIDERS[(i * 3 + 1) % 6][(i + 1) % 3].to_string(),
                start,
                start + Duration::days(((i * 29) % 700) as i64 + 100),
            )
        });
        let standstill_process = matches!(
            process,
            "direct-award-c" | "most-suitable-provider" | "competitive"
        ) && kind == "award";
        let standstill = (standstill_process && i % 3 != 1).then(|| {
            let decisions = ["proceed", "repeat-steps", "abandon", "proceed"];
            (base, 1 + i % 3, decisions[i % 4])
        });
        let abandoned = abandoned || standstill.is_some_and(|s| s.2 == "abandon");
        out.push(Case {
            authority: i % 3,
            kind,
            process,
            decision: base,
            entered: if abandoned { None } else { entered },
            effective: (kind.ends_with("modification") && i % 5 != 2)
                .then_some(base + Duration::days(10)),
            abandoned,
            provider,
            proposed: (
                base + Duration::days(30),
                base + Duration::days(30 + 365 * (1 + i as i64 % 3)),
            ),
            existing,
            standstill,
        });
    }
    out
}

fn file(i: usize, c: &Case) -> String {
    let (name, ods) = AUTHORITIES[c.authority];
    // The second authority's code is written in lower case in every other file.
    let ods = match ods {
        Some(code) if c.authority == 1 && i % 2 == 0 => {
            format!("ods_code = \"{}\"\n", code.to_lowercase())
        }
        Some(code) => format!("ods_code = \"{code}\"\n"),
        None => String::new(),
    };
    let kind_type = if c.authority == 2 {
        "local-authority"
    } else {
        "icb"
    };
    let mut s = format!(
        "format = 1\n[arrangement]\nreference = \"GEN-{i:03}\"\ntitle = \"Generated arrangement {i}\"\nkind = \"{}\"\ndecision_date = {}\n\n[authority]\ntype = \"{kind_type}\"\nname = \"{name}\"\n{ods}\n[services]\ndescription = \"Community services\"\ncpv_codes = [\"85323000-9\"]\n\n[process]\ntype = \"{}\"\n",
        c.kind, c.decision, c.process
    );
    if let Some((p, start, end)) = &c.existing {
        s += &format!("\n[existing_contract]\nprovider = \"{p}\"\nstart = {start}\nend = {end}\n");
    }
    if let Some(p) = &c.provider {
        s += &format!(
            "\n[proposed_contract]\nprovider = \"{p}\"\nstart = {}\nend = {}\n",
            c.proposed.0, c.proposed.1
        );
    }
    if let Some((published, n, decision)) = c.standstill {
        s += &format!(
            "\n[[notices]]\ntype = \"intention-to-award\"\npublished = {published}\n\n[standstill]\nrepresentations = [{}]\nfurther_decision = \"{decision}\"\nfurther_decision_communicated = {}\n",
            (0..n)
                .map(|k| format!("{{ provider = \"Rival {k}\", received = {} }}", published + Duration::days(2)))
                .collect::<Vec<_>>()
                .join(", "),
            published + Duration::days(4)
        );
    }
    if c.abandoned && c.standstill.is_none() {
        s += &format!(
            "\n[abandonment]\ndecided = {}\n",
            c.decision + Duration::days(3)
        );
    }
    if let Some(e) = c.entered {
        s += &format!("\n[award]\ncontract_entered = {e}\n");
    }
    if let Some(e) = c.effective {
        s += &format!("\n[modification]\neffective = {e}\n");
    }
    s
}

/// The test's own provider matching: letters and digits only, lower case, without a trailing
/// "ltd" or "limited".
fn same(name: &str) -> String {
    let mut k: String = name
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    for suffix in ["ltd", "limited"] {
        if let Some(s) = k.strip_suffix(suffix) {
            k = s.to_string();
        }
    }
    k
}

fn held(cases: &[&Case], p: &Period) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in cases {
        if let Some((name, start, end)) = &c.existing {
            if *start <= p.to && *end >= p.from {
                out.insert(same(name));
            }
        }
        let awards = matches!(c.kind, "award" | "urgent-award" | "framework-call-off");
        if let (true, false, Some(_), Some(name)) = (awards, c.abandoned, c.entered, &c.provider) {
            if c.proposed.0 <= p.to && c.proposed.1 >= p.from {
                out.insert(same(name));
            }
        }
    }
    out
}

fn expected(cases: &[&Case], p: &Period) -> Reg25 {
    let mut r = Reg25::default();
    let mut awarded = BTreeSet::new();
    for c in cases {
        let urgent_mod = c.kind == "urgent-modification";
        let date = if urgent_mod { c.effective } else { c.entered };
        // Procurements decided before the PSR came into force are not made under it.
        if c.decision < d("2024-01-01") || c.abandoned || !date.is_some_and(|x| p.contains(x)) {
            continue;
        }
        let counter = match (c.kind, c.process) {
            ("award", "direct-award-a") => &mut r.direct_award_a,
            ("award", "direct-award-b") => &mut r.direct_award_b,
            ("award", "direct-award-c") => &mut r.direct_award_c,
            ("award", "most-suitable-provider") => &mut r.most_suitable_provider,
            ("award", "competitive") => &mut r.competitive,
            ("award", "urgent") | ("urgent-award", _) => &mut r.urgent_awards,
            ("framework", _) => &mut r.frameworks_concluded,
            ("framework-call-off", _) => &mut r.framework_call_offs,
            ("urgent-modification", _) => &mut r.urgent_modifications,
            _ => continue,
        };
        *counter += 1;
        if !matches!(c.kind, "framework" | "urgent-modification") {
            if let Some(name) = &c.provider {
                awarded.insert(same(name));
            }
        }
    }
    let before = held(cases, &p.previous());
    let now = held(cases, p);
    r.new_providers = awarded.difference(&before).count();
    r.providers_lost = before.difference(&now).count();
    for c in cases {
        if let Some((published, n, decision)) = c.standstill {
            // Every generated standstill ends within three weeks of its notice, in its year.
            if p.contains(published) && c.decision >= d("2024-01-01") {
                r.representations.received += n;
                r.representations.standstills += 1;
                let f = &mut r.representations.further_decisions;
                match decision {
                    "proceed" => f.proceed += 1,
                    "repeat-steps" => f.repeat_steps += 1,
                    _ => f.abandon += 1,
                }
            }
        }
    }
    r
}

/// The counts alone, for comparing (the summary is words).
fn counts(mut r: Reg25) -> Reg25 {
    r.representations.summary = String::new();
    r
}

#[test]
fn every_reg25_count_of_every_authority_matches_the_tests_own_count() {
    let cases = cases();
    let mut files: Vec<(String, String)> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("register/{i:03}.arrangement.toml"), file(i, c)))
        .collect();
    files.push((
        "register/zz-broken.arrangement.toml".into(),
        "format = 1\n[arrangement\n".into(),
    ));
    let entries = entries(&files);
    for e in &entries {
        if e.report.path.contains("broken") {
            continue;
        }
        let bad: Vec<_> = e
            .report
            .findings
            .iter()
            .filter(|f| f.code.starts_with("ARR"))
            .collect();
        assert!(
            bad.is_empty(),
            "{} is not a valid arrangement: {bad:#?}",
            e.report.path
        );
    }
    let mut seen = BTreeMap::new();
    let mut exercised: BTreeMap<usize, usize> = BTreeMap::new();
    for year in ["2023-24", "2024-25", "2025-26"] {
        let period = Period::financial_year(year).expect("a year");
        let report = build(
            &entries,
            &Options {
                period,
                authority: None,
            },
        )
        .expect("a report");
        assert_eq!(
            report.totals.reg26.unreadable_files.len(),
            1,
            "the broken file is listed"
        );
        assert_eq!(
            report.totals.reg26.unreadable_files[0].path,
            "register/zz-broken.arrangement.toml"
        );
        for (a, (name, ods)) in AUTHORITIES.iter().enumerate() {
            let mine: Vec<&Case> = cases.iter().filter(|c| c.authority == a).collect();
            let want = expected(&mine, &period);
            let got = report
                .authorities
                .iter()
                .find(|r| r.name == *name)
                .unwrap_or_else(|| panic!("{name} in {year}"));
            assert_eq!(got.ods_code.as_deref(), *ods);
            assert_eq!(counts(got.reg25.clone()), counts(want), "{name}, {year}");
            *seen.entry(a).or_insert(0) += got.listed.counted.len();
            let r = &got.reg25;
            for (i, n) in [
                r.direct_award_a,
                r.direct_award_b,
                r.direct_award_c,
                r.most_suitable_provider,
                r.competitive,
                r.frameworks_concluded,
                r.framework_call_offs,
                r.urgent_awards,
                r.urgent_modifications,
                r.new_providers,
                r.providers_lost,
                r.representations.received,
                r.representations.further_decisions.repeat_steps,
                r.representations.further_decisions.abandon,
            ]
            .into_iter()
            .enumerate()
            {
                *exercised.entry(i).or_insert(0) += n;
            }
            // --authority selects the same numbers.
            if let Some(code) = ods {
                let one = build(
                    &entries,
                    &Options {
                        period,
                        authority: Some(code.to_lowercase()),
                    },
                )
                .expect("a report for one authority");
                assert_eq!(one.authorities.len(), 1);
                assert_eq!(
                    counts(one.authorities[0].reg25.clone()),
                    counts(got.reg25.clone())
                );
            }
        }
        let all: Vec<&Case> = cases.iter().collect();
        assert_eq!(
            counts(report.totals.reg25.clone()),
            counts(expected(&all, &period)),
            "totals, {year}"
        );
    }
    // The register exercises every count somewhere.
    assert!(seen.values().all(|n| *n > 5), "{seen:?}");
    assert!(
        exercised.values().all(|n| *n > 0),
        "a count is never above zero: {exercised:?}"
    );
}

#[test]
fn a_standstill_ending_after_31_march_counts_in_the_next_year() {
    // Intention notice Tuesday 25 March 2025: the standstill begins on the 26th and its 8th
    // working day is Monday 7 April (27, 28, 31 March, 1, 2, 3, 4, 7 April); the further decision,
    // communicated on 28 March, adds 5 working days to 4 April, which is earlier.
    let text = "format = 1\n[arrangement]\nreference = \"EDGE-1\"\ntitle = \"Edge\"\nkind = \"award\"\ndecision_date = 2025-03-20\n[authority]\ntype = \"icb\"\nname = \"NHS Coventry and Warwickshire Integrated Care Board\"\nods_code = \"QWU\"\n[services]\ndescription = \"x\"\ncpv_codes = [\"85323000-9\"]\n[process]\ntype = \"direct-award-c\"\n[[notices]]\ntype = \"intention-to-award\"\npublished = 2025-03-25\n[standstill]\nrepresentations = [{ provider = \"Rival\", received = 2025-03-27 }, { provider = \"Late\", received = 2025-04-08 }]\nfurther_decision = \"proceed\"\nfurther_decision_communicated = 2025-03-28\n";
    let entries = entries(&[("edge.arrangement.toml".into(), text.into())]);
    let year = |y: &str| {
        build(
            &entries,
            &Options {
                period: Period::financial_year(y).expect("year"),
                authority: None,
            },
        )
        .expect("report")
    };
    assert_eq!(year("2024-25").totals.reg25.representations.received, 0);
    let next = year("2025-26");
    assert_eq!(
        next.totals.reg25.representations.received, 1,
        "the late one is not counted"
    );
    let s = &next.authorities[0].listed.standstills[0];
    assert_eq!((s.ended, s.late), (d("2025-04-07"), 1));
    // Proposed (no contract entered): listed, not counted, in each year from its decision on.
    assert_eq!(next.authorities[0].listed.proposed.len(), 1);
    assert_eq!(year("2024-25").authorities[0].listed.proposed.len(), 1);
    assert!(
        year("2023-24").authorities.is_empty(),
        "nothing decided by then"
    );
}

#[test]
fn an_unknown_authority_code_is_an_error() {
    let entries = entries(&[]);
    let period = Period::financial_year("2024-25").expect("year");
    let e = build(
        &entries,
        &Options {
            period,
            authority: Some("QXX".into()),
        },
    )
    .expect_err("unknown");
    assert!(e.to_string().contains("QXX"), "{e}");
}
