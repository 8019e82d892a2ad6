//! The pipeline's phases one by one, for the criterion benchmark that says where the time goes
//! (feature `internals`): what [`crate::generate`] runs, cut where one phase hands to the next.

use crate::diagnostics::{Diagnostic, Location};
use crate::pointer::JsonPointer;
use crate::render::ItemTokens;
use crate::{CrateOptions, GeneratedFile, Input, ir, spec};

/// Text to the spec model (one file, no `$ref` to another file).
pub fn parse(text: &str) -> Result<spec::OpenApi, Diagnostic> {
    crate::parse::parse(text)
}

/// The spec's files and overlays to one document and then the spec model: what a many-file spec
/// costs before lowering.
pub fn resolve(input: &Input<'_>) -> Result<spec::OpenApi, Vec<Diagnostic>> {
    let assembly = crate::source::assemble(input);
    if !assembly.problems.is_empty() {
        return Err(assembly.problems);
    }
    crate::parse::from_tree(&assembly.document).map_err(|problem| vec![problem])
}

/// The spec model to the checked IR, with the problems found.
pub fn lower(spec: &spec::OpenApi) -> (ir::Api, Vec<Diagnostic>) {
    crate::lower::lower(spec)
}

/// Line and column of each pointer in `text`.
pub fn locate(text: &str, pointers: &[&JsonPointer]) -> Vec<Option<Location>> {
    crate::locate::locate_all(text, pointers)
}

/// The IR to the token streams (or syntax trees) of every item of every Rust file.
pub fn emit(api: &ir::Api, options: &CrateOptions) -> Vec<(String, Vec<ItemTokens>)> {
    crate::rust_files(api, options)
        .into_iter()
        .map(|(path, file)| (path, (0..file.count).map(&*file.item).collect()))
        .collect()
}

/// Emitted items to formatted text (token streams parsed to syntax trees, then prettyplease), on
/// this thread: token streams cannot be shared between threads.
pub fn format(files: Vec<(String, Vec<ItemTokens>)>) -> Result<Vec<String>, Diagnostic> {
    files
        .into_iter()
        .map(|(path, items)| crate::render::format_items(&path, items.into_iter()))
        .collect()
}

/// The IR to formatted files, on `threads` threads: emit and format together, as they run.
pub fn emit_and_format(
    api: &ir::Api,
    options: &CrateOptions,
    threads: usize,
) -> Result<Vec<GeneratedFile>, Diagnostic> {
    crate::render::Handoff::default().render(
        crate::rust_files(api, options),
        "bench",
        crate::Threads::Fixed(threads),
        None,
    )
}

/// Files to a folder, as the command-line tool writes them.
pub fn write(files: &[GeneratedFile], folder: &std::path::Path) -> std::io::Result<()> {
    for file in files {
        let path = folder.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, &file.contents)?;
    }
    Ok(())
}
