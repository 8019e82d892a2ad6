//! The `match` on the status that decodes each of an operation's responses into its result (whose
//! types [`super::result_types`] makes).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::template::{self, Holes};
use super::types::ident;
use crate::ir::{BodyKind, Operation, Output, Response, StatusMatch};

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
