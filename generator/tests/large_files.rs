//! A spec large enough to be parsed in pieces on several cores reads as the same text parsed whole:
//! the same crate, the same scalars as written, the same errors at the same lines.

#![allow(clippy::unwrap_used)]

mod support;

use generator::{SpecSource, Strictness};
use support::generate_text;

/// A one-file spec of `count` operations (about 400 bytes each), with `info` as given.
fn large_spec(info: &str, count: usize) -> String {
    let mut text = format!("openapi: 3.0.3\ninfo:\n{info}\npaths:\n");
    for number in 0..count {
        text.push_str(&format!(
            "  /things{number}:
    get:
      operationId: getThing{number}
      description: |
        Thing {number}.

        paths: not a key
      parameters:
        - name: limit
          in: query
          schema: {{type: integer, maximum: 50}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Thing'}}
"
        ));
    }
    text.push_str("components:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        id: {type: string}\n");
    assert!(text.len() > 256 * 1024, "large enough to be cut");
    text
}

#[test]
fn a_large_spec_generates_what_its_json_generates() {
    let yaml = large_spec("  title: Things\n  version: '1.10'", 800);
    // The same document as JSON, which is never cut.
    let tree: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
    let json = serde_json::to_string_pretty(&tree).unwrap();
    let from_yaml = generate_text("things.spec", &yaml, Strictness::Strict).unwrap();
    let from_json = generate_text("things.spec", &json, Strictness::Strict).unwrap();
    assert_eq!(from_yaml.len(), from_json.len());
    for (yaml, json) in from_yaml.iter().zip(&from_json) {
        assert_eq!(yaml.path, json.path);
        assert!(yaml.contents == json.contents, "{} differs", yaml.path);
    }
    let last = from_yaml
        .iter()
        .filter(|file| file.contents.contains("pub fn get_thing799("))
        .count();
    assert_eq!(last, 1, "the last operation is generated once");
}

#[test]
fn scalars_keep_the_text_they_were_written_with() {
    // Unquoted, `1.10` is a number in a tree; the text is what the spec wrote.
    let text = large_spec("  title: 2048\n  version: 1.10", 800);
    let source = SpecSource {
        name: "things.yaml",
        text: &text,
    };
    let (api, _) = generator::load(source, Strictness::Strict).unwrap();
    assert_eq!((api.title.as_str(), api.version.as_str()), ("2048", "1.10"));
    assert_eq!(api.operations.len(), 800);
}

#[test]
fn an_error_in_a_large_spec_is_at_its_line() {
    let text = large_spec("  title: Things\n  version: '1'", 800);
    // A flow mapping left open halfway through: the piece it ends fails, and so the whole parse
    // names the place.
    let broken = text.replacen("/things400:\n    get:\n", "/things400:\n    get: {\n", 1);
    let line = broken
        .lines()
        .position(|line| line.ends_with("get: {"))
        .unwrap()
        + 1;
    let problems = generate_text("things.yaml", &broken, Strictness::Strict).unwrap_err();
    assert!(problems.starts_with("things.yaml:"), "{problems}");
    let at: usize = problems
        .split(':')
        .nth(1)
        .and_then(|number| number.parse().ok())
        .unwrap();
    assert!(
        (line..line + 3).contains(&at),
        "line {at}, not near {line}: {problems}"
    );
}
