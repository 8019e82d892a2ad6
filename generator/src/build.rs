//! Generating an SDK from a build script (`build.rs`) into `OUT_DIR`.
//!
//! ```no_run
//! // build.rs of a crate whose dependencies are sdkgen-runtime, serde, serde_json, serde_with and
//! // time (the generated code names them), with this library as a build dependency.
//! let built = generator::build::Build::new("openapi.yaml")
//!     .overlay("fixes.yaml")
//!     .generate();
//! // Problems are already reported to cargo, which fails the build on them.
//! if built.is_err() {
//!     std::process::exit(1);
//! }
//! ```
//!
//! and at the root of that crate's `src/lib.rs` (the generated code names its items from the
//! crate root, so it cannot sit in a submodule):
//!
//! ```ignore
//! include!(concat!(env!("OUT_DIR"), "/sdk/root.rs"));
//! ```
//!
//! Every file of the spec, the ones its `$ref`s reach and the overlays, is named to cargo with
//! `cargo::rerun-if-changed`, so editing any of them regenerates the SDK. Each problem reaches
//! cargo as a `cargo::error=` line (a lenient build's as `cargo::warning=`) with its file, line,
//! column and JSON pointer.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::{CrateOptions, Diagnostics, Input, Layout, SpecSource, Strictness};

/// A build script's generation: the spec, its overlays, and where in `OUT_DIR` it goes.
#[derive(Clone, Debug)]
pub struct Build {
    spec: PathBuf,
    overlays: Vec<PathBuf>,
    lenient: bool,
    folder: String,
}

/// Why a build script's generation failed; each problem has also been printed for cargo.
#[derive(Debug)]
pub enum BuildError {
    /// The spec (or an overlay) has problems.
    Problems(Diagnostics),
    /// A file could not be read or written, or `OUT_DIR` is not set (not run by cargo).
    Io(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Problems(problems) => write!(f, "{problems}"),
            BuildError::Io(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for BuildError {}

impl Build {
    /// The spec's root file, relative to the crate's folder (where cargo runs build scripts).
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Build {
            spec: spec.into(),
            overlays: Vec::new(),
            lenient: false,
            folder: "sdk".to_owned(),
        }
    }

    /// An OpenAPI Overlay applied to the spec first; overlays apply in the order given.
    pub fn overlay(mut self, path: impl Into<PathBuf>) -> Self {
        self.overlays.push(path.into());
        self
    }

    /// Goes past problems in the spec: each becomes a `cargo::warning`, and the rest generates.
    pub fn lenient(mut self, lenient: bool) -> Self {
        self.lenient = lenient;
        self
    }

    /// The folder under `OUT_DIR` the modules go in (`sdk` by default), for a crate that
    /// generates more than one SDK.
    pub fn folder(mut self, name: impl Into<String>) -> Self {
        self.folder = name.into();
        self
    }

    /// Generates into `OUT_DIR/{folder}` and returns the path of its root file, to `include!`.
    pub fn generate(self) -> Result<PathBuf, BuildError> {
        let mut instructions = Vec::new();
        let result = match std::env::var_os("OUT_DIR") {
            Some(out_dir) => self.generate_into(Path::new(&out_dir), &mut instructions),
            None => Err(BuildError::Io(
                "OUT_DIR is not set: run from a build script".to_owned(),
            )),
        };
        if let Err(BuildError::Io(message)) = &result {
            instructions.push(format!("cargo::error={}", one_line(message)));
        }
        for instruction in instructions {
            println!("{instruction}");
        }
        result
    }

    /// Generates into `out_dir/{folder}`, adding what cargo must hear to `instructions`.
    fn generate_into(
        &self,
        out_dir: &Path,
        instructions: &mut Vec<String>,
    ) -> Result<PathBuf, BuildError> {
        let mut read_text = |path: &Path| {
            instructions.push(format!("cargo::rerun-if-changed={}", path.display()));
            fs::read_to_string(path)
                .map_err(|error| BuildError::Io(format!("cannot read {}: {error}", path.display())))
        };
        let name = slash_name(&self.spec);
        let text = read_text(&self.spec)?;
        let overlay_names: Vec<String> =
            self.overlays.iter().map(|path| slash_name(path)).collect();
        let overlay_texts = self
            .overlays
            .iter()
            .map(|path| read_text(path))
            .collect::<Result<Vec<_>, _>>()?;
        // Every file a `$ref` reaches, named to cargo so an edit to it regenerates.
        let reached: Mutex<Vec<String>> = Mutex::new(Vec::new());
        let read = |path: &str| {
            if let Ok(mut reached) = reached.lock() {
                reached.push(path.to_owned());
            }
            crate::read_file(path)
        };
        let input = Input {
            spec: SpecSource {
                name: &name,
                text: &text,
            },
            overlays: overlay_names
                .iter()
                .zip(&overlay_texts)
                .map(|(name, text)| SpecSource { name, text })
                .collect(),
            read: &read,
        };
        let mut options = CrateOptions::new(self.folder.clone());
        options.layout = Layout::Included;
        options.command = "cargo build (build.rs)".to_owned();
        let strictness = if self.lenient {
            Strictness::Lenient
        } else {
            Strictness::Strict
        };
        let generated = crate::generate(input, strictness, &options);
        for path in reached.into_inner().unwrap_or_default() {
            instructions.push(format!("cargo::rerun-if-changed={path}"));
        }
        // The report holds one located problem a line.
        let output = generated.map_err(|problems| {
            for line in problems.to_string().lines() {
                instructions.push(format!("cargo::error={line}"));
            }
            BuildError::Problems(problems)
        })?;
        if !output.problems.items.is_empty() {
            for line in output.problems.to_string().lines() {
                instructions.push(format!("cargo::warning={line}"));
            }
        }
        let folder = out_dir.join(&self.folder);
        for file in &output.files {
            let relative = file.path.strip_prefix("src/").unwrap_or(&file.path);
            write_if_changed(&folder.join(relative), &file.contents)?;
        }
        Ok(folder.join("root.rs"))
    }
}

/// Writes a file unless it already holds these bytes, so an unchanged SDK is not rebuilt.
fn write_if_changed(path: &Path, contents: &str) -> Result<(), BuildError> {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|error| {
            BuildError::Io(format!("cannot create {}: {error}", parent.display()))
        })?;
    }
    fs::write(path, contents)
        .map_err(|error| BuildError::Io(format!("cannot write {}: {error}", path.display())))
}

/// A path as problems name it, with `/` separators on every system.
fn slash_name(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A cargo instruction holds one line.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("generator-build-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("schemas")).unwrap_or_else(|error| panic!("{error}"));
        dir
    }

    fn write(path: &Path, text: &str) {
        fs::write(path, text).unwrap_or_else(|error| panic!("{error}"));
    }

    const ROOT: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet: {$ref: 'schemas/pet.yaml'}\n";

    #[test]
    fn every_file_is_watched_and_problems_reach_cargo_located() {
        let dir = scratch("problems");
        write(&dir.join("api.yaml"), ROOT);
        write(
            &dir.join("schemas/pet.yaml"),
            "type: object\nproperties:\n  name: {type: strin}\n",
        );
        let mut instructions = Vec::new();
        let result =
            Build::new(dir.join("api.yaml")).generate_into(&dir.join("out"), &mut instructions);
        assert!(matches!(result, Err(BuildError::Problems(_))), "{result:?}");
        let text = instructions.join("\n");
        assert!(
            text.contains(&format!(
                "cargo::rerun-if-changed={}",
                dir.join("api.yaml").display()
            )),
            "{text}"
        );
        assert!(
            text.contains("cargo::rerun-if-changed=") && text.contains("schemas/pet.yaml"),
            "{text}"
        );
        let error = instructions
            .iter()
            .find(|line| line.starts_with("cargo::error="))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(error.contains("schemas/pet.yaml:3:"), "{error}");
        assert!(error.contains("unknown type `strin`"), "{error}");
        // Nothing is written for a broken spec.
        assert!(!dir.join("out").exists());

        // Lenient: the problem is a warning, and the modules are written.
        let mut instructions = Vec::new();
        let root = Build::new(dir.join("api.yaml"))
            .lenient(true)
            .generate_into(&dir.join("out"), &mut instructions)
            .unwrap_or_else(|error| panic!("{error}"));
        assert!(
            instructions
                .iter()
                .any(|line| line.starts_with("cargo::warning=") && line.contains("strin"))
        );
        let root_text = fs::read_to_string(&root).unwrap_or_default();
        assert!(root_text.contains("pub mod models;"), "{root_text}");
        assert!(
            !root_text.contains("#!["),
            "an included file holds no inner attribute: {root_text}"
        );
        assert!(!dir.join("out/sdk/Cargo.toml").exists());
        let _ = fs::remove_dir_all(&dir);
    }
}
