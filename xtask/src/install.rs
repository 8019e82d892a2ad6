//! `cargo xtask install`: `cargo install` of `sdkgen` from this clone, linked statically and
//! optimised from a profile of its own runs on the host where both are measured to pay.
//!
//! A run of `sdkgen` on a small spec takes a few milliseconds, and linked against the shared C
//! library it spends about 0.4 ms of them before `main`: the loader maps and relocates `libc` and
//! `libgcc_s`, and each page it touches is a fault (scripts/pair-binaries.sh: `cli-gen.json`
//! 2.60 to 2.26 ms, `keeper.json` 4.17 to 3.69 ms). Most of the rest is code run for the first
//! time, which a profile-guided build lays out hot beside hot (`cli-gen.json` 2.16 to 1.88 ms,
//! `keeper.json` 3.35 to 2.92 ms, `propolis-server.json` 5.77 to 5.04 ms). The flags are rustc's, so `cli/` cannot ask for them
//! itself; and with `--target` named, they reach `sdkgen` alone, not the build scripts and
//! proc-macros, which cannot be linked that way.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The flags of a static, position-dependent `sdkgen`: glibc's static library, and no
/// relocations left for the start of each run.
const STATIC_FLAGS: [&str; 4] = [
    "-C",
    "target-feature=+crt-static",
    "-C",
    "relocation-model=static",
];

/// The folders whose specs the profiled build runs on: the SDK's own, the corpus, the OpenAPI
/// 3.1 examples and the fixtures (each a construct the generator has code for).
const TRAINING_FOLDERS: [&str; 4] = [
    "spec",
    "generator/tests/corpus",
    "generator/tests/corpus/oai-3.1",
    "generator/tests/fixtures",
];

/// The host triple whose static, profiled build was measured, if this is it: elsewhere the
/// install is `cargo install`'s own.
const fn measured_host() -> Option<&'static str> {
    if cfg!(all(
        target_arch = "x86_64",
        target_os = "linux",
        target_env = "gnu"
    )) {
        Some("x86_64-unknown-linux-gnu")
    } else {
        None
    }
}

/// The static-link flags, as the owned list that a build's own flags are added to.
fn static_flags() -> Vec<String> {
    STATIC_FLAGS.iter().map(|flag| (*flag).to_owned()).collect()
}

/// Runs the install from the clone at `root`, with `extra` (`--root DIR`, `--quiet`, ...)
/// passed on to `cargo install`; its failure as the message to print.
pub fn run(root: &Path, extra: &[String]) -> Result<(), String> {
    let Some(host) = measured_host() else {
        return succeed(&mut install_command(root, None, extra));
    };
    let mut flags = static_flags();
    if let Some(profile) = profile(root, host, extra)? {
        flags.push(format!("-Cprofile-use={}", profile.display()));
    }
    succeed(&mut install_command(root, Some((host, &flags)), extra))
}

/// `cargo install` of `sdkgen` from `root`, built for `target` with its rustflags if given.
fn install_command(root: &Path, target: Option<(&str, &[String])>, extra: &[String]) -> Command {
    let mut command = cargo();
    command
        .arg("install")
        .arg("--path")
        .arg(root.join("cli"))
        .arg("--locked");
    if let Some((host, flags)) = target {
        command.args(["--target", host, "--config", &rustflags(host, flags)]);
    }
    command.args(extra);
    command
}

/// A profile of an instrumented `sdkgen` run on the clone's specs, merged for rustc, under
/// `target/pgo` (the folder is this task's: its profiles are replaced each time). `None`, said
/// on stderr, when the toolchain has no `llvm-profdata` to merge them.
fn profile(root: &Path, host: &str, extra: &[String]) -> Result<Option<PathBuf>, String> {
    let merge = profile_merger(host)?;
    if !merge.is_file() {
        eprintln!(
            "note: {} not found, so sdkgen is built without a profile \
             (`rustup component add llvm-tools` adds it)",
            merge.display()
        );
        return Ok(None);
    }
    let folder = root.join("target").join("pgo");
    let raw = folder.join("profiles");
    clear(&raw)?;
    let mut flags = static_flags();
    flags.extend([
        format!("-Cprofile-generate={}", raw.display()),
        "--cfg".to_owned(),
        "sdkgen_profiling".to_owned(),
    ]);
    let build = folder.join("build");
    let mut command = cargo();
    command
        .args([
            "build",
            "--release",
            "--locked",
            "-p",
            "sdkgen-cli",
            "--target",
            host,
        ])
        .arg("--target-dir")
        .arg(&build)
        .args(["--config", &rustflags(host, &flags)])
        .args(extra.iter().filter(|option| *option == "--quiet"))
        .current_dir(root);
    succeed(&mut command)?;
    let instrumented = build.join(host).join("release").join("sdkgen");
    let out = folder.join("out");
    for spec in training_specs(root) {
        clear(&out)?;
        // Its outcome is not the point (a fixture may be meant to fail); only the profile is.
        Command::new(&instrumented)
            .arg("--spec")
            .arg(&spec)
            .arg("--out")
            .arg(&out)
            .args(["--crate", "training", "--lenient", "--quiet"])
            .output()
            .map_err(|error| format!("cannot run {}: {error}", instrumented.display()))?;
    }
    clear(&out)?;
    let merged = folder.join("sdkgen.profdata");
    succeed(
        Command::new(&merge)
            .arg("merge")
            .arg("-o")
            .arg(&merged)
            .arg(&raw),
    )?;
    Ok(Some(merged))
}

/// Every `.yaml` and `.json` file directly in the training folders of the clone at `root`, in
/// name order.
fn training_specs(root: &Path) -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = TRAINING_FOLDERS
        .iter()
        .filter_map(|folder| std::fs::read_dir(root.join(folder)).ok())
        .flatten()
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.is_file()
                && path
                    .extension()
                    .is_some_and(|extension| extension == "yaml" || extension == "json")
        })
        .collect();
    specs.sort();
    specs
}

/// Where the toolchain's `llvm-profdata` is (the `llvm-tools` component), found or not.
fn profile_merger(host: &str) -> Result<PathBuf, String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(&rustc)
        .args(["--print", "sysroot"])
        .output()
        .map_err(|error| format!("cannot run {}: {error}", rustc.to_string_lossy()))?;
    let sysroot = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    Ok(Path::new(&sysroot)
        .join("lib/rustlib")
        .join(host)
        .join("bin/llvm-profdata"))
}

/// The `--config` value that gives `flags` to what is built for `host`, as a TOML array.
fn rustflags(host: &str, flags: &[String]) -> String {
    let quoted: Vec<String> = flags
        .iter()
        .map(|flag| format!("\"{}\"", flag.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    format!("target.{host}.rustflags = [{}]", quoted.join(", "))
}

/// Removes `folder` (one of this task's, under `target/pgo`) if it is there.
fn clear(folder: &Path) -> Result<(), String> {
    if folder.exists() {
        std::fs::remove_dir_all(folder)
            .map_err(|error| format!("cannot clear {}: {error}", folder.display()))?;
    }
    Ok(())
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs `command`; its failure as the message to print.
fn succeed(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|error| format!("cannot run {command:?}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed ({status})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arguments(command: &Command) -> Vec<String> {
        command
            .get_args()
            .map(|argument| argument.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn installs_the_clones_command_locked_with_the_options_given_last() {
        let extra = ["--root".to_owned(), "/opt/tools".to_owned()];
        let args = arguments(&install_command(Path::new("/clone"), None, &extra));
        assert_eq!(
            args,
            [
                "install",
                "--path",
                "/clone/cli",
                "--locked",
                "--root",
                "/opt/tools"
            ]
        );
    }

    #[test]
    fn the_flags_go_to_the_named_target_alone_as_a_toml_array() {
        let flags = ["-C".to_owned(), r#"profile-use=/a "b"\c"#.to_owned()];
        let args = arguments(&install_command(
            Path::new("/clone"),
            Some(("t-u-l-g", &flags)),
            &[],
        ));
        assert_eq!(
            args[4..],
            [
                "--target",
                "t-u-l-g",
                "--config",
                r#"target.t-u-l-g.rustflags = ["-C", "profile-use=/a \"b\"\\c"]"#
            ]
        );
    }

    #[test]
    fn the_profile_is_made_from_this_clones_specs() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap_or(Path::new("."));
        let specs = training_specs(root);
        assert!(
            specs.contains(&root.join("spec/workgroups.yaml")),
            "{specs:?}"
        );
        assert!(
            specs
                .iter()
                .any(|spec| spec.ends_with("generator/tests/corpus/keeper.json"))
        );
        assert!(specs.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
