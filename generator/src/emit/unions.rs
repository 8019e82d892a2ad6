//! `oneOf`/`anyOf` unions: decoded by their discriminator's tag when they have one (reading the
//! object once, then only the variant it names), else by trying each documented shape in order.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::paths;
use super::types::{Prelude, Wrapping, ident, prelude, rust_type, serde_as};
use crate::ir::{Api, Discriminator, TypeDef, TypeId, TypeRef, Union};

/// A union decoded by trying each documented shape in spec order.
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
            let ty = rust_type(&variant.ty, api, &TokenStream::new());
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
            payloads.push(Payload {
                variant: variant_name.clone(),
                ty,
                key: api.resolve_alias(&variant.ty).clone(),
                boxed: variant.boxed,
            });
            let variant_docs = docs::attributes(&format!("The `{}` shape.", variant.rust_name));
            quote!(#variant_docs #variant_name(#adapter #held))
        })
        .collect();
    let serde_as_attribute = uses_serde_as.then(|| quote!(#[::serde_with::serde_as]));
    let (derives, unknown, decoding) = match &body.discriminator {
        Some(discriminator) => {
            let unknown = ident(&discriminator.unknown_variant);
            let docs = docs::attributes(&format!(
                "An object whose `{}` this version does not know, kept as it came.",
                discriminator.property.replace('`', "'")
            ));
            (
                quote!(::serde::Serialize),
                Some(quote!(#docs #unknown(::serde_json::Value),)),
                tagged_decoding(&name, body, discriminator, &payloads),
            )
        }
        None => (
            quote!(::serde::Serialize, ::serde::Deserialize),
            None,
            TokenStream::new(),
        ),
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
        #[derive(Clone, Debug, PartialEq, #derives)]
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

/// `Deserialize` by the tag: the object is read once into a JSON value, its tag property selects
/// the variant, and only that variant reads it. An unknown tag tries the variants no tag selects,
/// then keeps the object in the unknown variant, so a kind added to the API later is not an error.
fn tagged_decoding(
    name: &proc_macro2::Ident,
    body: &Union,
    discriminator: &Discriminator,
    payloads: &[Payload],
) -> TokenStream {
    let de = paths::runtime("de");
    let property = discriminator.property.as_str();
    let unknown = ident(&discriminator.unknown_variant);
    let construct = |slot: usize, value: TokenStream| {
        let variant = &payloads[slot].variant;
        if body.variants[slot].boxed {
            quote!(Self::#variant(::std::boxed::Box::new(#value)))
        } else {
            quote!(Self::#variant(#value))
        }
    };
    // Tags of one variant share an arm, in the order of their first tag.
    let mut arms: Vec<(usize, Vec<&str>)> = Vec::new();
    for (tag, slot) in &discriminator.tags {
        match arms.iter_mut().find(|(armed, _)| armed == slot) {
            Some((_, tags)) => tags.push(tag),
            None => arms.push((*slot, vec![tag])),
        }
    }
    let arms = arms.into_iter().map(|(slot, tags)| {
        let variant = &payloads[slot].variant;
        let wrap = if body.variants[slot].boxed {
            quote!(|variant| Self::#variant(::std::boxed::Box::new(variant)))
        } else {
            quote!(Self::#variant)
        };
        quote!(::std::option::Option::Some(#(#tags)|*) => #de::tagged(&value).map(#wrap),)
    });
    let fallbacks = discriminator.untagged.iter().map(|&slot| {
        let built = construct(slot, quote!(variant));
        quote! {
            if let ::std::option::Option::Some(variant) = #de::try_variant(&value) {
                return ::std::result::Result::Ok(#built);
            }
        }
    });
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

/// A variant's payload: its Rust type, and that type with aliases resolved, which is what two
/// variants must not share for both to have a `From`.
struct Payload {
    variant: proc_macro2::Ident,
    ty: TokenStream,
    key: TypeRef,
    boxed: bool,
}

/// `From<T>` for each variant whose payload type no other variant shares (aliases resolved), so a
/// caller can write `"text".to_owned().into()`.
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
            quote! {
                impl ::std::convert::From<#ty> for #name {
                    fn from(value: #ty) -> Self {
                        Self::#variant(#value)
                    }
                }
            }
        })
        .collect()
}
