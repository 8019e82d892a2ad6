//! A broken spec gives every problem with its file, line, column and JSON pointer, and no files.

// Tests stop at the first surprise; a panic with the value is the report.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;

mod support;

use generator::{SpecSource, Strictness};

/// The report for a fixture under tests/fixtures/errors.
fn report(name: &str) -> String {
    let relative = format!("tests/fixtures/errors/{name}.yaml");
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&relative)).unwrap();
    match support::generate_text(&relative, &text, Strictness::Strict) {
        Ok(_) => panic!("{name} generated, but it is broken"),
        Err(problems) => problems,
    }
}

macro_rules! error_tests {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(report(stringify!($name)));
        }
    )*};
}

error_tests!(
    misspelt_ref,
    unknown_type,
    duplicate_operation_id,
    parameter_without_schema,
    invalid_yaml,
    wrong_shape,
    swagger2,
    unknown_filter_operator,
    filter_without_grammar,
    non_finite_bounds,
    contradictory_bounds,
    duplicate_keys,
    header_name_line_break,
    missing_info_and_paths,
    path_parameter_not_in_template,
    path_parameter_not_required,
    empty,
    filter_on_non_string,
    filter_misplaced,
    openapi_32,
    exclusive_bound_of_other_version,
    unknown_dialect,
    style_of_other_place,
    form_body_not_object,
    union_beside_properties_not_object,
);

#[test]
fn a_lenient_run_lists_the_problem_and_generates_the_rest() {
    let relative = "tests/fixtures/errors/misspelt_ref.yaml";
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap();
    let output = generator::generate(
        SpecSource {
            name: relative,
            text: &text,
        },
        Strictness::Lenient,
        &support::options("lenient"),
    )
    .unwrap();
    assert_eq!(output.problems.items.len(), 1);
    assert_eq!(output.type_count, 2);
    let models = &output
        .files
        .iter()
        .find(|file| file.path == "src/models.rs")
        .unwrap()
        .contents;
    assert!(
        models.contains("pub owner: Option<::serde_json::Value>"),
        "{models}"
    );
}

#[test]
fn garbage_never_panics() {
    let inputs = [
        "",
        "null",
        "[]",
        "42",
        "openapi: [",
        "openapi: 3.0.3\npaths: 7",
        "\u{0}\u{1}",
        "openapi: 3.0.3\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/A'}\n",
        "openapi: 3.0.3\ncomponents:\n  schemas:\n    A: {allOf: [{$ref: '#/components/schemas/A'}, {type: object, properties: {x: {type: string}}}]}\n",
        "openapi: 3.0.3\npaths:\n  /a/{b}:\n    get:\n      operationId: x\n      parameters: [{$ref: '#/components/parameters/p'}]\n",
    ];
    for input in inputs {
        for strictness in [Strictness::Strict, Strictness::Lenient] {
            let _ = support::generate_text("input.yaml", input, strictness);
        }
    }
}

#[test]
fn deep_nesting_is_refused_with_its_place_before_parsing() {
    // A schema nested 10,000 levels, as JSON: the YAML parser alone would take seconds on it.
    let mut schema = String::from(r#"{"type":"string"}"#);
    for _ in 0..10_000 {
        schema = format!(r#"{{"type":"array","items":{schema}}}"#);
    }
    let text = format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{}},"components":{{"schemas":{{"A":{schema}}}}}}}"#
    );
    let report = support::generate_text("deep.json", &text, Strictness::Strict).unwrap_err();
    assert_eq!(
        report,
        "deep.json:1:3071: #: the document nests deeper than 128 levels here: refused before parsing"
    );
}
