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
use super::syntax;
use super::template::{self, Holes};
use super::types::ident;
use super::unions::Payload;
use crate::ir::{Api, Discriminator, Struct, TypeDef, TypeKind, TypeRef, Union};

/// `Deserialize` by the tag. Tagged unions are rare: the impl is written as tokens and parsed.
pub fn tagged(
    name: &proc_macro2::Ident,
    body: &Union,
    discriminator: &Discriminator,
    payloads: &[Payload],
    api: &Api,
) -> Result<syn::Item, String> {
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
    let mut fallbacks = Vec::new();
    for &slot in &discriminator.untagged {
        fallbacks.push(attempt(&payloads[slot], &body.variants[slot].ty, api)?);
    }
    let tokens = quote! {
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
    };
    syn::parse2(tokens).map_err(|error| format!("the union's `Deserialize`: {error}"))
}

/// `Deserialize` by trying, in order, each variant whose shape the value has.
pub fn untagged(
    def: &TypeDef,
    body: &Union,
    payloads: &[Payload],
    api: &Api,
) -> Result<syn::Item, String> {
    let mut attempts = Vec::new();
    for (payload, variant) in payloads.iter().zip(&body.variants) {
        attempts.push(attempt(payload, &variant.ty, api)?);
    }
    let expected = format!("the value has none of the shapes of `{}`", def.name);
    let holes = Holes::default()
        .ty("__Name", syntax::named_type(&def.name))
        .statements("__attempts", attempts)
        .text("__EXPECTED", &expected);
    template::fill(
        "union decoding, untagged",
        || {
            quote! {
                impl<'de> ::serde::Deserialize<'de> for __Name {
                    fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                        let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                        __attempts!();
                        ::std::result::Result::Err(<__D::Error as ::serde::de::Error>::custom("__EXPECTED"))
                    }
                }
            }
        },
        holes,
    )
}

/// Returns the variant when the value has its shape and reads as it.
fn attempt(payload: &Payload, ty: &TypeRef, api: &Api) -> Result<syn::Stmt, String> {
    let de = || paths::codegen("de");
    let shape = shape(ty, api)?;
    let read: syn::Expr = match &payload.adapter {
        Some(adapter) => template::fill(
            "union attempt: read with an adapter",
            || {
                let de = de();
                quote!(#de::variant_as::<_, __Adapter>(&value, &__shape))
            },
            Holes::default()
                .ty("__Adapter", adapter.clone())
                .expr("__shape", shape),
        )?,
        None => template::fill(
            "union attempt: read",
            || {
                let de = de();
                quote!(#de::variant(&value, &__shape))
            },
            Holes::default().expr("__shape", shape),
        )?,
    };
    let holes = Holes::default()
        .ident("__Variant", payload.variant.clone())
        .expr("__read", read);
    if payload.boxed {
        template::fill(
            "union attempt, boxed",
            || attempt_template(quote!(Self::__Variant(::std::boxed::Box::new(variant)))),
            holes,
        )
    } else {
        template::fill(
            "union attempt",
            || attempt_template(quote!(Self::__Variant(variant))),
            holes,
        )
    }
}

fn attempt_template(built: TokenStream) -> TokenStream {
    quote! {
        if let ::std::option::Option::Some(variant) = __read {
            return ::std::result::Result::Ok(#built);
        }
    }
}

/// The surface of a value of `ty`, as a `sdkgen_runtime::de::Shape`.
fn shape(ty: &TypeRef, api: &Api) -> Result<syn::Expr, String> {
    let de = || paths::codegen("de");
    let kind = kind(ty, api);
    let (required, typed) = match struct_of(ty, api) {
        Some(body) => {
            let required: Vec<syn::Expr> = body
                .fields
                .iter()
                .filter(|field| !field.is_optional())
                .map(|field| syntax::string_expression(&field.wire_name))
                .collect();
            let mut typed = Vec::new();
            for field in &body.fields {
                let Some(field_kind) = plain_kind(&field.ty, api) else {
                    continue;
                };
                typed.push(template::fill(
                    "union shape: a field's kind",
                    || {
                        let de = de();
                        quote!(("__WIRE", #de::Kind::__Kind))
                    },
                    Holes::default()
                        .text("__WIRE", &field.wire_name)
                        .ident("__Kind", field_kind),
                )?);
            }
            (required, typed)
        }
        None => (Vec::new(), Vec::new()),
    };
    if required.is_empty() && typed.is_empty() {
        return template::fill(
            "union shape: plain",
            || {
                let de = de();
                quote!(#de::Shape::plain(#de::Kind::__Kind))
            },
            Holes::default().ident("__Kind", kind),
        );
    }
    template::fill(
        "union shape",
        || {
            let de = de();
            quote!(#de::Shape { kind: #de::Kind::__Kind, required: &__required, typed: &__typed })
        },
        Holes::default()
            .ident("__Kind", kind)
            .expr("__required", syntax::array_expression(required))
            .expr("__typed", syntax::array_expression(typed)),
    )
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
