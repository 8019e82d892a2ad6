//! The code that turns a request builder into a request description: the method, the path with its
//! inputs encoded, the query and header inputs that are set (or have a default the server needs),
//! and the body. Everything is read from the IR: the pieces of the path, each input's place and
//! encoding.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs::wire_text;
use super::paths;
use super::types::ident;
use crate::ir::{
    BodyFormat, Encoding, Input, Operation, PathPiece, Place, Style, TextForm, TypeRef,
};

/// The code that turns the builder (`self`) into `request`, a request description.
pub fn build_request(operation: &Operation) -> TokenStream {
    let request_spec = paths::imported_codegen("RequestSpec");
    let http = paths::runtime("http");
    let id = &operation.id;
    let method = format_ident!("{}", operation.method.as_str());
    let template = &operation.path;
    let security = security(operation);
    let path = operation.path_pieces.iter().map(|piece| match piece {
        PathPiece::Literal(text) => quote!(request.path_literal(#text);),
        PathPiece::Input(index) => send_path(&operation.inputs[*index]),
    });
    let rest = operation.inputs.iter().map(|input| match &input.place {
        Place::Path | Place::Part { .. } => TokenStream::new(),
        Place::Query | Place::Header | Place::Cookie => send_param(input),
        Place::Body {
            content_type,
            format,
        } => send_body(input, content_type, format),
    });
    let multipart = operation.is_multipart().then(|| send_parts(operation));
    let streamed = operation.streamed_statuses();
    let streamed = (!streamed.is_empty()).then(|| {
        let ranges = streamed.iter().map(|(low, high)| {
            let (low, high) = (
                Literal::u16_unsuffixed(*low),
                Literal::u16_unsuffixed(*high),
            );
            quote!((#low, #high))
        });
        quote!(request.streamed = &[#(#ranges),*];)
    });
    quote! {
        let mut request = #request_spec::new(#id, #http::Method::#method, #template, #security);
        #(#path)*
        #(#rest)*
        #multipart
        #streamed
    }
}

/// The operation's security requirements as a static slice of alternatives.
fn security(operation: &Operation) -> TokenStream {
    let alternatives = operation
        .security
        .iter()
        .map(|names| quote!(&[#(#names),*]));
    quote!(&[#(#alternatives),*])
}

fn style_path(style: Style) -> TokenStream {
    let style = format_ident!("{}", style.runtime_name());
    let encode = paths::imported_codegen("encode");
    quote!(#encode::Style::#style)
}

/// Appends a path input: one percent-encoded segment, or the value in its style.
fn send_path(input: &Input) -> TokenStream {
    let field = ident(&input.rust_name);
    let wire = &input.wire_name;
    match input.encoding {
        Encoding::Styled { style, explode } => {
            let style = style_path(style);
            quote!(request.path_styled(#wire, &self.#field, #style, #explode)?;)
        }
        Encoding::Single(form) => {
            let text = text_of(form, quote!(&self.#field), wire);
            quote!(request.path_param(#wire, &#text)?;)
        }
        // Lowering gives no path input these; JSON text is what any value can be written as.
        Encoding::Repeated(_) | Encoding::Raw => {
            let text = text_of(TextForm::Json, quote!(&self.#field), wire);
            quote!(request.path_param(#wire, &#text)?;)
        }
    }
}

/// Adds one query, header or cookie input: when set, or with its default where the server needs
/// it.
fn send_param(input: &Input) -> TokenStream {
    let field = ident(&input.rust_name);
    let wire = &input.wire_name;
    let add = match input.place {
        Place::Header => format_ident!("header"),
        Place::Cookie => format_ident!("cookie"),
        _ => format_ident!("query"),
    };
    let send = |value: TokenStream| match input.encoding {
        Encoding::Repeated(form) => {
            let each = text_of(form, quote!(item), wire);
            quote! {
                for item in #value {
                    request.#add(#wire, #each);
                }
            }
        }
        Encoding::Styled { style, explode } if input.place == Place::Query => {
            let style = style_path(style);
            quote!(request.query_styled(#wire, #value, #style, #explode)?;)
        }
        Encoding::Styled { explode, .. } => quote! {
            if let Some(text) = request.simple_text(#wire, #value, #explode)? {
                request.#add(#wire, text);
            }
        },
        Encoding::Single(form) => {
            let text = text_of(form, value, wire);
            quote!(request.#add(#wire, #text);)
        }
        // Lowering gives no parameter this; JSON is what any value can be written as.
        Encoding::Raw => {
            let text = text_of(TextForm::Json, value, wire);
            quote!(request.#add(#wire, #text);)
        }
    };
    if input.is_argument() {
        return send(quote!(&self.#field));
    }
    let when_set = send(quote!(value));
    match (&input.default, input.required) {
        (Some(default), true) => {
            let default = wire_text(default);
            quote! {
                match &self.#field {
                    Some(value) => { #when_set }
                    None => { request.#add(#wire, String::from(#default)); }
                }
            }
        }
        _ => quote! {
            if let Some(value) = &self.#field {
                #when_set
            }
        },
    }
}

fn send_body(input: &Input, content_type: &str, format: &BodyFormat) -> TokenStream {
    let field = ident(&input.rust_name);
    let send = |body: TokenStream| match format {
        BodyFormat::Json => quote!(request.json_body(#content_type, #body)?;),
        BodyFormat::Text => {
            quote!(request.raw_body(#content_type, ::std::string::String::as_bytes(#body));)
        }
        BodyFormat::Binary => quote!(request.upload_body(#content_type, #body);),
        BodyFormat::Multipart => quote!(request.multipart_body(Clone::clone(#body))?;),
        BodyFormat::Form(fields) => {
            let fields = fields.iter().map(|field| {
                let (wire, style, explode, json) = (
                    &field.wire_name,
                    style_path(field.style),
                    field.explode,
                    field.json,
                );
                quote!((#wire, #style, #explode, #json))
            });
            quote!(request.form_body(#content_type, #body, &[#(#fields),*])?;)
        }
    };
    if input.is_argument() {
        send(quote!(&self.#field))
    } else {
        let send = send(quote!(body));
        quote! {
            if let Some(body) = &self.#field {
                #send
            }
        }
    }
}

/// The `multipart/form-data` body: a part per set input, files with their media type.
fn send_parts(operation: &Operation) -> TokenStream {
    let multipart = paths::runtime("Multipart");
    let parts = operation.inputs.iter().filter_map(|input| {
        let Place::Part { part_type } = &input.place else {
            return None;
        };
        let field = ident(&input.rust_name);
        let wire = &input.wire_name;
        let file_type = part_type.as_deref().unwrap_or("application/octet-stream");
        let add = |value: TokenStream| match (&input.ty, input.encoding) {
            (TypeRef::File, _) => quote!(form.file(#wire, #value, #file_type);),
            (TypeRef::Vec(_), Encoding::Raw) => quote! {
                for item in #value {
                    form.file(#wire, item, #file_type);
                }
            },
            (_, Encoding::Single(TextForm::Json)) => quote!(form.json(#wire, #value);),
            (_, Encoding::Repeated(form)) => {
                let each = text_of(form, quote!(item), wire);
                quote! {
                    for item in #value {
                        form.text(#wire, &#each);
                    }
                }
            }
            (_, Encoding::Single(form)) => {
                let text = text_of(form, value, wire);
                quote!(form.text(#wire, &#text);)
            }
            // Lowering gives no part these; JSON text is what any value can be written as.
            (_, Encoding::Styled { .. } | Encoding::Raw) => {
                let text = text_of(TextForm::Json, value, wire);
                quote!(form.text(#wire, &#text);)
            }
        };
        Some(if input.is_argument() {
            add(quote!(&self.#field))
        } else {
            let add = add(quote!(value));
            quote! {
                if let Some(value) = &self.#field {
                    #add
                }
            }
        })
    });
    quote! {
        let mut form = #multipart::new();
        #(#parts)*
        request.multipart_body(form)?;
    }
}

/// The text of `value` (an expression of type `&T`) in `form`, as a `String` expression.
fn text_of(form: TextForm, value: TokenStream, wire: &str) -> TokenStream {
    match form {
        TextForm::Display => quote!(ToString::to_string(#value)),
        TextForm::DateTime => quote!(request.date_time(#wire, #value)?),
        TextForm::Json => quote!(request.json_text(#wire, #value)?),
    }
}
