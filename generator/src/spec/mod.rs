//! The subset of OpenAPI 3.0 the generator reads, as plain serde types.
//!
//! The model has no `#[serde(flatten)]` and no untagged enums: both make serde buffer the input, which
//! loses the line and path of an error. A `$ref` is an optional field beside the others, so a reference
//! and an inline definition share one type and a misspelt key is reported where it stands.
//! Unknown keys are ignored; the vendor extensions the generator understands are named fields.

mod schema;

pub use schema::{AdditionalProperties, Discriminator, Schema};

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
    #[serde(default)]
    pub info: Info,
    #[serde(default)]
    pub servers: Vec<Server>,
    #[serde(default)]
    pub paths: IndexMap<String, PathItem>,
    #[serde(default)]
    pub components: Components,
    #[serde(default)]
    pub security: Vec<IndexMap<String, Vec<String>>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Info {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub version: String,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Server {
    pub url: String,
    pub description: Option<String>,
    #[serde(default)]
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
    #[serde(default)]
    pub schemas: IndexMap<String, Schema>,
    #[serde(default)]
    pub parameters: IndexMap<String, Parameter>,
    #[serde(default)]
    pub responses: IndexMap<String, Response>,
    #[serde(default)]
    pub request_bodies: IndexMap<String, RequestBody>,
    #[serde(default)]
    pub headers: IndexMap<String, Header>,
    #[serde(default)]
    pub security_schemes: IndexMap<String, SecurityScheme>,
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
    #[serde(default)]
    pub responses: IndexMap<String, Response>,
    pub security: Option<Vec<IndexMap<String, Vec<String>>>>,
    #[serde(default)]
    pub deprecated: bool,
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
    #[serde(default)]
    pub content: IndexMap<String, MediaType>,
    pub example: Option<Value>,
    #[serde(default)]
    pub deprecated: bool,
    pub style: Option<String>,
    pub explode: Option<bool>,
    /// Fields a filter expression may name, each with the operators it allows.
    #[serde(rename = "x-filterable-fields")]
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
    #[serde(default)]
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Deserialize)]
pub struct Response {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub headers: IndexMap<String, Header>,
    #[serde(default)]
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Deserialize)]
pub struct Header {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub required: bool,
    pub schema: Option<Schema>,
    pub example: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
pub struct MediaType {
    pub schema: Option<Schema>,
    pub example: Option<Value>,
    #[serde(default)]
    pub examples: IndexMap<String, Example>,
}

#[derive(Debug, Deserialize)]
pub struct Example {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub value: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityScheme {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub description: Option<String>,
    pub scheme: Option<String>,
    pub flows: Option<OAuthFlows>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthFlows {
    pub client_credentials: Option<OAuthFlow>,
    pub authorization_code: Option<OAuthFlow>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthFlow {
    pub token_url: Option<String>,
    pub authorization_url: Option<String>,
    #[serde(default)]
    pub scopes: IndexMap<String, String>,
}
