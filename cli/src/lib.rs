//! `sdkgen`, the command that writes a Rust SDK crate from an OpenAPI spec, as a library: the
//! command line and its settings file, one generation job, and the folder writer that owns only
//! the files it wrote. `cargo xtask codegen` uses the same pieces for this repository's crates.

pub mod arguments;
pub mod folder;
pub mod job;
pub mod paths;
pub mod settings;

pub use arguments::Arguments;
pub use job::{Failure, Job, Report, Stage, run};
