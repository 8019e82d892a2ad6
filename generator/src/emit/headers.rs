//! The response headers an operation documents: a type for each, which names the header and
//! decodes its text, read with `response.header::<T>()` from what `send_with_metadata` returns or
//! from an error.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::paths;
use super::responses::status_text;
use super::syntax;
use super::template::{self, Holes};
use super::types::{ModelPath, ident, rust_type, type_tree};
use super::validation;
use crate::ir::{Api, DocumentedHeader, HeaderValue, Operation, TextForm, TypeRef};

/// The header types of `operation`, with their `DocumentedHeader` impls. Most operations document
/// a header or two, so each is a copy of a template named by how its value is decoded; a header
/// with bounds to check is parsed.
pub fn header_types(operation: &Operation, api: &Api) -> Result<Vec<syn::Item>, String> {
    let mut items = Vec::new();
    for header in &operation.headers {
        let docs = docs::attribute_trees(&header_docs(operation, header));
        let mut made = match checked_header(header, api)? {
            Some(tokens) => syn::parse2::<syn::File>(tokens)
                .map_err(|error| format!("the header type `{}`: {error}", header.type_name))?,
            None => unchecked_header(header, api)?,
        };
        if let Some(syn::Item::Struct(definition)) = made.items.first_mut() {
            definition.attrs.splice(0..0, docs);
        }
        items.append(&mut made.items);
    }
    Ok(items)
}

/// A header's type and impl without checks, from the template for how its value is decoded.
fn unchecked_header(header: &DocumentedHeader, api: &Api) -> Result<syn::File, String> {
    let kind = match &header.value {
        HeaderValue::One(_, form) => format!("one value, {form:?}"),
        HeaderValue::List(_, form) => format!("a list, {form:?}"),
        HeaderValue::Text => "text".to_owned(),
    };
    let mut holes = Holes::default()
        .ident("__Header", ident(&header.type_name))
        .text("__NAME", &header.name);
    if let (Some(item), Some(value)) = (item_type(&header.value), value_type(&header.value)) {
        holes = holes
            .ty("__Item", type_tree(item, api, ModelPath::Imported))
            .ty("__Value", type_tree(&value, api, ModelPath::Imported));
    }
    template::fill(
        &format!("header type: {kind}"),
        || {
            let decode = decoder(&header.value, quote!(__Item));
            let value = match header.value {
                HeaderValue::Text => quote!(String),
                _ => quote!(__Value),
            };
            type_and_impl(quote!(__Header), quote!("__NAME"), value, decode)
        },
        holes,
    )
}

/// A header's type and impl whose value is checked against its bounds once decoded, as tokens;
/// `None` when it has no bounds.
fn checked_header(header: &DocumentedHeader, api: &Api) -> Result<Option<TokenStream>, String> {
    let Some(ty) = value_type(&header.value) else {
        return Ok(None);
    };
    let wire = header.name.as_str();
    let checks = validation::checks(
        &syntax::name_expression("value"),
        &ty,
        &header.constraints,
        &syntax::string_expression(wire),
        api,
    )?;
    if checks.is_empty() {
        return Ok(None);
    }
    let Some(item) = item_type(&header.value) else {
        return Ok(None);
    };
    let decode = decoder(&header.value, rust_type(item, api, ModelPath::Imported));
    let value = rust_type(&ty, api, ModelPath::Imported);
    let header_module = paths::imported_codegen("header");
    let decode = quote!(#header_module::checked(#decode?, |value| { #checks Ok(()) }));
    let name = ident(&header.type_name);
    Ok(Some(type_and_impl(
        quote!(#name),
        quote!(#wire),
        value,
        decode,
    )))
}

/// The unit struct that names a header, and its `DocumentedHeader` impl.
fn type_and_impl(
    name: TokenStream,
    wire: TokenStream,
    value: TokenStream,
    decode: TokenStream,
) -> TokenStream {
    let documented = paths::runtime("DocumentedHeader");
    quote! {
        #[derive(Clone, Copy, Debug)]
        pub struct #name;

        impl #documented for #name {
            const NAME: &'static str = #wire;
            type Value = #value;
            fn decode(text: &str) -> Result<#value, String> {
                #decode
            }
        }
    }
}

/// What `send_with_metadata`'s docs say of the documented headers, when there are any.
pub fn metadata_docs(operation: &Operation) -> Option<String> {
    let names: Vec<String> = operation
        .headers
        .iter()
        .map(|header| format!("[`{}`]", header.type_name))
        .collect();
    let first = operation.headers.first()?;
    Some(format!(
        "The headers the spec documents are read as their types: {} (`response.header::<{}>()`).",
        names.join(", "),
        first.type_name
    ))
}

fn header_docs(operation: &Operation, header: &DocumentedHeader) -> String {
    let statuses: Vec<String> = header
        .statuses
        .iter()
        .map(|status| format!("`{}`", status_text(*status)))
        .collect();
    let mut text = format!(
        "The `{}` response header of `{}` (documented on {}), read with `header::<{}>()` from its response or its error.",
        header.name.replace('`', "'"),
        operation.id.replace('`', "'"),
        statuses.join(", "),
        header.type_name
    );
    if let Some(description) = &header.description {
        text.push_str("\n\n");
        text.push_str(&docs::sanitize(description));
    }
    if header.value == HeaderValue::Text {
        text.push_str("\n\nIts text as sent: the spec gives it no type with a text form of one.");
    }
    text
}

/// The expression that decodes `text` to a header's value, with `item` the type of the value
/// (or of each item of a list).
fn decoder(value: &HeaderValue, item: TokenStream) -> TokenStream {
    let decode = paths::imported_codegen("header");
    match value {
        HeaderValue::One(_, form) => {
            let decoder = item_decoder(&item, *form);
            quote!(#decoder(text))
        }
        HeaderValue::List(_, form) => {
            let decoder = item_decoder(&item, *form);
            quote!(#decode::list(text, #decoder))
        }
        HeaderValue::Text => quote!(#decode::text(text)),
    }
}

/// The type of one value of a header, or of each item of a list: none for text as sent.
fn item_type(value: &HeaderValue) -> Option<&TypeRef> {
    match value {
        HeaderValue::One(item, _) | HeaderValue::List(item, _) => Some(item),
        HeaderValue::Text => None,
    }
}

/// The type of a header's value, which its bounds are checked against: none for text as sent.
fn value_type(value: &HeaderValue) -> Option<TypeRef> {
    match value {
        HeaderValue::One(ty, _) => Some(ty.clone()),
        HeaderValue::List(item, _) => Some(TypeRef::Vec(Box::new(item.clone()))),
        HeaderValue::Text => None,
    }
}

/// The runtime function that decodes one value of type `ty` written in `form`.
fn item_decoder(ty: &TokenStream, form: TextForm) -> TokenStream {
    let decode = paths::imported_codegen("header");
    match form {
        TextForm::Display => quote!(#decode::parsed::<#ty>),
        TextForm::DateTime => quote!(#decode::date_time),
        TextForm::Json => quote!(#decode::json::<#ty>),
    }
}
