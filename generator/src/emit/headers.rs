//! The response headers an operation documents: a type for each, which names the header and
//! decodes its text, read with `response.header::<T>()` from what `send_with_metadata` returns or
//! from an error.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::paths;
use super::responses::status_text;
use super::types::{ModelPath, ident, rust_type};
use super::validation;
use crate::ir::{Api, DocumentedHeader, HeaderValue, Operation, TextForm, TypeRef};

/// The header types of `operation`, with their `DocumentedHeader` impls.
pub fn header_types(operation: &Operation, api: &Api) -> TokenStream {
    let documented = paths::runtime("DocumentedHeader");
    let types = operation.headers.iter().map(|header| {
        let name = ident(&header.type_name);
        let wire = header.name.as_str();
        let (value, mut decode) = value_and_decoder(&header.value, api);
        if let Some(ty) = checked_type(&header.value) {
            let checks = validation::checks(
                &quote!(value),
                &ty,
                &header.constraints,
                &quote!(#wire),
                api,
            );
            if !checks.is_empty() {
                let header = paths::imported_codegen("header");
                decode = quote!(#header::checked(#decode?, |value| { #checks Ok(()) }));
            }
        }
        let header_docs = docs::attributes(&header_docs(operation, header));
        quote! {
            #header_docs
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
    });
    quote!(#(#types)*)
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

/// The Rust type of a header's value and the expression that decodes `text` to it.
fn value_and_decoder(value: &HeaderValue, api: &Api) -> (TokenStream, TokenStream) {
    let decode = paths::imported_codegen("header");
    match value {
        HeaderValue::One(ty, form) => {
            let decoder = item_decoder(ty, *form, api);
            (
                rust_type(ty, api, ModelPath::Imported),
                quote!(#decoder(text)),
            )
        }
        HeaderValue::List(item, form) => {
            let decoder = item_decoder(item, *form, api);
            let list = TypeRef::Vec(Box::new(item.clone()));
            (
                rust_type(&list, api, ModelPath::Imported),
                quote!(#decode::list(text, #decoder)),
            )
        }
        HeaderValue::Text => (quote!(String), quote!(#decode::text(text))),
    }
}

/// The type whose bounds a header's value is checked against: none for text as sent.
fn checked_type(value: &HeaderValue) -> Option<TypeRef> {
    match value {
        HeaderValue::One(ty, _) => Some(ty.clone()),
        HeaderValue::List(item, _) => Some(TypeRef::Vec(Box::new(item.clone()))),
        HeaderValue::Text => None,
    }
}

/// The runtime function that decodes one value of `ty` written in `form`.
fn item_decoder(ty: &TypeRef, form: TextForm, api: &Api) -> TokenStream {
    let decode = paths::imported_codegen("header");
    let ty = rust_type(ty, api, ModelPath::Imported);
    match form {
        TextForm::Display => quote!(#decode::parsed::<#ty>),
        TextForm::DateTime => quote!(#decode::date_time),
        TextForm::Json => quote!(#decode::json::<#ty>),
    }
}
