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
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    /// Index into [`super::Api::modules`]: the module the operation is emitted in.
    pub module: usize,
    /// Parameters in spec order, then the body: each with its place and Rust name.
    pub inputs: Vec<Input>,
    /// In the order they are matched: exact codes, then ranges, then `default`.
    pub responses: Vec<Response>,
    /// How a status no documented response covers is read.
    pub fallbacks: Fallbacks,
    /// What `send` returns: one body kind shared by every success, or one variant per status.
    pub output: Output,
    /// Alternatives of security schemes, each needing all the schemes it names (see OpenAPI's
    /// Security Requirement Object); empty when the operation needs none.
    pub security: Vec<Vec<String>>,
    pub pagination: Option<Pagination>,
    pub filter: Option<FilterSpec>,
    pub sort: Option<SortSpec>,
    /// The error enum this operation shares with others of its module that document the same
    /// errors; its own error name is then an alias of it.
    pub shared_error: Option<SharedError>,
    /// The response headers it documents, each with a type to read it by.
    pub headers: Vec<DocumentedHeader>,
}

/// An error enum shared by operations that document the same error statuses, bodies and
/// descriptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedError {
    /// The enum's name, after the module.
    pub name: String,
    /// The operations that share it, by `operationId`, when this one declares it (the first of
    /// them); empty for the others.
    pub declared_for: Vec<String>,
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

impl Operation {
    /// The statuses (inclusive ranges) whose body the SDK streams: successes with a binary body.
    /// An exact code with another body is cut out of a range, as it wins over the range.
    pub fn streamed_statuses(&self) -> Vec<(u16, u16)> {
        let successes = || self.responses.iter().filter(|r| r.is_success());
        let exact_other: Vec<u16> = successes()
            .filter_map(|r| match r.status {
                StatusMatch::Code(code) if r.body != BodyKind::Binary => Some(code),
                _ => None,
            })
            .collect();
        let mut ranges = Vec::new();
        for response in successes().filter(|r| r.body == BodyKind::Binary) {
            match response.status {
                StatusMatch::Code(code) => ranges.push((code, code)),
                StatusMatch::Range(hundreds) => {
                    let (first, last) = (hundreds * 100, hundreds * 100 + 99);
                    let mut cuts: Vec<u16> = exact_other
                        .iter()
                        .copied()
                        .filter(|code| (first..=last).contains(code))
                        .collect();
                    cuts.sort_unstable();
                    let mut low = first;
                    for cut in cuts {
                        if cut > low {
                            ranges.push((low, cut - 1));
                        }
                        low = cut + 1;
                    }
                    if low <= last {
                        ranges.push((low, last));
                    }
                }
                StatusMatch::Default => {}
            }
        }
        ranges
    }

    /// Whether the request body is `multipart/form-data`, made of the `Part` inputs.
    pub fn is_multipart(&self) -> bool {
        self.inputs
            .iter()
            .any(|input| matches!(input.place, Place::Part { .. }))
    }
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
    /// In the one `Cookie` header.
    Cookie,
    /// The request body, sent under this media type.
    Body {
        content_type: String,
        format: BodyFormat,
    },
    /// A part of the operation's `multipart/form-data` body: every property of its schema is an
    /// input of its own, so a file part can take a stream. `part_type` is the part's media type
    /// (`encoding.contentType`), when the spec gives one.
    Part {
        part_type: Option<String>,
    },
}

/// How a request body is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyFormat {
    /// The value as JSON.
    Json,
    /// A `String` as it is (`text/*`).
    Text,
    /// An upload as it is (`application/octet-stream` and other non-JSON types).
    Binary,
    /// `application/x-www-form-urlencoded`: the value's fields as name-value pairs, each in the
    /// style its `encoding` entry gives (the others `form`, exploded).
    Form(Vec<FormField>),
    /// `multipart/form-data` whose parts the spec does not list: the caller's parts.
    Multipart,
}

/// A field of a form body with its encoding, in the order of the body's struct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormField {
    pub wire_name: String,
    pub style: Style,
    pub explode: bool,
    /// Sent as JSON text (`contentType: application/json`).
    pub json: bool,
}

/// An OpenAPI parameter or form field style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Simple,
    Label,
    Matrix,
}

impl Style {
    pub fn parse(name: &str) -> Option<Style> {
        Some(match name {
            "form" => Style::Form,
            "spaceDelimited" => Style::SpaceDelimited,
            "pipeDelimited" => Style::PipeDelimited,
            "deepObject" => Style::DeepObject,
            "simple" => Style::Simple,
            "label" => Style::Label,
            "matrix" => Style::Matrix,
            _ => return None,
        })
    }

    /// The runtime's name for it.
    pub fn runtime_name(self) -> &'static str {
        match self {
            Style::Form => "Form",
            Style::SpaceDelimited => "SpaceDelimited",
            Style::PipeDelimited => "PipeDelimited",
            Style::DeepObject => "DeepObject",
            Style::Simple => "Simple",
            Style::Label => "Label",
            Style::Matrix => "Matrix",
        }
    }
}

impl Place {
    pub fn describe(&self) -> &'static str {
        match self {
            Place::Path => "path",
            Place::Query => "query",
            Place::Header => "header",
            Place::Cookie => "cookie",
            Place::Body { .. } => "body",
            Place::Part { .. } => "multipart body part",
        }
    }
}

/// How an input's value is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// One value, as text.
    Single(TextForm),
    /// Each item of an array as its own pair or part (`a=1&a=2`), in the items' form.
    Repeated(TextForm),
    /// Any value, made JSON and written in an OpenAPI style by the runtime: arrays and objects
    /// in every style, scalars in `label` and `matrix`.
    Styled { style: Style, explode: bool },
    /// Not text: the request body, a file part.
    Raw,
}

/// How one value becomes text: the one classification parameters, parts and array items share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextForm {
    /// `Display`: strings, numbers, booleans, string enums.
    Display,
    /// RFC 3339.
    DateTime,
    /// Compact JSON: objects, unions, maps, nested arrays.
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
    /// Text (`text/*`, XML): a `String`.
    Text,
    /// Anything else: streamed as it arrives for a success, read as bounded text for an error.
    Binary,
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
    /// Its variant in the operation's output or error enum: `Ok`, `NotFound`, `Status418`,
    /// `Status4xx` for a range, `Other` for `default`; unique in the operation.
    pub variant: String,
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

/// How a status that no documented response covers is read, decided with the responses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fallbacks {
    /// No success is documented: any 2xx is a success without a body, matched first.
    pub any_success_empty: bool,
    /// No `default` is documented: any other status is an unexpected response, an error with
    /// its status, headers and body, matched last.
    pub others_unexpected: bool,
}

impl Fallbacks {
    pub fn of(responses: &[Response]) -> Fallbacks {
        Fallbacks {
            any_success_empty: !responses.iter().any(Response::is_success),
            others_unexpected: !responses
                .iter()
                .any(|response| response.status == StatusMatch::Default),
        }
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

/// A response header an operation documents, once however many of its responses do: a type
/// named [`DocumentedHeader::type_name`] reads it from a response or an error
/// (`response.header::<ListUsersXTotalCountHeader>()`).
#[derive(Debug, PartialEq)]
pub struct DocumentedHeader {
    /// The name as the first response that documents it writes it.
    pub name: String,
    pub type_name: String,
    pub description: Option<String>,
    /// The statuses whose responses document it.
    pub statuses: Vec<StatusMatch>,
    pub value: HeaderValue,
    /// The bounds its value is checked against when read: its schema's, when every response that
    /// documents it gives the same; none otherwise.
    pub constraints: Constraints,
}

/// How a documented header's text is read (OpenAPI's `simple` style, the only one of headers).
#[derive(Clone, Debug, PartialEq)]
pub enum HeaderValue {
    /// One value of this type, in this form.
    One(TypeRef, TextForm),
    /// A comma-separated list of items of this type, each in this form.
    List(TypeRef, TextForm),
    /// The text as sent: the type has no text form (a list of objects), or the responses
    /// document the header with different types.
    Text,
}

#[derive(Debug, PartialEq)]
pub struct ResponseHeader {
    pub name: String,
    pub description: Option<String>,
    pub ty: TypeRef,
    pub constraints: Constraints,
}
