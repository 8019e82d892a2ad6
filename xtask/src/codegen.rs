//! This repository's generated crates, and generating one from any spec with the runtime of this
//! workspace: the same job `sdkgen` runs, with its folder writer.

use std::path::{Path, PathBuf};

use generator::{CrateOptions, RuntimeDependency};
use sdkgen_cli::paths::relative_path;
use sdkgen_cli::{Failure, Job};

/// The command named in the headers of this repository's generated files.
pub const COMMAND: &str = "cargo xtask codegen";

/// A crate of this repository: generated into a folder whose `Cargo.toml` and `README.md` are
/// written by hand, against the runtime beside it.
fn project_crate(root: &Path, spec: &str, out: &str, name: &str) -> Job {
    let mut krate = CrateOptions::new(name);
    krate.runtime = RuntimeDependency::Path("../runtime".to_owned());
    krate.command = COMMAND.to_owned();
    Job {
        spec: root.join(spec),
        overlays: Vec::new(),
        out: root.join(out),
        check: false,
        lenient: false,
        krate,
    }
}

/// The crates of this repository that `cargo xtask codegen` keeps up to date:
/// - the SailPoint SDK, from spec/workgroups.yaml into generated/, with its hand-written
///   `src/bulk.rs`;
/// - SailPoint's versioned Governance Groups partition, as published (spec/sailpoint-idn), with the
///   overlay that declares what it lacks, into generated-v1/;
/// - the test API with one operation per kind of body into generated-bodies/.
pub fn project_crates(root: &Path) -> Vec<Job> {
    let mut sdk = project_crate(
        root,
        "spec/workgroups.yaml",
        "generated",
        "sailpoint-governance-groups",
    );
    sdk.krate.modules = vec!["bulk".to_owned()];
    let mut v1 = project_crate(
        root,
        "spec/sailpoint-idn/idn/apis/governance-groups/openapi.yaml",
        "generated-v1",
        "sailpoint-governance-groups-v1",
    );
    v1.overlays = vec![root.join("spec/overlays/sailpoint-idn-v1.yaml")];
    let bodies = project_crate(
        root,
        "generator/tests/fixtures/bodies.yaml",
        "generated-bodies",
        "generated-bodies",
    );
    vec![sdk, v1, bodies]
}

/// Another spec into a crate of its own named `name` in `out`, depending on this workspace's
/// runtime by path.
pub fn for_crate(spec: PathBuf, out: PathBuf, name: String) -> Job {
    let runtime = workspace_root().join("runtime");
    let mut krate = CrateOptions::new(name);
    krate.runtime = RuntimeDependency::Path(relative_path(&out, &runtime));
    krate.command = COMMAND.to_owned();
    Job {
        spec,
        overlays: Vec::new(),
        out,
        check: false,
        lenient: false,
        krate,
    }
}

/// The workspace root: the parent of this crate's folder.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// Runs a job, printing its summary; the failure as the command prints it.
pub fn run(job: &Job) -> Result<(), Failure> {
    let report = sdkgen_cli::run(job, &mut |_| {})?;
    if let Some(problems) = report.problems_text() {
        eprintln!("{problems}");
    }
    println!("{}", report.summary(job));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` fails when someone edits the spec or the generator and forgets to regenerate.
    #[test]
    fn generated_code_is_up_to_date() {
        for mut job in project_crates(&workspace_root()) {
            job.check = true;
            if let Err(failure) = sdkgen_cli::run(&job, &mut |_| {}) {
                panic!("{failure}");
            }
        }
    }
}
