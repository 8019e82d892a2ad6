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

/// What a file of operations (and `validation.rs`) imports, so its code names `models::X` and
/// `codegen::X` rather than absolute paths: no name of the spec can take these two (type names
/// are in UpperCamelCase), and the code reads shorter (5% fewer tokens in the operations files).
pub fn imports() -> TokenStream {
    let krate = Ident::new(RUNTIME_CRATE, Span::call_site());
    quote! {
        #[allow(unused_imports)]
        use crate::models;
        #[allow(unused_imports)]
        use ::#krate::codegen;
    }
}

/// An item of the runtime's `codegen` module, in a file with the [`imports`].
pub fn imported_codegen(item: &str) -> TokenStream {
    let item = Ident::new(item, Span::call_site());
    quote!(codegen::#item)
}

/// The models module, in a file with the [`imports`].
pub fn imported_models() -> TokenStream {
    quote!(models::)
}

/// The generated client.
pub fn client() -> TokenStream {
    quote!(crate::Client)
}
