//! `oneOf`/`anyOf` unions: an enum with a variant per shape, written as the shape it holds, read as
//! `union_decoding` says.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{ModelPath, Prelude, Wrapping, ident, prelude, rust_type, serde_as};
use super::union_decoding;
use crate::ir::{Api, TypeDef, TypeId, TypeRef, Union};

/// A union: its enum, its `Deserialize`, and a `From` for each payload type only it holds.
pub fn union(def: &TypeDef, body: &Union, api: &Api) -> TokenStream {
    let name = ident(&def.name);
    let type_docs = docs::type_attributes(def);
    let mut uses_serde_as = false;
    let mut payloads: Vec<Payload> = Vec::new();
    let variants: Vec<TokenStream> = body
        .variants
        .iter()
        .map(|variant| {
            let variant_name = ident(&variant.rust_name);
            let ty = rust_type(&variant.ty, api, ModelPath::Bare);
            let held = if variant.boxed {
                let boxed = prelude(api, Prelude::Box);
                quote!(#boxed<#ty>)
            } else {
                ty.clone()
            };
            let wrapping = Wrapping {
                boxed: variant.boxed,
                optional: false,
            };
            let adapter = serde_as(&variant.ty, wrapping, api)
                .map(|adapter| quote!(#[serde_as(as = #adapter)]));
            uses_serde_as |= adapter.is_some();
            let unboxed = Wrapping {
                boxed: false,
                optional: false,
            };
            payloads.push(Payload {
                variant: variant_name.clone(),
                ty,
                key: api.resolve_alias(&variant.ty).clone(),
                boxed: variant.boxed,
                // The generator's own text: it parses.
                adapter: serde_as(&variant.ty, unboxed, api)
                    .and_then(|adapter| syn::parse_str(&adapter).ok()),
            });
            let variant_docs = docs::attributes(&format!("The `{}` shape.", variant.rust_name));
            quote!(#variant_docs #variant_name(#adapter #held))
        })
        .collect();
    let serde_as_attribute = uses_serde_as.then(|| quote!(#[::serde_with::serde_as]));
    let (unknown, decoding) = match &body.discriminator {
        Some(discriminator) => {
            let unknown = ident(&discriminator.unknown_variant);
            let docs = docs::attributes(&format!(
                "An object whose `{}` this version does not know, kept as it came.",
                discriminator.property.replace('`', "'")
            ));
            (
                Some(quote!(#docs #unknown(::serde_json::Value),)),
                union_decoding::tagged(&name, body, discriminator, &payloads, api),
            )
        }
        None => (None, union_decoding::untagged(def, body, &payloads, api)),
    };
    let own = api
        .types
        .iter()
        .position(|other| std::ptr::eq(other, def))
        .map_or(TypeRef::Any, |index| TypeRef::Named(TypeId(index)));
    let conversions = conversions(&name, own, &payloads);
    quote! {
        #type_docs
        #serde_as_attribute
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
            #unknown
        }
        #decoding
        #(#conversions)*
    }
}

/// A variant's payload: its Rust type, and that type with aliases resolved, which is what two
/// variants must not share for both to have a `From`.
pub(super) struct Payload {
    pub variant: proc_macro2::Ident,
    pub ty: TokenStream,
    pub key: TypeRef,
    pub boxed: bool,
    /// How the payload reads and writes itself when not as serde does (a date-time as RFC 3339).
    pub adapter: Option<syn::Type>,
}

/// `From<T>` for each variant whose payload type no other variant shares (aliases resolved), and
/// `From<&str>` for a text variant, so a caller can write `"text".into()`.
fn conversions(name: &proc_macro2::Ident, own: TypeRef, payloads: &[Payload]) -> Vec<TokenStream> {
    payloads
        .iter()
        .filter(|payload| {
            payloads
                .iter()
                .filter(|other| other.key == payload.key)
                .count()
                == 1
        })
        // `From<Self>` already exists for every type.
        .filter(|payload| payload.key != own)
        .map(|payload| {
            let (variant, ty) = (&payload.variant, &payload.ty);
            let value = if payload.boxed {
                quote!(::std::boxed::Box::new(value))
            } else {
                quote!(value)
            };
            let text =
                (payload.key == TypeRef::String && !payload.boxed && payload.adapter.is_none())
                    .then(|| {
                        quote! {
                            impl ::std::convert::From<&str> for #name {
                                fn from(value: &str) -> Self {
                                    Self::#variant(::std::borrow::ToOwned::to_owned(value))
                                }
                            }
                        }
                    });
            quote! {
                impl ::std::convert::From<#ty> for #name {
                    fn from(value: #ty) -> Self {
                        Self::#variant(#value)
                    }
                }
                #text
            }
        })
        .collect()
}
