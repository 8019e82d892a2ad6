//! Mappings that refuse a key written twice. YAML forbids duplicate keys, but a map type would keep
//! the last one silently, losing the first definition.

use std::fmt;
use std::marker::PhantomData;

use indexmap::IndexMap;
use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};

/// A map in the author's order whose keys are all distinct.
struct UniqueMap<V>(pub IndexMap<String, V>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = UniqueMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = IndexMap::with_capacity(access.size_hint().unwrap_or(0).min(1024));
                while let Some(key) = access.next_key::<String>()? {
                    if map.contains_key(&key) {
                        return Err(A::Error::custom(format!(
                            "duplicate key `{key}`: the first definition would be lost"
                        )));
                    }
                    let value = access.next_value()?;
                    map.insert(key, value);
                }
                Ok(UniqueMap(map))
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// For `#[serde(deserialize_with)]` on an `IndexMap<String, V>`.
pub fn map<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    deserializer: D,
) -> Result<IndexMap<String, V>, D::Error> {
    UniqueMap::deserialize(deserializer).map(|unique| unique.0)
}

/// For `#[serde(deserialize_with)]` on an `Option<IndexMap<String, V>>`.
pub fn optional_map<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<IndexMap<String, V>>, D::Error> {
    map(deserializer).map(Some)
}

/// Security requirements: alternatives, each naming schemes with their scopes.
pub type Requirements = Vec<IndexMap<String, Vec<String>>>;

/// For the security requirements of the API or of an operation.
pub fn requirements<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Requirements>, D::Error> {
    let alternatives = Vec::<UniqueMap<Vec<String>>>::deserialize(deserializer)?;
    Ok(Some(
        alternatives.into_iter().map(|unique| unique.0).collect(),
    ))
}
