//! Finds the line and column of JSON pointers in the spec text.
//!
//! Two ways, fast first: an index of the block structure of the YAML, built in one pass over the
//! lines, answers most pointers; what it cannot see (flow collections, JSON) is located by the YAML
//! parser itself, at the cost of one parse per pointer.

mod block_index;
mod by_parser;

use crate::diagnostics::Location;
use crate::pointer::JsonPointer;

/// The location of each pointer, in order. A place that is not in the text (a missing key) is
/// located at its nearest ancestor that is; the document itself starts at 1:1.
pub fn locate_all(text: &str, pointers: &[&JsonPointer]) -> Vec<Option<Location>> {
    if pointers.is_empty() {
        return Vec::new();
    }
    let index = block_index::BlockIndex::build(text);
    pointers
        .iter()
        .map(|pointer| {
            let mut current = (*pointer).clone();
            loop {
                if current == JsonPointer::root() {
                    return Some(Location { line: 1, column: 1 });
                }
                let found = index
                    .find(&current.segments())
                    .or_else(|| by_parser::locate(text, &current));
                if found.is_some() {
                    return found;
                }
                current = current.parent_or_root();
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    /// Every key and item of a document, as pointers.
    fn every_place(value: &Value, at: JsonPointer, out: &mut Vec<JsonPointer>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let child_at = at.join(key);
                    out.push(child_at.clone());
                    every_place(child, child_at, out);
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    let child_at = at.join(index);
                    out.push(child_at.clone());
                    every_place(child, child_at, out);
                }
            }
            _ => {}
        }
    }

    /// Wherever the fast index answers, it must answer what the parser does.
    fn assert_index_agrees_with_parser(text: &str) -> usize {
        let document: Value = serde_yaml::from_str(text).unwrap();
        let mut places = Vec::new();
        every_place(&document, JsonPointer::root(), &mut places);
        let index = block_index::BlockIndex::build(text);
        let mut answered = 0;
        for place in &places {
            if let Some(fast) = index.find(&place.segments()) {
                answered += 1;
                assert_eq!(Some(fast), by_parser::locate(text, place), "at {place}");
            }
        }
        answered
    }

    #[test]
    fn index_agrees_with_parser_on_the_spec() {
        let text = include_str!("../../../spec/workgroups.yaml");
        let answered = assert_index_agrees_with_parser(text);
        assert!(answered > 500, "the index answered only {answered} places");
    }

    #[test]
    fn index_agrees_with_parser_on_awkward_yaml() {
        let text = r#"# comment
"quoted: key": 1
'single ''q''': {a: 1, b: [1, 2]}
list:
- a
- b: 1
  c: |
    text: that looks like a key
    - and an item
  d: >-
    folded
- - nested
  - items
-
  late: item
plain: multi
  line scalar
after: &anchor
  x: 1
last: 2
"#;
        assert!(assert_index_agrees_with_parser(text) >= 12);
    }

    #[test]
    fn locates_through_either_way() {
        let text = "a:\n  b: [1, {c: 2}]\n";
        let b = JsonPointer::root().join("a").join("b");
        let c = b.join(1).join("c");
        let found = locate_all(text, &[&b, &c]);
        assert_eq!(found[0], Some(Location { line: 2, column: 3 }));
        // Inside a flow collection only the parser knows.
        assert_eq!(
            found[1],
            Some(Location {
                line: 2,
                column: 11
            })
        );
    }
}
