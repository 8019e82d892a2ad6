//! The operations file: for every operation, a method on the client that starts a request builder,
//! the builder (required inputs up front, optional ones as setters, then `send`), and the type of
//! its documented errors.
//!
//! The generated code calls the SDK's hand-written runtime through the paths in [`runtime`].
//!
//! Unlike the models, this file names prelude items (`Option`, `Some`, `Result`, `Err`, `String`,
//! `Into`) without their full paths: every type it declares ends in `Request`, `Error` or `Output`
//! and it imports nothing, so no spec name can shadow them. Shorter paths make the file faster to
//! parse and format, and easier to read.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::models::constraint_text;
use super::responses::{dispatch, error_type, output_type};
use super::types::{ident, rust_type};
use super::validation::{self, Needs};
use super::{collections, docs};
use crate::ir::{Api, Method, Operation, Param, ParamLocation, TypeKind, TypeRef};
use crate::render::FileTokens;

/// Where the runtime's items are, as the generated code names them: the SDK mounts its hand-written
/// runtime as `crate::runtime`, beside the generated modules.
pub mod runtime {
    use proc_macro2::TokenStream;
    use quote::quote;

    pub fn client() -> TokenStream {
        quote!(crate::runtime::Client)
    }
    pub fn error() -> TokenStream {
        quote!(crate::runtime::Error)
    }
    pub fn response() -> TokenStream {
        quote!(crate::runtime::ApiResponse)
    }
    pub fn request_spec() -> TokenStream {
        quote!(crate::runtime::RequestSpec)
    }
    pub fn write_json() -> TokenStream {
        quote!(crate::runtime::write_json)
    }
    /// The generated models, a sibling module.
    pub fn models() -> TokenStream {
        quote!(super::models::)
    }
}

/// The contents of the operations module.
pub fn operations(api: &Api) -> FileTokens<'_> {
    let mut needs = Needs::new(api);
    let items = api
        .operations
        .iter()
        .map(move |operation| operation_items(operation, api, &mut needs));
    FileTokens {
        inner: quote! {
            //! The API's operations: a method on the client for each, returning a request builder.
        },
        items: Box::new(items),
    }
}

/// One input of an operation as the builder holds it.
struct Input<'a> {
    field: proc_macro2::Ident,
    ty: TokenStream,
    /// An argument of the client method rather than a setter.
    required: bool,
    docs: String,
    param: Option<&'a Param>,
}

fn operation_items(operation: &Operation, api: &Api, needs: &mut Needs) -> TokenStream {
    let client = runtime::client();
    let inputs = inputs(operation, api);
    let request = ident(&operation.names.request);
    let method = ident(&operation.names.method);
    let (output, output_item) = output_type(operation, api);
    let (error, error_item) = error_type(operation, api);

    let required: Vec<&Input> = inputs.iter().filter(|input| input.required).collect();
    let arguments = required.iter().map(|input| {
        let (field, ty) = (&input.field, &input.ty);
        quote!(#field: impl Into<#ty>)
    });
    let initial = inputs.iter().map(|input| {
        let field = &input.field;
        if input.required {
            quote!(#field: #field.into())
        } else {
            quote!(#field: None)
        }
    });
    let fields = inputs.iter().map(|input| {
        let (field, ty) = (&input.field, &input.ty);
        if input.required {
            quote!(#field: #ty)
        } else {
            quote!(#field: Option<#ty>)
        }
    });
    let setters = inputs.iter().filter(|input| !input.required).map(|input| {
        let (field, ty) = (&input.field, &input.ty);
        let setter_docs = docs::attributes(&input.docs);
        quote! {
            #setter_docs
            pub fn #field(mut self, #field: impl Into<#ty>) -> Self {
                self.#field = Some(#field.into());
                self
            }
        }
    });

    let method_docs = docs::attributes(&method_doc_text(operation, &required));
    let request_docs = format!(
        " A `{} {}` request, started by [`Client::{}`](crate::Client::{}): set optional inputs, then `send`.",
        operation.method.as_str(),
        operation.path,
        operation.names.method.trim_start_matches("r#"),
        operation.names.method.trim_start_matches("r#"),
    );
    let build = build_request(operation, &inputs, api);
    let validate = validate_method(operation, &inputs, needs);
    let id = &operation.id;
    let run_checks = validate
        .is_some()
        .then(|| quote!(self.validate().map_err(|violation| violation.for_operation(#id))?;));
    let stream = operation
        .pagination
        .as_ref()
        .map(|pagination| collections::stream_method(operation, pagination, &error, api));
    let filter_setter = operation
        .filter
        .as_ref()
        .map(|filter| collections::filter_setter(operation, filter));
    let filter_types = operation
        .filter
        .as_ref()
        .map(|filter| collections::filter_types(operation, filter));
    let sort_setter = operation
        .sort
        .as_ref()
        .map(|sort| collections::sort_setter(operation, sort));
    let sort_type = operation
        .sort
        .as_ref()
        .map(|sort| collections::sort_type(operation, sort));
    let dispatch = dispatch(operation, &error);
    let response = runtime::response();
    let error_wrapper = runtime::error();
    quote! {
        impl #client {
            #method_docs
            pub fn #method(&self, #(#arguments),*) -> #request {
                #request {
                    client: Clone::clone(self),
                    #(#initial,)*
                }
            }
        }

        #[doc = #request_docs]
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #request {
            client: #client,
            #(#fields,)*
        }

        impl #request {
            #(#setters)*
            #filter_setter
            #sort_setter
            #validate

            /// Sends the request and returns the decoded body.
            pub async fn send(self) -> Result<#output, #error_wrapper<#error>> {
                self.send_with_metadata().await.map(#response::into_body)
            }

            /// Sends the request and returns the decoded body with the response status and headers.
            pub async fn send_with_metadata(self) -> Result<#response<#output>, #error_wrapper<#error>> {
                #run_checks
                #build
                let response = self.client.execute(request).await?;
                #dispatch
            }

            #stream
        }

        #output_item
        #error_item
        #filter_types
        #sort_type
    }
}

/// A `validate` method that checks every bounded input, or nothing when no input is bounded.
fn validate_method(
    operation: &Operation,
    inputs: &[Input],
    needs: &mut Needs,
) -> Option<TokenStream> {
    let mut checks = Vec::new();
    for input in inputs {
        let (ty, constraints, wire) = match input.param {
            Some(param) => (&param.ty, &param.constraints, param.wire_name.as_str()),
            None => match &operation.body {
                Some(body) => (&body.ty, &body.constraints, "body"),
                None => continue,
            },
        };
        let body = validation::checks(&quote!(value), ty, constraints, &quote!(#wire), needs);
        if body.is_empty() {
            continue;
        }
        let field = &input.field;
        checks.push(if input.required {
            quote! {
                let value = &self.#field;
                #body
            }
        } else {
            quote! {
                if let Some(value) = &self.#field {
                    #body
                }
            }
        });
    }
    if checks.is_empty() {
        return None;
    }
    Some(quote! {
        /// Checks every input against the spec's bounds.
        fn validate(&self) -> Result<(), crate::runtime::Violation> {
            #(#checks)*
            Ok(())
        }
    })
}

/// The operation's inputs: parameters in spec order, then the body.
fn inputs<'a>(operation: &'a Operation, api: &Api) -> Vec<Input<'a>> {
    let mut inputs: Vec<Input> = operation
        .params
        .iter()
        .map(|param| Input {
            field: ident(&param.rust_name),
            ty: rust_type(&param.ty, api, &runtime::models()),
            // A required parameter with a default is sent with it unless set, so it is optional here.
            required: param.required && param.default.is_none(),
            docs: docs::render(
                &param.docs,
                &param_notes(param),
                &format!("The `{}` parameter.", param.wire_name),
            ),
            param: Some(param),
        })
        .collect();
    if let Some(body) = &operation.body {
        let docs = match &body.description {
            Some(text) => docs::sanitize(text),
            None => format!("The request body, sent as `{}`.", body.content_type),
        };
        inputs.push(Input {
            field: ident(&body.rust_name),
            ty: rust_type(&body.ty, api, &runtime::models()),
            required: body.required,
            docs,
            param: None,
        });
    }
    inputs
}

fn param_notes(param: &Param) -> Vec<String> {
    let mut notes = Vec::new();
    let place = match param.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    };
    notes.push(format!(
        "Sent as the `{}` {place} parameter.",
        param.wire_name
    ));
    if let Some(default) = &param.default {
        let sent = if param.required {
            "sent when not set"
        } else {
            "the server's default"
        };
        notes.push(format!("Default: `{}` ({sent}).", wire_text(default)));
    }
    if let Some(bounds) = constraint_text(&param.constraints) {
        notes.push(bounds);
    }
    notes
}

fn method_doc_text(operation: &Operation, required: &[&Input]) -> String {
    let mut parts = Vec::new();
    if let Some(summary) = &operation.summary {
        parts.push(docs::sanitize(summary));
    }
    if let Some(description) = &operation.description {
        if Some(description) != operation.summary.as_ref() {
            parts.push(docs::sanitize(description));
        }
    }
    parts.push(format!(
        "`{} {}` (`{}`)",
        operation.method.as_str(),
        operation.path,
        operation.id
    ));
    if !required.is_empty() {
        let arguments: Vec<String> = required
            .iter()
            .map(|input| {
                let first_line = input.docs.lines().next().unwrap_or_default();
                format!("- `{}`: {first_line}", input.field)
            })
            .collect();
        parts.push(format!("Arguments:\n{}", arguments.join("\n")));
    }
    if operation.deprecated {
        parts.push("Deprecated.".to_owned());
    }
    parts.join("\n\n")
}

/// The code that turns the builder into a request description.
fn build_request(operation: &Operation, inputs: &[Input], api: &Api) -> TokenStream {
    let request_spec = runtime::request_spec();
    let id = &operation.id;
    let method = match operation.method {
        Method::Get => quote!(GET),
        Method::Put => quote!(PUT),
        Method::Post => quote!(POST),
        Method::Delete => quote!(DELETE),
        Method::Options => quote!(OPTIONS),
        Method::Head => quote!(HEAD),
        Method::Patch => quote!(PATCH),
        Method::Trace => quote!(TRACE),
    };
    let path = path_pieces(operation, inputs);
    let params = inputs
        .iter()
        .filter_map(|input| input.param.map(|param| (input, param)));
    let query_and_headers = params
        .filter(|(_, param)| param.location != ParamLocation::Path)
        .map(|(input, param)| send_param(input, param, api));
    let body = operation
        .body
        .as_ref()
        .zip(inputs.last())
        .map(|(body, input)| {
            let field = &input.field;
            let content_type = &body.content_type;
            if input.required {
                quote!(request.json_body(#content_type, &self.#field)?;)
            } else {
                quote! {
                    if let Some(body) = &self.#field {
                        request.json_body(#content_type, body)?;
                    }
                }
            }
        });
    quote! {
        let mut request = #request_spec::new(#id, ::reqwest::Method::#method);
        #(#path)*
        #(#query_and_headers)*
        #body
    }
}

/// The path template as literal pieces and encoded parameters.
fn path_pieces(operation: &Operation, inputs: &[Input]) -> Vec<TokenStream> {
    let mut pieces = Vec::new();
    let mut rest = operation.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|close| open + close) else {
            break;
        };
        let literal = &rest[..open];
        if !literal.is_empty() {
            pieces.push(quote!(request.path_literal(#literal);));
        }
        let name = &rest[open + 1..close];
        let input = inputs.iter().find(|input| {
            input.param.is_some_and(|param| {
                param.location == ParamLocation::Path && param.wire_name == name
            })
        });
        if let Some(input) = input {
            let field = &input.field;
            pieces.push(quote!(request.path_param(#name, &ToString::to_string(&self.#field))?;));
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(quote!(request.path_literal(#rest);));
    }
    pieces
}

/// Adds one query or header parameter: when set, or with its default where the server needs it.
fn send_param(input: &Input, param: &Param, api: &Api) -> TokenStream {
    let field = &input.field;
    let wire = &param.wire_name;
    let add = match param.location {
        ParamLocation::Header => format_ident!("header"),
        _ => format_ident!("query"),
    };
    let send_value = |value: TokenStream| encode_value(&param.ty, value, &add, wire, api);
    if input.required {
        return send_value(quote!(&self.#field));
    }
    let when_set = send_value(quote!(value));
    match (&param.default, param.required) {
        (Some(default), true) => {
            let default = wire_text(default);
            let add_default = quote!(request.#add(#wire, String::from(#default)););
            quote! {
                match &self.#field {
                    Some(value) => { #when_set }
                    None => { #add_default }
                }
            }
        }
        _ => quote! {
            if let Some(value) = &self.#field {
                #when_set
            }
        },
    }
}

/// Writes a value (an expression of type `&T`) as query or header text: arrays repeat the name,
/// scalars and string enums are written as text, anything else as JSON.
fn encode_value(
    ty: &TypeRef,
    value: TokenStream,
    add: &proc_macro2::Ident,
    wire: &str,
    api: &Api,
) -> TokenStream {
    match ty {
        TypeRef::Vec(item) => {
            let each = encode_value(item, quote!(item), add, wire, api);
            quote! {
                for item in #value {
                    #each
                }
            }
        }
        TypeRef::DateTime => quote!(request.#add(#wire, request.date_time(#wire, #value)?);),
        _ if is_text(ty, api, 0) => {
            quote!(request.#add(#wire, ToString::to_string(#value));)
        }
        _ => quote!(request.#add(#wire, request.json_text(#wire, #value)?);),
    }
}

/// Whether `Display` writes the value as the API expects it in a query or header.
fn is_text(ty: &TypeRef, api: &Api, depth: usize) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::F32
        | TypeRef::F64 => true,
        TypeRef::Named(id) if depth < 16 => match &api.type_def(*id).kind {
            TypeKind::Enum(_) => true,
            TypeKind::Alias(target) => is_text(target, api, depth + 1),
            _ => false,
        },
        _ => false,
    }
}

/// A default or example as the text sent on the wire: strings without their quotes.
fn wire_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
