//! A spec large enough that a second formatting thread is started before it is read: every way
//! the generation can end lets that thread go, and what it makes does not depend on it.

// Tests stop at the first surprise; a panic with the value is the report.
#![allow(clippy::unwrap_used)]

mod support;

use generator::{SpecSource, Strictness};

/// A spec of one operation with a description long enough to pass the size from which the thread
/// is started early: the crate is small, so the thread is let go without work.
fn long_spec(operation_id: &str) -> String {
    let description = "A sentence that makes the spec longer. ".repeat(1000);
    format!(
        "openapi: 3.0.3\ninfo:\n  title: Long\n  version: '1'\n  description: {description}\n\
         paths:\n  /things:\n    get:\n      operationId: {operation_id}\n      responses:\n        \
         '200':\n          description: Done.\n"
    )
}

fn generate(text: &str, strictness: Strictness, threads: usize) -> Result<Vec<String>, String> {
    let source = SpecSource {
        name: "long.yaml",
        text,
    };
    generator::generate_with_threads(source, strictness, &support::options("long"), threads)
        .map(|output| output.files.into_iter().map(|file| file.contents).collect())
        .map_err(|problems| problems.to_string())
}

#[test]
fn a_large_spec_with_a_small_crate_is_made_alike_on_one_and_two_threads() {
    let text = long_spec("listThings");
    assert!(text.len() > 32 * 1024, "the spec is {} bytes", text.len());
    let one = generate(&text, Strictness::Strict, 1).unwrap();
    let two = generate(&text, Strictness::Strict, 2).unwrap();
    assert_eq!(one, two);
    assert!(one.iter().any(|file| file.contains("list_things")));
}

/// The problems of `text` on two threads, or a failure when the generation does not end: a thread
/// left waiting would hold it up for ever.
fn problems_within_a_minute(text: String) -> String {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(generate(&text, Strictness::Strict, 2));
    });
    let outcome = receiver
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the generation ended");
    outcome.unwrap_err()
}

#[test]
fn a_large_spec_that_fails_reports_its_problem_on_two_threads() {
    // A value of the wrong type fails the read after the thread was started; a bracket never
    // closed fails the parse.
    let problem = problems_within_a_minute(long_spec("{}"));
    assert!(problem.contains("long.yaml"), "{problem}");
    let problem = problems_within_a_minute(format!("{}\n  : [", long_spec("listThings")));
    assert!(problem.contains("long.yaml"), "{problem}");
}
