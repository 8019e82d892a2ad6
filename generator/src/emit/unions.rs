//! `oneOf`/`anyOf` unions: an enum with a variant per shape, written as the shape it holds, read as
//! `union_decoding` says. The enum is built as a syntax tree and its impls are copies of templates
//! (see [`template`]): a large spec has hundreds of unions.

use quote::quote;

use super::docs;
use super::syntax;
use super::template::{self, Holes};
use super::types::{ModelPath, Prelude, Wrapping, ident, prelude_path, serde_as, type_tree};
use super::union_decoding;
use crate::ir::{Api, TypeDef, TypeId, TypeRef, Union};

/// A union: its enum, its `Deserialize`, and a `From` for each payload type only it holds.
pub fn union(def: &TypeDef, body: &Union, api: &Api) -> Result<Vec<syn::Item>, String> {
    let mut uses_serde_as = false;
    let mut payloads: Vec<Payload> = Vec::new();
    let mut variants: Vec<syn::Variant> = Vec::new();
    for variant in &body.variants {
        let ty = type_tree(&variant.ty, api, ModelPath::Bare);
        let held = if variant.boxed {
            syntax::path_type(syntax::with_arguments(
                prelude_path(api, Prelude::Box),
                vec![ty.clone()],
            ))
        } else {
            ty.clone()
        };
        let wrapping = Wrapping {
            boxed: variant.boxed,
            optional: false,
        };
        let adapter = serde_as(&variant.ty, wrapping, api);
        uses_serde_as |= adapter.is_some();
        let unboxed = Wrapping {
            boxed: false,
            optional: false,
        };
        payloads.push(Payload {
            variant: ident(&variant.rust_name),
            ty,
            key: api.resolve_alias(&variant.ty).clone(),
            boxed: variant.boxed,
            // The generator's own text: it parses.
            adapter: serde_as(&variant.ty, unboxed, api)
                .and_then(|adapter| syn::parse_str(&adapter).ok()),
        });
        let variant_docs = docs::attribute_trees(&format!("The `{}` shape.", variant.rust_name));
        let mut tree = syntax::variant(variant_docs, &variant.rust_name, Some(held));
        if let (Some(adapter), syn::Fields::Unnamed(fields)) = (adapter, &mut tree.fields) {
            for field in &mut fields.unnamed {
                field.attrs = vec![syntax::list_attribute("serde_as", quote!(as = #adapter))];
            }
        }
        variants.push(tree);
    }
    let decoding = match &body.discriminator {
        Some(discriminator) => {
            let docs = docs::attribute_trees(&format!(
                "An object whose `{}` this version does not know, kept as it came.",
                discriminator.property.replace('`', "'")
            ));
            let value = syntax::path_type(syntax::path(true, &["serde_json", "Value"]));
            variants.push(syntax::variant(
                docs,
                &discriminator.unknown_variant,
                Some(value),
            ));
            union_decoding::tagged(&ident(&def.name), body, discriminator, &payloads, api)?
        }
        None => union_decoding::untagged(def, body, &payloads, api)?,
    };
    let mut attrs = docs::type_attribute_trees(def);
    if uses_serde_as {
        attrs.push(syntax::serde_as_attribute());
    }
    attrs.push(syntax::list_attribute(
        "derive",
        quote!(Clone, Debug, PartialEq, ::serde::Serialize),
    ));
    attrs.push(syntax::list_attribute("serde", quote!(untagged)));
    attrs.push(syntax::non_exhaustive());
    let mut items = vec![syn::Item::Enum(syntax::public_enum(
        attrs, &def.name, variants,
    ))];
    items.push(decoding);
    let own = api
        .types
        .iter()
        .position(|other| std::ptr::eq(other, def))
        .map_or(TypeRef::Any, |index| TypeRef::Named(TypeId(index)));
    items.extend(conversions(&def.name, own, &payloads)?);
    Ok(items)
}

/// A variant's payload: its Rust type, and that type with aliases resolved, which is what two
/// variants must not share for both to have a `From`.
pub(super) struct Payload {
    pub variant: proc_macro2::Ident,
    pub ty: syn::Type,
    pub key: TypeRef,
    pub boxed: bool,
    /// How the payload reads and writes itself when not as serde does (a date-time as RFC 3339).
    pub adapter: Option<syn::Type>,
}

/// `From<T>` for each variant whose payload type no other variant shares (aliases resolved), and
/// `From<&str>` for a text variant, so a caller can write `"text".into()`.
fn conversions(name: &str, own: TypeRef, payloads: &[Payload]) -> Result<Vec<syn::Item>, String> {
    let mut items = Vec::new();
    let alone = payloads.iter().filter(|payload| {
        payloads
            .iter()
            .filter(|other| other.key == payload.key)
            .count()
            == 1
    });
    // `From<Self>` already exists for every type.
    for payload in alone.filter(|payload| payload.key != own) {
        let holes = || {
            Holes::default()
                .ty("__Name", syntax::named_type(name))
                .ident("__Variant", payload.variant.clone())
        };
        items.push(if payload.boxed {
            template::fill(
                "union conversion, boxed",
                || conversion_template(quote!(::std::boxed::Box::new(value))),
                holes().ty("__Ty", payload.ty.clone()),
            )?
        } else {
            template::fill(
                "union conversion",
                || conversion_template(quote!(value)),
                holes().ty("__Ty", payload.ty.clone()),
            )?
        });
        if payload.key == TypeRef::String && !payload.boxed && payload.adapter.is_none() {
            items.push(template::fill(
                "union conversion from text",
                || {
                    quote! {
                        impl ::std::convert::From<&str> for __Name {
                            fn from(value: &str) -> Self {
                                Self::__Variant(::std::borrow::ToOwned::to_owned(value))
                            }
                        }
                    }
                },
                holes(),
            )?);
        }
    }
    Ok(items)
}

fn conversion_template(value: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    quote! {
        impl ::std::convert::From<__Ty> for __Name {
            fn from(value: __Ty) -> Self {
                Self::__Variant(#value)
            }
        }
    }
}
