//! The code that turns a request builder into a request description: the method, the path with its
//! inputs encoded, the query and header inputs that are set (or have a default the server needs),
//! and the body. Everything is read from the IR: the pieces of the path, each input's place and
//! encoding.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::wire_text;
use super::paths;
use super::types::ident;
use crate::ir::{BodyFormat, Encoding, Input, ItemEncoding, Operation, PathPiece, Place};

/// The code that turns the builder (`self`) into `request`, a request description.
pub fn build_request(operation: &Operation) -> TokenStream {
    let request_spec = paths::runtime("RequestSpec");
    let http = paths::runtime("http");
    let id = &operation.id;
    let method = format_ident!("{}", operation.method.as_str());
    let security = security(operation);
    let path = operation.path_pieces.iter().map(|piece| match piece {
        PathPiece::Literal(text) => quote!(request.path_literal(#text);),
        PathPiece::Input(index) => {
            let input = &operation.inputs[*index];
            let field = ident(&input.rust_name);
            let wire = &input.wire_name;
            let text = text_of(input.encoding, quote!(&self.#field), wire);
            quote!(request.path_param(#wire, &#text)?;)
        }
    });
    let rest = operation.inputs.iter().map(|input| match &input.place {
        Place::Path => TokenStream::new(),
        Place::Query | Place::Header => send_param(input),
        Place::Body {
            content_type,
            format,
        } => send_body(input, content_type, *format),
    });
    quote! {
        let mut request = #request_spec::new(#id, #http::Method::#method, #security);
        #(#path)*
        #(#rest)*
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

/// Adds one query or header input: when set, or with its default where the server needs it.
fn send_param(input: &Input) -> TokenStream {
    let field = ident(&input.rust_name);
    let wire = &input.wire_name;
    let add = match input.place {
        Place::Header => format_ident!("header"),
        _ => format_ident!("query"),
    };
    let send = |value: TokenStream| match input.encoding {
        Encoding::Repeated(item) => {
            let each = text_of(item_encoding(item), quote!(item), wire);
            quote! {
                for item in #value {
                    request.#add(#wire, #each);
                }
            }
        }
        encoding => {
            let text = text_of(encoding, value, wire);
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

fn send_body(input: &Input, content_type: &str, format: BodyFormat) -> TokenStream {
    let field = ident(&input.rust_name);
    let send = |body: TokenStream| match format {
        BodyFormat::Json => quote!(request.json_body(#content_type, #body)?;),
        BodyFormat::Text => quote!(request.raw_body(#content_type, #body.as_bytes());),
        BodyFormat::Binary => quote!(request.raw_body(#content_type, #body);),
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

fn item_encoding(item: ItemEncoding) -> Encoding {
    match item {
        ItemEncoding::Text => Encoding::Text,
        ItemEncoding::DateTime => Encoding::DateTime,
        ItemEncoding::Json => Encoding::Json,
    }
}

/// The text of `value` (an expression of type `&T`) in `encoding`, as a `String` expression.
fn text_of(encoding: Encoding, value: TokenStream, wire: &str) -> TokenStream {
    match encoding {
        Encoding::Text => quote!(ToString::to_string(#value)),
        Encoding::DateTime => quote!(request.date_time(#wire, #value)?),
        // Arrays and bodies are handled by the callers; anything structured is JSON.
        Encoding::Json | Encoding::Repeated(_) | Encoding::Body => {
            quote!(request.json_text(#wire, #value)?)
        }
    }
}
