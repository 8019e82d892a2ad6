//! The module each operation is emitted in: one per tag (its first), or per first path segment for
//! an operation without tags, so a large API stays navigable.

use super::Lowerer;
use crate::ir::{Module, Operation};
use crate::naming::{Case, convert};
use crate::spec;

/// The module of operations that have neither a tag nor a literal first path segment.
const FALLBACK_MODULE: &str = "default";

/// The longest module name, in bytes: it is also a file name (`{name}.rs`), and file systems refuse
/// names over 255 bytes. Longer tags are cut; the namespace keeps the cut names unique.
const MAX_MODULE_NAME: usize = 64;

/// Module names that cannot be used: `mod` would be the folder's own `mod.rs`, and each module is
/// also a Cargo feature, where `default` and `tracing` (the runtime's spans) are taken.
const RESERVED_MODULE_NAMES: &[&str] = &["mod", "default", "tracing"];

impl<'s> Lowerer<'s> {
    /// The index of the operation's module, declared on first use.
    pub(super) fn module_of(&mut self, operation: &'s spec::Operation, path: &str) -> usize {
        let title = operation.tags.first().cloned().unwrap_or_else(|| {
            path.split('/')
                .find(|segment| !segment.is_empty() && !segment.starts_with('{'))
                .unwrap_or(FALLBACK_MODULE)
                .to_owned()
        });
        if let Some(index) = self.modules.iter().position(|module| module.title == title) {
            return index;
        }
        if self.modules.is_empty() {
            for reserved in RESERVED_MODULE_NAMES {
                self.module_names.reserve(reserved);
            }
        }
        let description = self
            .spec
            .tags
            .iter()
            .find(|tag| tag.name == title)
            .and_then(|tag| tag.description.clone());
        self.modules.push(Module {
            name: self.module_names.claim(&module_stem(&title)),
            title,
            description,
        });
        self.modules.len() - 1
    }
}

/// The modules that hold an operation, with each operation's module index updated: an operation
/// left out for a problem can leave its module empty.
pub fn keep_used(modules: Vec<Module>, operations: &mut [Operation]) -> Vec<Module> {
    let mut kept = Vec::with_capacity(modules.len());
    let mut new_index = vec![None; modules.len()];
    for (index, module) in modules.into_iter().enumerate() {
        if operations.iter().any(|operation| operation.module == index) {
            new_index[index] = Some(kept.len());
            kept.push(module);
        }
    }
    for operation in operations {
        operation.module = new_index[operation.module].unwrap_or(0);
    }
    kept
}

/// The module name for a tag, cut to [`MAX_MODULE_NAME`] bytes (snake case is ASCII, so any cut is
/// at a character boundary).
fn module_stem(title: &str) -> String {
    let mut name = convert(title, Case::Snake);
    name.truncate(MAX_MODULE_NAME);
    name.trim_end_matches('_').to_owned()
}
