//! The shipped packs in `rules/` compile without errors or warnings.

use psr_lang::{compile, DirPack, PackReader};
use std::path::Path;

#[test]
fn shipped_packs_compile_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let dirs = psr_lang::loader::pack_dirs(&[root]).expect("rules/ holds packs");
    let packs: Vec<DirPack> = dirs.iter().map(DirPack::new).collect();
    let readers: Vec<&dyn PackReader> = packs.iter().map(|p| p as &dyn PackReader).collect();
    match compile(&readers) {
        Ok(c) => {
            let warnings: Vec<String> = c
                .warnings
                .iter()
                .map(|w| format!("{}: {}", w.kind.code(), w.message))
                .collect();
            assert!(warnings.is_empty(), "warnings: {warnings:#?}");
            assert!(!c.program.rules.is_empty());
        }
        Err(errors) => {
            let text: Vec<String> = errors
                .iter()
                .map(|e| {
                    format!(
                        "{} {} {:?}: {}",
                        e.kind.code(),
                        e.file_name().unwrap_or("?"),
                        e.span,
                        e.message
                    )
                })
                .collect();
            panic!("the shipped packs do not compile:\n{}", text.join("\n"));
        }
    }
}
