//! Table indexes change speed, never results: every rule test and every example gives the same
//! findings, messages and traces with indexes as with plain scans.

use psr_engine::{CheckOptions, Engine, SourceFile};
use psr_lang::{compile, DirPack, PackReader};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.to_string_lossy().contains(".arrangement.") {
            out.push(p);
        }
    }
}

#[test]
fn indexed_lookups_give_exactly_what_scans_give() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let packs: Vec<DirPack> = ["arrangement", "psr2023", "commissioning"]
        .iter()
        .map(|p| DirPack::new(root.join("rules").join(p)))
        .collect();
    let readers: Vec<&dyn PackReader> = packs.iter().map(|p| p as &dyn PackReader).collect();
    let program = Arc::new(
        compile(&readers)
            .map_err(|e| e.len())
            .expect("the shipped packs compile")
            .program,
    );
    let indexed = Engine::new(Arc::clone(&program));
    let scanning = Engine::new(program).scanning_only();
    let mut paths = Vec::new();
    files(&root.join("rules"), &mut paths);
    files(&root.join("examples"), &mut paths);
    paths.sort();
    assert!(paths.len() > 250, "found only {} files", paths.len());
    let options = CheckOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date"));
    for p in paths {
        let bytes = std::fs::read(&p).expect("readable");
        let file = SourceFile {
            path: p.display().to_string(),
            bytes,
        };
        let a = indexed.check(&file, &options);
        let b = scanning.check(&file, &options);
        assert_eq!(a.findings, b.findings, "{}", p.display());
    }
}
