//! The JSON loader on arbitrary bytes: a tree or a syntax error, never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    psrlint_fuzz::load(psr_source::Syntax::Json, data);
});
