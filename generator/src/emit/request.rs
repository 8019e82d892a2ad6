//! The code that turns a request builder into a request description: the method, the path with
//! its parameters encoded, the query and header parameters that are set (or have a default the
//! server needs), and the body.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::operations::{Input, runtime, wire_text};
use crate::ir::{Api, Method, Operation, Param, ParamLocation, TypeKind, TypeRef};

/// The code that turns the builder into a request description.
pub(super) fn build_request(operation: &Operation, inputs: &[Input], api: &Api) -> TokenStream {
    let request_spec = runtime::request_spec();
    let id = &operation.id;
    let method = match operation.method {
        Method::Get => quote!(GET),
        Method::Put => quote!(PUT),
        Method::Post => quote!(POST),
        Method::Delete => quote!(DELETE),
        Method::Options => quote!(OPTIONS),
        Method::Head => quote!(HEAD),
        Method::Patch => quote!(PATCH),
        Method::Trace => quote!(TRACE),
    };
    let path = path_pieces(operation, inputs);
    let params = inputs
        .iter()
        .filter_map(|input| input.param.map(|param| (input, param)));
    let query_and_headers = params
        .filter(|(_, param)| param.location != ParamLocation::Path)
        .map(|(input, param)| send_param(input, param, api));
    let body = operation
        .body
        .as_ref()
        .zip(inputs.last())
        .map(|(body, input)| {
            let field = &input.field;
            let content_type = &body.content_type;
            if input.required {
                quote!(request.json_body(#content_type, &self.#field)?;)
            } else {
                quote! {
                    if let Some(body) = &self.#field {
                        request.json_body(#content_type, body)?;
                    }
                }
            }
        });
    quote! {
        let mut request = #request_spec::new(#id, ::reqwest::Method::#method);
        #(#path)*
        #(#query_and_headers)*
        #body
    }
}

/// The path template as literal pieces and encoded parameters.
fn path_pieces(operation: &Operation, inputs: &[Input]) -> Vec<TokenStream> {
    let mut pieces = Vec::new();
    let mut rest = operation.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|close| open + close) else {
            break;
        };
        let literal = &rest[..open];
        if !literal.is_empty() {
            pieces.push(quote!(request.path_literal(#literal);));
        }
        let name = &rest[open + 1..close];
        let input = inputs.iter().find(|input| {
            input.param.is_some_and(|param| {
                param.location == ParamLocation::Path && param.wire_name == name
            })
        });
        if let Some(input) = input {
            let field = &input.field;
            pieces.push(quote!(request.path_param(#name, &ToString::to_string(&self.#field))?;));
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(quote!(request.path_literal(#rest);));
    }
    pieces
}

/// Adds one query or header parameter: when set, or with its default where the server needs it.
fn send_param(input: &Input, param: &Param, api: &Api) -> TokenStream {
    let field = &input.field;
    let wire = &param.wire_name;
    let add = match param.location {
        ParamLocation::Header => format_ident!("header"),
        _ => format_ident!("query"),
    };
    let send_value = |value: TokenStream| encode_value(&param.ty, value, &add, wire, api);
    if input.required {
        return send_value(quote!(&self.#field));
    }
    let when_set = send_value(quote!(value));
    match (&param.default, param.required) {
        (Some(default), true) => {
            let default = wire_text(default);
            let add_default = quote!(request.#add(#wire, String::from(#default)););
            quote! {
                match &self.#field {
                    Some(value) => { #when_set }
                    None => { #add_default }
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

/// Writes a value (an expression of type `&T`) as query or header text: arrays repeat the name,
/// scalars and string enums are written as text, anything else as JSON.
fn encode_value(
    ty: &TypeRef,
    value: TokenStream,
    add: &proc_macro2::Ident,
    wire: &str,
    api: &Api,
) -> TokenStream {
    match ty {
        TypeRef::Vec(item) => {
            let each = encode_value(item, quote!(item), add, wire, api);
            quote! {
                for item in #value {
                    #each
                }
            }
        }
        TypeRef::DateTime => quote!(request.#add(#wire, request.date_time(#wire, #value)?);),
        _ if is_text(ty, api, 0) => {
            quote!(request.#add(#wire, ToString::to_string(#value));)
        }
        _ => quote!(request.#add(#wire, request.json_text(#wire, #value)?);),
    }
}

/// Whether `Display` writes the value as the API expects it in a query or header.
fn is_text(ty: &TypeRef, api: &Api, depth: usize) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::F32
        | TypeRef::F64 => true,
        TypeRef::Named(id) if depth < 16 => match &api.type_def(*id).kind {
            TypeKind::Enum(_) => true,
            TypeKind::Alias(target) => is_text(target, api, depth + 1),
            _ => false,
        },
        _ => false,
    }
}
