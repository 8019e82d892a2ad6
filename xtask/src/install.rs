//! `cargo xtask install`: `cargo install` of `sdkgen` from this clone, linked statically on the
//! host where that is measured to start faster.
//!
//! A run of `sdkgen` on a small spec takes a few milliseconds, and linked against the shared C
//! library it spends about 0.4 ms of them before `main`: the loader maps and relocates `libc` and
//! `libgcc_s`, and each page it touches is a fault (scripts/pair-binaries.sh: `cli-gen.json`
//! 2.60 to 2.26 ms, `keeper.json` 4.17 to 3.69 ms). The static build needs both flags below, which
//! only rustc takes, so `cli/` cannot ask for them itself; and with `--target` named, they reach
//! `sdkgen` alone, not the build scripts and proc-macros, which cannot be linked that way.

use std::path::Path;
use std::process::Command;

/// The flags of a static, position-dependent `sdkgen`: glibc's static library, and no
/// relocations left for the start of each run.
const STATIC_FLAGS: &str =
    r#"["-C", "target-feature=+crt-static", "-C", "relocation-model=static"]"#;

/// The host triple whose static build was measured, if this is it: elsewhere the install is
/// `cargo install`'s own.
const fn measured_static_host() -> Option<&'static str> {
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

/// The `cargo install` command for `sdkgen` from the clone at `root`, with `extra` (`--root DIR`,
/// `--quiet`, ...) passed on.
pub fn command(root: &Path, extra: &[String]) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .arg("install")
        .arg("--path")
        .arg(root.join("cli"))
        .arg("--locked");
    if let Some(host) = measured_static_host() {
        command
            .args(["--target", host, "--config"])
            .arg(format!("target.{host}.rustflags = {STATIC_FLAGS}"));
    }
    command.args(extra);
    command
}

/// Runs the install; its failure as the message to print.
pub fn run(root: &Path, extra: &[String]) -> Result<(), String> {
    let mut command = command(root, extra);
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
        let root = Path::new("/clone");
        let args = arguments(&command(
            root,
            &["--root".to_owned(), "/opt/tools".to_owned()],
        ));
        assert_eq!(args[..4], ["install", "--path", "/clone/cli", "--locked"]);
        assert_eq!(args[args.len() - 2..], ["--root", "/opt/tools"]);
    }

    #[test]
    fn links_statically_only_for_the_host_it_was_measured_on() {
        let args = arguments(&command(Path::new("/clone"), &[]));
        match measured_static_host() {
            Some(host) => {
                let flags = format!("target.{host}.rustflags = {STATIC_FLAGS}");
                assert!(
                    args.windows(4)
                        .any(|window| window == ["--target", host, "--config", flags.as_str()]),
                    "{args:?}"
                );
                assert!(flags.contains("+crt-static") && flags.contains("relocation-model=static"));
            }
            None => assert_eq!(args.len(), 4, "{args:?}"),
        }
    }
}
