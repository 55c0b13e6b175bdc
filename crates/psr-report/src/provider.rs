//! Matching provider names as reg 25(2)(g) and (h) need: ignoring case, punctuation, spacing and
//! the words "Ltd" and "Limited", so that "Psychiatry-UK Ltd." and "psychiatry uk limited" are one
//! provider.

/// The key two spellings of one provider's name share.
pub fn key(name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty() && w != "ltd" && w != "limited")
        .collect();
    if words.is_empty() {
        // A name that is only punctuation or "Ltd" is still a name: it matches itself.
        return name.trim().to_lowercase();
    }
    words.concat()
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn spellings_of_one_provider_match() {
        let k = key("Psychiatry UK Ltd");
        for other in [
            "Psychiatry UK Limited",
            "psychiatry uk",
            "PSYCHIATRY-UK LTD.",
            "Psychiatry  U.K.",
        ] {
            assert_eq!(key(other), k, "{other}");
        }
        assert_eq!(key("St John's Hospice"), key("St Johns Hospice"));
        assert_ne!(key("Psychiatry UK Ltd"), key("Psychiatry UK Services Ltd"));
        assert_ne!(key("Ltd"), key("Limited"));
    }
}
