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

use super::builder::{Builder, BuilderInput};
use super::docs::{self, constraint_text, wire_text};
use super::features;
use super::paths;
use super::responses::dispatch;
use super::result_types::{error_type, output_type};
use super::syntax;
use super::template::{self, Holes};
use super::types::{ModelPath, ident, type_tree};
use super::validation;
use super::{collections, filters, headers, request, sorts};
use crate::ir::{Api, Input, Operation, Place, TypeRef};
use crate::render::{FileTokens, ItemTokens};

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
            Some(index) => operation_items(operations[index], api),
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

fn operation_items(operation: &Operation, api: &Api) -> ItemTokens {
    match operation_trees(operation, api) {
        Ok(trees) => ItemTokens {
            tokens: TokenStream::new(),
            trees,
            cfg: None,
        },
        // A generator bug, reported where the generated crate is compiled.
        Err(problem) => {
            let message = format!("internal error: `{}`: {problem}", operation.id);
            quote!(::core::compile_error!(#message);).into()
        }
    }
}

/// The builder of an operation (see [`builder`]), then the types it names: its output, its
/// errors, its documented headers, its filter and sort.
fn operation_trees(operation: &Operation, api: &Api) -> Result<Vec<syn::Item>, String> {
    let (output, output_item) = output_type(operation, api);
    let (error, error_items) = error_type(operation, api)?;
    let inputs = operation
        .inputs
        .iter()
        .map(|input| BuilderInput {
            field: input.rust_name.clone(),
            ty: type_tree(&input.ty, api, ModelPath::Imported),
            argument: input.is_argument(),
            docs: if input.is_argument() {
                Vec::new()
            } else {
                docs::attribute_trees(&input_docs(input))
            },
        })
        .collect();
    let method_name = operation.names.method.trim_start_matches("r#");
    let request_docs = docs::attribute_trees(&format!(
        "A `{} {}` request, started by [`Client::{method_name}`](crate::Client::{method_name}): set optional inputs, then `send`.",
        operation.method.as_str(),
        operation.path,
    ));
    let validate = validate_method(operation, api)?;
    let mut prepare = Vec::new();
    if validate.is_some() {
        prepare.push(template::fill(
            "request: the checks of the inputs",
            || quote!(self.validate().map_err(|violation| violation.for_operation("__ID"))?;),
            Holes::default().text("__ID", &operation.id),
        )?);
    }
    prepare.extend(request::build_request(operation)?);
    let stream = operation
        .pagination
        .as_ref()
        .map(|pagination| collections::stream_method(operation, pagination, &error, api))
        .transpose()?;
    let filter_setter = operation
        .filter
        .as_ref()
        .map(|filter| filters::filter_setter(operation, filter))
        .transpose()?;
    let filter_types = operation
        .filter
        .as_ref()
        .map(|filter| filters::filter_types(operation, filter, api))
        .transpose()?;
    let sort_setter = operation
        .sort
        .as_ref()
        .map(|sort| sorts::sort_setter(operation, sort))
        .transpose()?;
    let sort_type = operation
        .sort
        .as_ref()
        .map(|sort| sorts::sort_type(operation, sort))
        .transpose()?;
    let mut metadata_text =
        "Sends the request and returns the decoded body with the response status and headers."
            .to_owned();
    if let Some(headers) = headers::metadata_docs(operation) {
        metadata_text.push_str("\n\n");
        metadata_text.push_str(&headers);
    }
    let builder = Builder {
        request: &operation.names.request,
        method: &operation.names.method,
        method_docs: docs::attribute_trees(&method_doc_text(operation)),
        request_docs,
        inputs,
        output,
        error: syntax::path_type(syn::Path::from(error.clone())),
        helpers: [filter_setter, sort_setter, validate]
            .into_iter()
            .flatten()
            .collect(),
        metadata_docs: docs::attribute_trees(&metadata_text),
        prepare,
        decode: dispatch(operation, &error)?,
        extra: stream,
    };
    let mut items = builder.items()?;
    items.extend(output_item);
    items.extend(error_items);
    items.extend(headers::header_types(operation, api)?);
    items.extend(filter_types.into_iter().flatten());
    items.extend(sort_type.into_iter().flatten());
    Ok(items)
}

/// A `validate` method that checks every bounded input, or nothing when no input is bounded.
fn validate_method(operation: &Operation, api: &Api) -> Result<Option<syn::ImplItem>, String> {
    let mut checks = Vec::new();
    for input in &operation.inputs {
        let body = validation::check_statements(
            &syntax::name_expression("value"),
            &input.ty,
            &input.constraints,
            &syntax::string_expression(&input.wire_name),
            api,
        )?;
        if body.is_empty() {
            continue;
        }
        let holes = Holes::default()
            .ident("__field", ident(&input.rust_name))
            .statements("__body", body);
        let block: syn::Block = if input.is_argument() {
            template::fill(
                "validate: an argument",
                || {
                    quote!({
                        let value = &self.__field;
                        __body!();
                    })
                },
                holes,
            )?
        } else {
            template::fill(
                "validate: an optional input",
                || {
                    quote!({
                        if let Some(value) = &self.__field {
                            __body!();
                        }
                    })
                },
                holes,
            )?
        };
        checks.extend(block.stmts);
    }
    if checks.is_empty() {
        return Ok(None);
    }
    let method = template::fill(
        "validate method",
        || {
            let violation = paths::runtime("Violation");
            quote! {
                /// Checks every input against the spec's bounds.
                fn validate(&self) -> Result<(), #violation> {
                    __checks!();
                    Ok(())
                }
            }
        },
        Holes::default().statements("__checks", checks),
    )?;
    Ok(Some(method))
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
