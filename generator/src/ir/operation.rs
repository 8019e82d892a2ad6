//! The IR of operations: one ordered list of inputs, responses with their body kind classified, and
//! what an operation offers over a collection. Emitters print these; they decide nothing.

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
    /// The path template as written, for documentation.
    pub path: String,
    /// The path template cut into literal text and inputs.
    pub path_pieces: Vec<PathPiece>,
    pub origin: JsonPointer,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    /// Index into [`super::Api::modules`]: the module the operation is emitted in.
    pub module: usize,
    /// Parameters in spec order, then the body: each with its place and Rust name.
    pub inputs: Vec<Input>,
    pub responses: Vec<Response>,
    /// What `send` returns: one body kind shared by every success, or one variant per status.
    pub output: Output,
    /// Alternatives of security schemes, each needing all the schemes it names (see OpenAPI's
    /// Security Requirement Object); empty when the operation needs none.
    pub security: Vec<Vec<String>>,
    pub pagination: Option<Pagination>,
    pub filter: Option<FilterSpec>,
    pub sort: Option<SortSpec>,
}

/// A piece of a path template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathPiece {
    Literal(String),
    /// The path input at this index of [`Operation::inputs`].
    Input(usize),
}

/// One input of an operation, as the request builder holds it.
#[derive(Debug)]
pub struct Input {
    /// The parameter's name on the wire; `body` for the body.
    pub wire_name: String,
    /// The builder field, setter and argument name, unique among the operation's inputs.
    pub rust_name: String,
    pub place: Place,
    /// Where the input is in the spec (its `$ref` target when it is shared).
    pub origin: JsonPointer,
    pub ty: TypeRef,
    /// The spec requires it.
    pub required: bool,
    /// The value sent when a required input is not set; for an optional one, the server's default.
    pub default: Option<Value>,
    pub constraints: Constraints,
    pub docs: Docs,
    /// How a query or header value is written as text.
    pub encoding: Encoding,
}

impl Input {
    /// Whether the input is an argument of the client method rather than a setter: required, and
    /// without a default to send in its place.
    pub fn is_argument(&self) -> bool {
        self.required && self.default.is_none()
    }
}

/// Where an input is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Path,
    Query,
    Header,
    /// The request body, sent under this media type.
    Body {
        content_type: String,
        format: BodyFormat,
    },
}

/// How a request body is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyFormat {
    /// The value as JSON.
    Json,
    /// A `String` as it is (`text/*`).
    Text,
    /// Bytes as they are (`application/octet-stream` and other non-JSON types).
    Binary,
}

impl Place {
    pub fn describe(&self) -> &'static str {
        match self {
            Place::Path => "path",
            Place::Query => "query",
            Place::Header => "header",
            Place::Body { .. } => "body",
        }
    }
}

/// How a parameter's value becomes text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `Display`: strings, numbers, booleans, string enums.
    Text,
    /// RFC 3339.
    DateTime,
    /// Compact JSON: objects and unions.
    Json,
    /// Each item of an array as its own pair (`a=1&a=2`), in the item's encoding.
    Repeated(ItemEncoding),
    /// The body: not encoded as text.
    Body,
}

/// How each item of an array parameter becomes text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemEncoding {
    Text,
    DateTime,
    Json,
}

/// What `send` returns.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// Every success status has this body kind (no success documented: empty).
    Single(BodyKind),
    /// Success statuses differ: an enum named [`OperationNames::output`], one variant per status.
    ByStatus,
}

impl Output {
    /// The output of an operation with these responses.
    pub fn of(responses: &[Response]) -> Output {
        let kinds: Vec<&BodyKind> = responses
            .iter()
            .filter(|response| response.is_success())
            .map(|response| &response.body)
            .collect();
        match kinds.split_first() {
            None => Output::Single(BodyKind::Empty),
            Some((first, rest)) if rest.iter().all(|kind| kind == first) => {
                Output::Single((*first).clone())
            }
            Some(_) => Output::ByStatus,
        }
    }
}

/// How a response's body is read.
#[derive(Clone, Debug, PartialEq)]
pub enum BodyKind {
    Empty,
    Json(TypeRef),
    /// Not JSON: kept as bytes for successes, as text for errors.
    Raw,
}

/// How an operation pages: the inputs that carry the offset, page size and count request, and the
/// type of each item.
#[derive(Debug)]
pub struct Pagination {
    /// Indexes into [`Operation::inputs`].
    pub offset: usize,
    pub limit: usize,
    /// A boolean input that asks for the total.
    pub count: Option<usize>,
    /// The response header that carries the total.
    pub total_header: Option<String>,
    pub item: TypeRef,
    /// The largest page the operation allows: the bound on `limit`, else its default.
    pub page_size: i64,
}

/// A typed filter builder for the input at `input`.
#[derive(Debug)]
pub struct FilterSpec {
    pub input: usize,
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
    /// Indexes into [`super::FilterGrammar::operators`].
    pub operators: Vec<usize>,
}

/// A typed sort builder for the input at `input`.
#[derive(Debug)]
pub struct SortSpec {
    pub input: usize,
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

#[derive(Debug)]
pub struct Response {
    pub status: StatusMatch,
    pub description: Option<String>,
    pub body: BodyKind,
    pub headers: Vec<ResponseHeader>,
}

impl Response {
    pub fn is_success(&self) -> bool {
        matches!(
            self.status,
            StatusMatch::Code(200..=299) | StatusMatch::Range(2)
        )
    }
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
