//! A file's text as a JSON tree, for documents that are assembled from several files or changed by
//! overlays before the spec model is read.
//!
//! The tree keeps the author's key order, and refuses what a JSON value would hide: a key written
//! twice (the first definition would be lost) and a number that is not finite (`.inf`, `.nan`,
//! which JSON cannot hold and would become `null`).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A document's tree, read by [`crate::parse::parse`].
pub struct Tree(pub Value);

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TreeVisitor).map(Tree)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML or JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Value, E> {
        Number::from_f64(value)
            .map(Value::Number)
            .ok_or_else(|| E::custom(format!("{value} is not a finite number")))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(Tree(item)) = seq.next_element::<Tree>()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "duplicate key `{key}`: the first definition would be lost"
                )));
            }
            let Tree(value) = access.next_value::<Tree>()?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Result<Value, String> {
        crate::parse::parse::<Tree>(text)
            .map(|tree| tree.0)
            .map_err(|problem| format!("{}: {}", problem.pointer, problem.message))
    }

    #[test]
    fn keeps_order_and_values() {
        let value = tree("b: 1\na: [x, 2.5, null, true]\n").unwrap();
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"b":1,"a":["x",2.5,null,true]}"#
        );
    }

    #[test]
    fn refuses_what_json_would_hide() {
        let duplicate = tree("a: 1\nb:\n  c: 1\n  c: 2\n").unwrap_err();
        // The key is not read into the path yet: the map it stands in is named (and its line).
        assert!(duplicate.starts_with("#/b: "), "{duplicate}");
        assert!(duplicate.contains("duplicate key `c`"), "{duplicate}");
        let infinite = tree("a:\n  maximum: .inf\n").unwrap_err();
        assert!(infinite.starts_with("#/a/maximum: "), "{infinite}");
        assert!(
            infinite.contains("inf is not a finite number"),
            "{infinite}"
        );
    }
}
