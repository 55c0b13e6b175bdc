//! The reg 26 monitoring results of one group of arrangements: the findings of the same run, by
//! provision, with waivers (reason, approver, expiry), expired waivers, and how each
//! non-compliance is to be addressed (pre-filled from a waiver's reason).

use crate::model::{FindingOut, ProvisionCount, Reg26, WaiverOut};
use psr_engine::{FileReport, Finding, Severity};
use std::collections::BTreeMap;

/// The code of the expired-waiver finding.
const EXPIRED_WAIVER: &str = "WVR001";

/// What is left for the authority to write where no waiver says how a finding is addressed.
pub const TO_COMPLETE: &str = "To be completed by the authority: how this will be addressed.";

/// The provision a finding is counted under, and its URL.
pub fn provision(f: &Finding) -> (String, Option<String>) {
    match &f.citation {
        Some(c) => (
            format!("{} {}", c.instrument, c.provision),
            Some(c.url.clone()),
        ),
        None => (format!("psrlint {} ({})", f.code, f.name), None),
    }
}

/// The monitoring results of `files`.
pub fn monitor(files: &[&FileReport]) -> Reg26 {
    let mut r = Reg26 {
        arrangements: files.len(),
        ..Reg26::default()
    };
    let mut by: BTreeMap<String, ProvisionCount> = BTreeMap::new();
    for file in files {
        let mut clean = true;
        for f in &file.findings {
            if f.severity == Severity::Info && f.waived.is_none() {
                r.infos += 1;
                continue;
            }
            let (prov, url) = provision(f);
            let entry = by.entry(prov.clone()).or_insert_with(|| ProvisionCount {
                provision: prov.clone(),
                url: url.clone(),
                errors: 0,
                warnings: 0,
                waived: 0,
            });
            if f.code == EXPIRED_WAIVER {
                r.expired_waivers += 1;
            }
            if f.waived.is_some() {
                r.waived += 1;
                entry.waived += 1;
            } else {
                match f.severity {
                    Severity::Error => {
                        r.errors += 1;
                        entry.errors += 1;
                        clean = false;
                    }
                    Severity::Warning => {
                        r.warnings += 1;
                        entry.warnings += 1;
                        clean = false;
                    }
                    Severity::Info => {}
                }
            }
            let waiver = f.waived.as_ref().map(|w| WaiverOut {
                reason: w.reason.clone(),
                approved_by: w.approved_by.clone(),
                expires: w.expires,
            });
            let addressed = match &waiver {
                Some(w) => format!("Accepted by {}: {}", w.approved_by, w.reason),
                None => TO_COMPLETE.to_string(),
            };
            r.findings.push(FindingOut {
                path: file.path.clone(),
                line: f.span.map(|s| file.line_col(s.start).line),
                code: f.code.clone(),
                severity: f.severity.as_str().to_string(),
                provision: prov,
                url,
                message: f.message.clone(),
                help: f.help.clone(),
                waiver,
                addressed,
            });
        }
        r.compliant += usize::from(clean);
    }
    r.by_provision = by.into_values().collect();
    r.by_provision
        .sort_by_cached_key(|p| natural_key(&p.provision));
    r
}

/// A sort key that orders the numbers in a text by value: `reg 2` before `reg 10`.
fn natural_key(text: &str) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            out.push_str(&format!("{digits:0>8}"));
            digits.clear();
        }
        if c != '\0' {
            out.push(c);
        }
    }
    out
}
