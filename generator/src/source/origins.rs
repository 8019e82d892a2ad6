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

    /// Forgets the origins at and below `at`: what stood there was replaced or removed.
    pub fn forget(&mut self, at: &JsonPointer) {
        let prefix = format!("{}/", at.as_str());
        self.copied
            .retain(|place, _| place != at.as_str() && !place.starts_with(&prefix));
    }

    /// Item `index` of the array at `array` was removed: its origins go, and those of the items
    /// after it move down by one with them.
    pub fn removed_item(&mut self, array: &JsonPointer, index: usize) {
        self.forget(&array.join(index));
        let prefix = format!("{}/", array.as_str());
        let moved: Vec<(String, (usize, JsonPointer))> = self
            .copied
            .iter()
            .filter_map(|(place, origin)| {
                let rest = place.strip_prefix(&prefix)?;
                let (item, below) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                let item: usize = item.parse().ok().filter(|item| *item > index)?;
                Some((format!("{prefix}{}{below}", item - 1), origin.clone()))
            })
            .collect();
        self.copied.retain(|place, _| {
            place
                .strip_prefix(&prefix)
                .and_then(|rest| rest.split('/').next())
                .and_then(|item| item.parse::<usize>().ok())
                .is_none_or(|item| item < index)
        });
        self.copied.extend(moved);
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

    #[test]
    fn removing_an_item_moves_the_origins_of_those_after_it() {
        let mut origins = Origins::default();
        let list = JsonPointer::root().join("parameters");
        for (index, file) in [1, 2, 3].into_iter().enumerate() {
            origins.record(&list.join(index), file, JsonPointer::root().join("p"));
        }
        origins.record(&list.join(2).join("schema"), 4, JsonPointer::root());
        origins.removed_item(&list, 1);
        assert_eq!(origins.origin(&list.join(0)).0, 1);
        assert_eq!(origins.origin(&list.join(1)).0, 3);
        assert_eq!(origins.origin(&list.join(1).join("schema")).0, 4);
        assert_eq!(origins.origin(&list.join(2)).0, ROOT);
    }

    #[test]
    fn a_replaced_node_forgets_the_origins_below_it() {
        let mut origins = Origins::default();
        let node = JsonPointer::root().join("a");
        origins.record(&node.join("b"), 2, JsonPointer::root());
        origins.forget(&node);
        origins.record(&node, 1, JsonPointer::root().join("update"));
        assert_eq!(
            origins.origin(&node.join("b")),
            (1, JsonPointer::root().join("update").join("b"))
        );
    }
}
