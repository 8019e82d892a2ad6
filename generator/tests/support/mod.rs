//! Helpers for the generator's tests: generating a crate from a spec, and compiling generated crates
//! the way a user would, with `cargo check`, under `#![deny(warnings)]`.

#![allow(dead_code, clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use generator::{CrateOptions, GeneratedFile, SpecSource, Strictness};

pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// This workspace's runtime folder, as the test crates' manifests name it.
pub fn runtime_path() -> String {
    manifest_dir()
        .join("../runtime")
        .display()
        .to_string()
        .replace('\\', "/")
}

/// The options of a test crate named `name`, depending on this workspace's runtime.
pub fn options(name: &str) -> CrateOptions {
    let mut options = CrateOptions::new(name);
    options.runtime = generator::RuntimeDependency::Path(runtime_path());
    options.command = "cargo xtask codegen".to_owned();
    options
}

/// The files of the crate generated from `text`, or the problems it has.
pub fn generate_text(
    name: &str,
    text: &str,
    strictness: Strictness,
) -> Result<Vec<GeneratedFile>, String> {
    let source = SpecSource { name, text };
    generator::generate(source, strictness, &options(&crate_name(name)))
        .map(|output| output.files)
        .map_err(|problems| problems.to_string())
}

/// The files of the crate generated from a spec in this crate's folder.
pub fn generate(relative: &str) -> Vec<GeneratedFile> {
    let text = fs::read_to_string(manifest_dir().join(relative)).unwrap();
    generate_text(relative, &text, Strictness::Strict)
        .unwrap_or_else(|problems| panic!("{problems}"))
}

/// Every file under a folder of this crate, by its path relative to that folder (with `/`).
pub fn folder_files(relative: &str) -> std::collections::BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path.strip_prefix(root).unwrap().to_str().unwrap();
                out.insert(name.replace('\\', "/"), fs::read_to_string(&path).unwrap());
            }
        }
    }
    let root = manifest_dir().join(relative);
    let mut out = std::collections::BTreeMap::new();
    walk(&root, &root, &mut out);
    out
}

/// One file of a generated crate.
pub fn file_of(files: &[GeneratedFile], path: &str) -> String {
    files
        .iter()
        .find(|file| file.path == path)
        .unwrap_or_else(|| {
            panic!(
                "no {path} among {:?}",
                files.iter().map(|f| &f.path).collect::<Vec<_>>()
            )
        })
        .contents
        .clone()
}

/// A crate name from a spec's path: `tests/fixtures/one_of.yaml` gives `one-of`.
pub fn crate_name(path: &str) -> String {
    let stem = Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("spec");
    let name: String = stem
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() {
                ch.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("gen-{name}")
}

/// Writes each crate into one workspace under the test target folder and runs `cargo check` on all
/// of them, with warnings denied in the generated code. All such checks share one target folder, so
/// the runtime and its dependencies are compiled once.
pub fn check_crates(workspace: &str, crates: &[(String, Vec<GeneratedFile>)]) {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(workspace);
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();
    let members: Vec<String> = crates.iter().map(|(name, _)| format!("{name:?}")).collect();
    fs::write(
        root.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
    // The workspace's lock file pins every dependency the generated crates can have, so the check
    // needs no registry.
    fs::copy(
        manifest_dir().join("../Cargo.lock"),
        root.join("Cargo.lock"),
    )
    .unwrap();
    for (name, files) in crates {
        for file in files {
            let path = root.join(name).join(&file.path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            let contents = match file.path.as_str() {
                "src/lib.rs" => format!("#![deny(warnings)]\n{}", file.contents),
                // Members of the one test workspace, as its `Cargo.toml` says to make them.
                "Cargo.toml" => file.contents.replace("\n[workspace]\n", "\n"),
                _ => file.contents.clone(),
            };
            fs::write(path, contents).unwrap();
        }
    }
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generated-crates-target");
    let output = Command::new(env!("CARGO"))
        .args([
            "check",
            "--offline",
            "--workspace",
            "--quiet",
            "--message-format=short",
        ])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the generated crates in {} do not compile:\n{}",
        root.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}
