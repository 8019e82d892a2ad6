//! An operation's result types, as syntax trees: its success type (one body type, or an enum when
//! success statuses differ) and its error type (a variant per documented error status, or an alias
//! of the enum that operations documenting the same errors share). Every operation has them, so
//! they are built directly rather than parsed (see [`template`]).

use quote::quote;

use super::docs;
use super::paths::RUNTIME_CRATE;
use super::responses::status_text;
use super::syntax;
use super::template::{self, Holes};
use super::types::{ModelPath, ident, type_tree};
use crate::ir::{Api, BodyKind, Operation, Output, Response, TypeRef};

fn successes(operation: &Operation) -> impl Iterator<Item = &Response> {
    operation
        .responses
        .iter()
        .filter(|response| response.is_success())
}

fn absolute_type(segments: &[&str]) -> syn::Type {
    syntax::path_type(syntax::path(true, segments))
}

/// What a variant for a body of `kind` holds: nothing for an empty body.
fn body_type(kind: &BodyKind, api: &Api, for_error: bool) -> Option<syn::Type> {
    match kind {
        BodyKind::Empty => None,
        // An error body that does not have its documented shape must not hide the status.
        BodyKind::Json(ty) if for_error => Some(syntax::path_type(syntax::with_arguments(
            syntax::path(true, &[RUNTIME_CRATE, "ErrorBody"]),
            vec![type_tree(ty, api, ModelPath::Imported)],
        ))),
        BodyKind::Json(ty) => Some(type_tree(ty, api, ModelPath::Imported)),
        BodyKind::Text => Some(absolute_type(&["std", "string", "String"])),
        BodyKind::Binary if for_error => Some(absolute_type(&["std", "string", "String"])),
        BodyKind::Binary => Some(absolute_type(&[RUNTIME_CRATE, "Download"])),
    }
}

/// A variant for each of `responses`, named by the IR and documented by its status.
fn variants<'a>(
    responses: impl Iterator<Item = &'a Response>,
    api: &Api,
    for_error: bool,
) -> Vec<syn::Variant> {
    responses
        .map(|response| {
            syntax::variant(
                docs::attribute_trees(&status_docs(response)),
                &response.variant,
                body_type(&response.body, api, for_error),
            )
        })
        .collect()
}

/// The type `send` returns, and the enum to declare when success statuses differ.
pub fn output_type(operation: &Operation, api: &Api) -> (syn::Type, Option<syn::Item>) {
    if let Output::Single(kind) = &operation.output {
        let unit = || {
            syn::Type::Tuple(syn::TypeTuple {
                attrs: Vec::new(),
                paren_token: Default::default(),
                elems: Default::default(),
            })
        };
        return (body_type(kind, api, false).unwrap_or_else(unit), None);
    }
    let name = &operation.names.output;
    let variants = variants(successes(operation), api, false);
    let mut attrs =
        docs::attribute_trees(&format!("The successes of `{}`, by status.", operation.id));
    // A download is a live stream: it can be neither copied nor compared.
    attrs.push(
        if successes(operation).any(|response| response.body == BodyKind::Binary) {
            syntax::list_attribute("derive", quote!(Debug))
        } else {
            syntax::list_attribute("derive", quote!(Clone, Debug, PartialEq))
        },
    );
    attrs.push(syntax::non_exhaustive());
    let item = syntax::public_enum(attrs, name, variants);
    (syntax::named_type(name), Some(syn::Item::Enum(item)))
}

/// The operation's error type, and its declarations: its own enum, or an alias of the enum it
/// shares (declared with the first operation that shares it).
pub fn error_type(
    operation: &Operation,
    api: &Api,
) -> Result<(syn::Ident, Vec<syn::Item>), String> {
    let own = &operation.names.error;
    let Some(shared) = &operation.shared_error else {
        let docs = format!(
            "The errors `{}` documents, one variant per status, each holding the body.",
            operation.id
        );
        return Ok((ident(own), error_enum(operation, api, own, &docs)?));
    };
    let mut items = Vec::new();
    if !shared.declared_for.is_empty() {
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
        items = error_enum(operation, api, &shared.name, &docs)?;
    }
    let alias_docs = docs::attribute_trees(&format!(
        "The errors `{}` documents: the same as the other operations of its module, so one type, \
         [`{}`].",
        operation.id, shared.name
    ));
    let mut alias: syn::Item = template::fill(
        "error type, an alias of the shared enum",
        || {
            quote!(
                pub type __Own = __Shared;
            )
        },
        Holes::default()
            .ident("__Own", ident(own))
            .ty("__Shared", syntax::named_type(&shared.name)),
    )?;
    if let syn::Item::Type(alias) = &mut alias {
        alias.attrs = alias_docs;
    }
    items.push(alias);
    Ok((ident(own), items))
}

/// An error enum named `name` with the error responses of `operation`, and its `Display` and
/// `Error` impls (one template; an arm of `Display` for each kind of body).
fn error_enum(
    operation: &Operation,
    api: &Api,
    name: &str,
    type_docs: &str,
) -> Result<Vec<syn::Item>, String> {
    let errors: Vec<&Response> = operation
        .responses
        .iter()
        .filter(|response| !response.is_success())
        .collect();
    let variants = variants(errors.iter().copied(), api, true);
    let mut attrs = docs::attribute_trees(type_docs);
    attrs.push(syntax::list_attribute(
        "derive",
        quote!(Clone, Debug, PartialEq),
    ));
    attrs.push(syntax::non_exhaustive());
    let definition = syntax::public_enum(attrs, name, variants);

    let mut arms = Vec::with_capacity(errors.len());
    for response in &errors {
        let holes = Holes::default().ident("__Variant", ident(&response.variant));
        arms.push(match &response.body {
            BodyKind::Empty => {
                let text = response.description.as_deref().unwrap_or("no body");
                template::fill(
                    "error display: no body",
                    || quote!(Self::__Variant => f.write_str("__TEXT"),),
                    holes.text("__TEXT", text),
                )?
            }
            BodyKind::Json(_) => template::fill(
                "error display: a decoded body",
                || quote!(Self::__Variant(ref body) => ::std::fmt::Display::fmt(body, f),),
                holes,
            )?,
            BodyKind::Text | BodyKind::Binary => template::fill(
                "error display: a text body",
                || quote!(Self::__Variant(ref body) => f.write_str(body),),
                holes,
            )?,
        });
    }
    let holes = Holes::default()
        .ty("__Name", syntax::named_type(name))
        .arms("__arms", arms);
    // An operation without documented errors has an empty enum, whose `Display` never writes.
    let impls: syn::File = if errors.is_empty() {
        template::fill(
            "error impls, no errors",
            || impls_template(quote!(_)),
            holes,
        )?
    } else {
        template::fill("error impls", || impls_template(quote!(f)), holes)?
    };
    let mut items = vec![syn::Item::Enum(definition)];
    items.extend(impls.items);
    Ok(items)
}

fn impls_template(formatter: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    quote! {
        impl ::std::fmt::Display for __Name {
            fn fmt(&self, #formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match *self {
                    __arms => {}
                }
            }
        }

        impl ::std::error::Error for __Name {}
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
