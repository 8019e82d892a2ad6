//! The runtime that SDK crates generated from OpenAPI specs depend on, as `progenitor-client` is
//! to `progenitor`: the HTTP client and its settings, authentication (OAuth2 client credentials
//! with a shared token cache, bearer, basic, API keys), retries, paged streams, filters and sorts,
//! checks before sending, and errors that keep the response's status and headers.
//!
//! It knows no API: a generated crate describes its own in an [`ApiDescription`] built from the
//! spec. Items marked hidden are called by generated code and are not a stable interface.
//!
//! Published as `sdkgen-runtime`; generated crates depend on it by version.

mod auth;
mod body;
mod builder;
mod client;
mod config;
#[doc(hidden)]
pub mod de;
mod description;
mod download;
#[doc(hidden)]
pub mod encode;
mod error;
mod filter;
mod multipart;
mod options;
mod paginate;
mod request;
mod response;
mod retry;
mod secret;
mod server;
mod upload;
mod validate;

pub use auth::AuthError;
pub use builder::{
    ClientBuilder, ConfigError, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT, DEFAULT_TOKEN_RENEWAL_MARGIN,
};
pub use client::Client;
pub use description::{
    ApiDescription, KeyLocation, SchemeKind, Security, SecurityScheme, ServerVariable, Setting,
    SettingSource, Settings,
};
pub use download::{Download, DownloadError};
pub use error::{
    ApiError, DecodeError, ERROR_BODY_BYTES, Error, ErrorBody, InvalidInput, PREVIEW_BYTES,
    PaginationError, PaginationProblem, ResponseTooLarge, TransportError, TransportErrorKind,
    UnexpectedStatus,
};
pub use filter::{Filter, FilterGrammar, SortField, SortGrammar, Sorter, sorters_text};
pub use multipart::Multipart;
pub use options::RequestOptions;
pub use paginate::{PageRequest, Paginated, Paging};
pub use request::RequestSpec;
pub use response::{ApiResponse, RawResponse, into_body, send};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use upload::{FilePart, StreamError, Upload};
pub use validate::{Validate, Violation, check_count, check_number};

/// The HTTP types that appear in this crate's API.
pub mod http {
    pub use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
    pub use reqwest::{Method, StatusCode};
}

/// Crates that generated code names, re-exported so a generated crate needs no dependency of its
/// own on them (and cannot get a version that does not match).
#[doc(hidden)]
pub mod deps {
    pub use futures_core;
    pub use reqwest;
    pub use serde;
    pub use serde_json;
    pub use serde_with;
    pub use time;
}
