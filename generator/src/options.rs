//! What a generation is told about the crate it writes: its name and version, where it gets the
//! runtime, its package metadata, and its layout.

use crate::render::REGENERATE;

/// What the generated crate is called and what it depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrateOptions {
    /// The package name, e.g. `example-sdk`.
    pub name: String,
    pub version: String,
    /// Where the generated crate gets the runtime from.
    pub runtime: RuntimeDependency,
    /// What the first `Cargo.toml` says of the package beyond its name and version.
    pub metadata: Metadata,
    /// Hand-written modules in `src/` that `lib.rs` declares.
    pub modules: Vec<String>,
    /// How the header of every file names the spec; its file name when `None`. It must not depend
    /// on the machine (no absolute path), so the same spec gives the same files everywhere.
    pub spec_label: Option<String>,
    /// The command that regenerates the crate, named in every file's header.
    pub command: String,
    /// A crate folder of its own, or modules for a build script to write into `OUT_DIR`.
    pub layout: Layout,
}

/// How the generated files make a crate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// `Cargo.toml`, `README.md` and `src/`: a crate that builds on its own.
    #[default]
    Crate,
    /// `src/` only, its root `src/root.rs` free of inner attributes, so a crate's root can
    /// `include!` it (see [`crate::build`]).
    Included,
}

impl CrateOptions {
    /// A crate named `name`, version 0.1.0, depending on the published runtime.
    pub fn new(name: impl Into<String>) -> Self {
        CrateOptions {
            name: name.into(),
            version: "0.1.0".to_owned(),
            runtime: RuntimeDependency::default(),
            metadata: Metadata::default(),
            modules: Vec::new(),
            spec_label: None,
            command: REGENERATE.to_owned(),
            layout: Layout::Crate,
        }
    }
}

/// The first line of the block of a generated `Cargo.toml` that the generator keeps current (the
/// features of the spec's tags), though the rest of the file is the user's.
pub const FEATURES_BEGIN: &str = "# sdkgen: begin features (one per tag; rewritten on every run: add your own below the end line)";
/// The last line of that block.
pub const FEATURES_END: &str = "# sdkgen: end features";

/// The version of `sdkgen-runtime` that generated code is written for.
pub const RUNTIME_VERSION: &str = "0.1";

/// How the generated `Cargo.toml` depends on the runtime crate, `sdkgen-runtime`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// From crates.io, at this version requirement.
    Version(String),
    /// A folder holding the runtime (relative to the generated crate, or absolute), for developing
    /// against a local clone.
    Path(String),
    /// A git repository, at a revision, tag or branch (its default branch when `None`).
    Git {
        url: String,
        reference: Option<GitReference>,
    },
}

impl Default for RuntimeDependency {
    fn default() -> Self {
        RuntimeDependency::Version(RUNTIME_VERSION.to_owned())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GitReference {
    Rev(String),
    Tag(String),
    Branch(String),
}

/// Package metadata for the generated `Cargo.toml`; what is `None` is left out, except the
/// description, which then comes from the spec's title.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    pub description: Option<String>,
    /// An SPDX expression, e.g. `MIT OR Apache-2.0`.
    pub license: Option<String>,
    pub authors: Vec<String>,
    pub repository: Option<String>,
}
