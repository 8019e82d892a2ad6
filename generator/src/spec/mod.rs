//! The subset of OpenAPI 3.0 and 3.1 the generator reads, as plain serde types, one model for both
//! versions (see [`schema`] for how their differences are settled).
//!
//! The model has no `#[serde(flatten)]` and no untagged enums: both make serde buffer the input, which
//! loses the line and path of an error. A `$ref` is an optional field beside the others, so a reference
//! and an inline definition share one type and a misspelt key is reported where it stands.
//! Unknown keys are ignored; the vendor extensions the generator understands are named fields.

mod profile;
pub mod schema;
pub mod unique;

pub use profile::{FilterProfile, PagingProfile, SdkProfile, SettingsProfile};
pub use schema::{AdditionalProperties, Discriminator, ExclusiveStyle, Schema};

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

/// The root of an OpenAPI document.
#[derive(Debug, Deserialize)]
pub struct OpenApi {
    /// The OpenAPI version, e.g. `3.0.3`. Absent in Swagger 2.0 documents.
    pub openapi: Option<String>,
    /// Swagger 2.0 documents carry this instead of `openapi`.
    pub swagger: Option<String>,
    /// Required by OpenAPI; reported when missing.
    pub info: Option<Info>,
    #[serde(default)]
    pub servers: Vec<Server>,
    /// Required by OpenAPI 3.0, optional in 3.1; reported when missing from a 3.0 document.
    #[serde(default, deserialize_with = "unique::optional_map")]
    pub paths: Option<IndexMap<String, PathItem>>,
    /// Requests the API makes to its users (3.1): their payloads become types.
    #[serde(default, deserialize_with = "unique::map")]
    pub webhooks: IndexMap<String, PathItem>,
    /// The default JSON Schema dialect of the document's schemas (3.1); read, not used.
    #[serde(rename = "jsonSchemaDialect")]
    pub json_schema_dialect: Option<String>,
    #[serde(default)]
    pub components: Components,
    #[serde(default, deserialize_with = "unique::requirements")]
    pub security: Option<unique::Requirements>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The API's conventions, declared for this generator.
    #[serde(rename = "x-sdk")]
    pub sdk: Option<SdkProfile>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Info {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub version: String,
    /// A short summary of the API (3.1).
    pub summary: Option<String>,
    pub description: Option<String>,
    pub license: Option<License>,
}

#[derive(Debug, Deserialize)]
pub struct License {
    pub name: Option<String>,
    /// An SPDX licence expression (3.1).
    pub identifier: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Tag {
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Server {
    pub url: String,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "unique::map")]
    pub variables: IndexMap<String, ServerVariable>,
}

#[derive(Debug, Deserialize)]
pub struct ServerVariable {
    pub default: String,
    pub description: Option<String>,
    #[serde(rename = "enum", default)]
    pub allowed: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Components {
    #[serde(default, deserialize_with = "unique::map")]
    pub schemas: IndexMap<String, Schema>,
    #[serde(default, deserialize_with = "unique::map")]
    pub parameters: IndexMap<String, Parameter>,
    #[serde(default, deserialize_with = "unique::map")]
    pub responses: IndexMap<String, Response>,
    #[serde(default, deserialize_with = "unique::map")]
    pub request_bodies: IndexMap<String, RequestBody>,
    #[serde(default, deserialize_with = "unique::map")]
    pub headers: IndexMap<String, Header>,
    #[serde(default, deserialize_with = "unique::map")]
    pub security_schemes: IndexMap<String, SecurityScheme>,
    /// Path items that paths and webhooks reference (3.1); inlined where they are used before the
    /// document is read, so nothing reads them from here: read only to check them.
    #[serde(default, deserialize_with = "unique::map")]
    #[allow(dead_code, reason = "read to check its shape and keys; used through the document")]
    pub path_items: IndexMap<String, PathItem>,
}

/// The operations under one path template, in the order OpenAPI lists the methods.
#[derive(Debug, Default, Deserialize)]
pub struct PathItem {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    pub get: Option<Operation>,
    pub put: Option<Operation>,
    pub post: Option<Operation>,
    pub delete: Option<Operation>,
    pub options: Option<Operation>,
    pub head: Option<Operation>,
    pub patch: Option<Operation>,
    pub trace: Option<Operation>,
}

impl PathItem {
    /// Each operation with its lower-case method name, in a fixed order.
    pub fn operations(&self) -> impl Iterator<Item = (&'static str, &Operation)> {
        [
            ("get", &self.get),
            ("put", &self.put),
            ("post", &self.post),
            ("delete", &self.delete),
            ("options", &self.options),
            ("head", &self.head),
            ("patch", &self.patch),
            ("trace", &self.trace),
        ]
        .into_iter()
        .filter_map(|(method, op)| op.as_ref().map(|op| (method, op)))
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    pub operation_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    pub request_body: Option<RequestBody>,
    #[serde(default, deserialize_with = "unique::map")]
    pub responses: IndexMap<String, Response>,
    #[serde(default, deserialize_with = "unique::requirements")]
    pub security: Option<unique::Requirements>,
    #[serde(default)]
    pub deprecated: bool,
    /// Overrides the API's paging convention for this operation; `false` turns paging off.
    #[serde(rename = "x-sdk-pagination")]
    pub pagination: Option<PagingOverride>,
}

/// `x-sdk-pagination` on an operation.
#[derive(Debug)]
pub enum PagingOverride {
    Off,
    On(PagingProfile),
}

impl<'de> Deserialize<'de> for PagingOverride {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OverrideVisitor;

        impl<'de> serde::de::Visitor<'de> for OverrideVisitor {
            type Value = PagingOverride;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`false` or a paging profile")
            }

            fn visit_bool<E: serde::de::Error>(self, on: bool) -> Result<Self::Value, E> {
                if on {
                    Err(E::custom(
                        "expected `false` or a paging profile, found `true`",
                    ))
                } else {
                    Ok(PagingOverride::Off)
                }
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                let profile =
                    PagingProfile::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(PagingOverride::On(profile))
            }
        }

        deserializer.deserialize_any(OverrideVisitor)
    }
}

#[derive(Debug, Deserialize)]
pub struct Parameter {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "in")]
    pub location: Option<String>,
    #[serde(default)]
    pub required: bool,
    pub description: Option<String>,
    pub schema: Option<Schema>,
    /// A parameter may describe its value by media type instead of `schema`.
    #[serde(default, deserialize_with = "unique::map")]
    pub content: IndexMap<String, MediaType>,
    pub example: Option<Value>,
    #[serde(default)]
    pub deprecated: bool,
    pub style: Option<String>,
    pub explode: Option<bool>,
    /// Fields a filter expression may name, each with the operators it allows.
    #[serde(
        rename = "x-filterable-fields",
        default,
        deserialize_with = "unique::optional_map"
    )]
    pub filterable_fields: Option<IndexMap<String, Vec<String>>>,
    /// Fields results may be sorted by.
    #[serde(rename = "x-sortable-fields")]
    pub sortable_fields: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
pub struct RequestBody {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default, deserialize_with = "unique::map")]
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Deserialize)]
pub struct Response {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "unique::map")]
    pub headers: IndexMap<String, Header>,
    #[serde(default)]
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Deserialize)]
pub struct Header {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub description: Option<String>,
    pub schema: Option<Schema>,
}

#[derive(Debug, Default, Deserialize)]
pub struct MediaType {
    pub schema: Option<Schema>,
    pub example: Option<Value>,
    #[serde(default)]
    pub examples: IndexMap<String, Example>,
    /// How each property of a form or multipart body is sent.
    #[serde(default, deserialize_with = "unique::map")]
    pub encoding: IndexMap<String, PropertyEncoding>,
}

/// An Encoding Object: how one property of a form or multipart body is sent.
#[derive(Debug, Default, Deserialize)]
pub struct PropertyEncoding {
    #[serde(rename = "contentType")]
    pub content_type: Option<String>,
    pub style: Option<String>,
    pub explode: Option<bool>,
}

/// An Example Object; a `$ref` one is resolved with the document, so only its value is read.
#[derive(Debug, Deserialize)]
pub struct Example {
    pub value: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityScheme {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub description: Option<String>,
    pub scheme: Option<String>,
    /// Where an API key goes: `header`, `query` or `cookie`.
    #[serde(rename = "in")]
    pub location: Option<String>,
    /// The name of an API key's header, query parameter or cookie.
    pub name: Option<String>,
    pub flows: Option<OAuthFlows>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthFlows {
    /// The one flow the SDK runs; with others alone, it sends a token the caller has.
    pub client_credentials: Option<OAuthFlow>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthFlow {
    pub token_url: Option<String>,
}
