//! The files that make the generated code a crate: `src/lib.rs` (modules and re-exports) and
//! `src/client.rs` (the client type and what the spec says about the API itself:
//! its server, security schemes, settings and syntax conventions).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::paths;
use super::types::ident;
use crate::CrateOptions;
use crate::ir::{Api, KeyLocation, SchemeKind};
use crate::render::FileTokens;

/// `src/lib.rs`.
pub fn lib<'a>(api: &'a Api, options: &'a CrateOptions) -> FileTokens<'a> {
    // The README, written once from the spec and then the user's, is the crate's documentation. An
    // included root holds no inner attribute: the including crate has its own.
    let inner = match options.layout {
        crate::Layout::Crate => quote! {
            #![doc = include_str!("../README.md")]
            #![warn(missing_docs)]
        },
        crate::Layout::Included => TokenStream::new(),
    };
    FileTokens {
        inner,
        count: 1,
        item: Box::new(move |_| lib_items(api, options).into()),
    }
}

fn lib_items(api: &Api, options: &CrateOptions) -> TokenStream {
    let (title, version) = (&api.title, &api.version);
    let extra = options.modules.iter().map(|module| {
        let name = ident(module);
        quote!(mod #name;)
    });
    let runtime = ident(paths::RUNTIME_CRATE);
    let validation = super::has_validation(api).then(|| {
        quote!(
            mod validation;
        )
    });
    let deserialize = super::has_deserializers(api).then(|| {
        quote!(
            mod deserialize;
        )
    });
    quote! {
        mod client;
        pub mod models;
        pub mod operations;
        #validation
        #deserialize
        #(#extra)*

        pub use client::Client;
        pub use ::#runtime::{
            ApiError, ApiResponse, Attempt, AuthError, ConfigError, DEFAULT_DEADLINE,
            DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, DeadlineExceeded, DecodeError, DocumentedHeader,
            Download, DownloadError, ERROR_BODY_BYTES, Error, ErrorBody, FilePart, Filter, FollowedRedirect,
            Hook, HookError, HookFuture, InvalidHeader, InvalidInput, PREVIEW_BYTES, PageRequest, Paginated,
            PaginationError, PaginationProblem, RequestOptions, ResponseInfo, ResponseTooLarge,
            RetryPolicy, Secret, SortField, Sorter, StreamError, TransportError,
            TransportErrorKind, UnexpectedStatus, Upload, Validate, Violation, http,
        };

        /// The HTTP client crate, to build the client given to `ClientBuilder::http_client`.
        pub use ::#runtime::deps::reqwest;

        /// What code that calls this SDK most often names, for a glob import: the client, errors,
        /// options, filters, sorts, streams and uploads.
        pub mod prelude {
            pub use crate::Client;
            pub use ::#runtime::prelude::*;
        }

        /// Settings for a [`Client`].
        pub type ClientBuilder = ::#runtime::ClientBuilder<Client>;

        /// The API's title, from the spec.
        pub const API_TITLE: &str = #title;
        /// The API's version, from the spec.
        pub const API_VERSION: &str = #version;
    }
}

/// `src/client.rs`.
pub fn client(api: &Api) -> FileTokens<'_> {
    FileTokens {
        inner: quote! {
            //! The client of the API, and what the spec says about the API itself.
        },
        count: 1,
        item: Box::new(move |_| client_items(api).into()),
    }
}

fn client_items(api: &Api) -> TokenStream {
    let runtime_client = paths::runtime("Client");
    let builder = paths::runtime("ClientBuilder");
    let config_error = paths::runtime("ConfigError");
    let description = api_description(api);
    let from_env = api.profile.settings.as_ref().map(|settings| {
        let variables: Vec<String> = settings
            .sources
            .iter()
            .filter_map(|source| source.variable.clone())
            .collect();
        let mut text = format!(
            "A client configured from the environment variables {}",
            variables.join(", ")
        );
        if let Some(file) = &settings.config_file {
            text.push_str(&format!(", or, for any that is not set, from `{file}` in the working directory"));
        }
        text.push('.');
        let from_env_docs = docs::attributes(&text);
        quote! {
            #from_env_docs
            pub fn from_env() -> ::std::result::Result<Client, #config_error> {
                Self::builder_from_env()?.build()
            }

            /// The settings [`Client::from_env`] reads, in a builder to adjust before building.
            pub fn builder_from_env() -> ::std::result::Result<crate::ClientBuilder, #config_error> {
                #builder::from_env(&API, USER_AGENT)
            }

            /// Like [`Client::builder_from_env`], reading variables through `variable` and the config
            /// file from `dir`: for tests, or to take the settings from somewhere else.
            pub fn builder_from_settings(
                variable: impl Fn(&str) -> ::std::option::Option<::std::string::String>,
                dir: &::std::path::Path,
            ) -> ::std::result::Result<crate::ClientBuilder, #config_error> {
                #builder::from_settings(&API, USER_AGENT, variable, dir)
            }
        }
    });
    let grammars = grammars(api);
    // The operations reach the runtime's client through this; a spec without any needs none.
    let runtime_accessor = (!api.operations.is_empty()).then(|| {
        // With every tag's feature off, no operation calls it.
        let unused = api.has_features().then(|| {
            quote!(#[allow(dead_code, reason = "used by operations, none of whose features is on")])
        });
        quote! {
            /// The runtime's client, which sends the requests.
            #unused
            pub(crate) fn runtime(&self) -> &#runtime_client {
                &self.inner
            }
        }
    });
    let client_docs = docs::attributes(&format!(
        "A client of {}. Cheap to clone (clones share one connection pool and one token cache) and safe \
         to share across tasks; each operation of the API is a method.",
        api.title
    ));
    quote! {
        /// The name and version of this crate, sent as `User-Agent`.
        const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

        #client_docs
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: #runtime_client,
        }

        impl Client {
            /// Starts configuring a client.
            pub fn builder() -> crate::ClientBuilder {
                #builder::new(&API, USER_AGENT)
            }

            #from_env

            /// The URL the API's paths are appended to.
            pub fn api_root(&self) -> &str {
                self.inner.api_root()
            }

            #runtime_accessor
        }

        impl ::std::convert::From<#runtime_client> for Client {
            fn from(inner: #runtime_client) -> Self {
                Client { inner }
            }
        }

        #description
        #grammars
    }
}

/// `API`: the spec's server, security schemes, settings and default headers, for the runtime.
fn api_description(api: &Api) -> TokenStream {
    let description = paths::codegen("ApiDescription");
    let variable = paths::codegen("ServerVariable");
    let scheme = paths::codegen("SecurityScheme");
    let kind = paths::codegen("SchemeKind");
    let location = paths::codegen("KeyLocation");
    let title = &api.title;
    let (server_url, variables) = match api.servers.first() {
        Some(server) => {
            let variables = server.variables.iter().map(|v| {
                let (name, default, allowed) = (&v.name, &v.default, &v.allowed);
                quote!(#variable { name: #name, default: #default, allowed: &[#(#allowed),*] })
            });
            (server.url.clone(), quote!(&[#(#variables),*]))
        }
        // OpenAPI's default when a spec names no server.
        None => ("/".to_owned(), quote!(&[])),
    };
    let schemes = api.profile.security_schemes.iter().map(|s| {
        let name = &s.name;
        let kind = match &s.kind {
            SchemeKind::OAuth2 {
                token_url: Some(url),
            } => quote!(#kind::OAuth2 { token_url: Some(#url) }),
            SchemeKind::OAuth2 { token_url: None } => quote!(#kind::OAuth2 { token_url: None }),
            SchemeKind::HttpBearer => quote!(#kind::HttpBearer),
            SchemeKind::HttpBasic => quote!(#kind::HttpBasic),
            SchemeKind::ApiKey { location: at, name } => {
                let at = match at {
                    KeyLocation::Header => quote!(#location::Header),
                    KeyLocation::Query => quote!(#location::Query),
                    KeyLocation::Cookie => quote!(#location::Cookie),
                };
                quote!(#kind::ApiKey { location: #at, name: #name })
            }
        };
        quote!(#scheme { name: #name, kind: #kind })
    });
    let settings = match &api.profile.settings {
        Some(settings) => {
            let settings_type = paths::codegen("Settings");
            let source = paths::codegen("SettingSource");
            let setting = paths::codegen("Setting");
            let option = |value: &Option<String>| match value {
                Some(text) => quote!(Some(#text)),
                None => quote!(None),
            };
            let file = option(&settings.config_file);
            let sources = settings.sources.iter().map(|s| {
                let variant = ident(s.setting.variant());
                let (variable, key) = (option(&s.variable), option(&s.key));
                quote!(#source { setting: #setting::#variant, variable: #variable, key: #key })
            });
            quote!(Some(&#settings_type { config_file: #file, sources: &[#(#sources),*] }))
        }
        None => quote!(None),
    };
    let headers = api
        .profile
        .default_headers
        .iter()
        .map(|(name, value)| quote!((#name, #value)));
    let docs = docs::attributes(&format!(
        "{title}, as its spec describes it: for the runtime."
    ));
    quote! {
        #docs
        pub(crate) static API: #description = #description {
            title: #title,
            server_url: #server_url,
            server_variables: #variables,
            security_schemes: &[#(#schemes),*],
            settings: #settings,
            default_headers: &[#(#headers),*],
        };
    }
}

/// The filter and sort syntax the spec declares, for the generated filter and sort builders.
fn grammars(api: &Api) -> TokenStream {
    let filter = api.profile.filter.as_ref().filter(|_| api.operations.iter().any(|o| o.filter.is_some())).map(|grammar| {
        let filter_grammar = paths::codegen("FilterGrammar");
        let (and, or) = (&grammar.and, &grammar.or);
        quote! {
            /// How the API's filters are joined.
            pub(crate) static FILTER_GRAMMAR: #filter_grammar = #filter_grammar { and: #and, or: #or };
        }
    });
    let sort = api.profile.sort.as_ref().filter(|_| api.operations.iter().any(|o| o.sort.is_some())).map(|grammar| {
        let sort_grammar = paths::codegen("SortGrammar");
        let (separator, prefix) = (&grammar.separator, &grammar.descending_prefix);
        quote! {
            /// How the API writes sort keys.
            pub(crate) static SORT_GRAMMAR: #sort_grammar = #sort_grammar { separator: #separator, descending_prefix: #prefix };
        }
    });
    quote!(#filter #sort)
}
