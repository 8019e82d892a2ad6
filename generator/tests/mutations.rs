//! Specs mutated at random from real ones: no input panics the generator, and whatever it accepts
//! (leniently, so problems fall back rather than reject) compiles.
//!
//! CI runs a sample. For more: `MUTATION_CASES=5000 MUTATION_COMPILE=300 cargo test --release -p
//! generator --test mutations` (the README gives the counts last run).

#![allow(clippy::unwrap_used)]

mod support;

use generator::Strictness;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// The specs mutations start from.
const SEEDS: &[&str] = &[
    "../spec/workgroups.yaml",
    "tests/fixtures/operations.yaml",
    "tests/fixtures/conventions.yaml",
    "tests/fixtures/one_of.yaml",
    "tests/fixtures/all_of.yaml",
    "tests/fixtures/recursion.yaml",
    "tests/fixtures/colliding_names.yaml",
    "tests/corpus/keeper.json",
    "tests/corpus/propolis-server.json",
    "tests/corpus/buildomat.json",
    // OpenAPI 3.1, and references (`$defs`, `components.pathItems`) that take the path through the
    // assembled document.
    "tests/fixtures/openapi_31.yaml",
    "tests/corpus/oai-3.1/webhook-example.yaml",
];

fn seeds() -> Vec<Value> {
    SEEDS
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(support::manifest_dir().join(path)).unwrap();
            serde_yaml::from_str(&text).unwrap()
        })
        .collect()
}

fn cases(variable: &str, default: u32) -> u32 {
    std::env::var(variable)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

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
    "readOnly",
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
fn mutate(document: &mut Value, kind: u8, place: u64, pick: u64) {
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

/// A mutated spec as YAML text.
fn mutated(seeds: &[Value], seed: usize, mutations: &[(u8, u64, u64)]) -> String {
    let mut document = seeds[seed % seeds.len()].clone();
    for &(kind, place, pick) in mutations {
        mutate(&mut document, kind, place, pick);
    }
    serde_yaml::to_string(&document).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases("MUTATION_CASES", 96),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Whatever the input, the generator answers with files or located problems, never a panic.
    #[test]
    fn no_mutated_spec_panics_the_generator(
        seed in 0usize..SEEDS.len(),
        mutations in prop::collection::vec((any::<u8>(), any::<u64>(), any::<u64>()), 1..6),
    ) {
        let seeds = seeds();
        let text = mutated(&seeds, seed, &mutations);
        for strictness in [Strictness::Strict, Strictness::Lenient] {
            if let Err(report) = support::generate_text("mutated.yaml", &text, strictness) {
                prop_assert!(!report.is_empty());
                // Every problem names the file and where it is.
                for line in report.lines() {
                    prop_assert!(line.starts_with("mutated.yaml:"), "{line}");
                }
            }
        }
    }
}

/// A deterministic sample of mutated specs that the generator accepts leniently, each compiled as a
/// crate under `#![deny(warnings)]`.
#[test]
fn accepted_mutated_specs_compile() {
    let wanted = cases("MUTATION_COMPILE", 12) as usize;
    let seeds = seeds();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        // xorshift64*: a fixed sequence, so the sample is the same on every run.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let mut crates = Vec::new();
    let mut tried = 0;
    while crates.len() < wanted && tried < wanted * 20 {
        tried += 1;
        let count = 1 + (next() % 4) as usize;
        let mutations: Vec<(u8, u64, u64)> = (0..count)
            .map(|_| ((next() % 256) as u8, next(), next()))
            .collect();
        let text = mutated(&seeds, (next() % seeds.len() as u64) as usize, &mutations);
        let name = format!("mutated-{tried}.yaml");
        if let Ok(files) = support::generate_text(&name, &text, Strictness::Lenient) {
            crates.push((support::crate_name(&name), files));
        }
    }
    assert_eq!(
        crates.len(),
        wanted,
        "only {} of {tried} mutated specs were accepted",
        crates.len()
    );
    support::check_crates("mutated-crates", &crates);
}
