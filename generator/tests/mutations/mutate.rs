//! Mutations of a JSON document: a value replaced by an interesting one or by a copy of another
//! part, a key or item removed, a key the generator reads added, a key that collides after case
//! conversion added.

use serde_json::{Map, Value, json};

/// Keys that mean something to the generator, so mutations reach its decisions.
const KEYS: &[&str] = &[
    "type",
    "format",
    "enum",
    "items",
    "properties",
    "required",
    "oneOf",
    "anyOf",
    "allOf",
    "$ref",
    "minimum",
    "maximum",
    "minLength",
    "maxItems",
    "multipleOf",
    "nullable",
    "additionalProperties",
    "in",
    "name",
    "schema",
    "content",
    "default",
    "operationId",
    "tags",
    "security",
    "x-sdk",
    "x-sdk-pagination",
    "x-filterable-fields",
    "x-sortable-fields",
    "discriminator",
    "mapping",
    "propertyName",
    "readOnly",
    // OpenAPI 3.1.
    "const",
    "examples",
    "$defs",
    "prefixItems",
    "exclusiveMinimum",
    "contentMediaType",
    "webhooks",
    "pathItems",
    // Overlays.
    "target",
    "update",
    "remove",
];

/// Values worth trying anywhere.
fn interesting(pick: u64) -> Value {
    let values = [
        json!(null),
        json!(true),
        json!(0),
        json!(-1),
        json!(1e308),
        json!(u64::MAX),
        json!(""),
        json!("string"),
        json!("integer"),
        json!("object"),
        json!("array"),
        json!("uint64"),
        json!("date-time"),
        json!("path"),
        json!("header"),
        json!("X-Bad\r\nName"),
        json!("#/components/schemas/Missing"),
        json!("\u{202e}type"),
        json!("self"),
        json!("builder"),
        json!([]),
        json!({}),
        json!(["a", "a"]),
        json!({"type": "string", "enum": ["a", "B", "b", "1"]}),
        json!({"oneOf": [{"type": "string"}, {"type": "string"}, {"type": "integer"}]}),
        json!({"type": "object", "properties": {"type": {"type": "string"}, "Type": {"type": "integer"}}}),
        json!({"$ref": "#/components/schemas/WorkgroupDto"}),
        // Unions that decode by a tag, beside properties, and inside an `allOf`.
        json!({"propertyName": "type", "mapping": {"a": "#/components/schemas/WorkgroupDto", "b": "Missing", "c": "#"}}),
        json!({"oneOf": [{"$ref": "#/components/schemas/WorkgroupDto"}, {"type": "object", "properties": {"type": {"type": "string"}}}], "discriminator": {"propertyName": "type"}}),
        json!({"type": "object", "properties": {"id": {"type": "string"}}, "anyOf": [{"type": "string"}, {"required": ["id"]}, {"type": "object"}]}),
        json!({"allOf": [{"type": "object", "properties": {"a": {"type": "integer"}}}, {"oneOf": [{"type": "object"}, {"type": "array"}]}, {"anyOf": [{"type": "object"}]}]}),
        // References across files: missing, to a URL, to a place that is not there, to itself.
        json!({"$ref": "missing.yaml"}),
        json!({"$ref": "https://example.com/spec.yaml#/components/schemas/A"}),
        json!({"$ref": "../schemas/pet.yaml#/nowhere"}),
        json!({"$ref": "./paths/pets.yaml"}),
        json!({"$ref": "#"}),
        json!("$.paths.*"),
        json!("$[?@.name == 'x']"),
    ];
    values[(pick % values.len() as u64) as usize].clone()
}

/// Every place in a document, as paths of keys and indexes.
fn places(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                at.push(Step::Key(key.clone()));
                places(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                at.push(Step::Index(index));
                places(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter()
        .try_fold(value, |node, step| match (node, step) {
            (Value::Object(map), Step::Key(key)) => map.get_mut(key),
            (Value::Array(items), Step::Index(index)) => items.get_mut(*index),
            _ => None,
        })
}

/// One mutation: `kind` says what, `place` where, `pick` with what.
pub fn mutate(document: &mut Value, kind: u8, place: u64, pick: u64) {
    let mut all = Vec::new();
    places(document, &mut Vec::new(), &mut all);
    let path = all[(place % all.len() as u64) as usize].clone();
    let copy = {
        let other = &all[(pick % all.len() as u64) as usize];
        let mut root = document.clone();
        at_mut(&mut root, other).cloned().unwrap_or(Value::Null)
    };
    let Some(node) = at_mut(document, &path) else {
        return;
    };
    match kind % 5 {
        0 => *node = interesting(pick),
        1 => *node = copy,
        2 => match node {
            Value::Object(map) if !map.is_empty() => {
                let key = map
                    .keys()
                    .nth((pick % map.len() as u64) as usize)
                    .cloned()
                    .unwrap();
                map.shift_remove(&key);
            }
            Value::Array(items) if !items.is_empty() => {
                items.remove((pick % items.len() as u64) as usize);
            }
            _ => *node = Value::Null,
        },
        3 => {
            if let Value::Object(map) = node {
                let key = KEYS[(pick % KEYS.len() as u64) as usize];
                map.insert(key.to_owned(), interesting(pick / 7));
            } else {
                let mut map = Map::new();
                map.insert(KEYS[(pick % KEYS.len() as u64) as usize].to_owned(), copy);
                *node = Value::Object(map);
            }
        }
        _ => {
            if let Value::Object(map) = node {
                // A key that collides with another after case conversion.
                if let Some(key) = map.keys().next().cloned() {
                    let twin = map[&key].clone();
                    map.insert(key.to_uppercase() + "_", twin);
                }
            }
        }
    }
}
