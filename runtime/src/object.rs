//! Structs decode from JSON objects only.
//!
//! serde's derived `Deserialize` for a struct also accepts an array of its fields in order, so
//! `[null, "id", "name"]` would decode as a struct that no API documents. Generated structs decode
//! through [`ObjectOnly`], which asks for a map where the derive asks for a struct.

use serde::de::{Deserializer, Visitor};

/// A deserializer that reads a struct from a map (a JSON object) and refuses a sequence.
#[doc(hidden)]
#[derive(Debug)]
pub struct ObjectOnly<D>(pub D);

/// Forwards methods that take only a visitor to the inner deserializer.
macro_rules! forward {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.0.$method(visitor)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // A sequence now reaches the visitor's default `visit_seq`: "invalid type: sequence,
        // expected struct X".
        self.0.deserialize_map(visitor)
    }

    forward! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_option deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Deserializer};

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(remote = "Self")]
    struct Thing {
        id: String,
        #[serde(default)]
        count: Option<i64>,
    }

    impl<'de> Deserialize<'de> for Thing {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Thing::deserialize(super::ObjectOnly(deserializer))
        }
    }

    #[test]
    fn objects_decode() {
        let thing: Thing = serde_json::from_str(r#"{"id":"a","count":2}"#).unwrap();
        assert_eq!((thing.id.as_str(), thing.count), ("a", Some(2)));
    }

    #[test]
    fn arrays_are_refused_at_any_depth() {
        for json in [r#"["a", 2]"#, "[]", r#"[{"id":"a"}, ["b"]]"#] {
            let result: Result<Vec<Thing>, _> = serde_json::from_str(&format!("[{json}]"));
            let error = result.unwrap_err().to_string();
            assert!(
                error.contains("invalid type: sequence, expected struct Thing"),
                "{json}: {error}"
            );
        }
    }
}
