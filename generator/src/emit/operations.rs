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
use quote::quote;
use serde_json::Value;

use super::models::constraint_text;
use super::responses::{dispatch, error_type, output_type};
use super::types::{ident, rust_type};
use super::validation::{self, Needs};
use super::{collections, docs, request};
use crate::ir::{Api, Operation, Param, ParamLocation};
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
    let needs = Needs::new(api);
    FileTokens {
        inner: quote! {
            //! The API's operations: a method on the client for each, returning a request builder.
        },
        count: api.operations.len(),
        item: Box::new(move |index| operation_items(&api.operations[index], api, &needs)),
    }
}

/// One input of an operation as the builder holds it.
pub(super) struct Input<'a> {
    pub(super) field: proc_macro2::Ident,
    pub(super) ty: TokenStream,
    /// An argument of the client method rather than a setter.
    pub(super) required: bool,
    pub(super) docs: String,
    pub(super) param: Option<&'a Param>,
}

fn operation_items(operation: &Operation, api: &Api, needs: &Needs) -> TokenStream {
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
    let build = request::build_request(operation, &inputs, api);
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
fn validate_method(operation: &Operation, inputs: &[Input], needs: &Needs) -> Option<TokenStream> {
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

/// A default or example as the text sent on the wire: strings without their quotes.
pub(super) fn wire_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
