//! String enums that keep unknown values, and `oneOf`/`anyOf` unions.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{Prelude, Wrapping, ident, prelude, rust_type, serde_as};
use crate::ir::{Api, StringEnum, TypeDef, Union};

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
        .map(|value| format!(" `{}`", value.replace('`', "'")));
    quote! {
        #type_docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #[doc = #variant_docs] #variants, )*
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

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
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
    let mut payloads: Vec<(proc_macro2::Ident, TokenStream, bool)> = Vec::new();
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
            payloads.push((variant_name.clone(), ty, variant.boxed));
            let variant_docs = format!(" The `{}` shape.", variant.rust_name);
            quote!(#[doc = #variant_docs] #variant_name(#adapter #held))
        })
        .collect();
    let serde_as_attribute = uses_serde_as.then(|| quote!(#[::serde_with::serde_as]));
    let conversions = conversions(&name, &payloads);
    quote! {
        #type_docs
        #serde_as_attribute
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants,)*
        }
        #(#conversions)*
    }
}

/// `From<T>` for each variant whose payload type no other variant shares, so a caller can write
/// `"text".to_owned().into()`.
fn conversions(
    name: &proc_macro2::Ident,
    payloads: &[(proc_macro2::Ident, TokenStream, bool)],
) -> Vec<TokenStream> {
    let mut uses: HashMap<String, usize> = HashMap::new();
    for (_, ty, _) in payloads {
        *uses.entry(ty.to_string()).or_default() += 1;
    }
    payloads
        .iter()
        .filter(|(_, ty, _)| uses.get(&ty.to_string()) == Some(&1))
        // `From<Self>` already exists for every type.
        .filter(|(_, ty, _)| *name != ty.to_string())
        .map(|(variant, ty, boxed)| {
            let value = if *boxed {
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
