//! Where a `$ref` may stand in an OpenAPI document, and what it then names: the object kinds and
//! which of their keys hold which kinds. Only these keys are walked, so a `$ref` inside an example
//! value or an extension (data, not structure) is never followed.

/// The kind of object at a place in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Document,
    Components,
    PathItem,
    Operation,
    Callback,
    Parameter,
    Header,
    RequestBody,
    Response,
    MediaType,
    Encoding,
    Schema,
    Example,
    Link,
    SecurityScheme,
}

/// How a key's value holds objects of a kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holds {
    One(Kind),
    MapOf(Kind),
    ListOf(Kind),
    /// `items`: a schema, or (before 2020-12) a list of them.
    OneOrList(Kind),
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl Kind {
    /// What the value under `key` holds, in an object of this kind; `None` for keys that hold no
    /// objects that may be references (names, data, extensions).
    pub fn child(self, key: &str) -> Option<Holds> {
        use Holds::{ListOf, MapOf, One, OneOrList};
        if key.starts_with("x-") {
            return None;
        }
        Some(match (self, key) {
            (Kind::Document, "paths" | "webhooks") => MapOf(Kind::PathItem),
            (Kind::Document, "components") => One(Kind::Components),
            (Kind::Components, section) => MapOf(Kind::of_section(section)?),
            (Kind::PathItem, "parameters") | (Kind::Operation, "parameters") => {
                ListOf(Kind::Parameter)
            }
            (Kind::PathItem, method) if METHODS.contains(&method) => One(Kind::Operation),
            (Kind::Operation, "requestBody") => One(Kind::RequestBody),
            (Kind::Operation, "responses") => MapOf(Kind::Response),
            (Kind::Operation, "callbacks") => MapOf(Kind::Callback),
            (Kind::Callback, _) => One(Kind::PathItem),
            (Kind::Parameter | Kind::Header | Kind::MediaType, "schema") => One(Kind::Schema),
            (Kind::Parameter | Kind::Header | Kind::RequestBody | Kind::Response, "content") => {
                MapOf(Kind::MediaType)
            }
            (Kind::Parameter | Kind::Header | Kind::MediaType, "examples") => MapOf(Kind::Example),
            (Kind::Response | Kind::Encoding, "headers") => MapOf(Kind::Header),
            (Kind::Response, "links") => MapOf(Kind::Link),
            (Kind::MediaType, "encoding") => MapOf(Kind::Encoding),
            (
                Kind::Schema,
                "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas",
            ) => MapOf(Kind::Schema),
            (Kind::Schema, "items" | "additionalItems") => OneOrList(Kind::Schema),
            (Kind::Schema, "prefixItems" | "allOf" | "anyOf" | "oneOf") => ListOf(Kind::Schema),
            (
                Kind::Schema,
                "not"
                | "additionalProperties"
                | "contains"
                | "if"
                | "then"
                | "else"
                | "propertyNames"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "contentSchema",
            ) => One(Kind::Schema),
            _ => return None,
        })
    }

    /// The kind of the components under `#/components/{section}`.
    fn of_section(section: &str) -> Option<Kind> {
        Some(match section {
            "schemas" => Kind::Schema,
            "parameters" => Kind::Parameter,
            "responses" => Kind::Response,
            "requestBodies" => Kind::RequestBody,
            "headers" => Kind::Header,
            "examples" => Kind::Example,
            "securitySchemes" => Kind::SecurityScheme,
            "links" => Kind::Link,
            "callbacks" => Kind::Callback,
            "pathItems" => Kind::PathItem,
            _ => return None,
        })
    }

    /// The components section a reference to this kind may name and keep as a reference (the
    /// generator resolves those itself); `None` for kinds always copied in where they are used.
    pub fn kept_section(self) -> Option<&'static str> {
        Some(match self {
            Kind::Schema => "schemas",
            Kind::Parameter => "parameters",
            Kind::Response => "responses",
            Kind::RequestBody => "requestBodies",
            Kind::Header => "headers",
            Kind::SecurityScheme => "securitySchemes",
            Kind::Example => "examples",
            _ => return None,
        })
    }
}
