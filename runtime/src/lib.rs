//! The runtime that SDK crates generated from OpenAPI specs depend on, as `progenitor-client` is
//! to `progenitor`: the HTTP client and its settings, authentication (OAuth2 client credentials
//! with a shared token cache, bearer, basic, API keys), retries within a deadline, hooks around
//! each attempt, paged streams, filters and sorts, checks before sending, and errors that keep the
//! response's status and headers.
//!
//! It knows no API: a generated crate describes its own to it. What users name is at the root
//! and, for a glob import, in [`prelude`]; what generated code calls is in a hidden module that
//! is not a stable interface.
//!
//! # Features
//! - `tracing`: a [`tracing`](https://docs.rs/tracing) span per call (`call`, target
//!   `sdkgen_runtime`, with the fields `operation`, `method`, `path` (the template), `attempts`,
//!   `status` and `duration_ms`) and events for retries (reason, delay), token requests and
//!   renewals, and stream pages. No secret, token, header value, query or body is ever recorded.
//!
//! Published as `sdkgen-runtime`; generated crates depend on it by version.

#![warn(missing_docs)]

mod auth;
mod body;
mod bounds;
mod builder;
mod client;
#[doc(hidden)]
pub mod codegen;
mod config;
mod description;
mod download;
mod error;
mod filter;
mod header;
mod hooks;
mod multipart;
mod options;
mod paginate;
mod request;
mod response;
mod retry;
mod secret;
mod server;
mod trace;
mod upload;
mod validate;

use codegen::encode;

pub use builder::{
    ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT, DEFAULT_TOKEN_RENEWAL_MARGIN,
};
pub use client::Client;
pub use download::{Download, DownloadError};
pub use error::{
    ApiError, AuthError, ConfigError, DeadlineExceeded, DecodeError, ERROR_BODY_BYTES, Error,
    ErrorBody, FollowedRedirect, InvalidInput, PREVIEW_BYTES, PaginationError, PaginationProblem,
    ResponseTooLarge, TransportError, TransportErrorKind, UnexpectedStatus,
};
pub use filter::{Filter, SortField, Sorter};
pub use header::{DocumentedHeader, InvalidHeader};
pub use hooks::{Attempt, Hook, HookError, HookFuture, ResponseInfo};
pub use multipart::Multipart;
pub use options::RequestOptions;
pub use paginate::{PageRequest, Paginated};
pub use response::ApiResponse;
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use upload::{FilePart, StreamError, Upload};
pub use validate::{Validate, Violation};

/// What code that calls an SDK most often names, for `use sdkgen_runtime::prelude::*` (generated
/// crates re-export it as their own `prelude`, with their client).
pub mod prelude {
    pub use crate::{
        ApiResponse, Error, FilePart, Filter, Paginated, RequestOptions, RetryPolicy, Secret,
        SortField, Upload,
    };
}

/// The HTTP types that appear in this crate's API.
pub mod http {
    pub use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
    pub use reqwest::{Method, StatusCode};
}

/// Crates that generated code names, re-exported so a generated crate needs no dependency of its
/// own on them (and cannot get a version that does not match). `reqwest` is here too for
/// [`ClientBuilder::http_client`].
pub mod deps {
    pub use futures_core;
    pub use reqwest;
    pub use serde;
    pub use serde_json;
    pub use serde_with;
    pub use time;
}
