//! IR types to Rust types. The prelude's `Option`, `String`, `Vec` and `Box` are named short unless
//! the API declares a model of that name, which would shadow them: then by their full path
//! (`::std::option::Option`). Fewer tokens make the files faster to format and easier to read.

use proc_macro2::{Ident, Span, TokenStream};
use quote::ToTokens;

use super::{paths, syntax};
use crate::ir::{Api, TypeRef};

/// An identifier from a name the sanitizer produced (`r#type` included).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// How a file names the models: bare inside the models module, `models::X` from a file that
/// imports the module (see [`paths::imports`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelPath {
    Bare,
    Imported,
}

/// The Rust type of `ty`, as tokens.
pub fn rust_type(ty: &TypeRef, api: &Api, models: ModelPath) -> TokenStream {
    type_tree(ty, api, models).into_token_stream()
}

/// The Rust type of `ty`, as a syntax tree: no parse needed to format it.
pub fn type_tree(ty: &TypeRef, api: &Api, models: ModelPath) -> syn::Type {
    let named = |path: &[&str]| syntax::path_type(syntax::path(false, path));
    let absolute = |path: &[&str]| syntax::path_type(syntax::path(true, path));
    let string = || syntax::path_type(prelude_path(api, Prelude::String));
    match ty {
        TypeRef::String => string(),
        TypeRef::Bool => named(&["bool"]),
        TypeRef::I32 => named(&["i32"]),
        TypeRef::I64 => named(&["i64"]),
        TypeRef::U32 => named(&["u32"]),
        TypeRef::U64 => named(&["u64"]),
        TypeRef::F32 => named(&["f32"]),
        TypeRef::F64 => named(&["f64"]),
        TypeRef::DateTime => absolute(&["time", "OffsetDateTime"]),
        TypeRef::Any => absolute(&["serde_json", "Value"]),
        TypeRef::Upload => absolute(&[paths::RUNTIME_CRATE, "Upload"]),
        TypeRef::File => absolute(&[paths::RUNTIME_CRATE, "FilePart"]),
        TypeRef::Multipart => absolute(&[paths::RUNTIME_CRATE, "Multipart"]),
        TypeRef::Object => syntax::path_type(syntax::with_arguments(
            syntax::path(true, &["serde_json", "Map"]),
            vec![string(), absolute(&["serde_json", "Value"])],
        )),
        TypeRef::Named(id) => {
            let name = api.type_def(*id).name.as_str();
            match models {
                ModelPath::Bare => named(&[name]),
                ModelPath::Imported => named(&["models", name]),
            }
        }
        TypeRef::Vec(item) => syntax::path_type(syntax::with_arguments(
            prelude_path(api, Prelude::Vec),
            vec![type_tree(item, api, models)],
        )),
        TypeRef::Map(value) => syntax::path_type(syntax::with_arguments(
            syntax::path(true, &["std", "collections", "BTreeMap"]),
            vec![string(), type_tree(value, api, models)],
        )),
    }
}

/// The prelude names generated models use.
#[derive(Clone, Copy, Debug)]
pub enum Prelude {
    Option,
    Some,
    None,
    String,
    Vec,
    Box,
    Into,
}

/// A prelude name, short unless a model of the API takes it, as tokens.
pub fn prelude(api: &Api, which: Prelude) -> TokenStream {
    prelude_path(api, which).into_token_stream()
}

/// A prelude name, short unless a model of the API takes it.
pub fn prelude_path(api: &Api, which: Prelude) -> syn::Path {
    let (short, full): (&str, &[&str]) = match which {
        Prelude::Option => ("Option", &["std", "option", "Option"]),
        Prelude::Some => ("Some", &["std", "option", "Option", "Some"]),
        Prelude::None => ("None", &["std", "option", "Option", "None"]),
        Prelude::String => ("String", &["std", "string", "String"]),
        Prelude::Vec => ("Vec", &["std", "vec", "Vec"]),
        Prelude::Box => ("Box", &["std", "boxed", "Box"]),
        Prelude::Into => ("Into", &["std", "convert", "Into"]),
    };
    if api.shadows(short) {
        syntax::path(true, full)
    } else {
        syntax::path(false, &[short])
    }
}

/// How a value wrapped as the field holds it (`Box`, then `Option`) is written, for serde_with.
#[derive(Clone, Copy, Debug)]
pub struct Wrapping {
    pub boxed: bool,
    pub optional: bool,
}

/// How a value holding a date-time is written as RFC 3339.
pub enum DateTimeCodec {
    /// `#[serde(with = "...")]`, the `time` crate's own module: for a date-time, or an optional
    /// one, which is almost every date-time. Cheaper to compile than `serde_as`.
    With(&'static str),
    /// `#[serde_as(as = "...")]`, for date-times nested in collections or boxes.
    SerdeAs(String),
}

/// How a value wrapped as `wrapping` is written, when it holds a date-time somewhere.
pub fn date_time_codec(ty: &TypeRef, wrapping: Wrapping, api: &Api) -> Option<DateTimeCodec> {
    let direct = matches!(api.resolve_alias(ty), TypeRef::DateTime) && !wrapping.boxed;
    match (direct, wrapping.optional) {
        (true, false) => Some(DateTimeCodec::With("::time::serde::rfc3339")),
        (true, true) => Some(DateTimeCodec::With("::time::serde::rfc3339::option")),
        (false, _) => serde_as(ty, wrapping, api).map(DateTimeCodec::SerdeAs),
    }
}

/// The `#[serde_as(as = "...")]` type for a value that holds a date-time somewhere: date-times are
/// written as RFC 3339, everything else as itself (`Same`, which unlike `_` is also a type outside
/// the `serde_as` macro). `None` when no date-time is inside.
pub fn serde_as(ty: &TypeRef, wrapping: Wrapping, api: &Api) -> Option<String> {
    let inner = date_time_adapter(ty, api)?;
    let inner = if wrapping.boxed {
        format!("::std::boxed::Box<{inner}>")
    } else {
        inner
    };
    Some(if wrapping.optional {
        format!("::std::option::Option<{inner}>")
    } else {
        inner
    })
}

/// Aliases are followed: a schema may be an alias of `date-time`.
fn date_time_adapter(ty: &TypeRef, api: &Api) -> Option<String> {
    match ty {
        TypeRef::DateTime => Some("::time::format_description::well_known::Rfc3339".to_owned()),
        TypeRef::Vec(item) => {
            date_time_adapter(item, api).map(|item| format!("::std::vec::Vec<{item}>"))
        }
        TypeRef::Map(value) => date_time_adapter(value, api)
            .map(|value| format!("::std::collections::BTreeMap<::serde_with::Same, {value}>")),
        TypeRef::Named(_) => match api.resolve_alias(ty) {
            // What the alias names is not itself an alias, so this ends.
            TypeRef::Named(_) => None,
            target => date_time_adapter(target, api),
        },
        _ => None,
    }
}
