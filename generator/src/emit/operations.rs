//! The operations files, one per module: for every operation, a method on the client that starts a
//! request builder, the builder (required inputs up front, optional ones as setters, then `send`),
//! and the type of its documented errors.
//!
//! Unlike the models, these files name prelude items (`Option`, `Some`, `Result`, `Err`, `String`,
//! `Into`, `Box`) without their full paths: every type they declare has `Request`, `Error`,
//! `Output`, `Filter`, `SortField` or `Header` in its name and they import nothing, so no spec name
//! can shadow a prelude item. Shorter paths make the files faster to format and easier to read.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{self, constraint_text, wire_text};
use super::features;
use super::paths;
use super::responses::{dispatch, error_type, output_type};
use super::types::{ModelPath, ident, rust_type};
use super::validation;
use super::{collections, headers, request};
use crate::ir::{Api, Input, Operation, Place, TypeRef};
use crate::render::FileTokens;

/// The operations of module `module`.
pub fn operations(api: &Api, module: usize) -> FileTokens<'_> {
    let operations: Vec<&Operation> = api
        .operations
        .iter()
        .filter(|operation| operation.module == module)
        .collect();
    let info = &api.modules[module];
    let text = match &info.description {
        Some(description) => format!("`{}`: {}", info.title, docs::sanitize(description)),
        None => format!("The operations tagged `{}`.", info.title),
    };
    let module_docs = docs::inner_attributes(&text);
    FileTokens {
        inner: module_docs,
        // The imports, then the operations.
        count: operations.len() + 1,
        item: Box::new(move |index| match index.checked_sub(1) {
            Some(index) => operation_items(operations[index], api).into(),
            None => paths::imports().into(),
        }),
    }
}

/// The operations module: its submodules, their items re-exported so every builder type is at
/// `crate::operations::X`.
pub fn operations_root(api: &Api) -> FileTokens<'_> {
    FileTokens {
        inner: quote! {
            //! The API's operations: a method on the client for each, returning a request builder.
        },
        count: 1,
        item: Box::new(move |_| {
            let modules = api.modules.iter().map(|module| {
                let name = ident(&module.name);
                // Each module's operations under the feature of its name, when there are several.
                let cfg = api.has_features().then(|| {
                    let feature = features::feature_name(module);
                    quote!(#[cfg(feature = #feature)])
                });
                quote! {
                    #cfg
                    mod #name;
                    #cfg
                    pub use self::#name::*;
                }
            });
            quote!(#(#modules)*).into()
        }),
    }
}

fn operation_items(operation: &Operation, api: &Api) -> TokenStream {
    let client = paths::client();
    let runtime_client = paths::runtime("Client");
    let error_wrapper = paths::runtime("Error");
    let response = paths::runtime("ApiResponse");
    let request = ident(&operation.names.request);
    let method = ident(&operation.names.method);
    let (output, output_item) = output_type(operation, api);
    let (error, error_item) = error_type(operation, api);

    let input_type = |input: &Input| rust_type(&input.ty, api, ModelPath::Imported);
    let arguments = operation
        .inputs
        .iter()
        .filter(|input| input.is_argument())
        .map(|input| {
            let (field, ty) = (ident(&input.rust_name), input_type(input));
            quote!(#field: impl Into<#ty>)
        });
    let initial = operation.inputs.iter().map(|input| {
        let field = ident(&input.rust_name);
        if input.is_argument() {
            quote!(#field: #field.into())
        } else {
            quote!(#field: None)
        }
    });
    let fields = operation.inputs.iter().map(|input| {
        let (field, ty) = (ident(&input.rust_name), input_type(input));
        if input.is_argument() {
            quote!(#field: #ty)
        } else {
            quote!(#field: Option<#ty>)
        }
    });
    let setters = operation
        .inputs
        .iter()
        .filter(|input| !input.is_argument())
        .map(|input| {
            let (field, ty) = (ident(&input.rust_name), input_type(input));
            let setter_docs = docs::attributes(&input_docs(input));
            quote! {
                #setter_docs
                pub fn #field(mut self, #field: impl Into<#ty>) -> Self {
                    self.#field = Some(#field.into());
                    self
                }
            }
        });

    let method_docs = docs::attributes(&method_doc_text(operation));
    let method_name = operation.names.method.trim_start_matches("r#");
    let request_docs = docs::attributes(&format!(
        "A `{} {}` request, started by [`Client::{method_name}`](crate::Client::{method_name}): set optional inputs, then `send`.",
        operation.method.as_str(),
        operation.path,
    ));
    let build = request::build_request(operation);
    let validate = validate_method(operation, api);
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
        .map(|filter| collections::filter_types(operation, filter, api));
    let sort_setter = operation
        .sort
        .as_ref()
        .map(|sort| collections::sort_setter(operation, sort));
    let sort_type = operation
        .sort
        .as_ref()
        .map(|sort| collections::sort_type(operation, sort));
    let header_types = headers::header_types(operation, api);
    let mut metadata_text =
        "Sends the request and returns the decoded body with the response status and headers."
            .to_owned();
    if let Some(headers) = headers::metadata_docs(operation) {
        metadata_text.push_str("\n\n");
        metadata_text.push_str(&headers);
    }
    let metadata_docs = docs::attributes(&metadata_text);
    let dispatch = dispatch(operation, &error);
    let options = paths::runtime("RequestOptions");
    let into_body = paths::imported_codegen("into_body");
    // `send` and `send_with_metadata` return futures made by generic runtime functions, so the
    // crate compiles no future of its own per operation: only the sync `prepare` and `decode`.
    let send_prepared = paths::imported_codegen("send");
    let request_spec = paths::imported_codegen("RequestSpec");
    let invalid_input = paths::runtime("InvalidInput");
    let raw_response = paths::imported_codegen("RawResponse");
    quote! {
        impl #client {
            #method_docs
            pub fn #method(&self, #(#arguments),*) -> #request {
                #request {
                    client: Clone::clone(self.runtime()),
                    options: #options::new(),
                    #(#initial,)*
                }
            }
        }

        #request_docs
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #request {
            client: #runtime_client,
            options: #options,
            #(#fields,)*
        }

        impl #request {
            #(#setters)*

            /// Settings for this call over the client's: extra headers, a timeout, a retry policy,
            /// a response size limit.
            pub fn with_options(mut self, options: #options) -> Self {
                self.options = options;
                self
            }

            #filter_setter
            #sort_setter
            #validate

            /// Sends the request and returns the decoded body.
            pub fn send(self) -> impl ::std::future::Future<Output = Result<#output, #error_wrapper<#error>>> {
                #into_body(self.send_with_metadata())
            }

            #metadata_docs
            pub fn send_with_metadata(self) -> impl ::std::future::Future<Output = Result<#response<#output>, #error_wrapper<#error>>> {
                #send_prepared(self.prepare(), Self::decode)
            }

            /// The client and the request to send, once every input is checked.
            fn prepare(self) -> Result<(#runtime_client, #request_spec), #invalid_input> {
                #run_checks
                #build
                request.options = self.options;
                Ok((self.client, request))
            }

            /// The operation's result, from the response's status and body.
            fn decode(response: #raw_response) -> Result<#response<#output>, #error_wrapper<#error>> {
                #dispatch
            }

            #stream
        }

        #output_item
        #error_item
        #header_types
        #filter_types
        #sort_type
    }
}

/// A `validate` method that checks every bounded input, or nothing when no input is bounded.
fn validate_method(operation: &Operation, api: &Api) -> Option<TokenStream> {
    let mut checks = Vec::new();
    for input in &operation.inputs {
        let wire = input.wire_name.as_str();
        let body = validation::checks(
            &quote!(value),
            &input.ty,
            &input.constraints,
            &quote!(#wire),
            api,
        );
        if body.is_empty() {
            continue;
        }
        let field = ident(&input.rust_name);
        checks.push(if input.is_argument() {
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
    let violation = paths::runtime("Violation");
    Some(quote! {
        /// Checks every input against the spec's bounds.
        fn validate(&self) -> Result<(), #violation> {
            #(#checks)*
            Ok(())
        }
    })
}

/// The documentation of an input: its description, where it is sent, its default and bounds.
fn input_docs(input: &Input) -> String {
    let mut notes = Vec::new();
    match &input.place {
        Place::Body { content_type, .. } => {
            notes.push(format!("Sent as the body, `{content_type}`."));
        }
        Place::Part { .. } => notes.push(format!(
            "Sent as the `{}` part of the `multipart/form-data` body.",
            input.wire_name
        )),
        place => notes.push(format!(
            "Sent as the `{}` {} parameter.",
            input.wire_name,
            place.describe()
        )),
    }
    if let Some(default) = &input.default {
        let sent = if input.required {
            "sent when not set"
        } else {
            "the server's default"
        };
        notes.push(format!("Default: `{}` ({sent}).", wire_text(default)));
    }
    if let Some(bounds) = constraint_text(&input.constraints) {
        notes.push(bounds);
    }
    if references_upload(&input.ty) {
        notes.push(
            "An upload from bytes is sent again when the call is retried; one from a stream (a \
             file) is read as it is sent, so the call is sent once, never retried."
                .to_owned(),
        );
    }
    let fallback = match &input.place {
        Place::Body { .. } => "The request body.".to_owned(),
        _ => format!("The `{}` parameter.", input.wire_name),
    };
    docs::render(&input.docs, &notes, &fallback)
}

fn references_upload(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Upload | TypeRef::File | TypeRef::Multipart => true,
        TypeRef::Vec(item) => references_upload(item),
        _ => false,
    }
}

fn method_doc_text(operation: &Operation) -> String {
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
    let arguments: Vec<String> = operation
        .inputs
        .iter()
        .filter(|input| input.is_argument())
        .map(|input| {
            let text = input_docs(input);
            let first_line = text.lines().next().unwrap_or_default();
            format!(
                "- `{}`: {first_line}",
                input.rust_name.trim_start_matches("r#")
            )
        })
        .collect();
    if !arguments.is_empty() {
        parts.push(format!("Arguments:\n{}", arguments.join("\n")));
    }
    if operation.deprecated {
        parts.push("Deprecated.".to_owned());
    }
    parts.join("\n\n")
}
