//! "Did you mean" suggestions.

/// The candidate closest to `name`, when one is close enough to be a likely typo.
///
/// A candidate more than ten times shorter or longer than `name` (in characters) is not
/// compared: its Jaro similarity is below (2 + 1/10) / 3 = 0.7, so it gets no Winkler prefix
/// bonus and cannot pass the 0.8 threshold. Skipping it gives the same answer without comparing a long
/// value (a 10 MB string) with every allowed name, which took minutes over many findings.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_gets_the_nearest_name() {
        let names = ["contract-award", "contract-notice", "intention-to-award"];
        assert_eq!(closest("contract-awrd", &names), Some("contract-award"));
        assert_eq!(closest("", &names), None);
    }

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
