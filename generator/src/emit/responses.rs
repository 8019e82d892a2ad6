//! What an operation's responses become: its success type (one body type, or an enum when success
//! statuses differ), its error type (a variant per documented error status), and the `match` on the
//! status that decodes each.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::docs;
use super::paths;
use super::template::{self, Holes};
use super::types::{ModelPath, ident, rust_type};
use crate::ir::{Api, BodyKind, Operation, Output, Response, StatusMatch, TypeRef};

fn successes(operation: &Operation) -> impl Iterator<Item = &Response> {
    operation
        .responses
        .iter()
        .filter(|response| response.is_success())
}

fn kind_type(kind: &BodyKind, api: &Api, for_error: bool) -> Option<TokenStream> {
    match kind {
        BodyKind::Empty => None,
        // An error body that does not have its documented shape must not hide the status.
        BodyKind::Json(ty) if for_error => {
            let ty = rust_type(ty, api, ModelPath::Imported);
            let error_body = paths::runtime("ErrorBody");
            Some(quote!(#error_body<#ty>))
        }
        BodyKind::Json(ty) => Some(rust_type(ty, api, ModelPath::Imported)),
        BodyKind::Text | BodyKind::Binary if for_error => Some(quote!(::std::string::String)),
        BodyKind::Text => Some(quote!(::std::string::String)),
        BodyKind::Binary => Some(paths::runtime("Download")),
    }
}

/// The type `send` returns, and the enum to declare when success statuses differ.
pub fn output_type(operation: &Operation, api: &Api) -> (TokenStream, Option<TokenStream>) {
    if let Output::Single(kind) = &operation.output {
        return (
            kind_type(kind, api, false).unwrap_or_else(|| quote!(())),
            None,
        );
    }
    let name = ident(&operation.names.output);
    let variants = successes(operation).map(|response| {
        let variant = ident(&response.variant);
        let variant_docs = docs::attributes(&status_docs(response));
        match kind_type(&response.body, api, false) {
            Some(ty) => quote!(#variant_docs #variant(#ty)),
            None => quote!(#variant_docs #variant),
        }
    });
    let type_docs = docs::attributes(&format!("The successes of `{}`, by status.", operation.id));
    // A download is a live stream: it can be neither copied nor compared.
    let derives = if successes(operation).any(|r| r.body == BodyKind::Binary) {
        quote!(#[derive(Debug)])
    } else {
        quote!(#[derive(Clone, Debug, PartialEq)])
    };
    let item = quote! {
        #type_docs
        #derives
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
        }
    };
    (quote!(#name), Some(item))
}

/// The operation's error type, and its declaration: its own enum, or an alias of the enum it
/// shares (declared with the first operation that shares it).
pub fn error_type(operation: &Operation, api: &Api) -> (Ident, TokenStream) {
    let own = ident(&operation.names.error);
    let Some(shared) = &operation.shared_error else {
        return (
            own.clone(),
            error_enum(operation, api, &own, &own_error_docs(operation)),
        );
    };
    let shared_name = ident(&shared.name);
    let alias_docs = docs::attributes(&format!(
        "The errors `{}` documents: the same as the other operations of its module, so one type, \
         [`{}`].",
        operation.id, shared.name
    ));
    let declaration = (!shared.declared_for.is_empty()).then(|| {
        let ids: Vec<String> = shared
            .declared_for
            .iter()
            .map(|id| format!("`{id}`"))
            .collect();
        let docs = format!(
            "The errors {} document (the same statuses and bodies), one variant per status, each \
             holding the body.",
            ids.join(", ")
        );
        error_enum(operation, api, &shared_name, &docs)
    });
    let item = quote! {
        #declaration
        #alias_docs
        pub type #own = #shared_name;
    };
    (own, item)
}

fn own_error_docs(operation: &Operation) -> String {
    format!(
        "The errors `{}` documents, one variant per status, each holding the body.",
        operation.id
    )
}

/// An error enum named `name` with the error responses of `operation`, and its `Display`.
fn error_enum(operation: &Operation, api: &Api, name: &Ident, type_docs: &str) -> TokenStream {
    let errors: Vec<&Response> = operation
        .responses
        .iter()
        .filter(|r| !r.is_success())
        .collect();
    let variants = errors.iter().map(|response| {
        let variant = ident(&response.variant);
        let variant_docs = docs::attributes(&status_docs(response));
        match kind_type(&response.body, api, true) {
            Some(ty) => quote!(#variant_docs #variant(#ty)),
            None => quote!(#variant_docs #variant),
        }
    });
    let display_arms = errors.iter().map(|response| {
        let variant = ident(&response.variant);
        match &response.body {
            BodyKind::Empty => {
                let text = response
                    .description
                    .clone()
                    .unwrap_or_else(|| "no body".to_owned());
                quote!(Self::#variant => f.write_str(#text))
            }
            BodyKind::Json(_) => {
                quote!(Self::#variant(ref body) => ::std::fmt::Display::fmt(body, f))
            }
            BodyKind::Text | BodyKind::Binary => {
                quote!(Self::#variant(ref body) => f.write_str(body))
            }
        }
    });
    // An operation without documented errors has an empty enum, whose `Display` never writes.
    let formatter = if errors.is_empty() {
        quote!(_)
    } else {
        quote!(f)
    };
    let type_docs = docs::attributes(type_docs);
    quote! {
        #type_docs
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, #formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match *self {
                    #(#display_arms,)*
                }
            }
        }

        impl ::std::error::Error for #name {}
    }
}

/// The `match` that turns the raw response into the operation's result. Every operation has one,
/// so the match and each arm are copies of templates (see [`template`]): an arm's template is named
/// by its status and how it reads the body, and filled with the variant it makes.
pub fn dispatch(operation: &Operation, error: &Ident) -> Result<syn::Stmt, String> {
    let single = matches!(operation.output, Output::Single(_));
    let mut arms: Vec<syn::Arm> = Vec::new();
    if operation.fallbacks.any_success_empty {
        arms.push(template::fill(
            "decode: any other success, empty",
            || quote!(200..=299 => response.empty(),),
            Holes::default(),
        )?);
    }
    // In the IR's order: exact codes before ranges before `default`, so the most specific wins.
    for response in &operation.responses {
        let (status, handling) = (response.status, Handling::of(response, single));
        let holes = Holes::default()
            .ident("__Output", ident(&operation.names.output))
            .ident("__Error", error.clone())
            .ident("__Variant", ident(&response.variant));
        arms.push(template::fill(
            &format!("decode: {status:?}, {handling:?}"),
            || {
                let pattern = match status {
                    StatusMatch::Code(code) => {
                        let code = Literal::u16_unsuffixed(code);
                        quote!(#code)
                    }
                    StatusMatch::Range(hundreds) => {
                        let low = Literal::u16_unsuffixed(hundreds * 100);
                        let high = Literal::u16_unsuffixed(hundreds * 100 + 99);
                        quote!(#low..=#high)
                    }
                    StatusMatch::Default => quote!(_),
                };
                let handling = handling.tokens();
                quote!(#pattern => #handling,)
            },
            holes,
        )?);
    }
    if operation.fallbacks.others_unexpected {
        arms.push(template::fill(
            "decode: any other status, unexpected",
            || quote!(_ => Err(response.unexpected()),),
            Holes::default(),
        )?);
    }
    template::fill(
        "decode: the match on the status",
        || {
            quote!(match response.status_code() {
                __arms => {}
            })
        },
        Holes::default().arms("__arms", arms),
    )
}

/// How one arm of [`dispatch`] reads the response.
#[derive(Clone, Copy, Debug)]
enum Handling {
    /// A success that is the operation's only result: its body as it is.
    Success(Read),
    /// A success that is one variant of the operation's output enum.
    SuccessVariant(Read),
    /// An error: a variant of the error type, with the body read as `Read`.
    Error(Read),
}

/// How a body is read: the runtime method of each kind of body.
#[derive(Clone, Copy, Debug)]
enum Read {
    Empty,
    Json,
    Text,
    Binary,
}

impl Handling {
    fn of(response: &Response, single: bool) -> Self {
        let read = match response.body {
            BodyKind::Empty => Read::Empty,
            BodyKind::Json(_) => Read::Json,
            BodyKind::Text => Read::Text,
            BodyKind::Binary => Read::Binary,
        };
        match (response.is_success(), single) {
            (true, true) => Handling::Success(read),
            (true, false) => Handling::SuccessVariant(read),
            (false, _) => Handling::Error(read),
        }
    }

    /// The arm's expression, naming `__Output`, `__Error` and `__Variant`.
    fn tokens(self) -> TokenStream {
        let success = |read| match read {
            Read::Empty => quote!(response.empty()),
            Read::Json => quote!(response.json()),
            Read::Text => quote!(response.text()),
            Read::Binary => quote!(response.download()),
        };
        match self {
            Handling::Success(read) => success(read),
            Handling::SuccessVariant(Read::Empty) => {
                quote!(
                    response
                        .empty()
                        .map(|success| success.map(|()| __Output::__Variant))
                )
            }
            Handling::SuccessVariant(read) => {
                let read = success(read);
                quote!(#read.map(|success| success.map(__Output::__Variant)))
            }
            Handling::Error(Read::Empty) => {
                quote!(Err(response.error_without_body(__Error::__Variant)))
            }
            Handling::Error(Read::Json) => quote!(Err(response.error(__Error::__Variant))),
            Handling::Error(Read::Text | Read::Binary) => {
                quote!(Err(response.error_text(__Error::__Variant)))
            }
        }
    }
}

/// A status as the docs write it: `404`, `4XX`, `Any other status`.
pub(super) fn status_text(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
        StatusMatch::Default => "Any other status".to_owned(),
    }
}

fn status_docs(response: &Response) -> String {
    let status = status_text(response.status);
    let mut text = match &response.description {
        Some(description) => format!("`{status}`: {}", docs::sanitize(description)),
        None => format!("`{status}`."),
    };
    // The headers it documents are in the error's (or `send_with_metadata`'s) header map.
    for header in &response.headers {
        let name = header.name.replace('`', "'");
        let kind = header_kind(&header.ty);
        match &header.description {
            Some(description) => {
                let description = docs::sanitize(description).replace('\n', " ");
                text.push_str(&format!("\n- header `{name}` ({kind}): {description}"));
            }
            None => text.push_str(&format!("\n- header `{name}` ({kind})")),
        }
    }
    text
}

/// What a response header holds, in a word for its docs (headers arrive as text either way).
fn header_kind(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => "integer",
        TypeRef::F32 | TypeRef::F64 => "number",
        TypeRef::Bool => "boolean",
        TypeRef::DateTime => "date-time",
        TypeRef::Vec(_) => "list",
        _ => "text",
    }
}
