//! The hand-written part of the SDK that the generated operations call: the client, requests,
//! responses and errors. Kept in one module so generated code names it by one path,
//! `crate::runtime`.

mod auth;
mod builder;
mod client;
mod config;
mod error;
mod filter;
mod paginate;
mod request;
mod response;
mod retry;
mod secret;
mod validate;

pub use auth::AuthError;
pub use builder::{
    ClientBuilder, ConfigError, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT,
    DEFAULT_TOKEN_RENEWAL_MARGIN,
};
pub use client::Client;
pub use config::CONFIG_FILE;
pub use error::{
    ApiError, DecodeError, Error, InvalidInput, PREVIEW_BYTES, TransportError, TransportErrorKind,
    UnexpectedStatus,
};
pub(crate) use filter::sorters_text;
pub use filter::{Filter, SortField, Sorter};
pub use paginate::{PageRequest, Paginated};
pub(crate) use request::RequestSpec;
pub use response::ApiResponse;
pub(crate) use response::write_json;
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use validate::{Validate, Violation};
pub(crate) use validate::{check_count, check_number};
