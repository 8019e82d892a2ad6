//! The IR of operations: inputs, responses, and what an operation offers over a collection.

use indexmap::IndexMap;
use serde_json::Value;

use super::{Constraints, Docs, TypeRef};
use crate::pointer::JsonPointer;

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
