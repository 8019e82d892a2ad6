//! The one writer every generated file goes through: tokens to syntax trees, formatted by
//! prettyplease, under a header that names the command that regenerates it.
//!
//! A file is rendered one item at a time (a type with its impls, an operation with its builder), so
//! only one item's tokens and syntax tree are alive at once, however large the spec.

use proc_macro2::TokenStream;

use crate::diagnostics::Diagnostic;
use crate::pointer::JsonPointer;

/// The command that regenerates the files, named in every header.
pub const REGENERATE: &str = "sdkgen";

/// A file the generator produced, with its path relative to the folder the generator owns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
    /// Written only when the folder lacks it, and from then on the user's (`Cargo.toml`,
    /// `README.md`): never rewritten, never removed, not listed as the generator's.
    pub seed: bool,
}

/// A file as the emitters produce it: its inner attributes (`//!` docs, `#![allow]`), then `count`
/// items, each a token stream of one or more Rust items, made on demand by index so that items can
/// be made and formatted on several threads.
pub struct FileTokens<'a> {
    pub inner: TokenStream,
    pub count: usize,
    pub item: Box<MakeItem<'a>>,
}

/// The tokens of one or more items, then items already made as syntax trees (which need no
/// parse), and the `#[cfg]` every one of them is compiled under (a type comes with its impls,
/// which need it). The attribute is put on each item's syntax tree, not spliced into the tokens,
/// which would take a parse of its own.
pub struct ItemTokens {
    pub tokens: TokenStream,
    pub trees: Vec<syn::Item>,
    pub cfg: Option<TokenStream>,
}

impl std::fmt::Debug for ItemTokens {
    // syn's trees are `Debug` only with a feature nothing else needs: they are counted.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemTokens")
            .field("tokens", &self.tokens)
            .field("trees", &self.trees.len())
            .field("cfg", &self.cfg)
            .finish()
    }
}

impl From<TokenStream> for ItemTokens {
    fn from(tokens: TokenStream) -> Self {
        ItemTokens {
            tokens,
            trees: Vec::new(),
            cfg: None,
        }
    }
}

/// Items in one unit of work: small enough that the workers finish together, large enough that
/// handing out work costs nothing.
const CHUNK: usize = 4;

/// The fewest chunks that are worth a thread of their own.
const CHUNKS_PER_WORKER: usize = 8;

/// A function that makes the tokens of a file's item by index.
pub type MakeItem<'a> = dyn Fn(usize) -> ItemTokens + Sync + 'a;

/// Formats every file. The items of all files are cut into chunks that `threads` workers take in
/// turn, so a large file does not wait on one core; the chunks are put back in order, so the output
/// is the same whatever the number of threads.
pub fn render_all(
    files: Vec<(String, FileTokens<'_>)>,
    header: &str,
    threads: crate::Threads,
) -> Result<Vec<GeneratedFile>, Diagnostic> {
    let mut heads = Vec::with_capacity(files.len());
    let mut makers: Vec<(&str, &MakeItem<'_>)> = Vec::with_capacity(files.len());
    let mut jobs: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for (file, (path, tokens)) in files.iter().enumerate() {
        heads.push(head(path, header, tokens.inner.clone())?);
        makers.push((path.as_str(), &*tokens.item));
        jobs.extend(
            (0..tokens.count)
                .step_by(CHUNK)
                .map(|start| (file, start..(start + CHUNK).min(tokens.count))),
        );
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some((file, range)) = jobs.get(index) else {
                return done;
            };
            let (path, make) = makers[*file];
            done.push((index, render_run(path, make, range.clone())));
        }
    };
    // A second thread costs its start and its own parse of the templates (see `emit::template`):
    // more than a few chunks take, so a small crate is made on one.
    let enough = (jobs.len() / CHUNKS_PER_WORKER).max(1);
    let workers = if enough > 1 {
        threads.count().clamp(1, enough)
    } else {
        1
    };
    let mut chunks: Vec<(usize, Result<String, Diagnostic>)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        let mut chunks = work();
        for helper in helpers {
            match helper.join() {
                Ok(done) => chunks.extend(done),
                Err(_) => chunks.push((usize::MAX, Err(internal("a formatting thread failed")))),
            }
        }
        chunks
    });
    chunks.sort_by_key(|(index, _)| *index);
    let mut contents = heads;
    for (index, chunk) in chunks {
        let text = chunk?;
        let file = jobs.get(index).map_or(0, |(file, _)| *file);
        contents[file].push_str(&text);
    }
    Ok(files
        .iter()
        .zip(contents)
        .map(|((path, _), contents)| GeneratedFile {
            path: path.clone(),
            contents,
            seed: false,
        })
        .collect())
}

/// A file written once and then left to the user.
pub fn seed_file(path: &str, contents: String) -> GeneratedFile {
    GeneratedFile {
        path: path.to_owned(),
        contents,
        seed: true,
    }
}

/// The first line of every Rust file: what wrote it, from which spec, and the command that
/// writes it again.
pub fn header_text(command: &str, spec_name: &str) -> String {
    // The name is the caller's path: a line break or control character in it must not end the
    // comment it stands in.
    let spec_name: String = spec_name
        .chars()
        .map(|ch| {
            if ch.is_control() || ('\u{2000}'..='\u{206F}').contains(&ch) {
                ch.escape_unicode().to_string()
            } else {
                ch.to_string()
            }
        })
        .collect();
    let command: String = command.chars().filter(|ch| !ch.is_control()).collect();
    format!("@generated by `{command}` from {spec_name}. Do not edit by hand.")
}

/// The root of a crate generated for a build script, which the user's crate `include!`s: a file
/// that is included may hold no inner attribute.
pub const INCLUDED_ROOT: &str = "src/root.rs";

/// The header and the file's own attributes.
fn head(path: &str, header: &str, inner: TokenStream) -> Result<String, Diagnostic> {
    let mut contents = format!("// {header}\n");
    if path == INCLUDED_ROOT {
        return Ok(contents);
    }
    // The files are formatted here; `cargo fmt` on the crate must leave them as they are, or the
    // freshness check would fail. rustc drops the attribute, rustfmt honours it.
    let inner = parse(
        path,
        quote::quote!(#![cfg_attr(rustfmt, rustfmt::skip)] #inner),
    )?;
    if !inner.attrs.is_empty() {
        contents.push('\n');
        contents.push_str(&prettyplease::unparse(&inner));
    }
    Ok(contents)
}

/// The items in `range`, each formatted on its own so a blank line can go between them
/// (prettyplease prints items back to back).
fn render_run(
    path: &str,
    item: &MakeItem<'_>,
    range: std::ops::Range<usize>,
) -> Result<String, Diagnostic> {
    format_items(path, range.map(item))
}

/// Formats items one after another, a blank line before each.
pub fn format_items(
    path: &str,
    items: impl Iterator<Item = ItemTokens>,
) -> Result<String, Diagnostic> {
    let mut contents = String::new();
    for ItemTokens { tokens, trees, cfg } in items {
        let mut file = parse(path, tokens)?;
        file.items.extend(trees);
        let cfg = match cfg {
            Some(cfg) => syn::parse::Parser::parse2(syn::Attribute::parse_outer, cfg)
                .map_err(|error| internal(&format!("a `#[cfg]` in `{path}`: {error}")))?,
            None => Vec::new(),
        };
        for mut item in std::mem::take(&mut file.items) {
            if let Some(attrs) = attributes(&mut item) {
                attrs.splice(0..0, cfg.iter().cloned());
            }
            file.items.push(item);
            contents.push('\n');
            contents.push_str(&prettyplease::unparse(&file));
            file.items.clear();
        }
    }
    Ok(contents)
}

/// The attributes of an item of a kind the emitters write.
fn attributes(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    use syn::Item;
    match item {
        Item::Const(item) => Some(&mut item.attrs),
        Item::Enum(item) => Some(&mut item.attrs),
        Item::Fn(item) => Some(&mut item.attrs),
        Item::Impl(item) => Some(&mut item.attrs),
        Item::Macro(item) => Some(&mut item.attrs),
        Item::Mod(item) => Some(&mut item.attrs),
        Item::Static(item) => Some(&mut item.attrs),
        Item::Struct(item) => Some(&mut item.attrs),
        Item::Trait(item) => Some(&mut item.attrs),
        Item::Type(item) => Some(&mut item.attrs),
        Item::Use(item) => Some(&mut item.attrs),
        _ => None,
    }
}

fn internal(problem: &str) -> Diagnostic {
    Diagnostic::new(
        JsonPointer::root(),
        format!("internal error while writing the files: {problem}"),
    )
}

fn parse(path: &str, tokens: TokenStream) -> Result<syn::File, Diagnostic> {
    syn::parse2(tokens).map_err(|error| {
        // The tokens come from the emitters, so this is a generator bug, reported rather than a panic.
        let message = format!("internal error: generated `{path}` is not valid Rust: {error}");
        Diagnostic::new(JsonPointer::root(), message)
    })
}
