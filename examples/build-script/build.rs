//! Generates the pets SDK from its spec in many files (and the files they reference) into
//! `OUT_DIR`; cargo reruns this when any of them changes.

fn main() {
    let built = generator::build::Build::new("../../generator/tests/fixtures/many_files/api.yaml")
        .generate();
    // Each problem is already a `cargo::error` line with its file, line and column.
    if built.is_err() {
        std::process::exit(1);
    }
}
