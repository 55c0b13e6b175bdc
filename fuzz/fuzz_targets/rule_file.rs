//! A rule file of arbitrary bytes, compiled with the arrangement schema: diagnostics, never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    psrlint_fuzz::compile_rule_file(data);
});
