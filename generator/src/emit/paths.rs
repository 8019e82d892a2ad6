//! How generated code names what it does not declare: the runtime crate's items, and the crate's
//! own models and client, by absolute paths so no spec name can shadow them.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// The runtime crate, as generated crates depend on it.
pub const RUNTIME_CRATE: &str = "sdkgen_runtime";

/// An item of the runtime crate: `::sdkgen_runtime::Client`.
pub fn runtime(item: &str) -> TokenStream {
    let krate = Ident::new(RUNTIME_CRATE, Span::call_site());
    let item = Ident::new(item, Span::call_site());
    quote!(::#krate::#item)
}

/// An item of the runtime that only generated code calls: `::sdkgen_runtime::codegen::RequestSpec`.
pub fn codegen(item: &str) -> TokenStream {
    let krate = Ident::new(RUNTIME_CRATE, Span::call_site());
    let item = Ident::new(item, Span::call_site());
    quote!(::#krate::codegen::#item)
}

/// The generated models module.
pub fn models() -> TokenStream {
    quote!(crate::models::)
}

/// The generated client.
pub fn client() -> TokenStream {
    quote!(crate::Client)
}
