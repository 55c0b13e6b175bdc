//! `docs/codes.md`, written from the code table: a test compares the committed page with
//! [`codes_page`], so that the page and `psrlint explain` never disagree.

use crate::{Family, CODES};
use std::fmt::Write;

/// The text of `docs/codes.md`.
pub fn codes_page() -> String {
    let mut s = String::from(
        "# psrlint's own codes\n\n\
         <!-- Written from crates/psr-diagnostics/src/codes.rs: edit the table there, then run\n     \
         `PSRLINT_BLESS=1 cargo test -p psr-diagnostics` to rewrite this page. -->\n\n\
         Rule findings carry their rule's code (`PSR…`, `COM…`, `JWA…`; `psrlint rules` lists them and\n\
         `psrlint explain CODE` explains one). The codes here are psrlint's own (`psrlint rules --own`\n\
         lists them). SARIF rule descriptors and the language server link here for them (`helpUri`,\n\
         `codeDescription.href`); `psrlint explain CODE` prints the same text.\n",
    );
    for family in Family::OWN {
        let _ = write!(
            s,
            "\n## {} (`{}…`)\n\n{}\n",
            family.title(),
            family.prefix(),
            family.about()
        );
        for c in CODES.iter().filter(|c| c.family == family) {
            let _ = write!(
                s,
                "\n### {}\n\n`{}`, {}. {}\n",
                c.id,
                c.name,
                c.severity.as_str(),
                c.explanation
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_codes_md_is_written_from_the_table() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/codes.md");
        let want = codes_page();
        if std::env::var_os("PSRLINT_BLESS").is_some() {
            std::fs::write(&path, &want).expect("docs/codes.md is writable");
        }
        let have = std::fs::read_to_string(&path).expect("docs/codes.md exists");
        assert!(
            have == want,
            "docs/codes.md differs from the code table: run `PSRLINT_BLESS=1 cargo test -p psr-diagnostics`"
        );
    }
}
