//! The SDK generator: reads an OpenAPI 3.0 spec and returns the Rust files of an SDK for it.
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

/// What one generation produced.
#[derive(Debug)]
pub struct Output {
    pub files: Vec<GeneratedFile>,
    pub type_count: usize,
    pub operation_count: usize,
    /// The problems a lenient run went past.
    pub problems: Diagnostics,
}

/// Emits the tokens of one file.
type Emitter = fn(&ir::Api) -> render::FileTokens<'_>;

/// Generates every file of the SDK's generated part, or reports every problem in the spec.
pub fn generate(source: SpecSource<'_>, strictness: Strictness) -> Result<Output, Diagnostics> {
    let (api, problems) = load(source, strictness)?;
    let emitters: [(&str, Emitter); 4] = [
        ("mod.rs", emit::root),
        ("models.rs", emit::models),
        ("operations.rs", emit::operations),
        ("validation.rs", emit::validation),
    ];
    let files: Vec<(&str, render::FileTokens<'_>)> = emitters
        .into_iter()
        .map(|(path, emit)| (path, emit(&api)))
        .collect();
    let files = render::render_all(files, source.name, cores())
        .map_err(|problem| fail(source, vec![problem]))?;
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
