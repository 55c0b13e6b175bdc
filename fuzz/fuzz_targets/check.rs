//! An arrangement file of arbitrary bytes, checked by every shipped rule: findings, never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    psrlint_fuzz::check(data);
});
