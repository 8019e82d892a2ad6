//! Specs in many files, read through an in-memory file system: references in every place OpenAPI
//! allows one, relative to the file that holds them, JSON beside YAML, cycles across files, names
//! from titles, keys and file names; every problem located in the file where it stands; overlays.

#![allow(clippy::unwrap_used)]

mod support;

use std::collections::BTreeMap;
use std::sync::Mutex;

use generator::ir::{Api, Place, TypeKind, TypeRef};
use generator::{GeneratedFile, Input, SpecSource, Strictness};

/// The spec in `tests/fixtures/many_files`: the root, a path item, a response, a request body, an
/// example, a JSON file of shared parameters, headers and security schemes, and schemas that refer
/// to each other, by names relative to that folder.
fn files() -> BTreeMap<String, String> {
    support::folder_files("tests/fixtures/many_files")
}

/// The spec's files with `changes` (name, text) written over or added.
fn files_with(changes: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut files = files();
    for (name, text) in changes {
        files.insert((*name).to_owned(), (*text).to_owned());
    }
    files
}

/// Runs the generator on `files` with the overlays named, counting how often each file is read.
fn run<T>(
    files: &BTreeMap<String, String>,
    overlays: &[&str],
    then: impl FnOnce(Input<'_>) -> T,
) -> (T, BTreeMap<String, usize>) {
    let reads = Mutex::new(BTreeMap::new());
    let result = {
        let read = |name: &str| {
            *reads.lock().unwrap().entry(name.to_owned()).or_insert(0) += 1;
            files
                .get(name)
                .cloned()
                .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"))
        };
        let input = Input {
            spec: SpecSource {
                name: "api.yaml",
                text: &files["api.yaml"],
            },
            overlays: overlays
                .iter()
                .map(|name| SpecSource {
                    name,
                    text: &files[*name],
                })
                .collect(),
            read: &read,
        };
        then(input)
    };
    (result, reads.into_inner().unwrap())
}

fn load(files: &BTreeMap<String, String>, overlays: &[&str]) -> Api {
    run(files, overlays, |input| {
        generator::load(input, Strictness::Strict)
            .unwrap_or_else(|problems| panic!("{problems}"))
            .0
    })
    .0
}

fn problems(files: &BTreeMap<String, String>, overlays: &[&str]) -> String {
    run(files, overlays, |input| {
        match generator::load(input, Strictness::Strict) {
            Ok(_) => panic!("generated, but it is broken"),
            Err(problems) => problems.to_string(),
        }
    })
    .0
}

fn type_names(api: &Api) -> Vec<&str> {
    api.types.iter().map(|def| def.name.as_str()).collect()
}

#[test]
fn references_in_every_place_resolve_and_each_file_is_read_once() {
    let files = files();
    let (api, reads) = run(&files, &[], |input| {
        generator::load(input, Strictness::Strict)
            .unwrap_or_else(|problems| panic!("{problems}"))
            .0
    });
    // The root is given, not read; every other file is read once.
    let mut expected: BTreeMap<String, usize> = files
        .keys()
        .filter(|name| *name != "api.yaml")
        .map(|name| (name.clone(), 1))
        .collect();
    assert_eq!(reads, std::mem::take(&mut expected));

    let ids: Vec<&str> = api.operations.iter().map(|op| op.id.as_str()).collect();
    assert_eq!(ids, ["listPets", "addPet"]);
    let list = &api.operations[0];
    let limit = &list.inputs[0];
    assert_eq!(
        (limit.wire_name.as_str(), limit.place.clone()),
        ("limit", Place::Query)
    );
    // Bounds from a schema two files away.
    assert_eq!(
        (limit.constraints.minimum, limit.constraints.maximum),
        (Some(1.0), Some(50.0))
    );
    assert_eq!(list.security, [vec!["key".to_owned()]]);
    assert_eq!(api.profile.security_schemes[0].name, "key");
    let add = &api.operations[1];
    assert!(matches!(add.inputs[0].place, Place::Body { .. }));
}

#[test]
fn schemas_from_other_files_are_one_type_each_named_and_deduplicated() {
    let api = load(&files(), &[]);
    let names = type_names(&api);
    // `Pet` from its title, `Owner` from its file, and the two `tag.yaml` files in the order met.
    for name in ["Pet", "Owner", "Tag", "Tag2"] {
        assert_eq!(
            names.iter().filter(|n| **n == name).count(),
            1,
            "{name} in {names:?}"
        );
    }
    let pet = api.types.iter().position(|def| def.name == "Pet").unwrap();
    let TypeKind::Struct(owner) =
        &api.types[names.iter().position(|n| *n == "Owner").unwrap()].kind
    else {
        panic!("Owner is not a struct")
    };
    // The cycle across files closes on the one `Pet`.
    let field = &owner.fields[0];
    assert_eq!(field.wire_name, "pets");
    match &field.ty {
        TypeRef::Vec(item) => assert_eq!(**item, TypeRef::Named(generator::ir::TypeId(pet))),
        other => panic!("{other:?}"),
    }
    // The same input gives the same names, every run.
    assert_eq!(type_names(&load(&files(), &[])), names);
}

#[test]
fn a_problem_is_located_in_the_file_where_it_stands() {
    let files = files_with(&[(
        "schemas/owner.yaml",
        "type: object\nproperties:\n  age: {type: strin}\n",
    )]);
    let report = problems(&files, &[]);
    assert!(
        report.starts_with("schemas/owner.yaml:3:9: #/properties/age/type: "),
        "{report}"
    );
}

#[test]
fn scalars_read_as_text_as_they_do_in_one_file() {
    // YAML gives `1.0` and `2048` as text where text is wanted; the assembled tree holds numbers.
    let root = files()["api.yaml"].replace(
        "info: {title: Many files, version: '1'}",
        "info: {title: 2048, version: 1.0}",
    );
    let api = load(&files_with(&[("api.yaml", &root)]), &[]);
    assert_eq!((api.title.as_str(), api.version.as_str()), ("2048", "1.0"));
}

#[test]
fn references_to_places_in_the_root_that_are_not_components_resolve_as_written() {
    // A parameter kept under an extension of the root, named from the root itself and from a
    // file it references; the second reference is walked after the root's `/paths` were
    // rewritten, and still reads the root as written.
    let root = files()["api.yaml"].replace(
        "paths:\n",
        "x-shared:\n  page: {name: page, in: query, schema: {type: integer, minimum: 1}}\n\
         paths:\n  /pets/{id}:\n    get:\n      operationId: getPet\n      parameters:\n\
         \x20       - {name: id, in: path, required: true, schema: {type: string}}\n\
         \x20       - $ref: '#/x-shared/page'\n      responses: {'204': {description: done}}\n",
    );
    let pets = files()["paths/pets.yaml"].replace(
        "    - $ref: '../common.json#/parameters/limit'\n",
        "    - $ref: '../common.json#/parameters/limit'\n    - $ref: '../api.yaml#/x-shared/page'\n",
    );
    let api = load(
        &files_with(&[("api.yaml", &root), ("paths/pets.yaml", &pets)]),
        &[],
    );
    let inputs = |id: &str| -> Vec<(String, Option<f64>)> {
        let operation = api.operations.iter().find(|op| op.id == id).unwrap();
        operation
            .inputs
            .iter()
            .map(|input| (input.wire_name.clone(), input.constraints.minimum))
            .collect()
    };
    assert_eq!(
        inputs("getPet"),
        [("id".to_owned(), None), ("page".to_owned(), Some(1.0))]
    );
    assert_eq!(
        inputs("listPets"),
        [
            ("limit".to_owned(), Some(1.0)),
            ("page".to_owned(), Some(1.0))
        ]
    );
}

#[test]
fn a_parse_error_in_a_referenced_file_names_that_file() {
    let files = files_with(&[("common.json", "{\"parameters\": {\n  \"limit\": [}\n")]);
    let report = problems(&files, &[]);
    assert!(report.starts_with("common.json:2:"), "{report}");
}

#[test]
fn missing_files_urls_and_bad_pointers_are_problems_at_the_reference() {
    let files = files_with(&[(
        "schemas/owner.yaml",
        r"type: object
properties:
  a: {$ref: nowhere.yaml}
  b: {$ref: 'https://example.com/pet.yaml'}
  c: {$ref: 'pet.yaml#/properties/nothing'}
",
    )]);
    let report = problems(&files, &[]);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 3, "{report}");
    assert!(
        lines[0].starts_with("schemas/owner.yaml:3:7: #/properties/a/$ref: "),
        "{report}"
    );
    assert!(lines[0].contains("schemas/nowhere.yaml"), "{report}");
    assert!(
        lines[1].starts_with("schemas/owner.yaml:4:7: #/properties/b/$ref: "),
        "{report}"
    );
    assert!(lines[1].contains("network"), "{report}");
    assert!(
        lines[2].starts_with("schemas/owner.yaml:5:7: #/properties/c/$ref: "),
        "{report}"
    );
}

#[test]
fn an_overlay_adds_removes_and_refers_relative_to_itself() {
    let files = files_with(&[
        (
            "overlays/fix.yaml",
            r"overlay: 1.0.0
info: {title: fix, version: '1'}
actions:
  - target: $.paths['/pets'].post
    remove: true
  - target: $.paths['/pets'].get
    update:
      operationId: listAllPets
      parameters:
        - {$ref: '../more/params.yaml#/sort'}
",
        ),
        (
            "more/params.yaml",
            "sort: {name: sort, in: query, schema: {type: string}}\n",
        ),
    ]);
    let api = load(&files, &["overlays/fix.yaml"]);
    let ids: Vec<&str> = api.operations.iter().map(|op| op.id.as_str()).collect();
    assert_eq!(ids, ["listAllPets"]);
    let inputs: Vec<&str> = api.operations[0]
        .inputs
        .iter()
        .map(|input| input.wire_name.as_str())
        .collect();
    assert_eq!(inputs, ["limit", "sort"]);
}

#[test]
fn an_overlay_target_that_matches_nothing_is_located_in_the_overlay() {
    let files = files_with(&[(
        "fix.yaml",
        r"overlay: 1.0.0
info: {title: fix, version: '1'}
actions:
  - target: $.paths['/cats']
    update: {description: none}
",
    )]);
    let report = problems(&files, &["fix.yaml"]);
    assert!(
        report.starts_with("fix.yaml:4:5: #/actions/0/target: "),
        "{report}"
    );
}

#[test]
fn a_problem_an_overlay_brings_is_located_in_the_overlay() {
    let files = files_with(&[(
        "fix.yaml",
        r"overlay: 1.0.0
info: {title: fix, version: '1'}
actions:
  - target: $.paths['/pets'].get
    update:
      responses:
        '404': {description: gone, content: {application/json: {schema: {type: strin}}}}
",
    )]);
    let report = problems(&files, &["fix.yaml"]);
    assert!(report.starts_with("fix.yaml:7:"), "{report}");
    assert!(report.contains("strin"), "{report}");
}

#[test]
fn the_crate_compiles() {
    let files = files();
    let (generated, _) = run(&files, &[], |input| {
        generator::generate(
            input,
            Strictness::Strict,
            &support::options("gen-many-files"),
        )
        .unwrap_or_else(|problems| panic!("{problems}"))
        .files
    });
    let generated: Vec<GeneratedFile> = generated;
    support::check_crates(
        "multi-file-crates",
        &[("gen-many-files".to_owned(), generated)],
    );
}
