//! How a union reads itself. The value is read once into a JSON value; then
//! - with a `discriminator`, its tag selects the one variant that reads it (an unknown tag tries the
//!   variants no tag selects, then keeps the object in the unknown variant);
//! - without one, each variant is tried in spec order, but only if the value has the variant's
//!   shape on its surface: its JSON type, the properties a struct requires, and the JSON type of
//!   its properties of plain types. A variant that cannot fit is never decoded, so a server cannot
//!   make nested unions retry each other's subtrees (what serde's `untagged` does, exponentially in
//!   the depth when variants share a recursive field).

use proc_macro2::TokenStream;
use quote::quote;

use super::paths;
use super::types::ident;
use super::unions::Payload;
use crate::ir::{Api, Discriminator, Struct, TypeDef, TypeKind, TypeRef, Union};

/// `Deserialize` by the tag.
pub fn tagged(
    name: &proc_macro2::Ident,
    body: &Union,
    discriminator: &Discriminator,
    payloads: &[Payload],
    api: &Api,
) -> TokenStream {
    let de = paths::codegen("de");
    let property = discriminator.property.as_str();
    let unknown = ident(&discriminator.unknown_variant);
    // Tags of one variant share an arm, in the order of their first tag.
    let mut arms: Vec<(usize, Vec<&str>)> = Vec::new();
    for (tag, slot) in &discriminator.tags {
        match arms.iter_mut().find(|(armed, _)| armed == slot) {
            Some((_, tags)) => tags.push(tag),
            None => arms.push((*slot, vec![tag])),
        }
    }
    let arms = arms.into_iter().map(|(slot, tags)| {
        let payload = &payloads[slot];
        let variant = &payload.variant;
        let read = match &payload.adapter {
            Some(adapter) => quote!(#de::tagged_as::<_, #adapter, _>(&value)),
            None => quote!(#de::tagged(&value)),
        };
        let wrap = if payload.boxed {
            quote!(|variant| Self::#variant(::std::boxed::Box::new(variant)))
        } else {
            quote!(Self::#variant)
        };
        quote!(::std::option::Option::Some(#(#tags)|*) => #read.map(#wrap),)
    });
    let fallbacks = discriminator
        .untagged
        .iter()
        .map(|&slot| attempt(&payloads[slot], &body.variants[slot].ty, api));
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                match #de::tag(&value, #property) {
                    #(#arms)*
                    _ => {
                        #(#fallbacks)*
                        ::std::result::Result::Ok(Self::#unknown(value))
                    }
                }
            }
        }
    }
}

/// `Deserialize` by trying, in order, each variant whose shape the value has.
pub fn untagged(def: &TypeDef, body: &Union, payloads: &[Payload], api: &Api) -> TokenStream {
    let name = ident(&def.name);
    let attempts = payloads
        .iter()
        .zip(&body.variants)
        .map(|(payload, variant)| attempt(payload, &variant.ty, api));
    let expected = format!("the value has none of the shapes of `{}`", def.name);
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #(#attempts)*
                ::std::result::Result::Err(<__D::Error as ::serde::de::Error>::custom(#expected))
            }
        }
    }
}

/// Returns the variant when the value has its shape and reads as it.
fn attempt(payload: &Payload, ty: &TypeRef, api: &Api) -> TokenStream {
    let de = paths::codegen("de");
    let variant = &payload.variant;
    let built = if payload.boxed {
        quote!(Self::#variant(::std::boxed::Box::new(variant)))
    } else {
        quote!(Self::#variant(variant))
    };
    let shape = shape(ty, api);
    let read = match &payload.adapter {
        Some(adapter) => quote!(#de::variant_as::<_, #adapter>(&value, &#shape)),
        None => quote!(#de::variant(&value, &#shape)),
    };
    quote! {
        if let ::std::option::Option::Some(variant) = #read {
            return ::std::result::Result::Ok(#built);
        }
    }
}

/// The surface of a value of `ty`, as a `sdkgen_runtime::de::Shape`.
fn shape(ty: &TypeRef, api: &Api) -> TokenStream {
    let de = paths::codegen("de");
    let kind = kind(ty, api);
    let (required, typed) = match struct_of(ty, api) {
        Some(body) => {
            let required: Vec<&str> = body
                .fields
                .iter()
                .filter(|field| !field.is_optional())
                .map(|field| field.wire_name.as_str())
                .collect();
            let typed: Vec<TokenStream> = body
                .fields
                .iter()
                .filter_map(|field| {
                    let field_kind = plain_kind(&field.ty, api)?;
                    let wire = field.wire_name.as_str();
                    Some(quote!((#wire, #de::Kind::#field_kind)))
                })
                .collect();
            (required, typed)
        }
        None => (Vec::new(), Vec::new()),
    };
    if required.is_empty() && typed.is_empty() {
        return quote!(#de::Shape::plain(#de::Kind::#kind));
    }
    quote!(#de::Shape { kind: #de::Kind::#kind, required: &[#(#required),*], typed: &[#(#typed),*] })
}

/// The struct a type is, through aliases and newtypes.
fn struct_of<'a>(ty: &'a TypeRef, api: &'a Api) -> Option<&'a Struct> {
    let mut current = api.resolve_alias(ty);
    for _ in 0..16 {
        let TypeRef::Named(id) = current else {
            return None;
        };
        match &api.type_def(*id).kind {
            TypeKind::Struct(body) => return Some(body),
            TypeKind::Newtype(inner) => current = api.resolve_alias(&inner.ty),
            _ => return None,
        }
    }
    None
}

/// The JSON type of a value of `ty`; `Any` when it may be several (a union, any JSON).
fn kind(ty: &TypeRef, api: &Api) -> proc_macro2::Ident {
    if let Some(kind) = plain_kind(ty, api) {
        return kind;
    }
    let name = match api.resolve_alias(ty) {
        TypeRef::Vec(_) => "Array",
        TypeRef::Map(_) | TypeRef::Object => "Object",
        TypeRef::Named(_) if struct_of(ty, api).is_some() => "Object",
        _ => "Any",
    };
    quote::format_ident!("{name}")
}

/// The JSON type of a plain value (a string, a number, a boolean), checked on a struct's fields.
fn plain_kind(ty: &TypeRef, api: &Api) -> Option<proc_macro2::Ident> {
    let name = match api.resolve_alias(ty) {
        TypeRef::String | TypeRef::DateTime => "String",
        TypeRef::Bool => "Boolean",
        TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => "Integer",
        TypeRef::F32 | TypeRef::F64 => "Number",
        TypeRef::Named(id) if matches!(api.type_def(*id).kind, TypeKind::Enum(_)) => "String",
        _ => return None,
    };
    Some(quote::format_ident!("{name}"))
}
