//! The models file: one Rust type per named type of the IR.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::enums::string_enum;
use super::features;
use super::syntax;
use super::template::{self, Holes};
use super::types::{
    DateTimeCodec, ModelPath, Prelude, Wrapping, date_time_codec, ident, prelude, prelude_path,
    rust_type, type_tree,
};
use super::unions::union;
use crate::ir::{Api, Field, Newtype, Struct, TypeDef, TypeKind, TypeRef};
use crate::render::{FileTokens, ItemTokens};

/// The contents of the models module.
pub fn models(api: &Api) -> FileTokens<'_> {
    FileTokens {
        inner: quote! {
            //! The API's models: one type for each schema of the spec.
            #![allow(clippy::large_enum_variant, clippy::enum_variant_names)]
        },
        count: api.types.len(),
        item: Box::new(move |position| {
            let Some(&index) = api.reading_order.get(position) else {
                return TokenStream::new().into();
            };
            let def = &api.types[index];
            let cfg = features::type_cfg(api, index);
            let tokens = |tokens| ItemTokens {
                tokens,
                trees: Vec::new(),
                cfg: cfg.clone(),
            };
            let trees = match &def.kind {
                TypeKind::Struct(body) => structure(def, body, api),
                TypeKind::Enum(body) => string_enum(def, body, api),
                TypeKind::Union(body) => union(def, body, api),
                TypeKind::Alias(target) => return tokens(alias(def, target, api)),
                TypeKind::Newtype(body) => return tokens(newtype(def, body, api)),
            };
            match trees {
                Ok(trees) => ItemTokens {
                    tokens: TokenStream::new(),
                    trees,
                    cfg,
                },
                // A generator bug, reported where the generated crate is compiled.
                Err(problem) => {
                    let message = format!("internal error: `{}`: {problem}", def.name);
                    tokens(quote!(::core::compile_error!(#message);))
                }
            }
        }),
    }
}

/// The type as the field holds it: boxed when it closes a loop, optional when absent or `null` is
/// allowed.
pub(super) fn field_type(field: &Field, api: &Api, models: ModelPath) -> syn::Type {
    let mut ty = boxed_if(field.boxed, type_tree(&field.ty, api, models), api);
    if field.is_optional() {
        ty = syntax::path_type(syntax::with_arguments(
            prelude_path(api, Prelude::Option),
            vec![ty],
        ));
    }
    ty
}

/// A struct and its constructors, as syntax trees: the most common item of a crate, so built
/// without a parse (see [`syntax`]).
fn structure(def: &TypeDef, body: &Struct, api: &Api) -> Result<Vec<syn::Item>, String> {
    let mut uses_serde_as = false;
    let mut fields: Vec<syn::Field> = body
        .fields
        .iter()
        .map(|field| {
            let wrapping = Wrapping {
                boxed: field.boxed,
                optional: field.is_optional(),
            };
            let codec = date_time_codec(&field.ty, wrapping, api);
            uses_serde_as |= matches!(codec, Some(DateTimeCodec::SerdeAs(_)));
            struct_field(field, codec, api)
        })
        .collect();
    let flattened = |doc: &str, name: &str, ty: syn::Type| {
        let mut attrs = docs::attribute_trees(doc);
        attrs.push(syntax::list_attribute("serde", quote!(flatten)));
        syntax::named_field(attrs, name, ty)
    };
    if let Some(union) = &body.union {
        let ty = boxed_if(union.boxed, type_tree(&union.ty, api, ModelPath::Bare), api);
        let doc = "Which of its shapes the rest of the object is.";
        fields.push(flattened(doc, &union.rust_name, ty));
    }
    if let Some(extra) = &body.additional {
        let string = syntax::path_type(prelude_path(api, Prelude::String));
        let value = type_tree(&extra.value, api, ModelPath::Bare);
        let map = syntax::with_arguments(
            syntax::path(true, &["std", "collections", "BTreeMap"]),
            vec![string, value],
        );
        let doc = "Properties beyond the named ones.";
        fields.push(flattened(doc, &extra.rust_name, syntax::path_type(map)));
    }
    // A struct whose fields may all be absent can be built with `..Default::default()`.
    let has_default = body.union.is_none() && body.fields.iter().all(|field| !field.required);
    let default = has_default.then(|| quote!(Default,));
    let mut attrs = docs::type_attribute_trees(def);
    if uses_serde_as {
        attrs.push(syntax::serde_as_attribute());
    }
    attrs.push(syntax::list_attribute(
        "derive",
        quote!(Clone, Debug, #default PartialEq, ::serde::Serialize),
    ));
    attrs.push(syntax::non_exhaustive());
    let mut items = vec![syn::Item::Struct(syntax::named_struct(
        attrs, &def.name, fields,
    ))];
    let constructors = construction(def, body, api, has_default)?;
    if !constructors.is_empty() {
        items.push(syn::Item::Impl(syntax::inherent_impl(
            &def.name,
            constructors,
        )));
    }
    Ok(items)
}

/// `ty`, in a `Box` when `boxed`.
fn boxed_if(boxed: bool, ty: syn::Type, api: &Api) -> syn::Type {
    if boxed {
        syntax::path_type(syntax::with_arguments(
            prelude_path(api, Prelude::Box),
            vec![ty],
        ))
    } else {
        ty
    }
}

/// `new` with the fields a value must have (none when the struct has nothing it must have: then
/// `Default` builds it), and a `with_` setter for each one it may lack that a caller sends (a
/// read-only field is the server's, still a public field for a test to fill): the struct is
/// `#[non_exhaustive]`, so a field added later does not break callers.
fn construction(
    def: &TypeDef,
    body: &Struct,
    api: &Api,
    has_default: bool,
) -> Result<Vec<syn::ImplItem>, String> {
    let mut parameters = Vec::new();
    let mut initializers = Vec::new();
    let mut setters = Vec::new();
    let parts = NewParts::of(api);
    for field in &body.fields {
        let ty = type_tree(&field.ty, api, ModelPath::Bare);
        if field.is_optional() {
            initializers.push(parts.absent(&field.rust_name)?);
            if !field.read_only {
                setters.push(setter(field, ty, api)?);
            }
        } else {
            parameters.push(parts.argument(&field.rust_name, ty)?);
            initializers.push(parts.given(&field.rust_name, field.boxed)?);
        }
    }
    if let Some(union) = &body.union {
        let ty = type_tree(&union.ty, api, ModelPath::Bare);
        parameters.push(parts.argument(&union.rust_name, ty)?);
        initializers.push(parts.given(&union.rust_name, union.boxed)?);
    }
    if let Some(extra) = &body.additional {
        initializers.push(template::fill(
            "new: an empty map",
            || quote!(__field: ::std::collections::BTreeMap::new()),
            Holes::default().ident("__field", ident(&extra.rust_name)),
        )?);
    }
    if has_default {
        return Ok(setters);
    }
    let mut attrs = docs::attribute_trees(&format!(
        "A `{}` with the fields it must have; the others are absent until set.",
        def.name
    ));
    // Clippy's limit is seven; a schema may require more fields than that.
    if parameters.len() > 7 {
        attrs.push(syntax::list_attribute(
            "allow",
            quote!(clippy::too_many_arguments),
        ));
    }
    let holes = Holes::default()
        .attributes("__docs", attrs)
        .arguments("__arguments", parameters)
        .fields("__initial", initializers);
    let new = template::fill(
        "new",
        || {
            quote! {
                #[__docs]
                pub fn new(__arguments: ()) -> Self {
                    Self { __initial: () }
                }
            }
        },
        holes,
    )?;
    setters.insert(0, new);
    Ok(setters)
}

/// The pieces of a struct's `new`, copies of templates named by the prelude names a model of
/// the API shadows (then written in full).
struct NewParts<'a> {
    api: &'a Api,
    shadowed: [bool; 3],
}

impl<'a> NewParts<'a> {
    fn of(api: &'a Api) -> Self {
        let shadowed = ["None", "Into", "Box"].map(|name| api.shadows(name));
        NewParts { api, shadowed }
    }

    /// `field: impl Into<Ty>`.
    fn argument(&self, field: &str, ty: syn::Type) -> Result<syn::FnArg, String> {
        template::fill(
            &format!("new: an argument, prelude shadowed {:?}", self.shadowed),
            || {
                let into = prelude(self.api, Prelude::Into);
                quote!(__field: impl #into<__Ty>)
            },
            Holes::default()
                .ident("__field", ident(field))
                .ty("__Ty", ty),
        )
    }

    /// `field: None`.
    fn absent(&self, field: &str) -> Result<syn::FieldValue, String> {
        template::fill(
            &format!("new: an absent field, prelude shadowed {:?}", self.shadowed),
            || {
                let none = prelude(self.api, Prelude::None);
                quote!(__field: #none)
            },
            Holes::default().ident("__field", ident(field)),
        )
    }

    /// `field: field.into()`, in a `Box` when `boxed`.
    fn given(&self, field: &str, boxed: bool) -> Result<syn::FieldValue, String> {
        template::fill(
            &format!(
                "new: a given field, boxed {boxed}, prelude shadowed {:?}",
                self.shadowed
            ),
            || {
                if boxed {
                    let boxed = prelude(self.api, Prelude::Box);
                    quote!(__field: #boxed::new(__field.into()))
                } else {
                    quote!(__field: __field.into())
                }
            },
            Holes::default().ident("__field", ident(field)),
        )
    }
}

/// `with_field`, which sets an optional field: a copy of a template, as there is one for most
/// fields of a crate. The template's prelude names are short unless a model shadows them.
fn setter(field: &Field, ty: syn::Type, api: &Api) -> Result<syn::ImplItem, String> {
    let shadowed = ["Some", "Into", "Box"].map(|name| api.shadows(name));
    let name = format!(
        "setter, boxed {}, prelude shadowed {shadowed:?}",
        field.boxed
    );
    let boxed = field.boxed;
    let template = || {
        let (some, into, boxed_type) = (
            prelude(api, Prelude::Some),
            prelude(api, Prelude::Into),
            prelude(api, Prelude::Box),
        );
        let value = if boxed {
            quote!(#boxed_type::new(__field.into()))
        } else {
            quote!(__field.into())
        };
        quote! {
            pub fn __setter(mut self, __field: impl #into<__Ty>) -> Self {
                self.__field = #some(#value);
                self
            }
        }
    };
    let holes = Holes::default()
        .ident("__setter", ident(&field.setter))
        .ident("__field", ident(&field.rust_name))
        .ty("__Ty", ty);
    let mut setter: syn::ImplItem = template::fill(&name, template, holes)?;
    if let syn::ImplItem::Fn(function) = &mut setter {
        let doc = format!("Sets `{}`.", field.wire_name.replace('`', "'"));
        function.attrs = docs::attribute_trees(&doc);
    }
    Ok(setter)
}

fn struct_field(field: &Field, codec: Option<DateTimeCodec>, api: &Api) -> syn::Field {
    let mut serde_args = Vec::new();
    if field.rust_name.trim_start_matches("r#") != field.wire_name {
        let wire = &field.wire_name;
        serde_args.push(quote!(rename = #wire));
    }
    if !field.required {
        serde_args.push(quote!(
            skip_serializing_if = "::std::option::Option::is_none"
        ));
    }
    let fallback = format!("The `{}` property.", field.wire_name);
    let mut attrs =
        docs::attribute_trees(&docs::render(&field.docs, &field_notes(field), &fallback));
    match codec {
        Some(DateTimeCodec::With(module)) => serde_args.push(quote!(with = #module)),
        Some(DateTimeCodec::SerdeAs(adapter)) => {
            attrs.push(syntax::list_attribute("serde_as", quote!(as = #adapter)));
        }
        None => {}
    }
    if !serde_args.is_empty() {
        attrs.push(syntax::list_attribute("serde", quote!(#(#serde_args),*)));
    }
    syntax::named_field(
        attrs,
        &field.rust_name,
        field_type(field, api, ModelPath::Bare),
    )
}

/// What a reader of the field should know beyond its description.
fn field_notes(field: &Field) -> Vec<String> {
    let mut notes = Vec::new();
    if field.read_only {
        notes.push("Read-only: set by the server and ignored in requests.".to_owned());
    }
    if field.write_only {
        notes.push("Write-only: sent in requests and never returned.".to_owned());
    }
    if field.docs.deprecated {
        notes.push("Deprecated.".to_owned());
    }
    if let Some(bounds) = docs::constraint_text(&field.constraints) {
        notes.push(bounds);
    }
    notes
}

fn alias(def: &TypeDef, target: &TypeRef, api: &Api) -> TokenStream {
    let name = ident(&def.name);
    let type_docs = docs::type_attributes(def);
    let target = rust_type(target, api, ModelPath::Bare);
    quote! {
        #type_docs
        pub type #name = #target;
    }
}

fn newtype(def: &TypeDef, body: &Newtype, api: &Api) -> TokenStream {
    let name = ident(&def.name);
    let type_docs = docs::type_attributes(def);
    let inner = rust_type(&body.ty, api, ModelPath::Bare);
    let inner = if body.boxed {
        let boxed = prelude(api, Prelude::Box);
        quote!(#boxed<#inner>)
    } else {
        inner
    };
    let wrapping = Wrapping {
        boxed: body.boxed,
        optional: false,
    };
    let (serde_as_attribute, adapter) = match date_time_codec(&body.ty, wrapping, api) {
        Some(DateTimeCodec::With(module)) => (None, Some(quote!(#[serde(with = #module)]))),
        Some(DateTimeCodec::SerdeAs(adapter)) => (
            Some(quote!(#[::serde_with::serde_as])),
            Some(quote!(#[serde_as(as = #adapter)])),
        ),
        None => (None, None),
    };
    quote! {
        #type_docs
        #serde_as_attribute
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct #name(#adapter pub #inner);
    }
}
