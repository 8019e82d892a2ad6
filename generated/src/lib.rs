//! Rust SDK for the Governance Groups (workgroups) API of SailPoint Identity Security Cloud, v2024.
//!
//! Every operation is a method on [`Client`] that returns a request builder: required inputs are
//! arguments, optional ones are setters, and `send().await` returns the decoded body or an
//! [`Error`] that keeps the response's status and headers.
//!
//! ```no_run
//! use sailpoint_governance_groups::{models, Client, Error};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder().tenant("acme").access_token("eyJhbGciOi...").build()?;
//!
//! // List governance groups, 50 at a time, asking for the total count.
//! let page = client.list_workgroups().limit(50).count(true).send_with_metadata().await?;
//! println!("{} of {:?} governance groups", page.body.len(), page.total_count());
//!
//! // Create one.
//! let group = models::WorkgroupDto {
//!     name: Some("DB Access Governance Group".to_owned()),
//!     description: Some("Reviews database access".to_owned()),
//!     ..Default::default()
//! };
//! let created = client.create_workgroup(group).send().await?;
//!
//! // Errors are typed by status and keep the response headers.
//! match client.get_workgroup("no-such-id").send().await {
//!     Ok(group) => println!("found {:?}", group.name),
//!     Err(Error::Api(error)) => println!("{} (tracking headers: {:?})", error.error, error.headers),
//!     Err(other) => return Err(other.into()),
//! }
//! # let _ = created;
//! # Ok(())
//! # }
//! ```
//!
//! The [`models`] and [`operations`] are generated from `spec/workgroups.yaml` by
//! `cargo xtask codegen`; the rest of the crate is written by hand.

#![warn(missing_docs)]

mod bulk;
mod runtime;

// Formatted by the generator (prettyplease), not by rustfmt.
#[rustfmt::skip]
mod generated;

pub use generated::{API_TITLE, API_VERSION, SERVER_URL, models, operations};
pub use runtime::{
    ApiError, ApiResponse, AuthError, CONFIG_FILE, Client, ClientBuilder, ConfigError,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_TOKEN_RENEWAL_MARGIN, DecodeError, Error,
    Filter, InvalidInput, PREVIEW_BYTES, PageRequest, Paginated, RetryPolicy, Secret, SortField,
    Sorter, TransportError, TransportErrorKind, UnexpectedStatus, Validate, Violation,
};

/// The HTTP types that appear in this crate's API.
pub mod http {
    pub use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
    pub use reqwest::{Method, StatusCode};
}
