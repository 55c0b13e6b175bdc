//! Reading speed: 10,000 files of about 4 KB should load far under a second on 2 cores.
//!
//! Run with `cargo test --release -p psr-source --test throughput -- --ignored --nocapture`.
//! Measured on the 2-core workplace machine, one core, 10,000 files: TOML about 1.0 s, JSON about
//! 0.7 s, YAML about 2.1 s, of which the parsers themselves take about 0.9 s, 0.3 s and 1.4 s.
//! The bound below guards against regressions; it is the 2-core budget only for TOML and JSON.

use std::time::{Duration, Instant};

use psr_source::{decode, parse, Limits, Syntax};

/// The fixture repeated under numbered keys until it is about 4 KB.
fn four_kb(syntax: Syntax) -> String {
    let one = match syntax {
        Syntax::Toml => include_str!("fixtures/adhd.arrangement.toml"),
        Syntax::Json => include_str!("fixtures/adhd.arrangement.json"),
        Syntax::Yaml => include_str!("fixtures/adhd.arrangement.yaml"),
    };
    let mut text = String::new();
    for i in 0.. {
        if text.len() >= 4_000 {
            break;
        }
        match syntax {
            // Every table header gets the prefix `c{i}.`.
            Syntax::Toml => text.push_str(
                &one.replace("\n[[", "\u{1}")
                    .replace("\n[", &format!("\n[c{i}."))
                    .replace('\u{1}', &format!("\n[[c{i}."))
                    .replace("format", &format!("format{i}")),
            ),
            Syntax::Json => text.push_str(&format!(
                "{}\"c{i}\": {one}",
                if i == 0 { "{" } else { "," }
            )),
            Syntax::Yaml => text.push_str(&format!(
                "c{i}:\n{}",
                one.lines().map(|l| format!("  {l}\n")).collect::<String>()
            )),
        }
    }
    if syntax == Syntax::Json {
        text.push('}');
    }
    text
}

#[test]
#[ignore = "a timing check: run in release"]
fn ten_thousand_four_kb_files_per_syntax() {
    for syntax in [Syntax::Toml, Syntax::Json, Syntax::Yaml] {
        let text = four_kb(syntax);
        parse(syntax, &text, &Limits::default()).unwrap_or_else(|e| panic!("{syntax:?}: {e:?}"));
        let start = Instant::now();
        let mut nodes = 0usize;
        for _ in 0..10_000 {
            let text = decode(text.as_bytes()).unwrap_or_default();
            nodes += usize::from(parse(syntax, text, &Limits::default()).is_ok());
        }
        let took = start.elapsed();
        println!(
            "{syntax:?}: 10,000 x {} bytes in {took:?} on one core",
            text.len()
        );
        assert_eq!(nodes, 10_000);
        assert!(took < Duration::from_secs(3), "{syntax:?} took {took:?}");
    }
}
