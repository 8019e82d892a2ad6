//! Text and trees to the spec model, with errors that say where.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Location};
use crate::pointer::JsonPointer;
use crate::tree_reader::TreeReader;

/// Parses YAML (or JSON, which is YAML) into `T`, the spec model or a tree of the document: for
/// tests and the phase benchmark, which time the parse on one thread.
#[cfg(any(test, feature = "internals"))]
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Diagnostic> {
    crate::nesting::check(text)?;
    parse_whole(text)
}

/// [`parse`], with a large YAML document parsed in pieces on `threads` threads (see
/// `source::split`) and `T` read from its tree. The tree no longer has the text of a number or
/// boolean, so one where `T` wants text (`version: 1.10`) is refused there and the text is parsed
/// whole, as is any text that does not read that way: what is read, and every error, is the same.
pub(crate) fn parse_on<T: DeserializeOwned>(
    text: &str,
    threads: crate::Threads,
) -> Result<T, Diagnostic> {
    crate::nesting::check(text)?;
    if let Some(tree) = crate::source::split::tree(text, threads) {
        let parsed = T::deserialize(TreeReader::exact(&tree));
        crate::free_later(tree, text.len());
        if let Ok(parsed) = parsed {
            return Ok(parsed);
        }
    }
    parse_whole(text)
}

/// [`parse`] of a text whose nesting is checked already, in one piece.
pub fn parse_whole<T: DeserializeOwned>(text: &str) -> Result<T, Diagnostic> {
    // A JSON document is read by the JSON parser, several times faster. The model refuses the
    // same things either way (a key written twice, a field of the wrong type); when it fails, the
    // YAML parser reads it again to name the place, as for any YAML.
    // A byte-order mark is not JSON, but editors write one: the JSON parser reads past it.
    let json = text.strip_prefix('\u{feff}').unwrap_or(text);
    if json.trim_start().starts_with('{')
        && let Ok(parsed) = serde_json::from_str::<T>(json)
    {
        return Ok(parsed);
    }
    let first_error = match serde_yaml::from_str::<T>(text) {
        Ok(parsed) => return Ok(parsed),
        Err(error) => error,
    };
    // The fast parse above does not track where it is. Parse again, tracking the path, to name the
    // place in the error: this costs time only when the text is broken.
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let (pointer, error) = match serde_path_to_error::deserialize::<_, T>(deserializer) {
        Err(error) => {
            let pointer = pointer_of(error.path());
            (pointer, error.into_inner())
        }
        Ok(_) => (JsonPointer::root(), first_error),
    };
    let location = error.location().map(|at| Location {
        line: at.line(),
        column: at.column(),
    });
    Err(Diagnostic {
        pointer,
        location,
        message: describe(&error.to_string()),
        file: None,
    })
}

/// Reads the spec model from a document already parsed into a tree (files resolved, overlays
/// applied), as YAML reads it from text (see [`crate::tree_reader`]). The error names its place by
/// pointer; the caller finds the file and line.
pub fn from_tree<T: DeserializeOwned>(tree: &Value) -> Result<T, Diagnostic> {
    // As for text: the read that tracks the path runs only when the plain one fails.
    if let Ok(parsed) = T::deserialize(TreeReader::new(tree)) {
        return Ok(parsed);
    }
    serde_path_to_error::deserialize::<_, T>(TreeReader::new(tree)).map_err(|error| {
        let pointer = pointer_of(error.path());
        Diagnostic::new(pointer, describe(&error.into_inner().to_string()))
    })
}

fn pointer_of(path: &serde_path_to_error::Path) -> JsonPointer {
    use serde_path_to_error::Segment;
    path.iter()
        .fold(JsonPointer::root(), |pointer, segment| match segment {
            Segment::Seq { index } => pointer.join(index),
            Segment::Map { key } => pointer.join(key),
            Segment::Enum { variant } => pointer.join(variant),
            Segment::Unknown => pointer,
        })
}

/// The parser's message without its own position suffix, which the diagnostic carries separately.
fn describe(text: &str) -> String {
    let text = match text.rfind(" at line ") {
        Some(index) => &text[..index],
        None => text,
    };
    // serde_yaml prefixes the dotted path it was at; the pointer says that better.
    let text = match text.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !rest.is_empty() => rest,
        _ => text,
    };
    format!("the spec does not parse: {text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_after_a_byte_order_mark_reads_as_json() {
        let text = "\u{feff}{\"a\": [1, 2]}";
        let parsed: Value = parse(text).unwrap();
        assert_eq!(parsed, serde_json::json!({"a": [1, 2]}));
        // Broken, it is placed as any other broken text.
        let broken = parse::<Value>("\u{feff}{\"a\": [1, 2}").unwrap_err();
        assert!(broken.location.is_some(), "{broken:?}");
    }
}
