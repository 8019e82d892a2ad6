//! Resolves `$ref`s to other files, and references inside them, into one document.
//!
//! A reference to a schema elsewhere becomes a component schema of the document (named from its
//! `title`, its component key or its file's name, made unique), so it is one type wherever it is
//! used and a cycle through files closes as it does within one. A reference to any other object (a
//! path item, a parameter, a response) is replaced by a copy of what it names, as if written in
//! place: such objects cannot contain themselves, and an overlay can then reach them where they are
//! used. References into the spec's own components stay references, which lowering resolves.
//! Every node copied in keeps, in `Origins`, the file and place it came from.

use std::collections::{HashMap, HashSet, VecDeque};

use serde_json::{Map, Value};

use super::kinds::{Holds, Kind};
use super::{Assembly, ROOT, paths};
use crate::naming::{Case, convert};
use crate::pointer::JsonPointer;

/// A schema copied into the document's components, waiting to be walked.
struct Hoisted {
    name: String,
    value: Value,
    file: usize,
    local: JsonPointer,
}

/// One resolution over the document.
pub(super) struct Bundler<'a, 'r> {
    assembly: &'a mut Assembly<'r>,
    /// Whether this is the pass after overlays, which resolves only references to files: an
    /// overlay's `#/...` means the assembled document, and references into it are settled already.
    after_overlays: bool,
    /// The component name given to each schema copied in, by its file and place.
    hoisted: HashMap<(usize, String), String>,
    /// Component schema names taken, the spec's own and those given here.
    taken: HashSet<String>,
    queue: VecDeque<Hoisted>,
    /// The non-schema references being copied in, to refuse one that contains itself.
    inlining: Vec<(usize, String)>,
}

impl<'a, 'r> Bundler<'a, 'r> {
    pub(super) fn new(assembly: &'a mut Assembly<'r>, after_overlays: bool) -> Self {
        let taken = assembly
            .document
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .map(|schemas| schemas.keys().cloned().collect())
            .unwrap_or_default();
        Bundler {
            assembly,
            after_overlays,
            hoisted: HashMap::new(),
            taken,
            queue: VecDeque::new(),
            inlining: Vec::new(),
        }
    }

    /// Resolves every reference of the document, then adds the schemas it copied in.
    pub(super) fn run(mut self) {
        let mut document = std::mem::take(&mut self.assembly.document);
        let (mut local, mut at) = (JsonPointer::root(), JsonPointer::root());
        self.walk(&mut document, Kind::Document, ROOT, &mut local, &mut at);
        let mut added = Map::new();
        while let Some(mut schema) = self.queue.pop_front() {
            let mut at = schemas_pointer().join(&schema.name);
            let mut local = schema.local.clone();
            self.walk(
                &mut schema.value,
                Kind::Schema,
                schema.file,
                &mut local,
                &mut at,
            );
            added.insert(schema.name, schema.value);
        }
        if !added.is_empty() {
            add_schemas(&mut document, added);
        }
        self.assembly.document = document;
    }

    /// Walks one node of kind `kind`, which stands at `local` in `file` and at `at` in the document.
    /// The two pointers grow and shrink in place as the walk goes down and back up: most nodes
    /// hold no reference, and need no pointer of their own.
    fn walk(
        &mut self,
        value: &mut Value,
        kind: Kind,
        file: usize,
        local: &mut JsonPointer,
        at: &mut JsonPointer,
    ) {
        let Value::Object(object) = value else {
            return;
        };
        if let Some(Value::String(reference)) = object.get("$ref") {
            let reference = reference.clone();
            if let Some(inlined) = self.reference(object, &reference, kind, file, local, at) {
                *value = inlined.value;
                self.inlining
                    .push((inlined.file, inlined.local.as_str().to_owned()));
                let mut inlined_local = inlined.local;
                self.walk(value, kind, inlined.file, &mut inlined_local, at);
                self.inlining.pop();
                return;
            }
        }
        let Value::Object(object) = value else {
            return;
        };
        for (key, child) in object.iter_mut() {
            let Some(holds) = kind.child(key) else {
                continue;
            };
            let (local_length, at_length) = (local.push(key), at.push(key));
            match (holds, child) {
                (Holds::One(kind) | Holds::OneOrList(kind), child @ Value::Object(_)) => {
                    self.walk(child, kind, file, local, at);
                }
                (Holds::MapOf(kind), Value::Object(map)) => {
                    for (name, item) in map.iter_mut() {
                        self.walk_below(item, kind, file, (local, at), name);
                    }
                }
                (Holds::ListOf(kind) | Holds::OneOrList(kind), Value::Array(items)) => {
                    for (index, item) in items.iter_mut().enumerate() {
                        self.walk_below(item, kind, file, (local, at), index);
                    }
                }
                _ => {}
            }
            local.truncate(local_length);
            at.truncate(at_length);
        }
    }

    /// Walks `value`, which stands one `segment` below `local` and `at`.
    fn walk_below(
        &mut self,
        value: &mut Value,
        kind: Kind,
        file: usize,
        (local, at): (&mut JsonPointer, &mut JsonPointer),
        segment: impl std::fmt::Display + Copy,
    ) {
        let (local_length, at_length) = (local.push(segment), at.push(segment));
        self.walk(value, kind, file, local, at);
        local.truncate(local_length);
        at.truncate(at_length);
    }

    /// Settles the `$ref` of an object: rewritten in place, or the copy to put there instead.
    fn reference(
        &mut self,
        object: &mut Map<String, Value>,
        reference: &str,
        kind: Kind,
        file: usize,
        local: &JsonPointer,
        at: &JsonPointer,
    ) -> Option<Inlined> {
        let file = if self.after_overlays {
            if reference.starts_with('#') {
                return None;
            }
            self.assembly.origins.origin(at).0
        } else {
            file
        };
        // The spec's own references to its components are the generator's to resolve.
        if file == ROOT
            && kind
                .kept_section()
                .is_some_and(|section| names_component(reference, section))
        {
            return None;
        }
        let ref_at = local.join("$ref");
        let (target, target_local) = self.assembly.target(reference, file, &ref_at)?;
        if kind == Kind::Schema {
            let name = match kept_component(target, &target_local) {
                Some(name) => name,
                None => self.hoist(target, &target_local),
            };
            let pointer = schemas_pointer().join(&name);
            object.insert(
                "$ref".to_owned(),
                Value::String(pointer.as_str().to_owned()),
            );
            return None;
        }
        if target == ROOT
            && let Some(section) = kind.kept_section()
            && names_component(target_local.as_str(), section)
        {
            object.insert(
                "$ref".to_owned(),
                Value::String(target_local.as_str().to_owned()),
            );
            return None;
        }
        let key = (target, target_local.as_str().to_owned());
        if self.inlining.contains(&key) {
            self.assembly.problem(
                file,
                ref_at,
                format!("`$ref: {reference}` contains itself: a reference loop"),
            );
            object.remove("$ref");
            return None;
        }
        let mut value = self.assembly.node(target, &target_local)?.clone();
        // Keys beside the `$ref` (a 3.1 `summary` or `description`) override what it names.
        if let Value::Object(copy) = &mut value {
            for (sibling, sibling_value) in object.iter().filter(|(name, _)| *name != "$ref") {
                copy.insert(sibling.clone(), sibling_value.clone());
            }
        }
        self.assembly
            .origins
            .record(at, target, target_local.clone());
        Some(Inlined {
            value,
            file: target,
            local: target_local,
        })
    }

    /// The component name of a schema copied in from elsewhere, copying it the first time.
    fn hoist(&mut self, file: usize, local: &JsonPointer) -> String {
        let key = (file, local.as_str().to_owned());
        if let Some(name) = self.hoisted.get(&key) {
            return name.clone();
        }
        let value = self
            .assembly
            .node(file, local)
            .cloned()
            .unwrap_or(Value::Null);
        let wanted = self.wanted_name(&value, file, local);
        let mut name = wanted.clone();
        let mut suffix = 2;
        while self.taken.contains(&name) {
            name = format!("{wanted}{suffix}");
            suffix += 1;
        }
        self.taken.insert(name.clone());
        self.hoisted.insert(key, name.clone());
        let at = schemas_pointer().join(&name);
        self.assembly.origins.record(&at, file, local.clone());
        self.queue.push_back(Hoisted {
            name: name.clone(),
            value,
            file,
            local: local.clone(),
        });
        name
    }

    /// A schema's `title`, else its key under `schemas`, `$defs` or `definitions`, else its file's
    /// name (with the last segment of its place, when it is not the whole file).
    fn wanted_name(&self, value: &Value, file: usize, local: &JsonPointer) -> String {
        if let Some(title) = value.get("title").and_then(Value::as_str) {
            let name = convert(title, Case::Camel);
            if !name.is_empty() {
                return name;
            }
        }
        let segments = local.segments();
        if let [.., parent, key] = segments.as_slice()
            && matches!(parent.as_str(), "schemas" | "$defs" | "definitions")
        {
            return convert(key, Case::Camel);
        }
        let stem = paths::stem(&self.assembly.files[file].name);
        match segments.last() {
            Some(last) => convert(&format!("{stem} {last}"), Case::Camel),
            None => convert(stem, Case::Camel),
        }
    }
}

/// A copy of what a non-schema reference names, to stand in its place.
struct Inlined {
    value: Value,
    /// The file and place it was copied from.
    file: usize,
    local: JsonPointer,
}

fn schemas_pointer() -> JsonPointer {
    JsonPointer::root().join("components").join("schemas")
}

/// Whether a reference is `#/components/{section}/<name>`.
fn names_component(reference: &str, section: &str) -> bool {
    JsonPointer::from_fragment(reference).is_some_and(|pointer| {
        matches!(pointer.segments().as_slice(), [components, found, _] if components == "components" && found == section)
    })
}

/// The name of a component schema of the spec itself, which a reference from another file may name
/// as it is.
fn kept_component(file: usize, local: &JsonPointer) -> Option<String> {
    if file != ROOT || !names_component(local.as_str(), "schemas") {
        return None;
    }
    local.segments().pop()
}

fn add_schemas(document: &mut Value, added: Map<String, Value>) {
    let Value::Object(root) = document else {
        return;
    };
    // A `components` or `schemas` that is not a mapping is left as it is, for the spec model to
    // report where it stands.
    let components = root
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(components) = components else {
        return;
    };
    let schemas = components
        .entry("schemas")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(schemas) = schemas {
        schemas.extend(added);
    }
}
