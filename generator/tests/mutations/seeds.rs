//! The specs mutations start from, each as the files it is read from: one file, or a root with the
//! files it references and the overlays applied to it.

use std::collections::BTreeMap;
use std::sync::Mutex;

use generator::{Input, SpecSource, Strictness};
use serde_json::Value;

use super::support;

/// Specs in one file.
const SINGLE: &[&str] = &[
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

/// Specs in many files: the root, and the overlays applied to it.
const TREES: &[(&str, &[&str])] = &[
    ("tests/fixtures/many_files/api.yaml", &[]),
    (
        "../spec/sailpoint-idn/idn/apis/governance-groups/openapi.yaml",
        &["../spec/overlays/sailpoint-idn-v1.yaml"],
    ),
];

/// A spec as the files it is read from, each parsed, by the name the generator gives it.
#[derive(Clone)]
pub struct Seed {
    pub files: BTreeMap<String, Value>,
    pub root: String,
    pub overlays: Vec<String>,
}

pub fn all() -> Vec<Seed> {
    let single = SINGLE.iter().map(|path| Seed {
        files: BTreeMap::from([((*path).to_owned(), parse(path, &read(path)))]),
        root: (*path).to_owned(),
        overlays: Vec::new(),
    });
    let trees = TREES.iter().map(|(root, overlays)| tree(root, overlays));
    single.chain(trees).collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(support::manifest_dir().join(path)).unwrap()
}

fn parse(name: &str, text: &str) -> Value {
    if name.ends_with(".json") {
        serde_json::from_str(text).unwrap()
    } else {
        serde_yaml::from_str(text).unwrap()
    }
}

/// A spec in many files: the files an unmutated run reads are the ones worth mutating.
fn tree(root: &str, overlays: &[&str]) -> Seed {
    let read_names = Mutex::new(Vec::new());
    let on_disk = |name: &str| {
        read_names.lock().unwrap().push(name.to_owned());
        std::fs::read_to_string(support::manifest_dir().join(name))
    };
    let (root_text, overlay_texts): (String, Vec<String>) =
        (read(root), overlays.iter().map(|o| read(o)).collect());
    let input = Input {
        spec: SpecSource {
            name: root,
            text: &root_text,
        },
        overlays: overlays
            .iter()
            .zip(&overlay_texts)
            .map(|(name, text)| SpecSource { name, text })
            .collect(),
        read: &on_disk,
    };
    generator::load(input, Strictness::Strict).unwrap_or_else(|problems| panic!("{problems}"));
    let mut names = read_names.into_inner().unwrap();
    names.push(root.to_owned());
    names.extend(overlays.iter().map(|o| (*o).to_owned()));
    let files = names
        .into_iter()
        .map(|name| {
            let value = parse(&name, &read(&name));
            (name, value)
        })
        .collect();
    Seed {
        files,
        root: root.to_owned(),
        overlays: overlays.iter().map(|o| (*o).to_owned()).collect(),
    }
}

impl Seed {
    /// The files as text, JSON ones as JSON and the rest as YAML.
    pub fn texts(&self) -> BTreeMap<String, String> {
        self.files
            .iter()
            .map(|(name, value)| {
                let text = if name.ends_with(".json") {
                    serde_json::to_string_pretty(value).unwrap()
                } else {
                    serde_yaml::to_string(value).unwrap()
                };
                (name.clone(), text)
            })
            .collect()
    }

    /// Runs `then` on the spec as input, its files read from `texts`.
    pub fn with_input<T>(
        &self,
        texts: &BTreeMap<String, String>,
        then: impl FnOnce(Input<'_>) -> T,
    ) -> T {
        let read = |name: &str| {
            texts
                .get(name)
                .cloned()
                .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"))
        };
        let input = Input {
            spec: SpecSource {
                name: &self.root,
                text: &texts[&self.root],
            },
            overlays: self
                .overlays
                .iter()
                .map(|name| SpecSource {
                    name,
                    text: &texts[name],
                })
                .collect(),
            read: &read,
        };
        then(input)
    }
}

/// The seeds, read and parsed once per test process.
pub fn all_cached() -> &'static [Seed] {
    static SEEDS: std::sync::OnceLock<Vec<Seed>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(all)
}
