//! The generator's output for the project's spec and for one small spec per tricky construct, as
//! reviewed snapshots, and proof that each output compiles without warnings.

// Tests stop at the first surprise; a panic with the value is the report.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use generator::{SpecSource, Strictness};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The models file generated from a spec in the repository.
fn models_of(relative: &str) -> String {
    let text = fs::read_to_string(manifest_dir().join(relative)).unwrap();
    let output = generator::generate(
        SpecSource {
            name: relative,
            text: &text,
        },
        Strictness::Strict,
    )
    .unwrap_or_else(|problems| panic!("{problems}"));
    let models = output
        .files
        .into_iter()
        .find(|file| file.path == "models.rs")
        .unwrap();
    models.contents
}

const FIXTURES: &[&str] = &[
    "keywords_and_digits",
    "colliding_names",
    "reserved_type_names",
    "nullable_enum",
    "one_of",
    "all_of",
    "recursion",
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
);

#[test]
fn workgroups_spec() {
    insta::assert_snapshot!(models_of("../spec/workgroups.yaml"));
}

#[test]
fn output_is_identical_on_every_run() {
    for name in FIXTURES {
        assert_eq!(fixture(name), fixture(name), "{name}");
    }
    assert_eq!(
        models_of("../spec/workgroups.yaml"),
        models_of("../spec/workgroups.yaml")
    );
}

/// Each output is built as a module of its own binary under `#![deny(warnings)]`.
#[test]
fn every_output_compiles_without_warnings() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("compiled-fixtures");
    fs::create_dir_all(&dir).unwrap();
    let cases = trybuild::TestCases::new();
    let outputs = FIXTURES
        .iter()
        .map(|name| (name.to_string(), fixture(name)))
        .chain([(
            "workgroups".to_owned(),
            models_of("../spec/workgroups.yaml"),
        )]);
    for (name, models) in outputs {
        let models_path = dir.join(format!("{name}_models.rs"));
        fs::write(&models_path, models).unwrap();
        let main = format!(
            "#![deny(warnings)]\n#![allow(dead_code)]\n#[path = {:?}]\nmod models;\nfn main() {{}}\n",
            models_path.display().to_string()
        );
        let main_path = dir.join(format!("{name}.rs"));
        fs::write(&main_path, main).unwrap();
        cases.pass(&main_path);
    }
}
