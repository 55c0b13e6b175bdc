//! "Did you mean" suggestions: the one helper every part of psrlint uses for names (keys, enum
//! values, functions, definitions).

/// The candidate closest to `name`, when one is close enough to be a likely typo (Jaro-Winkler
/// similarity above 0.8; ties go to the first in alphabetical order).
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
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
