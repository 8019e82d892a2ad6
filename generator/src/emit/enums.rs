//! String enums that keep unknown values, and `oneOf`/`anyOf` unions.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{Prelude, Wrapping, ident, prelude, rust_type, serde_as};
use crate::ir::{Api, StringEnum, TypeDef, TypeId, TypeRef, Union};

/// A string enum. Serialization goes through `as_str`/`From<&str>` so a value added to the API after
/// this SDK was generated decodes as the unknown variant instead of failing the whole response.
pub fn string_enum(def: &TypeDef, body: &StringEnum, api: &Api) -> TokenStream {
    let string = prelude(api, Prelude::String);
    let name = ident(&def.name);
    let type_docs = docs::type_attributes(def);
    let unknown = ident(&body.unknown_variant);
    let variants: Vec<_> = body
        .variants
        .iter()
        .map(|variant| ident(&variant.rust_name))
        .collect();
    let wire: Vec<&str> = body
        .variants
        .iter()
        .map(|variant| variant.wire_value.as_str())
        .collect();
    let variant_docs = wire
        .iter()
        .map(|value| docs::attributes(&format!("`{}`", value.replace('`', "'"))));
    quote! {
        #type_docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this version of the SDK does not know, kept as it was received.
            #unknown(#string),
        }

        impl #name {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wire, )*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #wire => Self::#variants, )*
                    other => Self::#unknown(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<#string> for #name {
            fn from(value: #string) -> Self {
                match value.as_str() {
                    #( #wire => Self::#variants, )*
                    _ => Self::#unknown(value),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, ::std::convert::Infallible> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                <#string as ::serde::Deserialize<'de>>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}

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
    let own = api
        .types
        .iter()
        .position(|other| std::ptr::eq(other, def))
        .map_or(TypeRef::Any, |index| TypeRef::Named(TypeId(index)));
    let conversions = conversions(&name, own, &payloads);
    quote! {
        #type_docs
        #serde_as_attribute
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
        }
        #(#conversions)*
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
