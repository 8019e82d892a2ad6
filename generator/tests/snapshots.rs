//! The generator's output for the project's spec and for one small spec per tricky construct, as
//! reviewed snapshots, and proof that each output compiles without warnings.

// Tests stop at the first surprise; a panic with the value is the report.
#![allow(clippy::unwrap_used)]

mod support;

use support::{check_crates, crate_name, file_of, generate, runtime_path};

/// The models generated from a spec in the repository: the types, then how they read themselves.
fn models_of(relative: &str) -> String {
    let files = generate(relative);
    format!(
        "{}\n==> src/deserialize.rs\n{}",
        file_of(&files, "src/models.rs"),
        file_of(&files, "src/deserialize.rs")
    )
}

const FIXTURES: &[&str] = &[
    "keywords_and_digits",
    "colliding_names",
    "reserved_type_names",
    "nullable_enum",
    "one_of",
    "all_of",
    "recursion",
    "date_times_and_maps",
    "openapi_31",
];

fn fixture(name: &str) -> String {
    models_of(&format!("tests/fixtures/{name}.yaml"))
}

macro_rules! snapshot_tests {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(fixture(stringify!($name)));
        }
    )*};
}

snapshot_tests!(
    keywords_and_digits,
    colliding_names,
    reserved_type_names,
    nullable_enum,
    one_of,
    all_of,
    recursion,
    date_times_and_maps,
    openapi_31,
);

// The generated SailPoint crates' own files are not snapshots here: `cargo xtask codegen --check`
// (the freshness test) compares them with the generator's output, and their diff is reviewed.

/// The files written once and then left to the user: the manifest and the README that is the
/// crate's documentation.
#[test]
fn workgroups_seed_files() {
    let files = generate("../spec/workgroups.yaml");
    // The tests' runtime path is this machine's.
    let manifest = file_of(&files, "Cargo.toml").replace(&runtime_path(), "<runtime>");
    let shown = format!(
        "==> Cargo.toml\n{manifest}\n==> README.md\n{}",
        file_of(&files, "README.md")
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn operations() {
    let files = generate("tests/fixtures/operations.yaml");
    let operations: Vec<String> = files
        .iter()
        .filter(|file| file.path.starts_with("src/operations"))
        .map(|file| format!("==> {}\n{}", file.path, file.contents))
        .collect();
    insta::assert_snapshot!(operations.join("\n"));
}

/// One operation per kind of body, parameter style and success shape, and the unions that decode
/// by their tag or sit beside properties.
#[test]
fn bodies() {
    let files = generate("tests/fixtures/bodies.yaml");
    let wanted = [
        "src/models.rs",
        "src/deserialize.rs",
        "src/operations/mod.rs",
    ];
    let shown: Vec<String> = files
        .iter()
        .filter(|file| {
            wanted.contains(&file.path.as_str()) || file.path.starts_with("src/operations")
        })
        .map(|file| format!("==> {}\n{}", file.path, file.contents))
        .collect();
    insta::assert_snapshot!(shown.join("\n"));
}

/// The whole crate of `relative`, formatted on `threads` threads.
fn crate_on_threads(relative: &str, threads: usize) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(support::manifest_dir().join(relative)).unwrap();
    let source = generator::SpecSource {
        name: relative,
        text: &text,
    };
    let options = support::options(&crate_name(relative));
    let output =
        generator::generate_with_threads(source, generator::Strictness::Lenient, &options, threads)
            .unwrap();
    output
        .files
        .into_iter()
        .map(|file| (file.path, file.contents))
        .collect()
}

/// The output is the same on every run and however many threads format it: one, or eight (more
/// than this machine has, so chunks finish out of order). The reference spec is large enough to
/// be cut into many chunks per file.
#[test]
fn output_is_identical_on_every_run_and_any_thread_count() {
    let mut specs: Vec<String> = FIXTURES
        .iter()
        .map(|name| format!("tests/fixtures/{name}.yaml"))
        .collect();
    specs.push("../spec/workgroups.yaml".to_owned());
    specs.push("tests/corpus/sailpoint-api.v2024.yaml".to_owned());
    for spec in &specs {
        let one = crate_on_threads(spec, 1);
        let eight = crate_on_threads(spec, 8);
        assert!(one == eight, "{spec}: 1 and 8 threads differ");
        assert!(
            eight == crate_on_threads(spec, 8),
            "{spec}: two runs differ"
        );
    }
}

/// Each fixture's whole crate is checked with `cargo check` under `#![deny(warnings)]`, against the
/// real runtime crate.
#[test]
fn every_output_compiles_without_warnings() {
    let mut specs: Vec<String> = FIXTURES
        .iter()
        .map(|name| format!("tests/fixtures/{name}.yaml"))
        .collect();
    specs.push("tests/fixtures/operations.yaml".to_owned());
    specs.push("tests/fixtures/bodies.yaml".to_owned());
    specs.push("../spec/workgroups.yaml".to_owned());
    let crates: Vec<_> = specs
        .iter()
        .map(|spec| (crate_name(spec), generate(spec)))
        .collect();
    check_crates("snapshot-crates", &crates);
}
