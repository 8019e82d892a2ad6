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
use super::template::{self, Holes};
use super::types::{ModelPath, Wrapping, ident, serde_as};
use super::{paths, syntax};
use crate::ir::{Api, Struct, TypeDef, TypeKind};
use crate::render::{FileTokens, ItemTokens};

/// Whether the crate has a `deserialize` module: not when the spec has no struct.
pub fn has_deserializers(api: &Api) -> bool {
    api.types
        .iter()
        .any(|def| matches!(def.kind, TypeKind::Struct(_)))
}

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
            let field_types: Vec<syn::Type> = body
                .fields
                .iter()
                .map(|field| field_type(field, api, ModelPath::Imported))
                .collect();
            let cfg = features::type_cfg(api, index);
            match struct_impl(def, body, &field_types, api) {
                Ok(tree) => ItemTokens {
                    tokens: TokenStream::new(),
                    trees: vec![tree],
                    cfg,
                },
                // A generator bug, reported where the generated crate is compiled.
                Err(problem) => {
                    let message = format!(
                        "internal error: `Deserialize` for `{}`: {problem}",
                        def.name
                    );
                    ItemTokens {
                        tokens: quote!(::core::compile_error!(#message);),
                        trees: Vec::new(),
                        cfg,
                    }
                }
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

/// The `impl Deserialize` of a struct whose fields have the types `field_types` (as declared),
/// as a syntax tree filled in from templates (see [`template`]): thousands of these make most of
/// a large crate, and a parse of each would be most of the time it takes to write.
fn struct_impl(
    def: &TypeDef,
    body: &Struct,
    field_types: &[syn::Type],
    api: &Api,
) -> Result<syn::Item, String> {
    let target = syntax::path(false, &["models", &def.name]);
    let target_type = syntax::path_type(target.clone());
    let mut slots: Vec<syn::Stmt> = Vec::new();
    let mut arms: Vec<syn::Arm> = Vec::new();
    let mut values: Vec<syn::FieldValue> = Vec::new();
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
        let holes = || {
            Holes::default()
                .ident("__slot", slot.clone())
                .text("__WIRE", wire)
                .ty("__Ty", ty.clone())
        };
        slots.push(template::fill(
            "slot",
            || quote!(let mut __slot: Option<__Ty> = None;),
            holes(),
        )?);
        let wrapping = Wrapping {
            boxed: field.boxed,
            optional: field.is_optional(),
        };
        arms.push(match serde_as(&field.ty, wrapping, api) {
            Some(adapter) => match syn::parse_str::<syn::Type>(&adapter) {
                Ok(adapter) => template::fill(
                    "adapted arm",
                    || quote!("__WIRE" => de::field_as::<__Ty, __Adapter, _>(&mut map, &mut __slot, "__WIRE")?,),
                    holes().ty("__Adapter", adapter),
                )?,
                // The adapter is the generator's own text: failing to parse it is a generator bug,
                // reported where the generated crate is compiled.
                Err(_) => parse(quote!(#wire => ::core::compile_error!(#adapter),))?,
            },
            None => template::fill(
                "arm",
                || quote!("__WIRE" => de::field(&mut map, &mut __slot, "__WIRE")?,),
                holes(),
            )?,
        });
        let value_holes = holes().ident("__field", field_name);
        values.push(if field.is_optional() {
            template::fill(
                "optional value",
                || quote!(__field: __slot.flatten()),
                value_holes,
            )?
        } else {
            template::fill(
                "required value",
                || quote!(__field: de::required(__slot, "__WIRE")?),
                value_holes,
            )?
        });
    }
    // A key the struct does not name goes to the union that is the rest of the object, to its
    // additional properties, or is skipped.
    let other_arm: syn::Arm = match (&body.union, &body.additional) {
        (Some(union), additional) => {
            let field_name = ident(&union.rust_name);
            slots.push(parse(quote!(let mut rest = de::Rest::default();))?);
            values.push(if union.boxed {
                parse(quote!(#field_name: Box::new(rest.decode()?)))?
            } else {
                parse(quote!(#field_name: rest.decode()?))?
            });
            if let Some(extra) = additional {
                // The variants' own keys are among them too: a variant skips what it does not name,
                // a map cannot know.
                let field_name = ident(&extra.rust_name);
                values.push(parse(quote!(#field_name: rest.decode()?))?);
            }
            parse(quote!(_ => rest.keep(&mut map, key)?,))?
        }
        (None, Some(extra)) => {
            let field_name = ident(&extra.rust_name);
            slots.push(parse(
                quote!(let mut #field_name = ::std::collections::BTreeMap::new();),
            )?);
            values.push(parse(quote!(#field_name))?);
            parse(quote!(_ => {
                #field_name.insert(key.into_string(), map.next_value()?);
            }))?
        }
        (None, None) => template::fill(
            "skip arm",
            || quote!(_ => de::skip(&mut map)?,),
            Holes::default(),
        )?,
    };
    let read_keys: syn::Stmt =
        if arms.is_empty() && body.additional.is_none() && body.union.is_none() {
            // Nothing to keep: every value is skipped.
            template::fill(
                "skip keys",
                || {
                    quote! {
                        while map.next_key::<::serde::de::IgnoredAny>()?.is_some() {
                            de::skip(&mut map)?;
                        }
                    }
                },
                Holes::default(),
            )?
        } else {
            arms.push(other_arm);
            template::fill(
                "read keys",
                || {
                    quote! {
                        while let Some(key) = map.next_key::<de::Key<'de>>()? {
                            match key.as_str() {
                                __arms => {}
                            }
                        }
                    }
                },
                Holes::default().arms("__arms", arms),
            )?
        };
    let holes = Holes::default()
        .ty("__Target", target_type)
        .path("__Target", target)
        .text("__EXPECTING", &format!("struct {}", def.name))
        .statements("__slots", slots)
        .statements("__read_keys", vec![read_keys])
        .fields("__values", values);
    template::fill("deserialize impl", impl_template, holes)
}

/// The `impl Deserialize` every struct has, with its holes.
fn impl_template() -> TokenStream {
    quote! {
        impl<'de> Deserialize<'de> for __Target {
            fn deserialize<__D: Deserializer<'de>>(deserializer: __D) -> Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> Visitor<'de> for __Visitor {
                    type Value = __Target;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("__EXPECTING")
                    }
                    fn visit_map<__A: MapAccess<'de>>(self, mut map: __A) -> Result<__Target, __A::Error> {
                        __slots!();
                        __read_keys!();
                        Ok(__Target { __values: () })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    }
}

/// A piece written once per struct at most, or one that holds a type: parsed.
fn parse<T: syn::parse::Parse>(tokens: TokenStream) -> Result<T, String> {
    syn::parse2(tokens).map_err(|error| error.to_string())
}
