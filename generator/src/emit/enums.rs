//! String enums that keep unknown values.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{Prelude, ident, prelude};
use crate::ir::{Api, StringEnum, TypeDef};

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
