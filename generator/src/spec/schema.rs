//! The Schema Object of OpenAPI 3.0 and 3.1, read into one model.
//!
//! The two versions differ in how they write a few things, and those differences are settled here,
//! so lowering sees one meaning: `type: [string, "null"]` (3.1) and `nullable: true` (3.0) both set
//! [`Schema::nullable`]; a numeric `exclusiveMinimum: 5` (3.1) and `minimum: 5, exclusiveMinimum:
//! true` (3.0) both give `minimum` 5, exclusive; `const` is a one-value `enum`; the first of
//! `examples` is the example; `contentEncoding: base64` is `format: byte` and a binary
//! `contentMediaType` is `format: binary`. [`Schema::exclusive_style`] keeps which form was written,
//! so a form the document's version does not define can be reported.

use std::fmt;

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// A schema, or a reference to one (`$ref` set; the sibling keys the generator reads, such as the
/// documentation, are kept for the field that holds it).
#[derive(Debug, Default)]
pub struct Schema {
    pub reference: Option<String>,
    /// The one type the schema allows besides `null`; `type` is kept as text so an unknown type is
    /// reported with its location rather than failing the whole parse.
    pub kind: Option<String>,
    /// More than one type besides `null` (`type: [string, integer]`): any of them.
    pub kinds: Vec<String>,
    pub format: Option<String>,
    /// What a string holds (3.1 `contentMediaType`), when the spec says.
    pub media_type: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// `nullable: true`, or `null` among the types.
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub deprecated: bool,
    pub default: Option<Value>,
    pub example: Option<Value>,
    pub enumeration: Option<Vec<Value>>,

    pub properties: IndexMap<String, Schema>,
    pub required: Vec<String>,
    pub additional_properties: Option<AdditionalProperties>,
    pub items: Option<Box<Schema>>,
    /// The leading items of a tuple (`prefixItems`, 3.1).
    pub prefix_items: Option<Vec<Schema>>,

    pub all_of: Option<Vec<Schema>>,
    pub one_of: Option<Vec<Schema>>,
    pub any_of: Option<Vec<Schema>>,
    /// Read so its shape is checked; the SDK does not check a value against it.
    #[allow(dead_code, reason = "read to check its shape")]
    pub not: Option<Box<Schema>>,
    pub discriminator: Option<Discriminator>,

    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub multiple_of: Option<f64>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    /// How the exclusive bounds were written, when they were.
    pub exclusive_style: Option<ExclusiveStyle>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
}

/// How `exclusiveMinimum`/`exclusiveMaximum` were written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExclusiveStyle {
    /// `exclusiveMinimum: true` beside `minimum`: OpenAPI 3.0.
    Boolean,
    /// `exclusiveMinimum: 5`, the bound itself: OpenAPI 3.1 (JSON Schema 2020-12).
    Numeric,
}

impl Schema {
    /// Whether the schema says anything about the shape of a value, as opposed to only documenting it
    /// (`description`, `example`, ...). An `allOf` part that only documents adds no fields.
    pub fn constrains_shape(&self) -> bool {
        self.reference.is_some()
            || self.kind.is_some()
            || !self.kinds.is_empty()
            || self.format.is_some()
            || self.enumeration.is_some()
            || !self.properties.is_empty()
            || self.additional_properties.is_some()
            || self.items.is_some()
            || self.prefix_items.is_some()
            || self.all_of.is_some()
            || self.one_of.is_some()
            || self.any_of.is_some()
    }

    /// Whether the schema allows only `null` (`type: "null"`, or `enum: [null]`): in a union, the
    /// variant that makes the whole nullable.
    pub fn is_null_only(&self) -> bool {
        let null_type = self.nullable && self.kind.is_none() && self.kinds.is_empty();
        let null_enum = self
            .enumeration
            .as_ref()
            .is_some_and(|values| values.iter().all(Value::is_null) && !values.is_empty());
        self.reference.is_none() && (null_type || null_enum) && self.properties.is_empty()
    }
}

impl<'de> Deserialize<'de> for Schema {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A hand-written visitor instead of an untagged enum, so errors inside the schema keep their
        // position. JSON Schema 2020-12 allows `true` (anything) and `false` (nothing) as schemas;
        // both become a schema without constraints, since no value is checked against `false`.
        struct SchemaVisitor;

        impl<'de> Visitor<'de> for SchemaVisitor {
            type Value = Schema;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a schema object or a boolean")
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Schema::default())
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let raw = RawSchema::deserialize(de::value::MapAccessDeserializer::new(map))?;
                raw.settle().map_err(de::Error::custom)
            }
        }

        deserializer.deserialize_any(SchemaVisitor)
    }
}

/// The schema as written, before the differences between versions are settled.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSchema {
    #[serde(rename = "$ref")]
    reference: Option<String>,
    #[serde(rename = "type")]
    types: Option<Types>,
    format: Option<String>,
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    nullable: bool,
    #[serde(default)]
    read_only: bool,
    #[serde(default)]
    write_only: bool,
    #[serde(default)]
    deprecated: bool,
    default: Option<Value>,
    example: Option<Value>,
    examples: Option<Examples>,
    #[serde(rename = "enum")]
    enumeration: Option<Vec<Value>>,
    #[serde(rename = "const")]
    constant: Option<Value>,
    content_encoding: Option<String>,
    content_media_type: Option<String>,

    #[serde(default, deserialize_with = "super::unique::map")]
    properties: IndexMap<String, Schema>,
    #[serde(default)]
    required: Vec<String>,
    additional_properties: Option<AdditionalProperties>,
    items: Option<Box<Schema>>,
    prefix_items: Option<Vec<Schema>>,

    all_of: Option<Vec<Schema>>,
    one_of: Option<Vec<Schema>>,
    any_of: Option<Vec<Schema>>,
    not: Option<Box<Schema>>,
    discriminator: Option<Discriminator>,

    minimum: Option<f64>,
    maximum: Option<f64>,
    multiple_of: Option<f64>,
    exclusive_minimum: Option<Exclusive>,
    exclusive_maximum: Option<Exclusive>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    pattern: Option<String>,
    min_items: Option<u64>,
    max_items: Option<u64>,
    #[serde(default)]
    unique_items: bool,
}

impl RawSchema {
    fn settle(self) -> Result<Schema, String> {
        let Types { mut named, null } = self.types.unwrap_or_default();
        let kind = (named.len() == 1).then(|| named.remove(0));
        let (minimum, exclusive_minimum, low_style) =
            settle_bound(self.minimum, self.exclusive_minimum, f64::max);
        let (maximum, exclusive_maximum, high_style) =
            settle_bound(self.maximum, self.exclusive_maximum, f64::min);
        if low_style.zip(high_style).is_some_and(|(a, b)| a != b) {
            return Err(
                "`exclusiveMinimum` and `exclusiveMaximum` are written in different \
                        forms: both booleans (OpenAPI 3.0) or both numbers (3.1)"
                    .to_owned(),
            );
        }
        let enumeration = match (self.enumeration, self.constant) {
            (Some(values), _) => Some(values),
            (None, Some(value)) => Some(vec![value]),
            (None, None) => None,
        };
        let format = self.format.or_else(|| {
            match (
                self.content_encoding.as_deref(),
                self.content_media_type.as_deref(),
            ) {
                (Some("base64" | "base64url"), _) => Some("byte".to_owned()),
                (_, Some(media)) if !media.starts_with("text/") && !media.contains("json") => {
                    Some("binary".to_owned())
                }
                _ => None,
            }
        });
        let example = self.example.or_else(|| {
            self.examples
                .and_then(|examples| examples.0.into_iter().next())
        });
        Ok(Schema {
            reference: self.reference,
            kind,
            kinds: named,
            format,
            media_type: self.content_media_type,
            title: self.title,
            description: self.description,
            nullable: self.nullable || null,
            read_only: self.read_only,
            write_only: self.write_only,
            deprecated: self.deprecated,
            default: self.default,
            example,
            enumeration,
            properties: self.properties,
            required: self.required,
            additional_properties: self.additional_properties,
            items: self.items,
            prefix_items: self.prefix_items,
            all_of: self.all_of,
            one_of: self.one_of,
            any_of: self.any_of,
            not: self.not,
            discriminator: self.discriminator,
            minimum,
            maximum,
            multiple_of: self.multiple_of,
            exclusive_minimum,
            exclusive_maximum,
            exclusive_style: low_style.or(high_style),
            min_length: self.min_length,
            max_length: self.max_length,
            pattern: self.pattern,
            min_items: self.min_items,
            max_items: self.max_items,
            unique_items: self.unique_items,
        })
    }
}

/// One bound from its inclusive and exclusive keywords. A numeric exclusive bound stands for itself;
/// beside an inclusive one, the stricter of the two (`pick`) applies.
fn settle_bound(
    inclusive: Option<f64>,
    exclusive: Option<Exclusive>,
    pick: fn(f64, f64) -> f64,
) -> (Option<f64>, bool, Option<ExclusiveStyle>) {
    match exclusive {
        None => (inclusive, false, None),
        Some(Exclusive::Flag(flag)) => (inclusive, flag, Some(ExclusiveStyle::Boolean)),
        Some(Exclusive::Bound(bound)) => match inclusive {
            Some(inclusive) if pick(inclusive, bound) == inclusive && inclusive != bound => {
                (Some(inclusive), false, Some(ExclusiveStyle::Numeric))
            }
            _ => (Some(bound), true, Some(ExclusiveStyle::Numeric)),
        },
    }
}

/// `type`: one name, or (3.1) a list of names that may include `"null"`.
#[derive(Default)]
struct Types {
    named: Vec<String>,
    null: bool,
}

impl<'de> Deserialize<'de> for Types {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TypesVisitor;

        impl<'de> Visitor<'de> for TypesVisitor {
            type Value = Types;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a type name or a list of type names")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
                let mut types = Types::default();
                types.add(name);
                Ok(types)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut types = Types::default();
                while let Some(name) = seq.next_element::<String>()? {
                    types.add(&name);
                }
                Ok(types)
            }
        }

        deserializer.deserialize_any(TypesVisitor)
    }
}

impl Types {
    fn add(&mut self, name: &str) {
        if name == "null" {
            self.null = true;
        } else if !self.named.iter().any(|known| known == name) {
            self.named.push(name.to_owned());
        }
    }
}

/// `exclusiveMinimum`/`exclusiveMaximum`: a flag (3.0) or the bound itself (3.1).
enum Exclusive {
    Flag(bool),
    Bound(f64),
}

impl<'de> Deserialize<'de> for Exclusive {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExclusiveVisitor;

        impl Visitor<'_> for ExclusiveVisitor {
            type Value = Exclusive;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean (OpenAPI 3.0) or a number (OpenAPI 3.1)")
            }

            fn visit_bool<E: de::Error>(self, flag: bool) -> Result<Self::Value, E> {
                Ok(Exclusive::Flag(flag))
            }

            fn visit_f64<E: de::Error>(self, bound: f64) -> Result<Self::Value, E> {
                Ok(Exclusive::Bound(bound))
            }

            #[allow(clippy::cast_precision_loss)]
            fn visit_i64<E: de::Error>(self, bound: i64) -> Result<Self::Value, E> {
                Ok(Exclusive::Bound(bound as f64))
            }

            #[allow(clippy::cast_precision_loss)]
            fn visit_u64<E: de::Error>(self, bound: u64) -> Result<Self::Value, E> {
                Ok(Exclusive::Bound(bound as f64))
            }
        }

        deserializer.deserialize_any(ExclusiveVisitor)
    }
}

/// `examples` of a schema: a list in 3.1. A map (the media-type form, sometimes misplaced here) is
/// read as its values.
struct Examples(Vec<Value>);

impl<'de> Deserialize<'de> for Examples {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Array(values) => Ok(Examples(values)),
            Value::Object(map) => Ok(Examples(map.into_iter().map(|(_, v)| v).collect())),
            other => Ok(Examples(vec![other])),
        }
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
