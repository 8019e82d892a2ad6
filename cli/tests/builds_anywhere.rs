//! A generated crate builds wherever it is written: alone in a folder outside this repository,
//! inside another workspace, against a plain copy of the runtime (no key inherited from this
//! workspace), and with a user's edits to its `Cargo.toml` kept across regeneration.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn sdkgen(args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_sdkgen"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "sdkgen {args:?}:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `cargo check` in a folder, offline, with this workspace's lock file (which pins every
/// dependency a generated crate has) and a target folder shared with the other tests.
fn cargo_check(folder: &Path) {
    fs::copy(repo().join("Cargo.lock"), folder.join("Cargo.lock")).unwrap();
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generated-crates-target");
    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet", "--message-format=short"])
        .current_dir(folder)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo check in {}:\n{}",
        folder.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The runtime's folder as a user copies it: its manifest, sources, README and licences.
fn copy_runtime(to: &Path) {
    fn copy(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.is_dir() {
                if entry.file_name() != "tests" {
                    copy(&path, &to.join(entry.file_name()));
                }
            } else {
                fs::copy(&path, to.join(entry.file_name())).unwrap();
            }
        }
    }
    copy(&repo().join("runtime"), to);
}

#[test]
fn a_generated_crate_builds_alone_and_inside_another_workspace() {
    let root = std::env::temp_dir().join(format!("sdkgen-anywhere-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let runtime = root.join("runtime-copy");
    copy_runtime(&runtime);
    let spec = repo().join("generator/tests/corpus/keeper.json");
    let spec = spec.to_str().unwrap();

    // Alone, against a plain copy of the runtime.
    let alone = root.join("alone/keeper-sdk");
    sdkgen(&[
        "--spec",
        spec,
        "--out",
        alone.to_str().unwrap(),
        "--runtime-path",
        runtime.to_str().unwrap(),
    ]);
    let manifest = fs::read_to_string(alone.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("sdkgen-runtime = { path = \"../../runtime-copy\" }"),
        "{manifest}"
    );
    // The user's own dependency and feature survive regeneration.
    let edited = manifest.replace("[dependencies]\n", "[dependencies]\nitoa = \"1\"\n");
    fs::write(alone.join("Cargo.toml"), &edited).unwrap();
    sdkgen(&[
        "--spec",
        spec,
        "--out",
        alone.to_str().unwrap(),
        "--runtime-path",
        runtime.to_str().unwrap(),
    ]);
    assert_eq!(
        fs::read_to_string(alone.join("Cargo.toml")).unwrap(),
        edited
    );
    cargo_check(&alone);

    // Inside a workspace that does not list it.
    let host = root.join("host");
    fs::create_dir_all(&host).unwrap();
    fs::write(
        host.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = []\n",
    )
    .unwrap();
    let inside = host.join("vendor/keeper");
    sdkgen(&[
        "--spec",
        spec,
        "--out",
        inside.to_str().unwrap(),
        "--runtime-path",
        runtime.to_str().unwrap(),
    ]);
    cargo_check(&inside);
    fs::remove_dir_all(&root).unwrap();
}
