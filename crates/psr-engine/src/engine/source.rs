//! An arrangement file to check, and the syntax it is written in.

use psr_source::Syntax;

/// An arrangement file to check.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path to show.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl SourceFile {
    /// The syntax its name says; an unknown name is guessed from the content.
    pub fn syntax(&self) -> Syntax {
        let lower = self.path.to_ascii_lowercase();
        if lower.ends_with(".json") {
            Syntax::Json
        } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Syntax::Yaml
        } else if lower.ends_with(".toml") {
            Syntax::Toml
        } else {
            guess_syntax(&self.bytes)
        }
    }
}

/// The syntax of a text without a telling name (standard input), from its first line that is
/// neither blank nor a comment: `{` opens JSON; `---`, `- item` or `key: value` is YAML; anything
/// else (`key = value`, `[table]`) is TOML.
fn guess_syntax(bytes: &[u8]) -> Syntax {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    let Some(line) = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
    else {
        return Syntax::Toml;
    };
    if line.starts_with('{') {
        return Syntax::Json;
    }
    if line.starts_with("---") || line.starts_with("- ") || line == "-" {
        return Syntax::Yaml;
    }
    // `key: value` or `key:`, with no `=` before the colon (TOML would have one).
    let yaml_key = line.split_once(':').is_some_and(|(key, rest)| {
        !key.is_empty()
            && !key.contains('=')
            && !key.starts_with('[')
            && (rest.is_empty() || rest.starts_with(' '))
    });
    if yaml_key {
        Syntax::Yaml
    } else {
        Syntax::Toml
    }
}

#[cfg(test)]
mod guess_tests {
    use super::{guess_syntax, Syntax};

    #[test]
    fn syntax_is_guessed_from_the_first_line_that_says() {
        assert_eq!(guess_syntax(b"# c\nformat: 1\n"), Syntax::Yaml);
        assert_eq!(guess_syntax(b"---\nformat: 1\n"), Syntax::Yaml);
        assert_eq!(guess_syntax(b"format = 1\n"), Syntax::Toml);
        assert_eq!(guess_syntax(b"title = \"a: b\"\n"), Syntax::Toml);
        assert_eq!(guess_syntax(b"[arrangement]\n"), Syntax::Toml);
        assert_eq!(guess_syntax(b"  {\"format\": 1}"), Syntax::Json);
        assert_eq!(guess_syntax(b""), Syntax::Toml);
    }
}
