//! Where each node of an assembled document came from: the file, and the place inside it.

use std::collections::HashMap;

use super::ROOT;
use crate::pointer::JsonPointer;

/// The places of the assembled document that were copied in from elsewhere (a file a `$ref`
/// names, an overlay's `update`), each with the file and place it came from. Anything beneath such
/// a place came from beneath that origin; anything else is the spec's own.
#[derive(Debug, Default)]
pub struct Origins {
    /// By the place in the assembled document, as pointer text.
    copied: HashMap<String, (usize, JsonPointer)>,
}

impl Origins {
    pub fn record(&mut self, at: &JsonPointer, file: usize, local: JsonPointer) {
        self.copied.insert(at.as_str().to_owned(), (file, local));
    }

    /// The file and the place inside it of a place in the assembled document: the nearest copied
    /// ancestor's origin, with the rest of the path below it.
    pub fn origin(&self, at: &JsonPointer) -> (usize, JsonPointer) {
        let mut current = at.clone();
        let mut below: Vec<String> = Vec::new();
        loop {
            if let Some((file, local)) = self.copied.get(current.as_str()) {
                let local = below
                    .iter()
                    .rev()
                    .fold(local.clone(), |pointer, segment| pointer.join(segment));
                return (*file, local);
            }
            let Some(last) = current.segments().pop() else {
                return (ROOT, at.clone());
            };
            below.push(last);
            current = current.parent_or_root();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_below_a_copy_come_from_below_its_origin() {
        let mut origins = Origins::default();
        let path = JsonPointer::root().join("paths").join("/a");
        origins.record(&path, 1, JsonPointer::root());
        origins.record(
            &path.join("get").join("parameters").join(0),
            2,
            JsonPointer::root(),
        );
        let below = path.join("get").join("summary");
        assert_eq!(
            origins.origin(&below),
            (1, JsonPointer::root().join("get").join("summary"))
        );
        let param = path.join("get").join("parameters").join(0).join("schema");
        assert_eq!(
            origins.origin(&param),
            (2, JsonPointer::root().join("schema"))
        );
        let own = JsonPointer::root().join("info");
        assert_eq!(origins.origin(&own), (ROOT, own.clone()));
    }
}
