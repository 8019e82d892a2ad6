//! Rust SDK for the Governance Groups (workgroups) API of SailPoint Identity Security Cloud, v2024.
//!
//! Every operation is a method on [`Client`] that returns a request builder: required inputs are
//! arguments, optional ones are setters, and `send().await` returns the decoded body or an
//! [`Error`] that keeps the response's status and headers.
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use sailpoint_governance_groups::operations::{ListWorkgroupsFilter, ListWorkgroupsSortField};
//! use sailpoint_governance_groups::{Client, Error, SortField, models};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // SAIL_BASE_URL, SAIL_CLIENT_ID, SAIL_CLIENT_SECRET, or config.json: OAuth2 client
//! // credentials, with the token fetched, cached and renewed for you.
//! let client = Client::from_env()?;
//!
//! // A typed filter: only the fields and operators the API documents, values escaped.
//! let groups = client
//!     .list_workgroups()
//!     .filter(ListWorkgroupsFilter::name().starts_with("DB"))
//!     .sort_by([ListWorkgroupsSortField::Name.ascending()])
//!     .send()
//!     .await?;
//!
//! // Every member, fetched 50 at a time as the stream is read.
//! if let Some(id) = groups.first().and_then(|group| group.id.clone()) {
//!     let mut members = client.list_workgroup_members(id).into_stream();
//!     while let Some(member) = members.next().await {
//!         println!("{:?}", member?.name);
//!     }
//! }
//!
//! // Create one; errors are typed by status and keep the response headers.
//! let group = models::WorkgroupDto { name: Some("Auditors".to_owned()), ..Default::default() };
//! match client.create_workgroup(group).send().await {
//!     Ok(created) => println!("created {:?}", created.id),
//!     Err(Error::Api(error)) => eprintln!("{error} (headers: {:?})", error.headers),
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Rate limits (429, with `Retry-After`) and passing failures (502, 503, 504, a refused
//! connection, for calls that are safe to repeat) are retried; inputs outside the spec's bounds
//! (`limit` above 50, more than 100 ids in a bulk delete) are refused before anything is sent.
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
