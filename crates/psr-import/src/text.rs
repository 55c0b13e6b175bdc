//! The free text of a release: where it is (release `description`, tender and lot titles and
//! descriptions, award-criterion names), made plain (HTML line breaks and entities removed), and
//! cut into sentences that carry their place for provenance notes.

use serde_json::Value;

/// A piece of free text and where in the release it was found.
#[derive(Clone, Debug)]
pub struct Passage {
    /// JSON-pointer-like place: `description`, `tender.lots[0].description`.
    pub place: String,
    /// The plain text.
    pub text: String,
}

/// A sentence of a passage.
#[derive(Clone, Debug)]
pub struct Sentence<'a> {
    /// The passage's place.
    pub place: &'a str,
    /// The sentence.
    pub text: &'a str,
    /// The sentence in lower case.
    pub lower: String,
}

/// The text of a JSON string value, else nothing.
pub fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// The elements of an array value (none when it is not an array).
pub fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Every free-text passage of a release, most telling first.
pub fn passages(release: &Value) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut push = |place: String, s: Option<&str>| {
        if let Some(s) = s {
            out.push(Passage {
                place,
                text: plain(s),
            });
        }
    };
    push("description".into(), str_at(release, &["description"]));
    push("tender.title".into(), str_at(release, &["tender", "title"]));
    push(
        "tender.description".into(),
        str_at(release, &["tender", "description"]),
    );
    if let Some(tender) = release.get("tender") {
        for (i, lot) in items(tender, "lots").iter().enumerate() {
            push(format!("tender.lots[{i}].title"), str_at(lot, &["title"]));
            push(
                format!("tender.lots[{i}].description"),
                str_at(lot, &["description"]),
            );
            if let Some(criteria) = lot.get("awardCriteria") {
                for (j, c) in items(criteria, "criteria").iter().enumerate() {
                    push(
                        format!("tender.lots[{i}].awardCriteria.criteria[{j}].name"),
                        str_at(c, &["name"]),
                    );
                }
            }
        }
    }
    for key in ["awards", "contracts"] {
        for (i, a) in items(release, key).iter().enumerate() {
            push(format!("{key}[{i}].title"), str_at(a, &["title"]));
            push(
                format!("{key}[{i}].description"),
                str_at(a, &["description"]),
            );
        }
    }
    out
}

/// `s` without HTML tags, with the common entities decoded and line breaks as newlines.
pub fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            match rest.find('>') {
                Some(end) if end < 40 => {
                    out.push('\n');
                    rest = &rest[end + 1..];
                }
                _ => {
                    out.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            const ENTITIES: [(&str, &str); 7] = [
                ("&amp;", "&"),
                ("&lt;", "<"),
                ("&gt;", ">"),
                ("&quot;", "\""),
                ("&#39;", "'"),
                ("&apos;", "'"),
                ("&nbsp;", " "),
            ];
            match ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
                Some((e, r)) => {
                    out.push_str(r);
                    rest = &rest[e.len()..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// The sentences of the passages: split at line breaks and at a full stop, question or
/// exclamation mark followed by white space.
pub fn sentences(passages: &[Passage]) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    for p in passages {
        for line in p.text.split('\n') {
            let mut start = 0;
            let bytes = line.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                let ends = matches!(b, b'.' | b'?' | b'!')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace);
                if ends {
                    push_sentence(&mut out, &p.place, &line[start..=i]);
                    start = i + 1;
                }
            }
            push_sentence(&mut out, &p.place, &line[start..]);
        }
    }
    out
}

fn push_sentence<'a>(out: &mut Vec<Sentence<'a>>, place: &'a str, text: &'a str) {
    let text = text.trim();
    if !text.is_empty() {
        out.push(Sentence {
            place,
            text,
            lower: text.to_lowercase(),
        });
    }
}

/// `s` cut to at most `max` characters, on a character boundary, with "…" when cut.
pub fn excerpt(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_made_plain() {
        assert_eq!(
            plain("A &amp; B<br/><br/>C \u{3c}br/\u{3e}D & E < F"),
            "A & B\n\nC \nD & E < F"
        );
    }

    #[test]
    fn sentences_split_at_full_stops_and_breaks() {
        let p = vec![Passage {
            place: "description".into(),
            text: "One. Two 1.5 three.\nFour".into(),
        }];
        let s: Vec<&str> = sentences(&p).iter().map(|s| s.text).collect();
        assert_eq!(s, vec!["One.", "Two 1.5 three.", "Four"]);
    }

    #[test]
    fn excerpts_are_cut_on_characters() {
        assert_eq!(excerpt("£££££", 3), "£££…");
        assert_eq!(excerpt("a  b\nc", 10), "a b c");
    }
}
