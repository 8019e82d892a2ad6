//! Spec text to the spec model, with errors that say where.

use crate::diagnostics::{Diagnostic, Location};
use crate::pointer::JsonPointer;
use crate::spec::OpenApi;

/// Parses YAML (or JSON, which is YAML) into the spec model.
pub fn parse(text: &str) -> Result<OpenApi, Diagnostic> {
    crate::nesting::check(text)?;
    let first_error = match serde_yaml::from_str::<OpenApi>(text) {
        Ok(spec) => return Ok(spec),
        Err(error) => error,
    };
    // The fast parse above does not track where it is. Parse again, tracking the path, to name the
    // place in the error: this costs time only when the spec is broken.
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let (pointer, error) = match serde_path_to_error::deserialize::<_, OpenApi>(deserializer) {
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
        message: describe(&error),
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
fn describe(error: &serde_yaml::Error) -> String {
    let text = error.to_string();
    let text = match text.rfind(" at line ") {
        Some(index) => &text[..index],
        None => &text,
    };
    // serde_yaml prefixes the dotted path it was at; the pointer says that better.
    let text = match text.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !rest.is_empty() => rest,
        _ => text,
    };
    format!("the spec does not parse: {text}")
}
