#![no_main]
//! Fuzz target: `loa::fuzz_targets::word_document` must neither panic nor hang on any input.
libfuzzer_sys::fuzz_target!(|data: &[u8]| loa::fuzz_targets::word_document(data));
