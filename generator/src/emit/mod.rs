//! IR to token streams. One module per kind of output; none of them reads the spec.

mod collections;
pub mod docs;
mod enums;
mod models;
mod operations;
mod request;
mod responses;
mod types;
mod validation;

pub use models::models;
pub use operations::operations;
pub use validation::validation;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;
use crate::render::FileTokens;

/// The root of the generated code: its modules, and what the spec says about the API itself.
pub fn root(api: &Api) -> FileTokens<'_> {
    FileTokens {
        inner: quote! {
            //! Code generated from the API spec.
        },
        count: 1,
        item: Box::new(move |_| root_items(api)),
    }
}

fn root_items(api: &Api) -> TokenStream {
    // OpenAPI's default when a spec names no server is `/`.
    let server = api.servers.first().map_or_else(
        || {
            quote! {
                /// The API's server URL: the spec names none, so it is relative.
                pub const SERVER_URL: &str = "/";
            }
        },
        |server| {
            let url = &server.url;
            let variables: Vec<String> = server
                .variables
                .iter()
                .map(|variable| format!("`{{{}}}` (default `{}`)", variable.name, variable.default))
                .collect();
            let doc = if variables.is_empty() {
                " The API's server URL, from the spec.".to_owned()
            } else {
                format!(
                    " The API's server URL template, from the spec; variables: {}.",
                    variables.join(", ")
                )
            };
            quote! {
                #[doc = #doc]
                pub const SERVER_URL: &str = #url;
            }
        },
    );
    let title = &api.title;
    let version = &api.version;
    quote! {
        pub mod models;
        pub mod operations;
        mod validation;

        /// The API's title, from the spec.
        pub const API_TITLE: &str = #title;
        /// The API's version, from the spec.
        pub const API_VERSION: &str = #version;
        #server
    }
}
