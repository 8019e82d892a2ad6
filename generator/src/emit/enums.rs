//! String enums that keep unknown values.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::syntax;
use super::template::{self, Holes};
use super::types::{Prelude, ident, prelude_path};
use crate::ir::{Api, StringEnum, TypeDef};

/// A string enum. Serialization goes through `as_str`/`From<&str>` so a value added to the API after
/// this SDK was generated decodes as the unknown variant instead of failing the whole response.
///
/// The enum is built as a syntax tree and its impls are a copy of one template (see
/// [`template`]): enums are the second most common item of a crate, after structs.
pub fn string_enum(def: &TypeDef, body: &StringEnum, api: &Api) -> Result<Vec<syn::Item>, String> {
    let string = syntax::path_type(prelude_path(api, Prelude::String));
    let mut variants: Vec<syn::Variant> = body
        .variants
        .iter()
        .map(|variant| {
            let doc = format!("`{}`", variant.wire_value.replace('`', "'"));
            syntax::variant(docs::attribute_trees(&doc), &variant.rust_name, None)
        })
        .collect();
    let unknown_doc = "A value this version of the SDK does not know, kept as it was received.";
    variants.push(syntax::variant(
        docs::attribute_trees(unknown_doc),
        &body.unknown_variant,
        Some(string.clone()),
    ));
    let mut attrs = docs::type_attribute_trees(def);
    attrs.push(syntax::list_attribute(
        "derive",
        quote!(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord),
    ));
    attrs.push(syntax::non_exhaustive());
    let definition = syntax::public_enum(attrs, &def.name, variants);

    let (mut to_wire, mut from_text, mut from_string) = (Vec::new(), Vec::new(), Vec::new());
    for variant in &body.variants {
        let holes = || {
            Holes::default()
                .ident("__Variant", ident(&variant.rust_name))
                .text("__WIRE", &variant.wire_value)
        };
        to_wire.push(template::fill(
            "string enum, to wire",
            || quote!(Self::__Variant => "__WIRE",),
            holes(),
        )?);
        let from_wire = || quote!("__WIRE" => Self::__Variant,);
        from_text.push(template::fill(
            "string enum, from wire",
            from_wire,
            holes(),
        )?);
        from_string.push(template::fill(
            "string enum, from wire",
            from_wire,
            holes(),
        )?);
    }
    let holes = Holes::default()
        .ty("__Name", syntax::named_type(&def.name))
        .ident("__Unknown", ident(&body.unknown_variant))
        .ty("__String", string)
        .arms("__to_wire", to_wire)
        .arms("__from_text", from_text)
        .arms("__from_string", from_string);
    let impls: syn::File = template::fill("string enum impls", impls_template, holes)?;
    let mut items = vec![syn::Item::Enum(definition)];
    items.extend(impls.items);
    Ok(items)
}

/// The impls every string enum has, with its holes.
fn impls_template() -> TokenStream {
    quote! {
        impl __Name {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    __to_wire => {}
                    Self::__Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for __Name {
            fn from(value: &str) -> Self {
                match value {
                    __from_text => {}
                    other => Self::__Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<__String> for __Name {
            fn from(value: __String) -> Self {
                match value.as_str() {
                    __from_string => {}
                    _ => Self::__Unknown(value),
                }
            }
        }

        impl ::std::str::FromStr for __Name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, ::std::convert::Infallible> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for __Name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for __Name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for __Name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                <__String as ::serde::Deserialize<'de>>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}
