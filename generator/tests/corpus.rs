//! Real specs the generator has not been written for: each becomes a whole crate that compiles
//! against the runtime without a warning. SailPoint's full published spec joins them, generated
//! leniently, and Stripe's, whose request bodies are all forms.

#![allow(clippy::unwrap_used)]

mod support;

use generator::Strictness;
use support::{check_crates, crate_name, generate, generate_text};

const CORPUS: &[&str] = &[
    "keeper",
    "buildomat",
    "propolis-server",
    "param-collision",
    "cli-gen",
];

/// The OpenAPI Initiative's 3.1 examples.
const OPENAPI_31: &[&str] = &["tictactoe", "webhook-example", "non-oauth-scopes"];

#[test]
fn every_corpus_spec_generates_a_crate_that_compiles() {
    let mut crates: Vec<_> = CORPUS
        .iter()
        .map(|name| {
            let spec = format!("tests/corpus/{name}.json");
            (crate_name(&spec), generate(&spec))
        })
        .collect();
    crates.push((
        crate_name("conventions"),
        generate("tests/fixtures/conventions.yaml"),
    ));
    for name in OPENAPI_31 {
        let spec = format!("tests/corpus/oai-3.1/{name}.yaml");
        crates.push((crate_name(&spec), generate(&spec)));
    }
    let reference = support::manifest_dir().join("tests/corpus/sailpoint-api.v2024.yaml");
    let text = std::fs::read_to_string(&reference).unwrap();
    let files = generate_text("sailpoint-api.v2024.yaml", &text, Strictness::Lenient).unwrap();
    crates.push(("gen-reference".to_owned(), files));
    crates.push(("gen-stripe".to_owned(), stripe()));
    check_crates("corpus-crates", &crates);
}

/// Stripe's API, whose every request body is a form: generated strictly, with no operation left
/// out.
fn stripe() -> Vec<generator::GeneratedFile> {
    let path = support::manifest_dir().join("tests/corpus/stripe/stripe.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let source = generator::SpecSource {
        name: "stripe.yaml",
        text: &text,
    };
    let output = generator::generate(source, Strictness::Strict, &support::options("stripe"))
        .unwrap_or_else(|problems| panic!("{problems}"));
    assert_eq!(output.operation_count, 588);
    let form_bodies = output
        .files
        .iter()
        .map(|file| file.contents.matches(".form_body(").count())
        .sum::<usize>();
    assert_eq!(form_bodies, 587);
    output.files
}
