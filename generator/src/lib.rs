//! The SDK generator: reads an OpenAPI 3.0 or 3.1 spec, in one file or many, with overlays, and
//! returns the files of a Rust SDK crate for it, which depends on the runtime crate `sdkgen-runtime`.
//!
//! Its public interface is what a user of the generator needs: the [`CrateOptions`], [`generate`],
//! the [`Diagnostics`] with their locations, and [`build`] for build scripts. Everything else (the
//! spec model, the IR, the emitters) is private; the `internals` feature shows the model and the
//! IR to this crate's own tests, and is no part of its interface.
//!
//! Data flows one way: spec files -> one document (references to other files resolved, overlays
//! applied; only when the spec needs it) -> spec model (serde) -> checked IR (names decided, refs
//! resolved, types classified) -> token streams -> formatted files. A broken spec gives
//! [`Diagnostics`] naming the file, line, column and JSON pointer of every problem, and no files.

pub mod build;
mod diagnostics;
mod options;

/// The IR and the spec model, for this crate's own tests (feature `internals`): unstable.
macro_rules! internal_modules {
    ($($name:ident),*) => {$(
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        mod $name;
    )*};
}
internal_modules!(ir, naming, pointer, spec);

mod emit;
mod locate;
mod lower;
mod nesting;
mod parse;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod phases;
mod render;
mod search;
mod source;
mod tree_reader;

pub use diagnostics::{Diagnostic, Diagnostics, Location};
pub use options::{
    CrateOptions, FEATURES_BEGIN, FEATURES_END, GitReference, Layout, Metadata, RUNTIME_VERSION,
    RuntimeDependency,
};
pub use pointer::JsonPointer;
pub use render::{GeneratedFile, REGENERATE};

/// A spec to generate from: its text, and the name to use for it in messages and headers.
#[derive(Clone, Copy, Debug)]
pub struct SpecSource<'a> {
    /// Its path (relative to the working folder, or absolute): other files its `$ref`s name are
    /// found relative to it.
    pub name: &'a str,
    pub text: &'a str,
}

/// Reads a file a spec or an overlay references, by the path made from the referencing file's name
/// and the reference (`specs/paths/a.yaml` for `$ref: ./paths/a.yaml` in `specs/openapi.yaml`).
pub type ReadFile<'a> = dyn Fn(&str) -> std::io::Result<String> + Sync + 'a;

/// Reads referenced files from the file system.
pub fn read_file(path: &str) -> std::io::Result<String> {
    std::fs::read_to_string(path)
}

/// Everything a generation reads: the spec, the overlays applied to it in order, and how to read the
/// files they reference.
#[derive(Clone)]
pub struct Input<'a> {
    pub spec: SpecSource<'a>,
    /// OpenAPI Overlay 1.0 documents, applied in order to the spec with its files resolved.
    pub overlays: Vec<SpecSource<'a>>,
    pub read: &'a ReadFile<'a>,
}

impl std::fmt::Debug for Input<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Input")
            .field("spec", &self.spec.name)
            .field(
                "overlays",
                &self.overlays.iter().map(|o| o.name).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl<'a> From<SpecSource<'a>> for Input<'a> {
    fn from(spec: SpecSource<'a>) -> Self {
        Input {
            spec,
            overlays: Vec::new(),
            read: &read_file,
        }
    }
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

/// Parses and checks a spec into the IR, for this crate's own tests (feature `internals`).
#[cfg(feature = "internals")]
#[doc(hidden)]
pub fn load<'a>(
    input: impl Into<Input<'a>>,
    strictness: Strictness,
) -> Result<(ir::Api, Diagnostics), Diagnostics> {
    load_api(input, strictness)
}

/// Parses and checks a spec into the IR, with the problems found (always empty when strict).
fn load_api<'a>(
    input: impl Into<Input<'a>>,
    strictness: Strictness,
) -> Result<(ir::Api, Diagnostics), Diagnostics> {
    let input = input.into();
    if !source::needs_assembly(&input) {
        // The spec as it is: one file whose references lowering resolves itself, read straight
        // from its text.
        let spec = parse::parse_on::<spec::OpenApi>(input.spec.text, Threads::Cores)
            .map_err(|problem| fail(&input, None, vec![problem]))?;
        let (api, problems) = lower::lower(&spec);
        free_later(spec, input.spec.text.len());
        return finish(&input, None, api, problems, strictness);
    }
    let assembly = source::assemble(&input);
    let mut problems = assembly.problems.clone();
    let spec = match parse::from_tree::<spec::OpenApi>(&assembly.document) {
        Ok(spec) => spec,
        Err(problem) => {
            problems.push(problem);
            return Err(fail(&input, Some(&assembly), problems));
        }
    };
    let (api, lowered) = lower::lower(&spec);
    problems.extend(lowered);
    let finished = finish(&input, Some(&assembly), api, problems, strictness);
    let bytes = assembly.files.iter().map(|file| file.text.len()).sum();
    free_later((spec, assembly.document, assembly.files), bytes);
    finished
}

/// Frees `value`, read from a spec of `bytes`, on a thread of its own when it is large. A large
/// spec's model and trees are millions of small allocations, which take a core tens of
/// milliseconds to free while nothing else could run; nothing waits on it. Where no thread can be
/// started, it is freed here.
pub(crate) fn free_later<T: Send + 'static>(value: T, bytes: usize) {
    // Below this, freeing costs less than starting a thread.
    const LARGE: usize = 256 * 1024;
    if bytes >= LARGE {
        let _ = std::thread::Builder::new().spawn(move || drop(value));
    }
}

fn finish(
    input: &Input<'_>,
    assembly: Option<&source::Assembly<'_>>,
    api: ir::Api,
    problems: Vec<Diagnostic>,
    strictness: Strictness,
) -> Result<(ir::Api, Diagnostics), Diagnostics> {
    match (problems.is_empty(), strictness) {
        (false, Strictness::Strict) => Err(fail(input, assembly, problems)),
        _ => Ok((api, fail(input, assembly, problems))),
    }
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
pub fn generate<'a>(
    input: impl Into<Input<'a>>,
    strictness: Strictness,
    options: &CrateOptions,
) -> Result<Output, Diagnostics> {
    generate_on(input.into(), strictness, options, Threads::Cores)
}

/// [`generate`] with the files formatted on `threads` threads: for the tests that prove the
/// output does not depend on how the work was shared.
#[cfg(feature = "internals")]
pub fn generate_with_threads<'a>(
    input: impl Into<Input<'a>>,
    strictness: Strictness,
    options: &CrateOptions,
    threads: usize,
) -> Result<Output, Diagnostics> {
    generate_on(input.into(), strictness, options, Threads::Fixed(threads))
}

fn generate_on(
    input: Input<'_>,
    strictness: Strictness,
    options: &CrateOptions,
    threads: Threads,
) -> Result<Output, Diagnostics> {
    // Declared before the threads' scope, which borrows them: the API, for the work that formats
    // its files, and where that work is handed to a thread started before it.
    let loaded = std::sync::OnceLock::new();
    let handoff = render::Handoff::default();
    let output = std::thread::scope(|scope| {
        // Released on every way out of the scope, a panic included: the scope waits for the
        // thread, which waits for the work.
        let _release = Release(&handoff);
        // A spec this large makes a crate worth formatting on two threads: the second is started
        // now, while the spec is read, instead of after it.
        let early = input.spec.text.len() >= EARLY_THREAD_BYTES && threads.count() > 1;
        let started = early.then(|| handoff.start(scope)).flatten();
        let (api, problems) = load_api(input.clone(), strictness)?;
        let api = loaded.get_or_init(|| api);
        let files = emit_files(&input, api, options, &handoff, threads, started)?;
        Ok(Output {
            files,
            type_count: api.types.len(),
            operation_count: api.operations.len(),
            problems,
        })
    });
    // The handoff's work borrowed the API.
    drop(handoff);
    if let Some(api) = loaded.into_inner() {
        free_later(api, input.spec.text.len());
    }
    output
}

/// The root spec's size from which the second formatting thread is started before the spec is
/// read: about where the crate has enough items to be worth two (see `render::work`).
const EARLY_THREAD_BYTES: usize = 16 * 1024;

/// Lets the early thread go when the scope it runs in ends.
struct Release<'h, 'a>(&'h render::Handoff<'a>);

impl Drop for Release<'_, '_> {
    fn drop(&mut self) {
        self.0.release();
    }
}

/// Every file of the crate for `api`, formatted with the help of the thread `started` early, if any.
fn emit_files<'a>(
    input: &Input<'_>,
    api: &'a ir::Api,
    options: &'a CrateOptions,
    handoff: &render::Handoff<'a>,
    threads: Threads,
    started: Option<std::sync::mpsc::Receiver<render::Chunks>>,
) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let source = input.spec;
    let label = options.spec_label.clone().unwrap_or_else(|| {
        let name = source
            .name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(source.name);
        name.to_owned()
    });
    let header = render::header_text(&options.command, &label);
    let mut files = handoff
        .render(rust_files(api, options), &header, threads, started)
        .map_err(|problem| fail(input, None, vec![problem]))?;
    if options.layout == Layout::Crate {
        // Written when absent, then the user's: a dependency they add survives regeneration.
        let manifest = render::seed_file("Cargo.toml", emit::manifest(api, options));
        let readme = render::seed_file("README.md", emit::readme(api, options));
        files.splice(0..0, [manifest, readme]);
    }
    Ok(files)
}

/// Every Rust file of the crate, as the emitters make it: a path and its items' token streams.
fn rust_files<'a>(
    api: &'a ir::Api,
    options: &'a CrateOptions,
) -> Vec<(String, render::FileTokens<'a>)> {
    let root = match options.layout {
        Layout::Crate => "src/lib.rs",
        Layout::Included => render::INCLUDED_ROOT,
    };
    let mut rust: Vec<(String, render::FileTokens<'_>)> = vec![
        (root.to_owned(), emit::lib(api, options)),
        ("src/client.rs".to_owned(), emit::client(api)),
        ("src/models.rs".to_owned(), emit::models(api)),
    ];
    // One module of operations is the `operations` module itself, in one file; several are its
    // submodules, one file each, re-exported from it.
    let (operations, file) = match api.modules.len() {
        0 => ("src/operations.rs", emit::operations_root(api)),
        1 => ("src/operations.rs", emit::operations(api, 0)),
        _ => ("src/operations/mod.rs", emit::operations_root(api)),
    };
    rust.push((operations.to_owned(), file));
    // Machinery modules only where there is machinery: no empty module for a reader to open.
    if emit::has_validation(api) {
        rust.push(("src/validation.rs".to_owned(), emit::validation(api)));
    }
    if emit::has_deserializers(api) {
        rust.push(("src/deserialize.rs".to_owned(), emit::deserializers(api)));
    }
    if api.modules.len() > 1 {
        for (index, module) in api.modules.iter().enumerate() {
            let file = module.name.trim_start_matches("r#");
            rust.push((
                format!("src/operations/{file}.rs"),
                emit::operations(api, index),
            ));
        }
    }
    rust
}

/// How many threads a phase may share its work among.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Threads {
    /// One a core. The cores are asked for only when a phase has enough work to share: asking
    /// reads the cgroup's files, a few percent of a small spec's run.
    Cores,
    /// A given count, for the tests that prove the output does not depend on it.
    #[cfg_attr(not(feature = "internals"), allow(dead_code))]
    Fixed(usize),
}

impl Threads {
    pub(crate) fn count(self) -> usize {
        match self {
            Threads::Cores => {
                static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
                *CORES.get_or_init(|| {
                    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
                })
            }
            Threads::Fixed(count) => count,
        }
    }
}

/// Names the file and the place inside it of each problem, attaches line and column to each that
/// lacks them, and keeps one problem a place (a reference that cannot be followed is not reported
/// again by lowering).
fn fail(
    input: &Input<'_>,
    assembly: Option<&source::Assembly<'_>>,
    items: Vec<Diagnostic>,
) -> Diagnostics {
    let mut placed: Vec<Diagnostic> = Vec::with_capacity(items.len());
    for mut item in items {
        if item.file.is_none()
            && let Some(assembly) = assembly
        {
            let (file, local) = assembly.origin(&item.pointer);
            item.file = Some(file.name.clone());
            item.pointer = local;
        }
        let duplicate = placed
            .iter()
            .any(|earlier| earlier.file == item.file && earlier.pointer == item.pointer);
        if !duplicate {
            placed.push(item);
        }
    }
    // Locate per file, each file's text scanned once.
    let text_of = |name: Option<&str>| -> &str {
        match (name, assembly) {
            (Some(name), Some(assembly)) => assembly
                .files
                .iter()
                .find(|file| file.name == name)
                .map_or("", |file| file.text.as_str()),
            _ => input.spec.text,
        }
    };
    let mut files: Vec<Option<String>> = placed.iter().map(|item| item.file.clone()).collect();
    files.sort();
    files.dedup();
    for file in files {
        let indexes: Vec<usize> = (0..placed.len())
            .filter(|&index| placed[index].file == file && placed[index].location.is_none())
            .collect();
        let pointers: Vec<&pointer::JsonPointer> = indexes
            .iter()
            .map(|&index| &placed[index].pointer)
            .collect();
        let locations = locate::locate_all(text_of(file.as_deref()), &pointers);
        for (index, location) in indexes.into_iter().zip(locations) {
            placed[index].location = location;
        }
    }
    // Problems in the spec itself name no file of their own.
    for item in &mut placed {
        if item.file.as_deref() == Some(input.spec.name) {
            item.file = None;
        }
    }
    Diagnostics {
        file: input.spec.name.to_owned(),
        items: placed,
    }
}
