//! One fixture per OpenAPI 3.1 keyword (`tests/fixtures/openapi_31`), each checked for what the
//! keyword means to a user of the generated crate, and every crate compiled without warnings.

#![allow(clippy::unwrap_used)]

mod support;

use generator::ir::{Api, Field, TypeDef, TypeKind, TypeRef};
use generator::{SpecSource, Strictness};

const FIXTURES: &[&str] = &[
    "type_null",
    "const",
    "examples",
    "ref_siblings",
    "exclusive_bounds",
    "defs",
    "prefix_items",
    "content_media_type",
    "path_items",
    "no_paths",
    "webhooks",
    "json_schema_dialect",
    "info_summary",
    "license_identifier",
    "any_of_null",
    "boolean_schema",
    "version_304",
];

fn path(name: &str) -> String {
    format!("tests/fixtures/openapi_31/{name}.yaml")
}

fn api(name: &str) -> Api {
    let relative = path(name);
    let text = std::fs::read_to_string(support::manifest_dir().join(&relative)).unwrap();
    let source = SpecSource {
        name: &relative,
        text: &text,
    };
    generator::load(source, Strictness::Strict)
        .unwrap_or_else(|problems| panic!("{problems}"))
        .0
}

fn named<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types
        .iter()
        .find(|def| def.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
}

fn field<'a>(api: &'a Api, type_name: &str, wire: &str) -> &'a Field {
    match &named(api, type_name).kind {
        TypeKind::Struct(fields) => fields
            .fields
            .iter()
            .find(|field| field.wire_name == wire)
            .unwrap_or_else(|| panic!("no field {wire} in {type_name}")),
        other => panic!("{type_name} is not a struct: {other:?}"),
    }
}

fn type_name(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.type_def(*id).name.clone(),
        other => format!("{other:?}"),
    }
}

#[test]
fn a_type_array_with_null_is_an_option() {
    let api = api("type_null");
    let nickname = field(&api, "Pet", "nickname");
    assert!(nickname.required && nickname.nullable, "{nickname:?}");
    assert!(nickname.is_optional());
    assert_eq!(nickname.ty, TypeRef::String);
    let age = field(&api, "Pet", "age");
    assert!(age.nullable);
    assert_eq!(age.ty, TypeRef::I64);
}

#[test]
fn const_is_a_one_value_enum() {
    let api = api("const");
    let kind = field(&api, "Dog", "kind");
    let TypeKind::Enum(values) = &api
        .type_def(match kind.ty {
            TypeRef::Named(id) => id,
            ref other => panic!("{other:?}"),
        })
        .kind
    else {
        panic!("not an enum")
    };
    let wire: Vec<&str> = values
        .variants
        .iter()
        .map(|v| v.wire_value.as_str())
        .collect();
    assert_eq!(wire, ["dog"]);
}

#[test]
fn the_first_of_examples_is_the_documented_example() {
    let api = api("examples");
    assert_eq!(
        named(&api, "Name").docs.example,
        Some(serde_json::json!("Rex"))
    );
}

#[test]
fn a_description_beside_a_ref_documents_the_field() {
    let api = api("ref_siblings");
    let owner = field(&api, "Pet", "owner");
    assert_eq!(type_name(&api, &owner.ty), "Owner");
    assert_eq!(
        owner.docs.description.as_deref(),
        Some("Who feeds the pet.")
    );
    // The referenced type keeps its own documentation.
    assert_eq!(
        named(&api, "Owner").docs.description.as_deref(),
        Some("Someone who owns pets.")
    );
}

#[test]
fn numeric_exclusive_bounds_are_exclusive_bounds() {
    let api = api("exclusive_bounds");
    let age = &api.operations[0].inputs[0];
    assert_eq!(age.wire_name, "age");
    let bounds = &age.constraints;
    assert_eq!((bounds.minimum, bounds.maximum), (Some(0.0), Some(30.0)));
    assert!(bounds.exclusive_minimum && bounds.exclusive_maximum);
}

#[test]
fn defs_are_types_referenced_by_pointer() {
    let api = api("defs");
    let chip = field(&api, "Pet", "chip");
    assert_eq!(type_name(&api, &chip.ty), "Chip");
    assert!(field(&api, "Chip", "code").required);
}

#[test]
fn a_tuple_holds_any_json_values() {
    let api = api("prefix_items");
    match &named(&api, "Position").kind {
        TypeKind::Alias(TypeRef::Vec(item)) => assert_eq!(**item, TypeRef::Any),
        other => panic!("{other:?}"),
    }
}

#[test]
fn encoded_strings_say_what_they_hold() {
    let api = api("content_media_type");
    let thumbnail = field(&api, "Photo", "thumbnail");
    assert_eq!(thumbnail.ty, TypeRef::String);
    assert_eq!(
        thumbnail.docs.content.as_deref(),
        Some("Base64-encoded bytes.")
    );
    assert_eq!(
        field(&api, "Photo", "scan").docs.content.as_deref(),
        Some("Binary content (`image/png`).")
    );
}

#[test]
fn path_items_from_components_are_operations() {
    let api = api("path_items");
    let operation = &api.operations[0];
    assert_eq!(
        (operation.id.as_str(), operation.path.as_str()),
        ("getPet", "/pets/{id}")
    );
    assert_eq!(operation.inputs[0].wire_name, "id");
}

#[test]
fn a_document_without_paths_is_a_crate_of_models() {
    let api = api("no_paths");
    assert!(api.operations.is_empty());
    assert!(field(&api, "Pet", "name").is_optional());
}

#[test]
fn webhook_payloads_are_types() {
    let api = api("webhooks");
    assert!(api.operations.is_empty());
    assert!(field(&api, "NewPetPayload", "id").required);
    // A payload that is a component is that component, not a copy.
    let declares = |name: &str| api.types.iter().any(|def| def.name == name);
    assert!(!declares("PetGonePayload"));
    assert!(declares("Gone"));
}

#[test]
fn the_base_dialect_is_read_without_a_problem() {
    let api = api("json_schema_dialect");
    assert!(field(&api, "Pet", "name").is_optional());
}

#[test]
fn the_summary_and_the_licence_are_in_the_crate_docs() {
    assert_eq!(
        api("info_summary").summary.as_deref(),
        Some("Pets and their owners.")
    );
    // The README is the crate's documentation.
    let readme = support::file_of(&generate("info_summary"), "README.md");
    assert!(readme.contains("\nPets and their owners.\n"), "{readme}");
    let readme = support::file_of(&generate("license_identifier"), "README.md");
    assert!(
        readme.contains("The API is published under Apache-2.0."),
        "{readme}"
    );
}

#[test]
fn any_of_a_ref_and_null_is_an_optional_ref() {
    let api = api("any_of_null");
    let owner = field(&api, "Pet", "owner");
    assert_eq!(type_name(&api, &owner.ty), "Owner");
    assert!(owner.required && owner.nullable);
}

#[test]
fn a_true_schema_is_any_json_value() {
    let api = api("boolean_schema");
    assert_eq!(field(&api, "Note", "anything").ty, TypeRef::Any);
}

#[test]
fn version_3_0_4_reads_as_3_0() {
    let api = api("version_304");
    let age = &api.operations[0].inputs[0].constraints;
    assert_eq!(age.minimum, Some(0.0));
    assert!(age.exclusive_minimum);
}

fn generate(name: &str) -> Vec<generator::GeneratedFile> {
    support::generate(&path(name))
}

#[test]
fn every_fixture_compiles_without_warnings() {
    let crates: Vec<_> = FIXTURES
        .iter()
        .map(|name| (support::crate_name(&path(name)), generate(name)))
        .collect();
    support::check_crates("openapi-31-crates", &crates);
}
