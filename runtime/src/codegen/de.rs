//! What the generated `Deserialize` impls of structs call.
//!
//! A struct is read from a JSON object only, field by field, with the errors serde's derive gives
//! (`missing field`, `duplicate field`). serde's derive would also read an array of the fields in
//! order, which no API documents, and compiles a field enum, its visitor and a sequence visitor per
//! struct: for a spec of a thousand schemas, most of the crate's check time. The generated impls
//! are one visitor with a `match` on the key; these generic helpers hold the rest.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_with::de::DeserializeAsWrap;
use serde_with::{DeserializeAs, Same};

/// A key of a JSON object: borrowed from the input when it has no escapes.
#[doc(hidden)]
#[derive(Debug)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(key)))
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key.to_owned())))
            }

            fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads the value of field `name` into `slot`; a field given twice is an error.
#[doc(hidden)]
pub fn field<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    field_as::<T, Same, A>(map, slot, name)
}

/// Like [`field`], reading the value as `U` says (a date-time as RFC 3339, say).
#[doc(hidden)]
pub fn field_as<'de, T, U: DeserializeAs<'de, T>, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value::<DeserializeAsWrap<T, U>>()?.into_inner());
    Ok(())
}

/// Skips the value of a field the struct does not have.
#[doc(hidden)]
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>()?;
    Ok(())
}

/// The value of a field that must be present.
#[doc(hidden)]
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// The keys of an object that its struct does not name: the union the rest of the object is (a
/// `oneOf` beside `properties`) is decoded from them once the whole object is read.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Rest(serde_json::Map<String, serde_json::Value>);

impl Rest {
    /// Keeps the value of `key`, which the struct does not name.
    pub fn keep<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        key: Key<'de>,
    ) -> Result<(), A::Error> {
        let value = map.next_value()?;
        self.0.insert(key.into_string(), value);
        Ok(())
    }

    /// The kept keys read as `T`, with the error in the type of the outer decoder.
    pub fn decode<'a, T: Deserialize<'a>, E: de::Error>(&'a self) -> Result<T, E> {
        T::deserialize(&self.0).map_err(E::custom)
    }
}

/// The string value of a union's tag property, when the object has one.
#[doc(hidden)]
pub fn tag<'a>(value: &'a serde_json::Value, property: &str) -> Option<&'a str> {
    value.get(property)?.as_str()
}

/// The object a tag selected, read as that variant's type: one pass, whatever the union's size.
#[doc(hidden)]
pub fn tagged<'a, T: Deserialize<'a>, E: de::Error>(value: &'a serde_json::Value) -> Result<T, E> {
    T::deserialize(value).map_err(E::custom)
}

/// Like [`tagged`], reading the variant as `U` says (a date-time as RFC 3339, say).
#[doc(hidden)]
pub fn tagged_as<'a, T, U: DeserializeAs<'a, T>, E: de::Error>(
    value: &'a serde_json::Value,
) -> Result<T, E> {
    U::deserialize_as(value).map_err(E::custom)
}

/// One variant of a union tried on a value: `None` when the value does not have the variant's
/// shape, or does not read as it.
#[doc(hidden)]
pub fn variant<'a, T: Deserialize<'a>>(value: &'a serde_json::Value, shape: &Shape) -> Option<T> {
    if shape.fits(value) {
        T::deserialize(value).ok()
    } else {
        None
    }
}

/// Like [`variant`], reading the variant as `U` says.
#[doc(hidden)]
pub fn variant_as<'a, T, U: DeserializeAs<'a, T>>(
    value: &'a serde_json::Value,
    shape: &Shape,
) -> Option<T> {
    if shape.fits(value) {
        U::deserialize_as(value).ok()
    } else {
        None
    }
}

/// The JSON type of a value; `Any` fits every value.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Any,
    Object,
    Array,
    String,
    /// A number without a fraction.
    Integer,
    Number,
    Boolean,
}

impl Kind {
    fn fits(self, value: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (self, value) {
            (Kind::Any, _)
            | (Kind::Object, Value::Object(_))
            | (Kind::Array, Value::Array(_))
            | (Kind::String, Value::String(_))
            | (Kind::Number, Value::Number(_))
            | (Kind::Boolean, Value::Bool(_)) => true,
            (Kind::Integer, Value::Number(number)) => number.is_i64() || number.is_u64(),
            _ => false,
        }
    }
}

/// What a union variant's value looks like on its surface: its JSON type and, for an object, the
/// properties it must have and the JSON types of its plain properties. A value without that shape
/// cannot read as the variant, so the variant is not tried: each union then reads its value at
/// most once per variant that fits, instead of every variant re-reading every nested union.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub kind: Kind,
    pub required: &'static [&'static str],
    /// Properties of plain types: when present and not `null`, of this JSON type.
    pub typed: &'static [(&'static str, Kind)],
}

impl Shape {
    /// A value that is not an object: only its JSON type is checked.
    pub const fn plain(kind: Kind) -> Self {
        Shape {
            kind,
            required: &[],
            typed: &[],
        }
    }

    pub fn fits(&self, value: &serde_json::Value) -> bool {
        if !self.kind.fits(value) {
            return false;
        }
        let Some(object) = value.as_object() else {
            return true;
        };
        self.required.iter().all(|name| object.contains_key(*name))
            && self.typed.iter().all(|(name, kind)| {
                object
                    .get(*name)
                    .is_none_or(|property| property.is_null() || kind.fits(property))
            })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

    /// What the generator writes for a struct with a required and an optional field, and
    /// additional properties.
    #[derive(Debug, PartialEq)]
    struct Thing {
        id: String,
        count: Option<i64>,
        extra: BTreeMap<String, serde_json::Value>,
    }

    impl<'de> Deserialize<'de> for Thing {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct ThingVisitor;
            impl<'de> Visitor<'de> for ThingVisitor {
                type Value = Thing;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("struct Thing")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Thing, A::Error> {
                    let mut id = None;
                    let mut count: Option<Option<i64>> = None;
                    let mut extra = BTreeMap::new();
                    while let Some(key) = map.next_key::<super::Key<'de>>()? {
                        match key.as_str() {
                            "id" => super::field(&mut map, &mut id, "id")?,
                            "count" => super::field(&mut map, &mut count, "count")?,
                            _ => {
                                extra.insert(key.into_string(), map.next_value()?);
                            }
                        }
                    }
                    Ok(Thing {
                        id: super::required(id, "id")?,
                        count: count.flatten(),
                        extra,
                    })
                }
            }
            deserializer.deserialize_map(ThingVisitor)
        }
    }

    fn decode(json: &str) -> Result<Thing, String> {
        serde_json::from_str(json).map_err(|error| error.to_string())
    }

    #[test]
    fn objects_decode_with_escaped_keys_nulls_and_extra_fields() {
        let thing = decode(r#"{"i\u0064":"a","count":null,"more":[1]}"#).unwrap();
        assert_eq!((thing.id.as_str(), thing.count), ("a", None));
        assert_eq!(thing.extra["more"], serde_json::json!([1]));
        assert_eq!(decode(r#"{"id":"a","count":2}"#).unwrap().count, Some(2));
    }

    #[test]
    fn arrays_are_refused_at_any_depth() {
        for json in [r#"["a", 2]"#, "[]"] {
            let error = decode(json).unwrap_err();
            assert!(
                error.contains("invalid type: sequence, expected struct Thing"),
                "{json}: {error}"
            );
        }
        let nested: Result<Vec<Thing>, _> = serde_json::from_str(r#"[{"id":"a"}, ["b"]]"#);
        assert!(nested.is_err());
    }

    #[test]
    fn missing_and_repeated_fields_are_errors() {
        assert!(decode("{}").unwrap_err().contains("missing field `id`"));
        let repeated = decode(r#"{"id":"a","id":"b"}"#).unwrap_err();
        assert!(repeated.contains("duplicate field `id`"), "{repeated}");
    }
}
