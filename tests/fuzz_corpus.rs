//! The fuzz corpus (`fuzz/corpus/<target>/`), replayed through every target: the inputs
//! that fuzzing found interesting, and the seeds, must neither panic nor hang. The
//! fuzzing itself runs with cargo-fuzz (README, "Fuzzing").

#[test]
fn every_input_of_the_fuzz_corpus_passes_its_target() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut replayed = 0;
    for (name, target) in loa::fuzz_targets::TARGETS {
        let dir = root.join(name);
        let files = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for file in files.flatten() {
            let data = std::fs::read(file.path()).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{name}: {} panics", file.path().display());
            replayed += 1;
        }
    }
    assert!(replayed >= loa::fuzz_targets::TARGETS.len() * 2, "{replayed} inputs");
}
