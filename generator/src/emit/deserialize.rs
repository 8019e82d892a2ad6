//! `Deserialize` for structs, written out instead of derived: one visitor that reads a JSON object
//! key by key (an array is refused), calling the runtime's generic helpers for each field. They
//! go to a module of their own, `src/deserialize.rs`, so `models.rs` holds the types a user reads.
//!
//! serde's derive also emits a field enum with its own visitor and a visitor for arrays of the
//! fields in order; for a spec of a thousand schemas that was most of the crate's check time, and
//! the array form is one no API documents.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features;
use super::models::field_type;
use super::paths;
use super::types::{Wrapping, ident, serde_as};
use crate::ir::{Api, Struct, TypeDef, TypeKind};
use crate::render::{FileTokens, ItemTokens};

/// `src/deserialize.rs`: the `impl Deserialize` of every struct, under the struct's own features.
pub fn deserializers(api: &Api) -> FileTokens<'_> {
    FileTokens {
        inner: quote! {
            //! How each model reads itself from JSON: written out, not derived, to keep the crate
            //! quick to compile. Nothing here is public; the types are in `models`.
        },
        // The imports first, then the types in reading order.
        count: api.types.len() + 1,
        item: Box::new(move |position| {
            let Some(position) = position.checked_sub(1) else {
                return imports(api).into();
            };
            let Some(&index) = api.reading_order.get(position) else {
                return TokenStream::new().into();
            };
            let def = &api.types[index];
            let TypeKind::Struct(body) = &def.kind else {
                return TokenStream::new().into();
            };
            let models = quote!(models::);
            let field_types: Vec<TokenStream> = body
                .fields
                .iter()
                .map(|field| field_type(field, api, &models))
                .collect();
            let item = struct_impl(def, body, &field_types, api);
            ItemTokens {
                tokens: item,
                cfg: features::type_cfg(api, index),
            }
        }),
    }
}

/// The names every impl uses, short: nothing else is in scope here (no model is imported by
/// name), so the prelude's names are the standard ones. None when there is no struct.
fn imports(api: &Api) -> TokenStream {
    if !api
        .types
        .iter()
        .any(|def| matches!(def.kind, TypeKind::Struct(_)))
    {
        return TokenStream::new();
    }
    let de = paths::codegen("de");
    // With a feature left off, every impl that uses one of them may be left out.
    quote! {
        #[allow(unused_imports)]
        use #de;
        #[allow(unused_imports)]
        use ::serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
        #[allow(unused_imports)]
        use ::std::fmt;
        #[allow(unused_imports)]
        use crate::models;
    }
}

/// The `impl Deserialize` of a struct whose fields have the types `field_types` (as declared).
fn struct_impl(
    def: &TypeDef,
    body: &Struct,
    field_types: &[TokenStream],
    api: &Api,
) -> TokenStream {
    let own = ident(&def.name);
    let name = quote!(models::#own);
    let expecting = format!("struct {}", def.name);
    let de = quote!(de);
    let mut slots = Vec::new();
    let mut arms = Vec::new();
    let mut values = Vec::new();
    for (field, ty) in body.fields.iter().zip(field_types) {
        // `_slot` keeps the local apart from `map` and `key`; field names are unique, and stay so
        // without the `r#` or the `_` that escapes a keyword (`r#type`, `self_`).
        let base = field
            .rust_name
            .trim_start_matches("r#")
            .trim_end_matches('_');
        let slot = format_ident!("{base}_slot");
        let field_name = ident(&field.rust_name);
        let wire = field.wire_name.as_str();
        slots.push(quote!(let mut #slot: Option<#ty> = None;));
        let wrapping = Wrapping {
            boxed: field.boxed,
            optional: field.is_optional(),
        };
        let read = match serde_as(&field.ty, wrapping, api) {
            Some(adapter) => match syn::parse_str::<syn::Type>(&adapter) {
                Ok(adapter) => {
                    quote!(#de::field_as::<#ty, #adapter, _>(&mut map, &mut #slot, #wire)?)
                }
                // The adapter is the generator's own text: failing to parse it is a generator bug,
                // reported where the generated crate is compiled.
                Err(_) => quote!(::core::compile_error!(#adapter)),
            },
            None => quote!(#de::field(&mut map, &mut #slot, #wire)?),
        };
        arms.push(quote!(#wire => #read,));
        values.push(if field.is_optional() {
            quote!(#field_name: #slot.flatten())
        } else {
            quote!(#field_name: #de::required(#slot, #wire)?)
        });
    }
    // A key the struct does not name goes to the union that is the rest of the object, to its
    // additional properties, or is skipped.
    let other_arm = match (&body.union, &body.additional) {
        (Some(union), additional) => {
            let field_name = ident(&union.rust_name);
            slots.push(quote!(let mut rest = #de::Rest::default();));
            values.push(if union.boxed {
                quote!(#field_name: Box::new(rest.decode()?))
            } else {
                quote!(#field_name: rest.decode()?)
            });
            if let Some(extra) = additional {
                // The variants' own keys are among them too: a variant skips what it does not name,
                // a map cannot know.
                let field_name = ident(&extra.rust_name);
                values.push(quote!(#field_name: rest.decode()?));
            }
            quote!(_ => rest.keep(&mut map, key)?,)
        }
        (None, Some(extra)) => {
            let field_name = ident(&extra.rust_name);
            slots.push(quote!(let mut #field_name = ::std::collections::BTreeMap::new();));
            values.push(quote!(#field_name));
            quote!(_ => {
                #field_name.insert(key.into_string(), map.next_value()?);
            })
        }
        (None, None) => quote!(_ => #de::skip(&mut map)?,),
    };
    let read_keys = if arms.is_empty() && body.additional.is_none() && body.union.is_none() {
        // Nothing to keep: every value is skipped.
        quote! {
            while map.next_key::<::serde::de::IgnoredAny>()?.is_some() {
                #de::skip(&mut map)?;
            }
        }
    } else {
        quote! {
            while let Some(key) = map.next_key::<#de::Key<'de>>()? {
                match key.as_str() {
                    #(#arms)*
                    #other_arm
                }
            }
        }
    };
    quote! {
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<__D: Deserializer<'de>>(deserializer: __D) -> Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> Visitor<'de> for __Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<__A: MapAccess<'de>>(self, mut map: __A) -> Result<#name, __A::Error> {
                        #(#slots)*
                        #read_keys
                        Ok(#name { #(#values),* })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    }
}
