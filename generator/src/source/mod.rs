//! The spec as its author published it, made into one document before the spec model is read: the
//! files its `$ref`s name read (each once) and resolved, then overlays applied, then the files
//! overlays reference resolved. Every node keeps the file and place it came from ([`Origins`]), so
//! a problem found later, anywhere in the pipeline, is reported in the file where it stands.
//!
//! Nothing after this stage knows about files: the spec model, lowering and emit see one document.

mod bundle;
mod kinds;
mod origins;
mod overlay;
mod paths;
pub(crate) mod split;
mod tree;

use std::cell::OnceCell;
use std::collections::HashMap;

use serde_json::Value;

pub use origins::Origins;

use crate::diagnostics::Diagnostic;
use crate::pointer::JsonPointer;
use crate::{Input, ReadFile};

/// The index of the spec itself among the files.
pub const ROOT: usize = 0;

/// A file that went into the document.
#[derive(Debug)]
pub struct SourceFile {
    /// The name problems give it: the spec's as the caller named it, others joined to the name of
    /// the file that references them.
    pub name: String,
    pub text: String,
    tree: FileTree,
}

/// What a file parsed to.
#[derive(Debug)]
enum FileTree {
    Parsed(Value),
    /// It does not parse (a problem says so).
    Broken,
    /// The spec's own tree, moved into the document that bundling rewrites. The original is
    /// parsed again from the text only when a reference names a place in it that is not a
    /// component, which few specs have: copying a large spec's tree up front took tens of
    /// milliseconds that nothing else could use.
    InDocument(OnceCell<Option<Value>>),
}

/// The document being assembled, the files it was assembled from and the problems found so far.
pub struct Assembly<'r> {
    pub files: Vec<SourceFile>,
    by_name: HashMap<String, usize>,
    read: &'r ReadFile<'r>,
    pub document: Value,
    pub origins: Origins,
    /// Problems found while assembling, each naming its file and the place inside it.
    pub problems: Vec<Diagnostic>,
}

impl std::fmt::Debug for Assembly<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Assembly")
            .field("files", &self.files.len())
            .field("problems", &self.problems.len())
            .finish_non_exhaustive()
    }
}

/// Whether the spec must be assembled, or can be read as it is (the fast path): it must when
/// overlays apply, or when a `$ref` names anything but one of the components that lowering
/// resolves itself. The scan is of the text, so it can only err towards assembling.
pub fn needs_assembly(input: &Input<'_>) -> bool {
    const KEPT: [&str; 7] = [
        "schemas",
        "parameters",
        "responses",
        "requestBodies",
        "headers",
        "securitySchemes",
        "examples",
    ];
    if !input.overlays.is_empty() {
        return true;
    }
    let text = input.spec.text;
    crate::search::starts_of("$ref", text).any(|index| {
        let rest = text[index + 4..].trim_start_matches(['"', '\'']);
        let rest = rest.trim_start().strip_prefix(':').unwrap_or(rest);
        let value = rest.trim_start().trim_start_matches(['"', '\'']);
        let end = value
            .find(|ch: char| ch.is_whitespace() || "\"',}]".contains(ch))
            .unwrap_or(value.len());
        // Only a whole component (`#/components/schemas/Pet`), not a place inside one
        // (`#/components/schemas/Pet/$defs/Chip`).
        let kept = value[..end]
            .strip_prefix("#/components/")
            .and_then(|component| component.split_once('/'))
            .is_some_and(|(kind, name)| KEPT.contains(&kind) && !name.contains('/'));
        !kept
    })
}

/// A file's tree: in pieces on every core when it is large and can be cut, else whole.
fn parse_tree(text: &str) -> Result<Value, Diagnostic> {
    crate::nesting::check(text)?;
    if let Some(tree) = split::tree(text, crate::Threads::Cores) {
        return Ok(tree);
    }
    crate::parse::parse_whole::<tree::Tree>(text).map(|tree::Tree(value)| value)
}

/// Assembles the spec's document from its files and the overlays.
pub fn assemble<'r>(input: &Input<'r>) -> Assembly<'r> {
    let mut assembly = Assembly {
        files: Vec::new(),
        by_name: HashMap::new(),
        read: input.read,
        document: Value::Null,
        origins: Origins::default(),
        problems: Vec::new(),
    };
    assembly.add_file(input.spec.name.to_owned(), input.spec.text.to_owned());
    match std::mem::replace(&mut assembly.files[ROOT].tree, FileTree::Broken) {
        FileTree::Parsed(document) => {
            assembly.document = document;
            assembly.files[ROOT].tree = FileTree::InDocument(OnceCell::new());
        }
        _ => return assembly,
    }
    bundle::Bundler::new(&mut assembly, false).run();
    if !input.overlays.is_empty() {
        for overlay in &input.overlays {
            let file = assembly.add_file(overlay.name.to_owned(), overlay.text.to_owned());
            overlay::apply(&mut assembly, file);
        }
        bundle::Bundler::new(&mut assembly, true).run();
    }
    assembly
}

impl Assembly<'_> {
    /// Adds a file already read, parsing it; returns its index.
    fn add_file(&mut self, name: String, text: String) -> usize {
        let index = self.files.len();
        let tree = match parse_tree(&text) {
            Ok(tree) => FileTree::Parsed(tree),
            Err(mut problem) => {
                problem.file = Some(name.clone());
                self.problems.push(problem);
                FileTree::Broken
            }
        };
        self.by_name.insert(name.clone(), index);
        self.files.push(SourceFile { name, text, tree });
        index
    }

    pub(crate) fn problem(&mut self, file: usize, pointer: JsonPointer, message: String) {
        let mut problem = Diagnostic::new(pointer, message);
        problem.file = Some(self.files[file].name.clone());
        self.problems.push(problem);
    }

    /// The tree of `file` as written, if it parsed.
    fn tree(&self, file: usize) -> Option<&Value> {
        let file = self.files.get(file)?;
        match &file.tree {
            FileTree::Parsed(tree) => Some(tree),
            FileTree::Broken => None,
            // It parsed once, so it parses again, to the same tree.
            FileTree::InDocument(original) => original
                .get_or_init(|| parse_tree(&file.text).ok())
                .as_ref(),
        }
    }

    /// The node at `local` in `file`, if the file parsed and has it.
    fn node(&self, file: usize, local: &JsonPointer) -> Option<&Value> {
        self.tree(file)?.pointer(&local.as_str()[1..])
    }

    /// The file and place a `$ref` (standing at `ref_at` in `file`) names, reading the file the
    /// first time; a reference that cannot be followed is a problem at `ref_at`.
    fn target(
        &mut self,
        reference: &str,
        file: usize,
        ref_at: &JsonPointer,
    ) -> Option<(usize, JsonPointer)> {
        let (path, fragment) = match reference.split_once('#') {
            Some((path, fragment)) => (path, fragment),
            None => (reference, ""),
        };
        if paths::is_url(path) {
            let message = format!(
                "`$ref: {reference}` names a URL: the generator reads local files only and never \
                 uses the network; save the file beside the spec and refer to it by its path"
            );
            self.problem(file, ref_at.clone(), message);
            return None;
        }
        let Some(local) = fragment_pointer(fragment) else {
            let message = format!(
                "`$ref: {reference}` has the fragment `#{fragment}`, which is not a JSON pointer: \
                 expected `#/...` (anchors are not supported)"
            );
            self.problem(file, ref_at.clone(), message);
            return None;
        };
        let target = if path.is_empty() {
            file
        } else {
            let Some(decoded) = paths::percent_decode(path) else {
                let message = format!("`$ref: {reference}` has a broken percent-escape");
                self.problem(file, ref_at.clone(), message);
                return None;
            };
            let name = paths::join(&self.files[file].name, &decoded);
            self.load(name, reference, file, ref_at)?
        };
        if matches!(self.files[target].tree, FileTree::Broken) {
            let message = format!(
                "`$ref: {reference}` names {}, which does not parse",
                self.files[target].name
            );
            self.problem(file, ref_at.clone(), message);
            return None;
        }
        if self.node(target, &local).is_none() {
            let message = format!(
                "`$ref: {reference}` names nothing: {} has nothing at `{local}`",
                self.files[target].name
            );
            self.problem(file, ref_at.clone(), message);
            return None;
        }
        Some((target, local))
    }

    /// The index of the file named `name`, read the first time it is named.
    fn load(
        &mut self,
        name: String,
        reference: &str,
        from: usize,
        ref_at: &JsonPointer,
    ) -> Option<usize> {
        if let Some(&index) = self.by_name.get(&name) {
            return Some(index);
        }
        match (self.read)(&name) {
            Ok(text) => Some(self.add_file(name, text)),
            Err(error) => {
                let message = format!("`$ref: {reference}`: cannot read {name}: {error}");
                self.problem(from, ref_at.clone(), message);
                None
            }
        }
    }

    /// The file and the place inside it of a place in the assembled document.
    pub fn origin(&self, at: &JsonPointer) -> (&SourceFile, JsonPointer) {
        let (file, local) = self.origins.origin(at);
        (&self.files[file], local)
    }
}

/// A `$ref`'s fragment as a pointer: empty for the whole file, else `/...`, percent-escapes decoded.
fn fragment_pointer(fragment: &str) -> Option<JsonPointer> {
    let fragment = paths::percent_decode(fragment)?;
    if fragment.is_empty() {
        return Some(JsonPointer::root());
    }
    JsonPointer::from_fragment(&format!("#{fragment}"))
}
