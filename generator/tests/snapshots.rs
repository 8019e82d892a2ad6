//! The generator's output for the project's spec and for one small spec per tricky construct, as
//! reviewed snapshots, and proof that each output compiles without warnings.

// Tests stop at the first surprise; a panic with the value is the report.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use generator::{GeneratedFile, SpecSource, Strictness};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The files generated from a spec in the repository, by path.
fn generate(relative: &str) -> Vec<GeneratedFile> {
    let text = fs::read_to_string(manifest_dir().join(relative)).unwrap();
    let source = SpecSource {
        name: relative,
        text: &text,
    };
    let output = generator::generate(source, Strictness::Strict)
        .unwrap_or_else(|problems| panic!("{problems}"));
    output.files
}

fn file_of(relative: &str, path: &str) -> String {
    generate(relative)
        .into_iter()
        .find(|file| file.path == path)
        .unwrap()
        .contents
}

/// The models file generated from a spec in the repository.
fn models_of(relative: &str) -> String {
    file_of(relative, "models.rs")
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
fn workgroups_operations() {
    insta::assert_snapshot!(file_of("../spec/workgroups.yaml", "operations.rs"));
}

#[test]
fn workgroups_root() {
    insta::assert_snapshot!(file_of("../spec/workgroups.yaml", "mod.rs"));
}

#[test]
fn operations() {
    insta::assert_snapshot!(file_of("tests/fixtures/operations.yaml", "operations.rs"));
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

/// Each output is built as a module of its own binary under `#![deny(warnings)]`: models alone for
/// the model fixtures, and the whole generated folder beside the SDK's hand-written runtime for the
/// specs with operations.
#[test]
fn every_output_compiles_without_warnings() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("compiled-fixtures");
    fs::create_dir_all(&dir).unwrap();
    let cases = trybuild::TestCases::new();
    for name in FIXTURES {
        let models_path = dir.join(format!("{name}_models.rs"));
        fs::write(&models_path, fixture(name)).unwrap();
        let main = format!(
            "#![deny(warnings)]\n#![allow(dead_code)]\n#[path = {:?}]\nmod models;\nfn main() {{}}\n",
            models_path.display().to_string()
        );
        let main_path = dir.join(format!("{name}.rs"));
        fs::write(&main_path, main).unwrap();
        cases.pass(&main_path);
    }
    let runtime = manifest_dir().join("../generated/src/runtime/mod.rs");
    for (name, spec) in [
        ("operations", "tests/fixtures/operations.yaml"),
        ("workgroups", "../spec/workgroups.yaml"),
    ] {
        let out = dir.join(name);
        fs::create_dir_all(&out).unwrap();
        for file in generate(spec) {
            fs::write(out.join(&file.path), file.contents).unwrap();
        }
        let main = format!(
            // The runtime's public re-exports go unused in a binary; generated code has no imports.
            "#![deny(warnings)]\n#![allow(dead_code, unused_imports)]\n#[path = {:?}]\nmod runtime;\n#[path = {:?}]\nmod generated;\nfn main() {{}}\n",
            runtime.display().to_string(),
            out.join("mod.rs").display().to_string()
        );
        let main_path = dir.join(format!("{name}_with_runtime.rs"));
        fs::write(&main_path, main).unwrap();
        cases.pass(&main_path);
    }
}
