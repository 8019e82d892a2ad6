//! Specs that were accepted and then failed to compile, or were accepted silently wrong: each now
//! generates a crate that compiles under `#![deny(warnings)]`, or is a located problem.

#![allow(clippy::unwrap_used)]

mod support;

use generator::Strictness;
use support::{check_crates, crate_name, file_of, generate, generate_text};

const COMPILED: &[&str] = &[
    "generic_names",
    "err_variant",
    "paging_required_offset",
    "control_title",
    "deep_nesting",
    "ref_bounds",
    "long_tag",
];

#[test]
fn every_defect_fixture_compiles() {
    let mut crates: Vec<_> = COMPILED
        .iter()
        .map(|name| {
            let spec = format!("tests/fixtures/defects/{name}.yaml");
            (crate_name(&spec), generate(&spec))
        })
        .collect();
    // Each misplaced filter is a problem; leniently, every operation is generated without it.
    let misplaced = "tests/fixtures/errors/filter_misplaced.yaml";
    let text = std::fs::read_to_string(support::manifest_dir().join(misplaced)).unwrap();
    let files = generate_text(misplaced, &text, Strictness::Lenient).unwrap();
    let operations = file_of(&files, "src/operations/things.rs");
    assert!(operations.contains("pub fn list_things"), "{operations}");
    assert!(file_of(&files, "src/operations/fields.rs").contains("pub fn list_fields"));
    crates.push((crate_name(misplaced), files));
    check_crates("defect-crates", &crates);
}

#[test]
fn bounds_of_a_referenced_schema_are_checked_and_documented_where_it_is_used() {
    let files = generate("tests/fixtures/defects/ref_bounds.yaml");
    let operations = file_of(&files, "src/operations.rs");
    // Documented on the setter, and checked before sending.
    assert!(
        operations.contains("At least 1, at most 5."),
        "{operations}"
    );
    assert!(
        operations.contains("Some((1.0, false)),\n                Some((5.0, false)),"),
        "{operations}"
    );
    // The model's field is checked too, and documented.
    let validation = file_of(&files, "src/validation.rs");
    assert!(validation.contains("for models::Box"), "{validation}");
    let models = file_of(&files, "src/models.rs");
    assert!(models.contains("At least 1, at most 5."), "{models}");
}

#[test]
fn a_long_tag_gets_a_module_name_a_file_system_takes() {
    let files = generate("tests/fixtures/defects/long_tag.yaml");
    let module = files
        .iter()
        .find(|file| file.path.starts_with("src/operations/a"))
        .unwrap();
    let name = module.path.trim_start_matches("src/operations/");
    assert!(name.len() <= 67, "{name}");
}

#[test]
fn a_crate_has_a_validation_or_deserialize_module_only_when_it_has_code_for_it() {
    let names = |files: &[generator::GeneratedFile]| -> Vec<String> {
        files.iter().map(|file| file.path.clone()).collect()
    };
    // Bounds and structs: both modules, declared in `lib.rs`.
    let bounded = generate("tests/fixtures/defects/ref_bounds.yaml");
    let lib = file_of(&bounded, "src/lib.rs");
    assert!(
        lib.contains("mod validation;") && lib.contains("mod deserialize;"),
        "{lib}"
    );
    assert!(names(&bounded).contains(&"src/validation.rs".to_owned()));
    // A string enum and nothing else: no model to check, no struct to read.
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Colour: {type: string, enum: [red, blue]}\n";
    let files = generate_text("enum_only.yaml", spec, Strictness::Strict).unwrap();
    let lib = file_of(&files, "src/lib.rs");
    assert!(
        !lib.contains("mod validation") && !lib.contains("mod deserialize"),
        "{lib}"
    );
    let paths = names(&files);
    assert!(
        !paths
            .iter()
            .any(|path| path == "src/validation.rs" || path == "src/deserialize.rs"),
        "{paths:?}"
    );
    assert!(file_of(&files, "src/models.rs").contains("pub enum Colour"));
    check_crates(
        "machinery-modules",
        &[(crate_name("enum_only.yaml"), files)],
    );
}

#[test]
fn a_spec_text_that_spells_a_template_placeholder_is_written_as_it_is() {
    // Names from the spec go into holes, never into a template's own text, where one could be
    // taken for a placeholder.
    let spec = r#"openapi: 3.0.3
info: {title: t, version: '1'}
components:
  securitySchemes:
    __PATH: {type: apiKey, in: header, name: X-Key}
security: [{__PATH: []}]
paths:
  /things/__WIRE:
    get:
      operationId: __ID
      parameters:
        - {name: __DEFAULT, in: query, schema: {type: string}}
      responses:
        '204': {description: done}
"#;
    let files = generate_text("placeholders.yaml", spec, Strictness::Strict).unwrap();
    let operations = file_of(&files, "src/operations.rs");
    assert!(
        operations.contains(
            r#""__ID",
            ::sdkgen_runtime::http::Method::GET,
            "/things/__WIRE",
            &[&["__PATH"]],"#
        ),
        "{operations}"
    );
    assert!(
        operations.contains(r#"request.query("__DEFAULT", ToString::to_string(value));"#),
        "{operations}"
    );
    check_crates(
        "placeholder-texts",
        &[(crate_name("placeholders.yaml"), files)],
    );
}

#[test]
fn a_bounded_field_whose_name_has_braces_is_named_in_its_check_as_it_is() {
    // A field's place in a check's message is a `format!` string: `a{b}` read as an argument `b`,
    // and the crate did not compile.
    let spec = r#"openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things:
    post:
      operationId: makeThing
      parameters:
        - {name: "q{x}", in: query, schema: {type: string, maxLength: 5}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        '204': {description: done}
components:
  schemas:
    Thing:
      type: object
      properties:
        "a{b}": {type: string, maxLength: 3}
        "c}": {type: integer, minimum: 1}
"#;
    let files = generate_text("braces.yaml", spec, Strictness::Strict).unwrap();
    let validation = file_of(&files, "src/validation.rs");
    assert!(
        validation.contains(r#"&format!("{at}.a{{b}}"),"#),
        "{validation}"
    );
    assert!(
        validation.contains(r#"&format!("{at}.c}}"),"#),
        "{validation}"
    );
    check_crates("brace-names", &[(crate_name("braces.yaml"), files)]);
}
