//! The command line, and how it combines with `sdkgen.toml` into a [`Job`]: the command line wins,
//! then the settings file, then the defaults.

use std::path::{Path, PathBuf};

use clap::Parser;
use generator::{CrateOptions, GitReference, Metadata, RuntimeDependency};

use crate::job::Job;
use crate::paths::relative_path;
use crate::settings::{FILE_NAME, RuntimeSettings, Settings};

const EXAMPLES: &str = "\
Examples:
  sdkgen --spec openapi.yaml --out ../my-sdk
      a crate named my-sdk, depending on sdkgen-runtime from crates.io
  sdkgen --spec apis/pets/openapi.yaml --overlay fixes.yaml --out sdk --crate pets-sdk --lenient
      a spec in many files with an overlay; problems listed, the rest generated
  sdkgen --check
      in CI: fail with a diff when the crate that sdkgen.toml describes is stale
  sdkgen --spec openapi.yaml --out sdk --runtime-path ../sdkgen/runtime
      against a local clone of the runtime

Settings: sdkgen.toml (beside the spec, or in the current folder, or --settings FILE) holds any
of spec, out, crate, version, lenient, overlays, description, license, authors, repository and a
[runtime] table (version, path, or git with rev, tag or branch); paths are relative to it.

The generator owns only the files it wrote (listed in OUT/.generated-files): it rewrites and
removes those, writes Cargo.toml and README.md only when they are missing (they are yours), and
never touches anything else.

Exit codes: 0 done; 1 problems in the spec (each with file, line, column and JSON pointer);
2 bad usage or settings; 3 a file could not be read or written, or one in the way is not the
generator's; 4 --check found the crate stale.";

/// Generates a Rust SDK crate from an OpenAPI 3.0 or 3.1 spec (one file or many, with overlays).
#[derive(Debug, Parser)]
#[command(name = "sdkgen", version, after_help = EXAMPLES)]
pub struct Arguments {
    /// The spec: its root file, which may reference others.
    #[arg(long, value_name = "FILE")]
    pub spec: Option<PathBuf>,
    /// The crate folder to write (created if needed).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The package name (default: the folder's name).
    #[arg(long = "crate", value_name = "NAME")]
    pub crate_name: Option<String>,
    /// The package version written into a new Cargo.toml (default: 0.1.0).
    #[arg(long, value_name = "VERSION")]
    pub crate_version: Option<String>,
    /// An OpenAPI Overlay 1.0 document applied to the spec first (repeatable, in order).
    #[arg(long = "overlay", value_name = "FILE")]
    pub overlays: Vec<PathBuf>,
    /// Go past problems in the spec: list each, and generate the rest.
    #[arg(long)]
    pub lenient: bool,
    /// Change nothing; fail with a diff when the crate is stale.
    #[arg(long)]
    pub check: bool,
    /// The package description (default: from the spec's title).
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// The package license, as an SPDX expression.
    #[arg(long, value_name = "SPDX")]
    pub license: Option<String>,
    /// A package author (repeatable).
    #[arg(long = "author", value_name = "NAME")]
    pub authors: Vec<String>,
    /// The package repository URL.
    #[arg(long, value_name = "URL")]
    pub repository: Option<String>,
    /// Depend on sdkgen-runtime at this version requirement (the default, "0.1").
    #[arg(long, value_name = "REQ", conflicts_with_all = ["runtime_path", "runtime_git"])]
    pub runtime_version: Option<String>,
    /// Depend on the runtime in this folder (a local clone's `runtime/`).
    #[arg(long, value_name = "DIR", conflicts_with = "runtime_git")]
    pub runtime_path: Option<PathBuf>,
    /// Depend on the runtime from this git repository.
    #[arg(long, value_name = "URL")]
    pub runtime_git: Option<String>,
    /// With --runtime-git: a commit.
    #[arg(long, requires = "runtime_git", conflicts_with_all = ["tag", "branch"])]
    pub rev: Option<String>,
    /// With --runtime-git: a tag.
    #[arg(long, requires = "runtime_git", conflicts_with = "branch")]
    pub tag: Option<String>,
    /// With --runtime-git: a branch.
    #[arg(long, requires = "runtime_git")]
    pub branch: Option<String>,
    /// The settings file (default: sdkgen.toml beside the spec, else in the current folder).
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
    /// Print only problems and the summary line, even on a terminal.
    #[arg(long, short)]
    pub quiet: bool,
}

impl Arguments {
    /// The job the arguments and the settings file describe; a message on bad usage.
    pub fn job(&self) -> Result<Job, String> {
        let settings = match self.settings_file() {
            Some(path) => Settings::read(&path)?,
            None => Settings::default(),
        };
        let spec = self
            .spec
            .clone()
            .or(settings.spec)
            .ok_or("no spec: give --spec FILE, or `spec` in sdkgen.toml")?;
        let out = self
            .out
            .clone()
            .or(settings.out)
            .ok_or("no output folder: give --out DIR, or `out` in sdkgen.toml")?;
        let name = match self.crate_name.clone().or(settings.crate_name) {
            Some(name) => name,
            None => folder_name(&out)?,
        };
        check_crate_name(&name)?;
        let mut krate = CrateOptions::new(name);
        if let Some(version) = self.crate_version.clone().or(settings.version) {
            krate.version = version;
        }
        krate.metadata = Metadata {
            description: self.description.clone().or(settings.description),
            license: self.license.clone().or(settings.license),
            authors: if self.authors.is_empty() {
                settings.authors
            } else {
                self.authors.clone()
            },
            repository: self.repository.clone().or(settings.repository),
        };
        krate.runtime = self.runtime(settings.runtime, &out)?;
        let overlays = if self.overlays.is_empty() {
            settings.overlays
        } else {
            self.overlays.clone()
        };
        Ok(Job {
            spec,
            overlays,
            out,
            check: self.check,
            lenient: self.lenient || settings.lenient.unwrap_or(false),
            krate,
        })
    }

    /// `--settings`, else `sdkgen.toml` beside the spec, else in the current folder.
    fn settings_file(&self) -> Option<PathBuf> {
        if let Some(path) = &self.settings {
            return Some(path.clone());
        }
        let beside_spec = self
            .spec
            .as_ref()
            .map(|spec| spec.parent().unwrap_or(Path::new("")).join(FILE_NAME));
        beside_spec
            .into_iter()
            .chain([PathBuf::from(FILE_NAME)])
            .find(|path| path.is_file())
    }

    /// The runtime dependency: from the command line if it names one, else the settings file's,
    /// else the published version. A path is written relative to the crate folder.
    fn runtime(
        &self,
        settings: Option<RuntimeSettings>,
        out: &Path,
    ) -> Result<RuntimeDependency, String> {
        let from_line = RuntimeSettings {
            version: self.runtime_version.clone(),
            path: self.runtime_path.clone(),
            git: self.runtime_git.clone(),
            rev: self.rev.clone(),
            tag: self.tag.clone(),
            branch: self.branch.clone(),
        };
        let chosen = if from_line == RuntimeSettings::default() {
            settings.unwrap_or_default()
        } else {
            from_line
        };
        match chosen {
            RuntimeSettings {
                path: Some(path),
                git: None,
                version: None,
                ..
            } => Ok(RuntimeDependency::Path(relative_path(out, &path))),
            RuntimeSettings {
                git: Some(url),
                path: None,
                version: None,
                rev,
                tag,
                branch,
            } => {
                let reference = match (rev, tag, branch) {
                    (Some(rev), None, None) => Some(GitReference::Rev(rev)),
                    (None, Some(tag), None) => Some(GitReference::Tag(tag)),
                    (None, None, Some(branch)) => Some(GitReference::Branch(branch)),
                    (None, None, None) => None,
                    _ => {
                        return Err(
                            "the runtime's git source takes one of rev, tag, branch".to_owned()
                        );
                    }
                };
                Ok(RuntimeDependency::Git { url, reference })
            }
            RuntimeSettings {
                path: None,
                git: None,
                rev: None,
                tag: None,
                branch: None,
                version,
            } => Ok(version.map_or_else(RuntimeDependency::default, RuntimeDependency::Version)),
            _ => Err(
                "the runtime comes from one place: a version, a path, or git (with rev, tag or \
                 branch)"
                    .to_owned(),
            ),
        }
    }
}

/// A crate named after its folder, when the folder's name is text.
pub fn folder_name(out: &Path) -> Result<String, String> {
    out.file_name()
        .and_then(|name| name.to_str())
        .map(str::to_owned)
        .ok_or_else(|| {
            format!(
                "cannot name a crate after {}: give --crate NAME",
                out.display()
            )
        })
}

/// Cargo's rule for package names: ASCII letters, digits, `-` and `_`, starting with a letter.
pub fn check_crate_name(name: &str) -> Result<(), String> {
    let valid = name
        .chars()
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && name
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a crate name: use ASCII letters, digits, `-` and `_`, starting with a letter"
        ))
    }
}
