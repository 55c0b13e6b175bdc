//! "Did you mean" suggestions: the one helper every part of psrlint uses for names (keys, enum
//! values, functions, definitions).

/// The candidate closest to `name`, when one is close enough to be a likely typo (Jaro-Winkler
/// similarity above 0.8; ties go to the first in alphabetical order).
///
/// A candidate more than ten times shorter or longer than `name` (in characters) is not
/// compared: its Jaro similarity is below (2 + 1/10) / 3 = 0.7, so it gets no Winkler prefix
/// bonus and cannot pass the 0.8 threshold. Skipping it gives the same answer without comparing a
/// long value (a 10 MB string) with every allowed name, which took minutes over many findings.
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let len = name.chars().count();
    candidates
        .iter()
        .filter(|c| {
            let other = c.chars().count();
            len.max(other) <= 10 * len.min(other)
        })
        .map(|c| (strsim::jaro_winkler(name, c), *c))
        .filter(|(score, c)| *score > 0.8 && *c != name)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// "did you mean `x`?" for the candidate closest to `name`, if one is close.
pub fn did_you_mean(name: &str, candidates: &[&str]) -> Option<String> {
    closest(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_its_name_and_a_stranger_finds_none() {
        let names = ["process", "services", "authority"];
        assert_eq!(closest("proces", &names), Some("process"));
        assert_eq!(closest("zzz", &names), None);
        assert_eq!(closest("process", &names), None);
        assert_eq!(
            did_you_mean("servics", &names).as_deref(),
            Some("did you mean `services`?")
        );
    }
}

#[cfg(test)]
mod length_bound_tests {
    use super::*;

    #[test]
    fn names_over_ten_times_longer_or_shorter_are_never_close() {
        // The bound the filter relies on: sharing a whole prefix is not enough.
        for (name, other) in [
            (
                format!("contract-award{}", "x".repeat(127)),
                "contract-award",
            ),
            ("c".to_owned(), "contract-aw"),
            ("co".to_owned(), "contract-award-notice"),
        ] {
            let score = strsim::jaro_winkler(&name, other);
            assert!(score <= 0.8, "{name}: {score}");
            assert_eq!(closest(&name, &[other]), None);
        }
        // Just inside the bound, a shared prefix still makes a suggestion.
        let near = format!("contract-award{}", "x".repeat(2));
        assert_eq!(closest(&near, &["contract-award"]), Some("contract-award"));
    }
}
