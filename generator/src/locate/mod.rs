//! Finds the line and column of JSON pointers in the spec text.
//!
//! One pass over the lines indexes the block structure of the YAML; each flow collection a
//! pointer goes into (all of a JSON document, or `[a, b]` inside YAML) is then scanned once for
//! every pointer that goes into it, descending only where some pointer goes. What neither reads
//! (anchors, aliases, tags, complex keys) is located by the YAML parser itself, at the cost of one
//! parse per pointer; no spec in the corpus needs it.

mod block_index;
mod by_parser;
mod flow;

use std::collections::BTreeMap;

use crate::diagnostics::Location;
use crate::pointer::JsonPointer;

/// The location of each pointer, in order. A place that is not in the text (a missing key) is
/// located at its nearest ancestor that is; the document itself starts at 1:1.
pub fn locate_all(text: &str, pointers: &[&JsonPointer]) -> Vec<Option<Location>> {
    if pointers.is_empty() {
        return Vec::new();
    }
    let segments: Vec<Vec<String>> = pointers.iter().map(|pointer| pointer.segments()).collect();
    let index = block_index::BlockIndex::build(text, &segments);
    let found: Vec<block_index::Found> = segments.iter().map(|path| index.find(path)).collect();

    // The pointers that go on into a flow collection, by where it starts.
    let mut into_flow: BTreeMap<usize, (block_index::FlowStart, Vec<usize>)> = BTreeMap::new();
    for (number, (path, found)) in segments.iter().zip(&found).enumerate() {
        if let Some(start) = found.flow.filter(|_| found.depth < path.len()) {
            into_flow
                .entry(start.offset)
                .or_insert_with(|| (start, Vec::new()))
                .1
                .push(number);
        }
    }
    let mut reach: Vec<Option<flow::Reach>> = vec![None; pointers.len()];
    for (start, numbers) in into_flow.values() {
        let rests: Vec<&[String]> = numbers
            .iter()
            .map(|&number| &segments[number][found[number].depth..])
            .collect();
        let reached = flow::locate(text, start.offset, start.line, start.line_start, &rests);
        for (&number, reached) in numbers.iter().zip(reached) {
            reach[number] = Some(reached);
        }
    }

    pointers
        .iter()
        .enumerate()
        .map(|(number, pointer)| {
            let found = &found[number];
            let wanted = segments[number].len();
            let (depth, location, unseen) = match reach[number] {
                Some(reached) => (
                    found.depth + reached.depth,
                    reached.location.unwrap_or(found.location),
                    reached.unseen,
                ),
                None => (found.depth, found.location, found.opaque),
            };
            if depth == wanted || !unseen {
                return Some(location);
            }
            Some(by_parser_up_to(text, pointer, depth).unwrap_or(location))
        })
        .collect()
}

/// The parser's location of the pointer or of its nearest ancestor below `known` segments.
fn by_parser_up_to(text: &str, pointer: &JsonPointer, known: usize) -> Option<Location> {
    let mut current = pointer.clone();
    while current.segments().len() > known {
        if let Some(found) = by_parser::locate(text, &current) {
            return Some(found);
        }
        current = current.parent_or_root();
    }
    None
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

    /// Every place of the document is located where the parser puts it.
    fn assert_agrees_with_parser(text: &str) -> usize {
        let document: Value = serde_yaml::from_str(text).unwrap();
        let mut places = Vec::new();
        every_place(&document, JsonPointer::root(), &mut places);
        let pointers: Vec<&JsonPointer> = places.iter().collect();
        let located = locate_all(text, &pointers);
        for (place, location) in places.iter().zip(located) {
            assert_eq!(location, by_parser::locate(text, place), "at {place}");
            // Alone, only the entries on its way are indexed: the same answer.
            assert_eq!(locate_all(text, &[place]), vec![location], "{place} alone");
        }
        places.len()
    }

    #[test]
    fn agrees_with_parser_on_the_spec() {
        let text = include_str!("../../../spec/workgroups.yaml");
        assert!(assert_agrees_with_parser(text) > 500);
    }

    #[test]
    fn agrees_with_parser_on_json() {
        let yaml = include_str!("../../../spec/workgroups.yaml");
        let document: Value = serde_yaml::from_str(yaml).unwrap();
        let pretty = serde_json::to_string_pretty(&document).unwrap();
        assert!(assert_agrees_with_parser(&pretty) > 500);
        let compact = serde_json::to_string(&document).unwrap();
        assert!(assert_agrees_with_parser(&compact) > 500);
    }

    #[test]
    fn agrees_with_parser_on_awkward_flow() {
        let text = r#"{"a\u00e9\"b": [1, {"c": "x, y]"}, [ ], {}],
  "é": {"k": 'it''s', plain key: plain value, "n": [true, null, -1.5e3]},
  # a comment
  "last": "multi
    line"}
"#;
        assert!(assert_agrees_with_parser(text) >= 10);
        let yaml = "a:\n  b: [x, {y: 1, 'z': [2, 3]}]\n  c: {d: [e]} # note\n";
        assert!(assert_agrees_with_parser(yaml) >= 9);
        // Columns count characters, not bytes, and start again on each line.
        let split = "{\"é\": \"ü\", \"k\": {\"x\": [1, \"ü\",\n {\"y\": 2}]}, \"z\": 3}\n";
        assert!(assert_agrees_with_parser(split) >= 7);
    }

    #[test]
    fn agrees_with_parser_on_awkward_yaml() {
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
- [flow, item]
plain: multi
  line scalar
after: &anchor
  x: 1
again: *anchor
last: 2
"#;
        assert!(assert_agrees_with_parser(text) >= 14);
    }

    /// A broken spec is located too (its parse error has a place): no cut or stray character
    /// may hang or panic the scan.
    #[test]
    fn broken_text_ends() {
        let yaml = include_str!("../../../spec/workgroups.yaml");
        let document: Value = serde_yaml::from_str(yaml).unwrap();
        let json = serde_json::to_string(&document).unwrap();
        let mut places = Vec::new();
        every_place(&document, JsonPointer::root(), &mut places);
        let pointers: Vec<&JsonPointer> = places.iter().step_by(97).collect();
        let one = JsonPointer::root().join("a").join(1);
        for broken in [
            r#"{"a": [1 }"#,
            r#"{"a": [1, }"#,
            r#"{"a": [1 : 2]}"#,
            "a: [1 }\n",
        ] {
            assert_eq!(locate_all(broken, &[&one]).len(), 1, "{broken}");
        }
        for cut in (0..json.len()).step_by(331) {
            for stray in ["", "]", "}", ",", ":", "\"", "'", "&", "#"] {
                let (head, tail) = json.split_at(json.floor_char_boundary(cut));
                let broken = format!("{head}{stray}{}", &tail[tail.len().min(1)..]);
                let located = locate_all(&broken, &pointers);
                assert_eq!(located.len(), pointers.len());
            }
        }
    }

    #[test]
    fn a_missing_place_is_its_nearest_ancestor() {
        let text = "a:\n  b: [1, {c: 2}]\n";
        let missing = JsonPointer::root().join("a").join("b").join(1).join("nope");
        let json = r#"{"a": {"b": [1, {"c": 2}]}}"#;
        let missing_json = JsonPointer::root().join("a").join("zzz");
        assert_eq!(
            locate_all(text, &[&missing]),
            vec![Some(Location {
                line: 2,
                column: 10
            })]
        );
        assert_eq!(
            locate_all(json, &[&missing_json]),
            vec![Some(Location { line: 1, column: 2 })]
        );
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
