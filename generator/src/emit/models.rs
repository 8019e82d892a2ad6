//! The models file: one Rust type per named type of the IR.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::enums::string_enum;
use super::features;
use super::types::{DateTimeCodec, Prelude, Wrapping, date_time_codec, ident, prelude, rust_type};
use super::unions::union;
use crate::ir::{Api, Field, Newtype, Struct, TypeDef, TypeKind, TypeRef, UnionField};
use crate::render::{FileTokens, ItemTokens};

/// The contents of the models module.
pub fn models(api: &Api) -> FileTokens<'_> {
    FileTokens {
        inner: quote! {
            //! The API's models: one type for each schema of the spec.
            #![allow(clippy::large_enum_variant, clippy::enum_variant_names)]
        },
        count: api.types.len(),
        item: Box::new(move |position| {
            let Some(&index) = api.reading_order.get(position) else {
                return TokenStream::new().into();
            };
            let def = &api.types[index];
            let items = match &def.kind {
                TypeKind::Struct(body) => structure(def, body, api),
                TypeKind::Enum(body) => string_enum(def, body, api),
                TypeKind::Union(body) => union(def, body, api),
                TypeKind::Alias(target) => alias(def, target, api),
                TypeKind::Newtype(body) => newtype(def, body, api),
            };
            ItemTokens {
                tokens: items,
                trees: Vec::new(),
                cfg: features::type_cfg(api, index),
            }
        }),
    }
}

/// The type as the field holds it: boxed when it closes a loop, optional when absent or `null` is
/// allowed. Named types are prefixed with `models` (empty inside the models module).
pub(super) fn field_type(field: &Field, api: &Api, models: &TokenStream) -> TokenStream {
    let ty = rust_type(&field.ty, api, models);
    let ty = if field.boxed {
        let boxed = prelude(api, Prelude::Box);
        quote!(#boxed<#ty>)
    } else {
        ty
    };
    if field.is_optional() {
        let option = prelude(api, Prelude::Option);
        quote!(#option<#ty>)
    } else {
        ty
    }
}

/// The flattened union as the struct holds it: boxed when it closes a loop.
fn union_type(union: &UnionField, api: &Api) -> TokenStream {
    let ty = rust_type(&union.ty, api, &TokenStream::new());
    if union.boxed {
        let boxed = prelude(api, Prelude::Box);
        quote!(#boxed<#ty>)
    } else {
        ty
    }
}

fn structure(def: &TypeDef, body: &Struct, api: &Api) -> TokenStream {
    let name = ident(&def.name);
    let type_docs = docs::type_attributes(def);
    let mut uses_serde_as = false;
    let fields: Vec<TokenStream> = body
        .fields
        .iter()
        .map(|field| {
            let wrapping = Wrapping {
                boxed: field.boxed,
                optional: field.is_optional(),
            };
            let codec = date_time_codec(&field.ty, wrapping, api);
            uses_serde_as |= matches!(codec, Some(DateTimeCodec::SerdeAs(_)));
            struct_field(field, codec, api)
        })
        .collect();
    let additional = body.additional.as_ref().map(|extra| {
        let field_name = ident(&extra.rust_name);
        let value = rust_type(&extra.value, api, &TokenStream::new());
        let string = prelude(api, Prelude::String);
        quote! {
            /// Properties beyond the named ones.
            #[serde(flatten)]
            pub #field_name: ::std::collections::BTreeMap<#string, #value>,
        }
    });
    let union = body.union.as_ref().map(|union| {
        let field_name = ident(&union.rust_name);
        let ty = union_type(union, api);
        quote! {
            /// Which of its shapes the rest of the object is.
            #[serde(flatten)]
            pub #field_name: #ty,
        }
    });
    // A struct whose fields may all be absent can be built with `..Default::default()`.
    let default = (body.union.is_none() && body.fields.iter().all(|field| !field.required))
        .then(|| quote!(Default,));
    let serde_as_attribute = uses_serde_as.then(|| quote!(#[::serde_with::serde_as]));
    let construction = construction(def, body, api, default.is_some());
    quote! {
        #type_docs
        #serde_as_attribute
        #[derive(Clone, Debug, #default PartialEq, ::serde::Serialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #union
            #additional
        }

        #construction
    }
}

/// `new` with the fields a value must have (none when the struct has nothing it must have: then
/// `Default` builds it), and a `with_` setter for each one it may lack that a caller sends (a
/// read-only field is the server's, still a public field for a test to fill): the struct is
/// `#[non_exhaustive]`, so a field added later does not break callers.
fn construction(def: &TypeDef, body: &Struct, api: &Api, has_default: bool) -> TokenStream {
    let name = ident(&def.name);
    let mut parameters = Vec::new();
    let mut initializers = Vec::new();
    let mut setters = Vec::new();
    let (some, none, into, boxed) = (
        prelude(api, Prelude::Some),
        prelude(api, Prelude::None),
        prelude(api, Prelude::Into),
        prelude(api, Prelude::Box),
    );
    for field in &body.fields {
        let field_name = ident(&field.rust_name);
        let ty = rust_type(&field.ty, api, &TokenStream::new());
        let value = if field.boxed {
            quote!(#boxed::new(#field_name.into()))
        } else {
            quote!(#field_name.into())
        };
        if field.is_optional() {
            initializers.push(quote!(#field_name: #none));
            if field.read_only {
                continue;
            }
            let setter = ident(&field.setter);
            let docs = docs::attributes(&format!("Sets `{}`.", field.wire_name.replace('`', "'")));
            setters.push(quote! {
                #docs
                pub fn #setter(mut self, #field_name: impl #into<#ty>) -> Self {
                    self.#field_name = #some(#value);
                    self
                }
            });
        } else {
            parameters.push(quote!(#field_name: impl #into<#ty>));
            initializers.push(quote!(#field_name: #value));
        }
    }
    if let Some(union) = &body.union {
        let field_name = ident(&union.rust_name);
        let ty = rust_type(&union.ty, api, &TokenStream::new());
        parameters.push(quote!(#field_name: impl #into<#ty>));
        initializers.push(if union.boxed {
            quote!(#field_name: #boxed::new(#field_name.into()))
        } else {
            quote!(#field_name: #field_name.into())
        });
    }
    if let Some(extra) = &body.additional {
        let field_name = ident(&extra.rust_name);
        initializers.push(quote!(#field_name: ::std::collections::BTreeMap::new()));
    }
    let docs = docs::attributes(&format!(
        "A `{}` with the fields it must have; the others are absent until set.",
        def.name
    ));
    // Clippy's limit is seven; a schema may require more fields than that.
    let many = (parameters.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let new = (!has_default).then(|| {
        quote! {
            #docs
            #many
            pub fn new(#(#parameters),*) -> Self {
                Self { #(#initializers),* }
            }
        }
    });
    if new.is_none() && setters.is_empty() {
        return TokenStream::new();
    }
    quote! {
        impl #name {
            #new
            #(#setters)*
        }
    }
}

fn struct_field(field: &Field, codec: Option<DateTimeCodec>, api: &Api) -> TokenStream {
    let name = ident(&field.rust_name);
    let ty = field_type(field, api, &TokenStream::new());
    let mut serde_args = Vec::new();
    if field.rust_name.trim_start_matches("r#") != field.wire_name {
        let wire = &field.wire_name;
        serde_args.push(quote!(rename = #wire));
    }
    if !field.required {
        serde_args.push(quote!(
            skip_serializing_if = "::std::option::Option::is_none"
        ));
    }
    let adapter = match codec {
        Some(DateTimeCodec::With(module)) => {
            serde_args.push(quote!(with = #module));
            None
        }
        Some(DateTimeCodec::SerdeAs(adapter)) => Some(quote!(#[serde_as(as = #adapter)])),
        None => None,
    };
    let serde_attribute = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
    let fallback = format!("The `{}` property.", field.wire_name);
    let field_docs = docs::attributes(&docs::render(&field.docs, &field_notes(field), &fallback));
    quote! {
        #field_docs
        #adapter
        #serde_attribute
        pub #name: #ty,
    }
}

/// What a reader of the field should know beyond its description.
fn field_notes(field: &Field) -> Vec<String> {
    let mut notes = Vec::new();
    if field.read_only {
        notes.push("Read-only: set by the server and ignored in requests.".to_owned());
    }
    if field.write_only {
        notes.push("Write-only: sent in requests and never returned.".to_owned());
    }
    if field.docs.deprecated {
        notes.push("Deprecated.".to_owned());
    }
    if let Some(bounds) = docs::constraint_text(&field.constraints) {
        notes.push(bounds);
    }
    notes
}

fn alias(def: &TypeDef, target: &TypeRef, api: &Api) -> TokenStream {
    let name = ident(&def.name);
    let type_docs = docs::type_attributes(def);
    let target = rust_type(target, api, &TokenStream::new());
    quote! {
        #type_docs
        pub type #name = #target;
    }
}

fn newtype(def: &TypeDef, body: &Newtype, api: &Api) -> TokenStream {
    let name = ident(&def.name);
    let type_docs = docs::type_attributes(def);
    let inner = rust_type(&body.ty, api, &TokenStream::new());
    let inner = if body.boxed {
        let boxed = prelude(api, Prelude::Box);
        quote!(#boxed<#inner>)
    } else {
        inner
    };
    let wrapping = Wrapping {
        boxed: body.boxed,
        optional: false,
    };
    let (serde_as_attribute, adapter) = match date_time_codec(&body.ty, wrapping, api) {
        Some(DateTimeCodec::With(module)) => (None, Some(quote!(#[serde(with = #module)]))),
        Some(DateTimeCodec::SerdeAs(adapter)) => (
            Some(quote!(#[::serde_with::serde_as])),
            Some(quote!(#[serde_as(as = #adapter)])),
        ),
        None => (None, None),
    };
    quote! {
        #type_docs
        #serde_as_attribute
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct #name(#adapter pub #inner);
    }
}
