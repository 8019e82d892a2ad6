//! SailPoint's full published v2024 spec, the large real input: the generator must not panic on it,
//! must locate every problem it has, and in lenient mode must generate everything else.
//! Vendored in `tests/corpus` (see its README).

// Tests stop at the first surprise; a panic with the value is the report.
#![allow(clippy::unwrap_used)]

use std::path::Path;

mod support;

use generator::{SpecSource, Strictness};

fn reference() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/sailpoint-api.v2024.yaml");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn every_problem_of_the_reference_spec_is_located_and_the_rest_generates() {
    let text = reference();
    let source = SpecSource {
        name: "sailpoint-api.v2024.yaml",
        text: &text,
    };

    let options = support::options("reference");
    let strict = generator::generate(source, Strictness::Strict, &options).unwrap_err();
    assert!(!strict.items.is_empty());
    for problem in &strict.items {
        assert!(
            problem.location.is_some(),
            "no location for {}: {}",
            problem.pointer,
            problem.message
        );
    }
    // Checked by hand against the file: a `type` that is not a JSON type, and a path template whose
    // parameter has another name.
    let report = strict.to_string();
    assert!(report.contains(
        "sailpoint-api.v2024.yaml:76246:11: #/components/schemas/FormSubmitted/properties/submittedAt/type: unknown type `date-time`"
    ), "{report}");
    assert!(report.contains(
        "sailpoint-api.v2024.yaml:5259:5: #/paths/~1campaign-filters~1{id}/post: the path has `{id}` but no path parameter is named `id` (path parameters: filterId)"
    ), "{report}");

    let lenient = generator::generate(source, Strictness::Lenient, &options).unwrap();
    assert_eq!(lenient.problems, strict);
    assert!(lenient.type_count >= 915, "{} types", lenient.type_count);
    // Every operation with a problem is left out and the rest generate: checked by hand against the
    // list of problems (an operation may have several). The 3 whose only problem is a requirement of
    // the undeclared `UserContextAuth` are generated without it. The 20 with `multipart/form-data`
    // bodies generate (one, whose schema lists no parts, takes a caller-built body).
    assert_eq!(lenient.operation_count, 690);
}
