//! A pack whose rule files are read and parsed once, for a caller that compiles the same pack
//! many times beside others that change: a fuzzer compiling each input with the arrangement
//! schema, an editor recompiling on each keystroke.

use crate::ast;
use crate::loader::PackReader;
use std::io;

/// `R`'s files, read once; its rule files that parse, kept parsed. [`compile`](crate::compile)
/// uses the parsed files instead of parsing them again, and reads every file from the copy made
/// here, so that a change on disk after [`ParsedPack::new`] is never half seen.
#[derive(Debug)]
pub struct ParsedPack<R> {
    inner: R,
    rule_files: io::Result<Vec<String>>,
    /// Each rule file read: its bytes, and its syntax tree when it is UTF-8 and parses.
    files: Vec<(String, io::Result<Vec<u8>>, Option<ast::File>)>,
}

impl<R: PackReader> ParsedPack<R> {
    /// Reads and parses `inner`'s rule files.
    pub fn new(inner: R) -> Self {
        let rule_files = inner.rule_files();
        let files = rule_files
            .as_deref()
            .unwrap_or_default()
            .iter()
            .map(|name| {
                let bytes = inner.read(name);
                let parsed = bytes
                    .as_ref()
                    .ok()
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .and_then(|text| crate::syntax::parse_file(text).ok());
                (name.clone(), bytes, parsed)
            })
            .collect();
        ParsedPack {
            inner,
            rule_files,
            files,
        }
    }
}

/// The same error again (an `io::Error` cannot be cloned).
fn again(e: &io::Error) -> io::Error {
    io::Error::new(e.kind(), e.to_string())
}

impl<R: PackReader> PackReader for ParsedPack<R> {
    fn display_root(&self) -> String {
        self.inner.display_root()
    }

    fn rule_files(&self) -> io::Result<Vec<String>> {
        match &self.rule_files {
            Ok(names) => Ok(names.clone()),
            Err(e) => Err(again(e)),
        }
    }

    fn read(&self, relative: &str) -> io::Result<Vec<u8>> {
        match self.files.iter().find(|(name, _, _)| name == relative) {
            Some((_, Ok(bytes), _)) => Ok(bytes.clone()),
            Some((_, Err(e), _)) => Err(again(e)),
            None => self.inner.read(relative),
        }
    }

    fn parsed(&self, relative: &str) -> Option<ast::File> {
        self.files
            .iter()
            .find(|(name, _, _)| name == relative)
            .and_then(|(_, _, parsed)| parsed.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compile, DirPack, MemoryPack};

    fn arrangement() -> DirPack {
        DirPack::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../rules/arrangement"
        ))
    }

    fn rules(text: &'static str) -> MemoryPack {
        MemoryPack::new(
            "rules",
            vec![
                (
                    "pack.psrl".into(),
                    b"pack rules { version: \"1.0.0\" uses: arrangement }".as_slice(),
                ),
                ("r.psrl".into(), text.as_bytes()),
            ],
        )
    }

    #[test]
    fn a_parsed_pack_compiles_to_the_same_program() {
        let parsed = ParsedPack::new(arrangement());
        assert!(parsed.parsed("schema.psrl").is_some());
        let plain = compile(&[&arrangement() as &dyn PackReader]).expect("the arrangement pack");
        for _ in 0..2 {
            let again = compile(&[&parsed as &dyn PackReader]).expect("the arrangement pack");
            assert_eq!(
                format!("{:?}", again.program),
                format!("{:?}", plain.program)
            );
        }
    }

    #[test]
    fn a_file_that_does_not_parse_is_reported_as_without_it() {
        let bad = "rule X001 broken {";
        let direct = compile(&[&arrangement() as &dyn PackReader, &rules(bad)]).err();
        let parsed = ParsedPack::new(rules(bad));
        assert!(parsed.parsed("r.psrl").is_none());
        let through = compile(&[&ParsedPack::new(arrangement()) as &dyn PackReader, &parsed]).err();
        let codes = |e: Option<Vec<crate::LangError>>| {
            e.unwrap_or_default()
                .iter()
                .map(|x| (x.kind.code(), x.span, x.message.clone()))
                .collect::<Vec<_>>()
        };
        let direct = codes(direct);
        assert!(!direct.is_empty());
        assert_eq!(codes(through), direct);
    }
}
