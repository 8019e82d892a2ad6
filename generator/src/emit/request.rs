//! The code that turns a request builder into a request description: the method, the path with its
//! inputs encoded, the query and header inputs that are set (or have a default the server needs),
//! and the body. Everything is read from the IR: the pieces of the path, each input's place and
//! encoding.
//!
//! Every operation has these statements, so each is a copy of a template (see [`template`]) named
//! by what shapes it (an input's place, encoding and presence), with the names and wire text filled
//! in; only the rare shapes (form and multipart bodies, streamed statuses) are parsed.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs::wire_text;
use super::paths;
use super::syntax;
use super::template::{self, Holes};
use super::types::ident;
use crate::ir::{
    BodyFormat, Encoding, Input, Operation, PathPiece, Place, Style, TextForm, TypeRef,
};

/// The statements that turn the builder (`self`) into `request`, a request description.
pub fn build_request(operation: &Operation) -> Result<Vec<syn::Stmt>, String> {
    let mut statements = vec![start(operation)?];
    for piece in &operation.path_pieces {
        statements.push(match piece {
            PathPiece::Literal(text) => template::fill(
                "request: a literal piece of the path",
                || quote!(request.path_literal("__TEXT");),
                Holes::default().text("__TEXT", text),
            )?,
            PathPiece::Input(index) => send_path(&operation.inputs[*index])?,
        });
    }
    for input in &operation.inputs {
        match &input.place {
            Place::Path | Place::Part { .. } => {}
            Place::Query | Place::Header | Place::Cookie => statements.push(send_param(input)?),
            Place::Body {
                content_type,
                format,
            } => statements.push(send_body(input, content_type, format)?),
        }
    }
    if operation.is_multipart() {
        statements.extend(parsed(send_parts(operation))?);
    }
    let streamed = operation.streamed_statuses();
    if !streamed.is_empty() {
        let ranges = streamed.iter().map(|(low, high)| {
            let (low, high) = (
                Literal::u16_unsuffixed(*low),
                Literal::u16_unsuffixed(*high),
            );
            quote!((#low, #high))
        });
        statements.extend(parsed(quote!(request.streamed = &[#(#ranges),*];))?);
    }
    Ok(statements)
}

/// Statements too rare to be worth a template.
fn parsed(tokens: TokenStream) -> Result<Vec<syn::Stmt>, String> {
    syn::parse::Parser::parse2(syn::Block::parse_within, tokens)
        .map_err(|error| format!("statements of a request: {error}"))
}

/// `let mut request = RequestSpec::new(..)`: the operation, its method, path and security.
fn start(operation: &Operation) -> Result<syn::Stmt, String> {
    let method = operation.method.as_str();
    let holes = Holes::default()
        .text("__ID", &operation.id)
        .text("__PATH", &operation.path)
        .expr("__security", security(operation));
    template::fill(
        &format!("request: start, {method}"),
        || {
            let request_spec = paths::imported_codegen("RequestSpec");
            let http = paths::runtime("http");
            let method = format_ident!("{method}");
            quote! {
                let mut request = #request_spec::new("__ID", #http::Method::#method, "__PATH", __security);
            }
        },
        holes,
    )
}

/// The operation's security requirements as a static slice of alternatives: `&[&["a", "b"], &[]]`.
/// Built as a tree, not written into the template: a scheme's name is the spec's text, which a
/// template must not hold (it could read as a placeholder).
fn security(operation: &Operation) -> syn::Expr {
    syntax::reference(syntax::array_expression(operation.security.iter().map(
        |names| {
            syntax::reference(syntax::array_expression(
                names.iter().map(|name| syntax::string_expression(name)),
            ))
        },
    )))
}

fn style_path(style: Style) -> TokenStream {
    let style = format_ident!("{}", style.runtime_name());
    let encode = paths::imported_codegen("encode");
    quote!(#encode::Style::#style)
}

/// How an input is there when the request is built, which shapes the statement that sends it.
#[derive(Clone, Copy, Debug)]
enum Presence {
    /// Required: always set, a field of the builder.
    Argument,
    /// Required with a default: sent with the default when not set.
    Defaulted,
    /// Optional: sent when set.
    Optional,
}

impl Presence {
    fn of(input: &Input) -> Self {
        match (input.is_argument(), input.required) {
            (true, _) => Presence::Argument,
            (false, true) if input.default.is_some() => Presence::Defaulted,
            _ => Presence::Optional,
        }
    }
}

/// The placeholder of an input's name on the wire in its template.
fn wire() -> TokenStream {
    quote!("__WIRE")
}

/// What every input's template is filled with: its field and its name on the wire.
fn input_holes(input: &Input) -> Holes {
    Holes::default()
        .ident("__field", ident(&input.rust_name))
        .text("__WIRE", &input.wire_name)
}

/// Appends a path input: one percent-encoded segment, or the value in its style.
fn send_path(input: &Input) -> Result<syn::Stmt, String> {
    let encoding = input.encoding;
    template::fill(
        &format!("request: a path input, {encoding:?}"),
        || match encoding {
            Encoding::Styled { style, explode } => {
                let style = style_path(style);
                quote!(request.path_styled("__WIRE", &self.__field, #style, #explode)?;)
            }
            Encoding::Single(form) => {
                let text = text_of(form, quote!(&self.__field), &wire());
                quote!(request.path_param("__WIRE", &#text)?;)
            }
            // Lowering gives no path input these; JSON text is what any value can be written as.
            Encoding::Repeated(_) | Encoding::Raw => {
                let text = text_of(TextForm::Json, quote!(&self.__field), &wire());
                quote!(request.path_param("__WIRE", &#text)?;)
            }
        },
        input_holes(input),
    )
}

/// Adds one query, header or cookie input: when set, or with its default where the server needs
/// it.
fn send_param(input: &Input) -> Result<syn::Stmt, String> {
    let add = match input.place {
        Place::Header => "header",
        Place::Cookie => "cookie",
        _ => "query",
    };
    let (encoding, presence) = (input.encoding, Presence::of(input));
    let mut holes = input_holes(input);
    if let (Presence::Defaulted, Some(default)) = (presence, &input.default) {
        holes = holes.text("__DEFAULT", &wire_text(default));
    }
    template::fill(
        &format!("request: a {add} input, {encoding:?}, {presence:?}"),
        || param_tokens(format_ident!("{add}"), encoding, presence),
        holes,
    )
}

/// The template of [`send_param`].
fn param_tokens(add: proc_macro2::Ident, encoding: Encoding, presence: Presence) -> TokenStream {
    let query = add == "query";
    let send = |value: TokenStream| match encoding {
        Encoding::Repeated(form) => {
            let each = text_of(form, quote!(item), &wire());
            quote! {
                for item in #value {
                    request.#add("__WIRE", #each);
                }
            }
        }
        Encoding::Styled { style, explode } if query => {
            let style = style_path(style);
            quote!(request.query_styled("__WIRE", #value, #style, #explode)?;)
        }
        Encoding::Styled { explode, .. } => quote! {
            if let Some(text) = request.simple_text("__WIRE", #value, #explode)? {
                request.#add("__WIRE", text);
            }
        },
        Encoding::Single(form) => {
            let text = text_of(form, value, &wire());
            quote!(request.#add("__WIRE", #text);)
        }
        // Lowering gives no parameter this; JSON is what any value can be written as.
        Encoding::Raw => {
            let text = text_of(TextForm::Json, value, &wire());
            quote!(request.#add("__WIRE", #text);)
        }
    };
    match presence {
        Presence::Argument => send(quote!(&self.__field)),
        Presence::Defaulted => {
            let when_set = send(quote!(value));
            quote! {
                match &self.__field {
                    Some(value) => { #when_set }
                    None => { request.#add("__WIRE", String::from("__DEFAULT")); }
                }
            }
        }
        Presence::Optional => {
            let when_set = send(quote!(value));
            quote! {
                if let Some(value) = &self.__field {
                    #when_set
                }
            }
        }
    }
}

/// Sends the body: as JSON, text, an upload or the caller's parts, or a form whose fields are
/// listed (rare enough to be parsed).
fn send_body(input: &Input, content_type: &str, format: &BodyFormat) -> Result<syn::Stmt, String> {
    let presence = Presence::of(input);
    let kind = match format {
        BodyFormat::Json => "JSON",
        BodyFormat::Text => "text",
        BodyFormat::Binary => "binary",
        BodyFormat::Multipart => "multipart",
        BodyFormat::Form(_) => {
            let field = ident(&input.rust_name);
            let tokens = body_tokens(format, presence, quote!(#content_type), quote!(#field));
            return syn::parse2(tokens).map_err(|error| format!("a form body: {error}"));
        }
    };
    template::fill(
        &format!("request: a {kind} body, {presence:?}"),
        || body_tokens(format, presence, quote!("__CONTENT"), quote!(__field)),
        input_holes(input).text("__CONTENT", content_type),
    )
}

/// The statement of [`send_body`].
fn body_tokens(
    format: &BodyFormat,
    presence: Presence,
    content_type: TokenStream,
    field: TokenStream,
) -> TokenStream {
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
    match presence {
        Presence::Argument => send(quote!(&self.#field)),
        // A body has no default: one that is not required is sent when set.
        Presence::Defaulted | Presence::Optional => {
            let send = send(quote!(body));
            quote! {
                if let Some(body) = &self.#field {
                    #send
                }
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
                let each = text_of(form, quote!(item), &quote!(#wire));
                quote! {
                    for item in #value {
                        form.text(#wire, &#each);
                    }
                }
            }
            (_, Encoding::Single(form)) => {
                let text = text_of(form, value, &quote!(#wire));
                quote!(form.text(#wire, &#text);)
            }
            // Lowering gives no part these; JSON text is what any value can be written as.
            (_, Encoding::Styled { .. } | Encoding::Raw) => {
                let text = text_of(TextForm::Json, value, &quote!(#wire));
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
fn text_of(form: TextForm, value: TokenStream, wire: &TokenStream) -> TokenStream {
    match form {
        TextForm::Display => quote!(ToString::to_string(#value)),
        TextForm::DateTime => quote!(request.date_time(#wire, #value)?),
        TextForm::Json => quote!(request.json_text(#wire, #value)?),
    }
}
