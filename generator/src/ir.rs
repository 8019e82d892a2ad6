//! The intermediate representation: what the emitters need, with every name decided, every `$ref`
//! resolved and every type classified. Nothing here refers back to the spec model, so emitters never
//! read raw YAML.

use indexmap::IndexMap;
use serde_json::Value;

use crate::pointer::JsonPointer;

/// A whole API, ready to emit.
#[derive(Debug)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub servers: Vec<Server>,
    /// Every type the SDK declares, in emission order: component schemas in spec order, then the
    /// inline schemas that needed a type, in the order they were found.
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
}

impl Api {
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }
}

#[derive(Debug)]
pub struct Server {
    /// The URL template, e.g. `https://{tenant}.api.identitynow.com/v2024`.
    pub url: String,
    pub description: Option<String>,
    pub variables: Vec<ServerVariable>,
}

#[derive(Debug)]
pub struct ServerVariable {
    pub name: String,
    pub default: String,
    pub description: Option<String>,
}

/// Index of a type in [`Api::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// Documentation carried from the spec to rustdoc.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Docs {
    pub title: Option<String>,
    pub description: Option<String>,
    pub example: Option<Value>,
    pub deprecated: bool,
}

/// A named Rust type.
#[derive(Debug)]
pub struct TypeDef {
    /// The Rust identifier, unique in the crate.
    pub name: String,
    /// Where the schema is in the spec.
    pub origin: JsonPointer,
    pub docs: Docs,
    pub kind: TypeKind,
}

#[derive(Debug)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum that also accepts values this version does not know.
    Enum(StringEnum),
    /// `oneOf`/`anyOf`: one variant per documented shape, decoded by trying each in order.
    Union(Union),
    /// A schema that names another type, e.g. an array of a model: `pub type X = Vec<Y>;`.
    Alias(TypeRef),
    /// An alias that would contain itself, which Rust aliases cannot: `pub struct X(pub Vec<X>);`.
    Newtype(Newtype),
}

#[derive(Debug)]
pub struct Newtype {
    pub ty: TypeRef,
    pub boxed: bool,
}

#[derive(Debug)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` beside named properties: the map that keeps the extra keys.
    pub additional: Option<AdditionalField>,
}

#[derive(Debug)]
pub struct AdditionalField {
    pub rust_name: String,
    pub value: TypeRef,
}

#[derive(Debug)]
pub struct Field {
    pub rust_name: String,
    pub wire_name: String,
    pub ty: TypeRef,
    pub required: bool,
    /// `null` is a valid value on the wire.
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    /// Set by cycle breaking: the field holds its type behind a `Box`.
    pub boxed: bool,
    pub docs: Docs,
    pub constraints: Constraints,
}

impl Field {
    /// `Option<T>` in Rust: absent allowed, or `null` allowed.
    pub fn is_optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// Bounds from the spec that the SDK can check before sending.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
}

#[derive(Debug)]
pub struct StringEnum {
    pub variants: Vec<EnumVariant>,
    /// The name of the variant that holds unknown values; unique among the variants.
    pub unknown_variant: String,
}

#[derive(Debug)]
pub struct EnumVariant {
    pub rust_name: String,
    pub wire_value: String,
}

#[derive(Debug)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
}

#[derive(Debug)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    pub boxed: bool,
}

/// The type of a value, as used in a field, a variant, a parameter or a body.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    F32,
    F64,
    /// An RFC 3339 date-time that keeps its UTC offset.
    DateTime,
    /// Any JSON value.
    Any,
    /// A JSON object with any keys and values.
    Object,
    Named(TypeId),
    Vec(Box<TypeRef>),
    /// A JSON object whose values all have one type.
    Map(Box<TypeRef>),
}

/// One API operation, ready to become a method.
#[derive(Debug)]
pub struct Operation {
    /// The `operationId` as written.
    pub id: String,
    pub names: OperationNames,
    pub method: Method,
    pub path: String,
    pub origin: JsonPointer,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub tags: Vec<String>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<Response>,
    /// Set when the operation pages through a list with `offset` and `limit`.
    pub pagination: Option<Pagination>,
    /// Set when a parameter documents its filterable fields (`x-filterable-fields`).
    pub filter: Option<FilterSpec>,
    /// Set when a parameter documents its sortable fields (`x-sortable-fields`).
    pub sort: Option<SortSpec>,
}

/// How an operation pages: the parameters that carry the offset, page size and count request, and
/// the type of each item.
#[derive(Debug)]
pub struct Pagination {
    /// Indexes into [`Operation::params`].
    pub offset: usize,
    pub limit: usize,
    /// A boolean `count` parameter that asks for the total in `X-Total-Count`.
    pub count: Option<usize>,
    pub item: TypeRef,
    /// The largest page the operation allows: the bound on `limit`, else its default.
    pub page_size: i64,
}

/// A typed filter builder for the parameter at `param`.
#[derive(Debug)]
pub struct FilterSpec {
    pub param: usize,
    /// The type whose associated functions start a filter on each field.
    pub type_name: String,
    pub fields: Vec<FilterField>,
}

#[derive(Debug)]
pub struct FilterField {
    pub wire_name: String,
    /// The associated function that starts a filter on this field.
    pub method: String,
    /// The type whose methods are the field's operators.
    pub type_name: String,
    pub operators: Vec<FilterOperator>,
}

/// The operators of the filter syntax of SailPoint's V3 standard collection parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterOperator {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Sw,
    Co,
    In,
    Ca,
    Pr,
    Isnull,
}

impl FilterOperator {
    pub const ALL: [FilterOperator; 12] = [
        FilterOperator::Eq,
        FilterOperator::Ne,
        FilterOperator::Gt,
        FilterOperator::Ge,
        FilterOperator::Lt,
        FilterOperator::Le,
        FilterOperator::Sw,
        FilterOperator::Co,
        FilterOperator::In,
        FilterOperator::Ca,
        FilterOperator::Pr,
        FilterOperator::Isnull,
    ];

    /// The operator as written in a filter.
    pub fn wire(self) -> &'static str {
        match self {
            FilterOperator::Eq => "eq",
            FilterOperator::Ne => "ne",
            FilterOperator::Gt => "gt",
            FilterOperator::Ge => "ge",
            FilterOperator::Lt => "lt",
            FilterOperator::Le => "le",
            FilterOperator::Sw => "sw",
            FilterOperator::Co => "co",
            FilterOperator::In => "in",
            FilterOperator::Ca => "ca",
            FilterOperator::Pr => "pr",
            FilterOperator::Isnull => "isnull",
        }
    }

    pub fn parse(text: &str) -> Option<FilterOperator> {
        FilterOperator::ALL
            .into_iter()
            .find(|operator| operator.wire() == text)
    }
}

/// A typed sort builder for the parameter at `param`.
#[derive(Debug)]
pub struct SortSpec {
    pub param: usize,
    /// The enum of sortable fields.
    pub type_name: String,
    /// Each field's wire name and variant name.
    pub fields: Vec<(String, String)>,
}

/// The Rust names of an operation, unique among all operations.
#[derive(Debug)]
pub struct OperationNames {
    /// The client method, snake_case.
    pub method: String,
    /// The request builder type.
    pub request: String,
    /// The type of its documented errors.
    pub error: String,
    /// The type of its success, when it has several success statuses with different bodies.
    pub output: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub fn parse(text: &str) -> Option<Method> {
        Some(match text {
            "get" => Method::Get,
            "put" => Method::Put,
            "post" => Method::Post,
            "delete" => Method::Delete,
            "options" => Method::Options,
            "head" => Method::Head,
            "patch" => Method::Patch,
            "trace" => Method::Trace,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

#[derive(Debug)]
pub struct Param {
    pub wire_name: String,
    pub rust_name: String,
    /// Where the parameter is in the spec (its `$ref` target when it is shared).
    pub origin: JsonPointer,
    pub location: ParamLocation,
    pub required: bool,
    pub ty: TypeRef,
    pub default: Option<Value>,
    pub constraints: Constraints,
    pub docs: Docs,
    /// From `x-filterable-fields`: each field a filter may name, with its operators.
    pub filterable_fields: Option<IndexMap<String, Vec<String>>>,
    /// From `x-sortable-fields`.
    pub sortable_fields: Option<Vec<String>>,
}

#[derive(Debug)]
pub struct Body {
    /// The builder field and argument, unique among the operation's inputs.
    pub rust_name: String,
    pub content_type: String,
    pub ty: TypeRef,
    pub required: bool,
    pub description: Option<String>,
    pub constraints: Constraints,
}

#[derive(Debug)]
pub struct Response {
    pub status: StatusMatch,
    pub description: Option<String>,
    pub content_type: Option<String>,
    /// `None` when the response has no body.
    pub ty: Option<TypeRef>,
    pub headers: Vec<ResponseHeader>,
}

/// Which statuses a response entry covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusMatch {
    Code(u16),
    /// `4XX`: the hundreds digit.
    Range(u16),
    Default,
}

#[derive(Debug)]
pub struct ResponseHeader {
    pub name: String,
    pub description: Option<String>,
    pub ty: TypeRef,
}
