//! IR types to Rust types. The prelude's `Option`, `String`, `Vec` and `Box` are named short unless
//! the API declares a model of that name, which would shadow them: then by their full path
//! (`::std::option::Option`). Fewer tokens make the files faster to format and easier to read.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, quote};

use super::paths;
use crate::ir::{Api, TypeRef};

/// An identifier from a name the sanitizer produced (`r#type` included).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The Rust type of `ty`; named types are prefixed with `models` (empty inside the models module).
pub fn rust_type(ty: &TypeRef, api: &Api, models: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => prelude(api, Prelude::String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::U32 => quote!(u32),
        TypeRef::U64 => quote!(u64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::DateTime => quote!(::time::OffsetDateTime),
        TypeRef::Any => quote!(::serde_json::Value),
        TypeRef::Upload => paths::runtime("Upload"),
        TypeRef::File => paths::runtime("FilePart"),
        TypeRef::Multipart => paths::runtime("Multipart"),
        TypeRef::Object => {
            let string = prelude(api, Prelude::String);
            quote!(::serde_json::Map<#string, ::serde_json::Value>)
        }
        TypeRef::Named(id) => {
            let name = ident(&api.type_def(*id).name);
            quote!(#models #name)
        }
        TypeRef::Vec(item) => {
            let item = rust_type(item, api, models);
            let vec = prelude(api, Prelude::Vec);
            quote!(#vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(value, api, models);
            let string = prelude(api, Prelude::String);
            quote!(::std::collections::BTreeMap<#string, #value>)
        }
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

/// A prelude name, short unless a model of the API takes it.
pub fn prelude(api: &Api, which: Prelude) -> TokenStream {
    let (short, full) = match which {
        Prelude::Option => ("Option", quote!(::std::option::Option)),
        Prelude::Some => ("Some", quote!(::std::option::Option::Some)),
        Prelude::None => ("None", quote!(::std::option::Option::None)),
        Prelude::String => ("String", quote!(::std::string::String)),
        Prelude::Vec => ("Vec", quote!(::std::vec::Vec)),
        Prelude::Box => ("Box", quote!(::std::boxed::Box)),
        Prelude::Into => ("Into", quote!(::std::convert::Into)),
    };
    if api.shadows(short) {
        full
    } else {
        ident(short).into_token_stream()
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
