//! The SDK generator: reads an OpenAPI 3.0 spec and returns the files of a Rust SDK crate for it,
//! which depends on the runtime crate `sdk-runtime`.
//!
//! Data flows one way: spec text -> [`spec`] model (serde) -> checked [`ir`] (names decided, refs
//! resolved, types classified) -> token streams -> formatted files. A broken spec gives
//! [`Diagnostics`] naming the file, line, column and JSON pointer of every problem, and no files.

pub mod diagnostics;
pub mod ir;
pub mod naming;
pub mod pointer;
pub mod spec;

mod emit;
mod locate;
mod lower;
mod nesting;
mod parse;
mod render;

pub use diagnostics::{Diagnostic, Diagnostics, Location};
pub use render::{GeneratedFile, REGENERATE};

/// A spec to generate from: its text, and the name to use for it in messages and headers.
#[derive(Clone, Copy, Debug)]
pub struct SpecSource<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// How to treat problems in the spec.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Strictness {
    /// Any problem fails generation: nothing is produced.
    #[default]
    Strict,
    /// Problems are listed in [`Output::problems`] and each construct falls back: a schema becomes
    /// any JSON value, an operation is left out. For surveying large third-party specs.
    Lenient,
}

/// Parses and checks a spec into the IR, with the problems found (always empty when strict).
pub fn load(
    source: SpecSource<'_>,
    strictness: Strictness,
) -> Result<(ir::Api, Diagnostics), Diagnostics> {
    let spec = parse::parse(source.text).map_err(|problem| fail(source, vec![problem]))?;
    let (api, problems) = lower::lower(&spec);
    match (problems.is_empty(), strictness) {
        (false, Strictness::Strict) => Err(fail(source, problems)),
        _ => Ok((api, fail(source, problems))),
    }
}

/// What the generated crate is called and what it depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrateOptions {
    /// The package name, e.g. `example-sdk`.
    pub name: String,
    pub version: String,
    /// The runtime crate's folder, as `Cargo.toml` names it (relative to the generated crate, or
    /// absolute).
    pub runtime_path: String,
    /// Whether to write `Cargo.toml`; off when the crate has a hand-written one.
    pub manifest: bool,
    /// Hand-written modules in `src/` that `lib.rs` declares.
    pub modules: Vec<String>,
    /// A hand-written README beside `Cargo.toml`, included as the crate's documentation.
    pub readme: Option<String>,
}

/// What one generation produced.
#[derive(Debug)]
pub struct Output {
    /// Every file of the crate, by path relative to its folder (`Cargo.toml`, `src/lib.rs`, ...).
    pub files: Vec<GeneratedFile>,
    pub type_count: usize,
    pub operation_count: usize,
    /// The problems a lenient run went past.
    pub problems: Diagnostics,
}

/// Generates every file of the SDK crate, or reports every problem in the spec.
pub fn generate(
    source: SpecSource<'_>,
    strictness: Strictness,
    options: &CrateOptions,
) -> Result<Output, Diagnostics> {
    let (api, problems) = load(source, strictness)?;
    let mut rust: Vec<(String, render::FileTokens<'_>)> = vec![
        ("src/lib.rs".to_owned(), emit::lib(&api, options)),
        ("src/client.rs".to_owned(), emit::client(&api)),
        ("src/models.rs".to_owned(), emit::models(&api)),
        (
            "src/operations/mod.rs".to_owned(),
            emit::operations_root(&api),
        ),
        ("src/validation.rs".to_owned(), emit::validation(&api)),
    ];
    for (index, module) in api.modules.iter().enumerate() {
        let file = module.name.trim_start_matches("r#");
        rust.push((
            format!("src/operations/{file}.rs"),
            emit::operations(&api, index),
        ));
    }
    let mut files = render::render_all(rust, source.name, cores())
        .map_err(|problem| fail(source, vec![problem]))?;
    if options.manifest {
        files.insert(
            0,
            render::text_file("Cargo.toml", source.name, &emit::manifest(&api, options)),
        );
    }
    Ok(Output {
        files,
        type_count: api.types.len(),
        operation_count: api.operations.len(),
        problems,
    })
}

/// The machine's cores, read once: asking the system reads files.
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}

/// Attaches line and column to each problem that lacks them, and the file name to all.
fn fail(source: SpecSource<'_>, mut items: Vec<Diagnostic>) -> Diagnostics {
    let unlocated: Vec<&pointer::JsonPointer> = items
        .iter()
        .filter(|item| item.location.is_none())
        .map(|item| &item.pointer)
        .collect();
    let mut locations = locate::locate_all(source.text, &unlocated).into_iter();
    for item in items.iter_mut().filter(|item| item.location.is_none()) {
        item.location = locations.next().flatten();
    }
    Diagnostics {
        file: source.name.to_owned(),
        items,
    }
}
