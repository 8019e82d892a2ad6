//! OpenAPI Overlay 1.0 documents: `actions`, each with a JSONPath `target` (RFC 9535) and an
//! `update` merged into every node it selects, or `remove: true`, applied in order.
//!
//! An object `update` is merged key by key into an object target, recursively where both hold an
//! object under the same key; any other value replaces the one there. An `update` on an array
//! target is appended (each item of an array `update`). Every node an overlay adds keeps the
//! overlay as its origin, so a problem in it is reported in the overlay.

use serde_json::Value;
use serde_json_path::JsonPath;

use super::{Assembly, Origins};
use crate::pointer::JsonPointer;

/// A step of a selected node's path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Key(String),
    Index(usize),
}

/// Applies the overlay that is file `file` of the assembly to its document.
pub fn apply(assembly: &mut Assembly<'_>, file: usize) {
    // The overlay is read from its own tree, so nothing it does can change it.
    let Some(overlay) = assembly.tree(file).cloned() else {
        return;
    };
    let root = JsonPointer::root();
    match overlay.get("overlay").and_then(Value::as_str) {
        Some(version) if version == "1.0" || version.starts_with("1.0.") => {}
        Some(version) => {
            let message = format!("expected `overlay: 1.0.0`, found overlay {version}");
            assembly.problem(file, root.join("overlay"), message);
            return;
        }
        None => {
            let message = "not an overlay: expected `overlay: 1.0.0`, `info` and `actions`";
            assembly.problem(file, root, message.to_owned());
            return;
        }
    }
    let Some(actions) = overlay.get("actions").and_then(Value::as_array) else {
        let message = "expected `actions`, a list of actions with a `target` each".to_owned();
        assembly.problem(file, root.join("actions"), message);
        return;
    };
    for (index, action) in actions.iter().enumerate() {
        apply_action(assembly, file, action, &root.join("actions").join(index));
    }
}

fn apply_action(assembly: &mut Assembly<'_>, file: usize, action: &Value, at: &JsonPointer) {
    let Some(target) = action.get("target").and_then(Value::as_str) else {
        let message = "an action needs a `target`: a JSONPath such as `$.info`".to_owned();
        assembly.problem(file, at.clone(), message);
        return;
    };
    let path = match JsonPath::parse(target) {
        Ok(path) => path,
        Err(error) => {
            let message = format!("`{target}` is not a JSONPath (RFC 9535): {error}");
            assembly.problem(file, at.join("target"), message);
            return;
        }
    };
    let mut selected: Vec<Vec<Step>> = path
        .query_located(&assembly.document)
        .locations()
        .map(|location| {
            location
                .iter()
                .map(|element| match element.as_index() {
                    Some(index) => Step::Index(index),
                    None => Step::Key(element.as_name().unwrap_or_default().to_owned()),
                })
                .collect()
        })
        .collect();
    if selected.is_empty() {
        let message = format!("`{target}` matches nothing in the document");
        assembly.problem(file, at.join("target"), message);
        return;
    }
    if action.get("remove").and_then(Value::as_bool) == Some(true) {
        // Last first, so removing an item does not move the ones still to remove.
        selected.sort();
        selected.dedup();
        for steps in selected.iter().rev() {
            remove(assembly, steps);
        }
        return;
    }
    let Some(update) = action.get("update") else {
        let message = "an action needs an `update` or `remove: true`".to_owned();
        assembly.problem(file, at.clone(), message);
        return;
    };
    let from = at.join("update");
    for steps in &selected {
        let place = pointer_of(steps);
        if let Some(node) = assembly.document.pointer_mut(&place.as_str()[1..]) {
            let mut merge = Merge {
                origins: &mut assembly.origins,
                file,
            };
            merge.apply(node, update, &place, &from);
        }
    }
}

/// Merges an `update` into the nodes it targets, recording what it adds.
struct Merge<'a> {
    origins: &'a mut Origins,
    file: usize,
}

impl Merge<'_> {
    /// Merges `update` (at `from` in the overlay) into `node` (at `at` in the document).
    fn apply(&mut self, node: &mut Value, update: &Value, at: &JsonPointer, from: &JsonPointer) {
        match (node, update) {
            (Value::Object(node), Value::Object(update)) => {
                for (key, value) in update {
                    let (at, from) = (at.join(key), from.join(key));
                    match node.get_mut(key) {
                        Some(existing)
                            if (existing.is_object() && value.is_object())
                                || (existing.is_array() && value.is_array()) =>
                        {
                            self.apply(existing, value, &at, &from);
                        }
                        _ => {
                            node.insert(key.clone(), value.clone());
                            self.origins.forget(&at);
                            self.origins.record(&at, self.file, from);
                        }
                    }
                }
            }
            (Value::Array(items), Value::Array(added)) => {
                for (index, value) in added.iter().enumerate() {
                    self.origins
                        .record(&at.join(items.len()), self.file, from.join(index));
                    items.push(value.clone());
                }
            }
            (Value::Array(items), value) => {
                self.origins
                    .record(&at.join(items.len()), self.file, from.clone());
                items.push(value.clone());
            }
            (node, value) => {
                *node = value.clone();
                self.origins.forget(at);
                self.origins.record(at, self.file, from.clone());
            }
        }
    }
}

fn pointer_of(steps: &[Step]) -> JsonPointer {
    steps
        .iter()
        .fold(JsonPointer::root(), |pointer, step| match step {
            Step::Key(key) => pointer.join(key),
            Step::Index(index) => pointer.join(index),
        })
}

fn remove(assembly: &mut Assembly<'_>, steps: &[Step]) {
    let Some((last, parent_steps)) = steps.split_last() else {
        // `$` itself: the document cannot be removed from anything.
        return;
    };
    let parent_at = pointer_of(parent_steps);
    let Some(parent) = assembly.document.pointer_mut(&parent_at.as_str()[1..]) else {
        return;
    };
    match (parent, last) {
        (Value::Object(map), Step::Key(key)) => {
            map.shift_remove(key);
            assembly.origins.forget(&parent_at.join(key));
        }
        (Value::Array(items), Step::Index(index)) if *index < items.len() => {
            items.remove(*index);
            assembly.origins.removed_item(&parent_at, *index);
        }
        _ => {}
    }
}
