//! Locates a JSON pointer with the YAML parser itself.
//!
//! The YAML parser knows where every node starts but only tells through errors. So this walks the
//! document along the pointer and raises an error on reaching the target: the parser stamps that
//! error with the node's position. It costs one more parse, paid only when there is something to
//! report.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::diagnostics::Location;
use crate::pointer::JsonPointer;

/// The position of the key or item the pointer names, or `None` when it is not in the text.
pub fn locate(text: &str, pointer: &JsonPointer) -> Option<Location> {
    let segments = pointer.segments();
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let error = match (Walk { rest: &segments }).deserialize(deserializer) {
        Ok(()) => return None,
        Err(error) => error,
    };
    if error.to_string().contains(FOUND) {
        error.location().map(|at| Location {
            line: at.line(),
            column: at.column(),
        })
    } else {
        None
    }
}

/// The text of the error that marks the target; any other error means the walk failed.
const FOUND: &str = "\u{0}located\u{0}";

/// Walks into the node at hand along `rest`.
struct Walk<'a> {
    rest: &'a [String],
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping or sequence on the way to the target")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((wanted, rest)) = self.rest.split_first() else {
            return Err(de::Error::custom(FOUND));
        };
        // The last segment errors inside the key, so the position is the key's own.
        let last = rest.is_empty();
        while let Some(matched) = map.next_key_seed(Key { wanted, last })? {
            if matched {
                return map.next_value_seed(Walk { rest });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((wanted, rest)) = self.rest.split_first() else {
            return Err(de::Error::custom(FOUND));
        };
        let Ok(wanted) = wanted.parse::<usize>() else {
            return Ok(());
        };
        for _ in 0..wanted {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        // With nothing left to walk, the item itself errors and so gives its position.
        seq.next_element_seed(Walk { rest }).map(drop)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.scalar()
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.scalar()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.scalar()
    }
}

impl Walk<'_> {
    /// A scalar is the target only when nothing is left to walk.
    fn scalar<E: de::Error>(&self) -> Result<(), E> {
        if self.rest.is_empty() {
            Err(E::custom(FOUND))
        } else {
            Ok(())
        }
    }
}

/// Reads one mapping key; says whether it is the wanted one, or errors there when it is the target.
struct Key<'a> {
    wanted: &'a str,
    last: bool,
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        match (key == self.wanted, self.last) {
            (true, true) => Err(E::custom(FOUND)),
            (matched, _) => Ok(matched),
        }
    }

    // YAML keys such as `200` or `true` arrive as numbers and booleans.
    fn visit_u64<E: de::Error>(self, key: u64) -> Result<bool, E> {
        self.visit_str(&key.to_string())
    }
    fn visit_i64<E: de::Error>(self, key: i64) -> Result<bool, E> {
        self.visit_str(&key.to_string())
    }
    fn visit_bool<E: de::Error>(self, key: bool) -> Result<bool, E> {
        self.visit_str(&key.to_string())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
openapi: 3.0.3
paths:
  /items/{id}:
    get:
      parameters:
        - name: id
          in: path
        - name: q
          in: query
components:
  schemas:
    Item:
      type: object
      properties:
        size: {type: integer}
";

    fn at(pointer: &JsonPointer) -> Option<(usize, usize)> {
        locate(DOC, pointer).map(|at| (at.line, at.column))
    }

    #[test]
    fn finds_keys_items_and_flow_values() {
        let schemas = JsonPointer::root().join("components").join("schemas");
        assert_eq!(at(&schemas.join("Item")), Some((12, 5)));
        assert_eq!(
            at(&schemas.join("Item").join("properties").join("size")),
            Some((15, 9))
        );
        assert_eq!(
            at(&schemas
                .join("Item")
                .join("properties")
                .join("size")
                .join("type")),
            Some((15, 16))
        );
        let params = JsonPointer::root()
            .join("paths")
            .join("/items/{id}")
            .join("get")
            .join("parameters");
        assert_eq!(at(&params.join(1)), Some((8, 11)));
        assert_eq!(at(&params.join(1).join("in")), Some((9, 11)));
    }

    #[test]
    fn missing_places_have_no_location() {
        assert_eq!(at(&JsonPointer::root().join("nowhere")), None);
        assert_eq!(
            at(&JsonPointer::root()
                .join("paths")
                .join("/items/{id}")
                .join("get")
                .join("parameters")
                .join(7)),
            None
        );
    }
}
