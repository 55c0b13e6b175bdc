//! The facts a release holds in structured OCDS fields: the publication day in England, the
//! buyer and its ODS code, the provider and its address, values, contract periods and CPV codes.

use crate::text::{items, str_at};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde_json::Value;

/// The day in England of an RFC 3339 time ("2025-07-16T12:46:51+01:00", "…Z"), or of a plain
/// "YYYY-MM-DD". Notices are published on a UK day; a UTC time late in the evening in summer is
/// already the next day there.
pub fn uk_day(s: &str) -> Option<NaiveDate> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s.trim()) {
        let utc = t.naive_utc();
        let local = if in_bst(utc) {
            utc.checked_add_signed(Duration::hours(1)).unwrap_or(utc)
        } else {
            utc
        };
        return Some(local.date());
    }
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// British Summer Time: from 01:00 UTC on the last Sunday in March to 01:00 UTC on the last
/// Sunday in October.
fn in_bst(utc: NaiveDateTime) -> bool {
    let year = utc.year();
    let (Some(start), Some(end)) = (last_sunday(year, 3), last_sunday(year, 10)) else {
        return false;
    };
    let at_one = |d: NaiveDate| d.and_hms_opt(1, 0, 0);
    match (at_one(start), at_one(end)) {
        (Some(s), Some(e)) => utc >= s && utc < e,
        _ => false,
    }
}

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let mut d = NaiveDate::from_ymd_opt(year, month + 1, 1)?.pred_opt()?;
    while d.weekday() != Weekday::Sun {
        d = d.pred_opt()?;
    }
    Some(d)
}

/// A party by id.
fn party<'a>(release: &'a Value, id: &str) -> Option<&'a Value> {
    items(release, "parties")
        .iter()
        .find(|p| str_at(p, &["id"]) == Some(id))
}

fn has_role(p: &Value, role: &str) -> bool {
    items(p, "roles").iter().any(|r| r.as_str() == Some(role))
}

/// The buyer's name and the place it was read.
pub fn buyer(release: &Value) -> Option<(String, &'static str)> {
    if let Some(n) = str_at(release, &["buyer", "name"]) {
        return Some((n.to_string(), "buyer.name"));
    }
    items(release, "parties")
        .iter()
        .find(|p| has_role(p, "buyer"))
        .and_then(|p| str_at(p, &["name"]))
        .map(|n| (n.to_string(), "parties[].name (role buyer)"))
}

/// The buyer's ODS code, from a `GB-NHS` identifier.
pub fn buyer_ods(release: &Value) -> Option<(String, String)> {
    let buyer_id = str_at(release, &["buyer", "id"]);
    let parties = items(release, "parties");
    let candidates = parties
        .iter()
        .filter(|p| (buyer_id.is_some() && str_at(p, &["id"]) == buyer_id) || has_role(p, "buyer"));
    for p in candidates {
        let mut ids = vec![p.get("identifier")];
        ids.extend(items(p, "additionalIdentifiers").iter().map(Some));
        for ident in ids.into_iter().flatten() {
            if str_at(ident, &["scheme"]) == Some("GB-NHS") {
                if let Some(code) = str_at(ident, &["id"]) {
                    return Some((
                        code.to_string(),
                        format!("the buyer's GB-NHS identifier ({code})"),
                    ));
                }
            }
        }
    }
    buyer_id
        .and_then(|id| id.strip_prefix("GB-NHS-"))
        .filter(|c| !c.is_empty())
        .map(|c| {
            (
                c.to_string(),
                format!("buyer.id ({})", buyer_id.unwrap_or("")),
            )
        })
}

/// `authority.type` from the buyer's name.
pub fn authority_type(name: &str) -> &'static str {
    let l = name.to_lowercase();
    if l.contains("integrated care board") || l.ends_with(" icb") {
        "icb"
    } else if l.contains("nhs england") {
        "nhs-england"
    } else if l.contains("foundation trust") {
        "nhs-foundation-trust"
    } else if l.contains("nhs trust") || (l.contains("nhs") && l.contains("trust")) {
        "nhs-trust"
    } else if l.contains("combined authority") {
        "combined-authority"
    } else if ["council", "borough", "county of", "city of"]
        .iter()
        .any(|w| l.contains(w))
    {
        "local-authority"
    } else {
        "other"
    }
}

/// The first supplier of the first award: its name and, when the parties give one, its address.
pub fn supplier(release: &Value) -> Option<(String, Option<String>)> {
    let s = items(release, "awards")
        .iter()
        .flat_map(|a| items(a, "suppliers").iter())
        .find(|s| str_at(s, &["name"]).is_some())?;
    let name = str_at(s, &["name"])?.to_string();
    let address = str_at(s, &["id"])
        .and_then(|id| party(release, id))
        .or_else(|| {
            items(release, "parties")
                .iter()
                .find(|p| has_role(p, "supplier") && str_at(p, &["name"]) == Some(name.as_str()))
        })
        .and_then(|p| p.get("address"))
        .and_then(|a| {
            let parts: Vec<&str> = [
                "streetAddress",
                "locality",
                "region",
                "postalCode",
                "countryName",
            ]
            .iter()
            .filter_map(|k| str_at(a, &[k]))
            .collect();
            // A region or country alone is not an address of a registered office.
            let has_place =
                str_at(a, &["streetAddress"]).is_some() || str_at(a, &["postalCode"]).is_some();
            has_place.then(|| parts.join(", "))
        });
    Some((name, address))
}

/// A JSON number written as exact decimal text ("4501923.0" → "4501923").
fn amount_text(n: &serde_json::Number) -> String {
    let s = n.to_string();
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

/// A value stated in GBP: the first of contracts, awards and tender that is more than 0.01,
/// or (`None`, place) when the only amounts are 0.01, Find a Tender's stand-in for unknown.
pub fn value(release: &Value) -> Option<(Option<String>, String)> {
    let mut places: Vec<(String, &Value)> = Vec::new();
    for key in ["contracts", "awards"] {
        for (i, c) in items(release, key).iter().enumerate() {
            if let Some(v) = c.get("value") {
                places.push((format!("{key}[{i}].value.amount"), v));
            }
        }
    }
    if let Some(v) = release.get("tender").and_then(|t| t.get("value")) {
        places.push(("tender.value.amount".into(), v));
    }
    let mut placeholder = None;
    for (place, v) in places {
        let Some(n) = v.get("amount").and_then(Value::as_number) else {
            continue;
        };
        let currency = str_at(v, &["currency"]).unwrap_or("GBP");
        if currency != "GBP" {
            continue;
        }
        let Some(f) = n.as_f64() else { continue };
        if f > 0.01 {
            return Some((Some(amount_text(n)), place));
        }
        placeholder.get_or_insert(place);
    }
    placeholder.map(|p| (None, p))
}

/// The contract period: start and end days, from lots, awards or contracts.
pub fn period(release: &Value) -> Option<(NaiveDate, NaiveDate, String)> {
    let mut places: Vec<(String, &Value)> = Vec::new();
    if let Some(t) = release.get("tender") {
        for (i, l) in items(t, "lots").iter().enumerate() {
            if let Some(p) = l.get("contractPeriod") {
                places.push((format!("tender.lots[{i}].contractPeriod"), p));
            }
        }
    }
    for (i, a) in items(release, "awards").iter().enumerate() {
        if let Some(p) = a.get("contractPeriod") {
            places.push((format!("awards[{i}].contractPeriod"), p));
        }
    }
    for (i, c) in items(release, "contracts").iter().enumerate() {
        if let Some(p) = c.get("period") {
            places.push((format!("contracts[{i}].period"), p));
        }
    }
    places.into_iter().find_map(|(place, p)| {
        let start = str_at(p, &["startDate"]).and_then(uk_day)?;
        let end = str_at(p, &["endDate"]).and_then(uk_day)?;
        Some((start, end, place))
    })
}

/// The first contract's `dateSigned`, as a day in England, with the place it was read.
pub fn date_signed(release: &Value) -> Option<(NaiveDate, String)> {
    items(release, "contracts")
        .iter()
        .enumerate()
        .find_map(|(i, c)| {
            let s = str_at(c, &["dateSigned"])?;
            Some((uk_day(s)?, format!("contracts[{i}].dateSigned ({s})")))
        })
}

/// CPV codes: the tender's classification first, then the items'. A code of Schedule 1 is
/// written with its check digit as the Schedule prints it; any other as published.
pub fn cpv_codes(release: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |c: &Value| {
        if str_at(c, &["scheme"]).is_some_and(|s| s.eq_ignore_ascii_case("CPV")) {
            if let Some(id) = str_at(c, &["id"]) {
                let code = with_check_digit(id);
                if !out.contains(&code) {
                    out.push(code);
                }
            }
        }
    };
    if let Some(t) = release.get("tender") {
        if let Some(c) = t.get("classification") {
            push(c);
        }
        let lots_items = items(t, "lots")
            .iter()
            .flat_map(|l| items(l, "items").iter());
        for it in items(t, "items").iter().chain(lots_items) {
            if let Some(c) = it.get("classification") {
                push(c);
            }
            for c in items(it, "additionalClassifications") {
                push(c);
            }
        }
    }
    out
}

const SCHEDULE_1: &str = include_str!("../../../rules/psr2023/data/schedule1_cpv.csv");

fn with_check_digit(id: &str) -> String {
    let id = id.trim();
    if id.contains('-') || id.len() != 8 {
        return id.to_string();
    }
    SCHEDULE_1
        .lines()
        .filter_map(|l| l.split(',').next())
        .find(|c| c.len() == 10 && c.starts_with(id) && c.as_bytes().get(8) == Some(&b'-'))
        .map_or_else(|| id.to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn publication_days_are_days_in_england() {
        assert_eq!(uk_day("2025-07-16T12:46:51+01:00"), Some(d("2025-07-16")));
        assert_eq!(uk_day("2025-07-16T23:30:00Z"), Some(d("2025-07-17")));
        assert_eq!(uk_day("2025-12-16T23:30:00Z"), Some(d("2025-12-16")));
        assert_eq!(uk_day("2026-03-29T00:30:00Z"), Some(d("2026-03-29")));
        assert_eq!(uk_day("2026-03-29T23:30:00Z"), Some(d("2026-03-30")));
        assert_eq!(uk_day("2024-09-05"), Some(d("2024-09-05")));
        assert_eq!(uk_day("yesterday"), None);
    }

    #[test]
    fn schedule_1_codes_get_their_check_digit() {
        assert_eq!(with_check_digit("85100000"), "85100000-0");
        assert_eq!(with_check_digit("79000000"), "79000000");
        assert_eq!(with_check_digit("85323000-9"), "85323000-9");
    }

    #[test]
    fn authority_types_from_names() {
        assert_eq!(
            authority_type("NHS Nottingham and Nottinghamshire Integrated Care Board"),
            "icb"
        );
        assert_eq!(
            authority_type("Leeds Teaching Hospitals NHS Trust"),
            "nhs-trust"
        );
        assert_eq!(
            authority_type("Manchester University NHS Foundation Trust"),
            "nhs-foundation-trust"
        );
        assert_eq!(authority_type("Brent Council"), "local-authority");
        assert_eq!(authority_type("NHS England"), "nhs-england");
        assert_eq!(authority_type("Acme Ltd"), "other");
    }
}
