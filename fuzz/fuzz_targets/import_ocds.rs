//! The OCDS importer on arbitrary bytes: a list of arrangements and findings, never a panic;
//! every arrangement it reads can be written in each syntax.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let import = psr_import::read("fuzz.json", data);
    for a in &import.arrangements {
        for syntax in [psr_import::Syntax::Toml, psr_import::Syntax::Json, psr_import::Syntax::Yaml] {
            let _ = psr_import::write(a, syntax);
        }
    }
});
