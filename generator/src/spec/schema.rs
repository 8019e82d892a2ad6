//! The Schema Object of OpenAPI 3.0.

use std::fmt;

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::Value;

/// A schema, or a reference to one (`$ref` set and, by OpenAPI 3.0, everything else ignored except
/// the documentation keys the generator keeps for the field that holds it).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// `type` is kept as text so an unknown type is reported with its location rather than failing
    /// the whole parse.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub format: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub nullable: bool,
    #[serde(default)]
    pub read_only: bool,
    #[serde(default)]
    pub write_only: bool,
    #[serde(default)]
    pub deprecated: bool,
    pub default: Option<Value>,
    pub example: Option<Value>,
    #[serde(rename = "enum")]
    pub enumeration: Option<Vec<Value>>,

    #[serde(default, deserialize_with = "super::unique::map")]
    pub properties: IndexMap<String, Schema>,
    #[serde(default)]
    pub required: Vec<String>,
    pub additional_properties: Option<AdditionalProperties>,
    pub items: Option<Box<Schema>>,

    pub all_of: Option<Vec<Schema>>,
    pub one_of: Option<Vec<Schema>>,
    pub any_of: Option<Vec<Schema>>,
    pub not: Option<Box<Schema>>,
    pub discriminator: Option<Discriminator>,

    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub multiple_of: Option<f64>,
    #[serde(default)]
    pub exclusive_minimum: bool,
    #[serde(default)]
    pub exclusive_maximum: bool,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    #[serde(default)]
    pub unique_items: bool,
}

impl Schema {
    /// Whether the schema says anything about the shape of a value, as opposed to only documenting it
    /// (`description`, `example`, ...). An `allOf` part that only documents adds no fields.
    pub fn constrains_shape(&self) -> bool {
        self.reference.is_some()
            || self.kind.is_some()
            || self.format.is_some()
            || self.enumeration.is_some()
            || !self.properties.is_empty()
            || self.additional_properties.is_some()
            || self.items.is_some()
            || self.all_of.is_some()
            || self.one_of.is_some()
            || self.any_of.is_some()
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Discriminator {
    pub property_name: String,
    #[serde(default)]
    pub mapping: IndexMap<String, String>,
}

/// `additionalProperties`: `true`/`false`, or the schema of every extra value.
#[derive(Debug)]
pub enum AdditionalProperties {
    Allowed(bool),
    Schema(Box<Schema>),
}

impl<'de> Deserialize<'de> for AdditionalProperties {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A hand-written visitor instead of an untagged enum, so errors inside the schema keep their
        // position.
        struct AdditionalVisitor;

        impl<'de> Visitor<'de> for AdditionalVisitor {
            type Value = AdditionalProperties;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean or a schema object")
            }

            fn visit_bool<E: de::Error>(self, allowed: bool) -> Result<Self::Value, E> {
                Ok(AdditionalProperties::Allowed(allowed))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let schema = Schema::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(AdditionalProperties::Schema(Box::new(schema)))
            }
        }

        deserializer.deserialize_any(AdditionalVisitor)
    }
}
