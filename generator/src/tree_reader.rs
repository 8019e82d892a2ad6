//! The spec model read from a document's tree as YAML reads it from text.
//!
//! The tree of a spec that was assembled from several files holds a YAML scalar as JSON does: `1.0`
//! is a number. Read from the text, YAML gives the same scalar as text to a field that wants text
//! (`version: 1.0`, `openapi: 3.1`); read from the tree, serde refuses a number there. This reader
//! gives a number or boolean as its text where text is wanted, and is the tree itself everywhere
//! else, so a spec reads the same whether or not it needed assembling. A number is written as the
//! tree holds it: `1.10` was read as the number 1.1, and reads as `1.1`.
//!
//! Where the text can be read again instead (a one-file spec parsed in pieces), [`TreeReader::exact`]
//! refuses such a scalar, so that the caller reads the text and keeps what was written.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde::forward_to_deserialize_any;
use serde_json::{Error, Value};

/// A tree, read as YAML reads text.
#[derive(Clone, Copy, Debug)]
pub struct TreeReader<'t> {
    tree: &'t Value,
    /// Whether a number or boolean is given as its text where text is wanted, or refused.
    scalars_as_text: bool,
}

impl<'t> TreeReader<'t> {
    /// A number or boolean where text is wanted reads as its text.
    pub fn new(tree: &'t Value) -> Self {
        TreeReader {
            tree,
            scalars_as_text: true,
        }
    }

    /// A number or boolean where text is wanted is refused: its text as written is not in the tree.
    pub fn exact(tree: &'t Value) -> Self {
        TreeReader {
            tree,
            scalars_as_text: false,
        }
    }

    fn at(self, tree: &'t Value) -> Self {
        TreeReader { tree, ..self }
    }
}

impl<'t> Deserializer<'t> for TreeReader<'t> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'t>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.tree {
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter(),
                reader: self,
            }),
            Value::Object(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
                reader: self,
            }),
            scalar => scalar.deserialize_any(visitor),
        }
    }

    fn deserialize_str<V: Visitor<'t>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.tree {
            Value::Number(number) if self.scalars_as_text => {
                visitor.visit_string(number.to_string())
            }
            Value::Bool(flag) if self.scalars_as_text => visitor.visit_string(flag.to_string()),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'t>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'t>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.tree {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'t>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'t>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.tree.deserialize_enum(name, variants, visitor)
    }

    forward_to_deserialize_any! {
        <W: Visitor<'t>>
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'t> IntoDeserializer<'t, Error> for TreeReader<'t> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

struct Items<'t> {
    items: std::slice::Iter<'t, Value>,
    reader: TreeReader<'t>,
}

impl<'t> SeqAccess<'t> for Items<'t> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'t>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        self.items
            .next()
            .map(|item| seed.deserialize(self.reader.at(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'t> {
    entries: serde_json::map::Iter<'t>,
    value: Option<&'t Value>,
    reader: TreeReader<'t>,
}

impl<'t> MapAccess<'t> for Entries<'t> {
    type Error = Error;

    fn next_key_seed<S: DeserializeSeed<'t>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'t>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value was asked for before its key"))?;
        seed.deserialize(self.reader.at(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Info {
        version: String,
        title: Option<String>,
        draft: Option<String>,
        count: Option<u32>,
        extra: Option<Value>,
        tags: Vec<String>,
        by_name: BTreeMap<String, String>,
    }

    #[test]
    fn scalars_are_text_where_text_is_wanted() {
        let tree = json!({
            "version": 1.0,
            "title": 2048,
            "draft": true,
            "count": 3,
            "extra": {"maximum": 1.5, "flags": [true, null]},
            "tags": [1, "two"],
            "by_name": {"a": 1}
        });
        let info = Info::deserialize(TreeReader::new(&tree)).unwrap();
        assert_eq!(
            info,
            Info {
                version: "1.0".into(),
                title: Some("2048".into()),
                draft: Some("true".into()),
                count: Some(3),
                extra: Some(json!({"maximum": 1.5, "flags": [true, null]})),
                tags: vec!["1".into(), "two".into()],
                by_name: BTreeMap::from([("a".into(), "1".into())]),
            }
        );
    }

    #[test]
    fn exact_refuses_a_scalar_whose_text_is_gone() {
        let tree = json!({"version": 1.10, "tags": ["a"], "by_name": {}});
        let error = Info::deserialize(TreeReader::exact(&tree))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("invalid type: floating point `1.1`"),
            "{error}"
        );
        let tree = json!({"version": "1.10", "count": 2, "tags": ["a"], "by_name": {}});
        let info = Info::deserialize(TreeReader::exact(&tree)).unwrap();
        assert_eq!((info.version.as_str(), info.count), ("1.10", Some(2)));
    }

    #[test]
    fn what_is_wrong_stays_wrong() {
        let tree = json!({"version": {"major": 1}, "tags": [], "by_name": {}});
        let error = Info::deserialize(TreeReader::new(&tree))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("invalid type: map, expected a string"),
            "{error}"
        );
        let tree = json!({"version": "1", "count": "3", "tags": [], "by_name": {}});
        let error = Info::deserialize(TreeReader::new(&tree))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("invalid type: string \"3\", expected u32"),
            "{error}"
        );
    }
}
