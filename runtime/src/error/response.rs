//! Errors that come with a response: its status and headers are always kept.

use std::fmt;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::text::preview;
use crate::retry::retry_after;

/// A documented error response.
#[derive(Debug)]
#[non_exhaustive]
pub struct ApiError<E> {
    /// The operation that failed, by its `operationId`.
    pub operation: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// Every response header.
    pub headers: HeaderMap,
    /// The body, as the variant of the operation's error type for this status.
    pub error: E,
}

impl<E: fmt::Display> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} failed with {}: {}",
            self.operation, self.status, self.error
        )?;
        if let Some(wait) = retry_after(&self.headers) {
            write!(f, " (the server asks to retry after {}s)", wait.as_secs())?;
        }
        Ok(())
    }
}

/// The body of a documented error status. Servers do not always send the shape they document
/// for errors, and a body that does not match must not hide the status: it is kept as text.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ErrorBody<T> {
    /// The body, decoded as documented.
    Documented(T),
    /// A body that does not have the documented shape.
    Other {
        /// The body as text: at most [`ERROR_BODY_BYTES`](crate::ERROR_BODY_BYTES) bytes of it.
        text: String,
        /// Why it did not decode as documented.
        problem: String,
    },
}

impl<T> ErrorBody<T> {
    /// The decoded body, when it had the documented shape.
    pub fn documented(&self) -> Option<&T> {
        match self {
            ErrorBody::Documented(body) => Some(body),
            ErrorBody::Other { .. } => None,
        }
    }
}

impl<T: serde::Serialize> fmt::Display for ErrorBody<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Compact JSON shows every field the server sent.
            ErrorBody::Documented(body) => match serde_json::to_string(body) {
                Ok(text) => f.write_str(&preview(text.as_bytes())),
                Err(_) => f.write_str("(a body that cannot be shown as JSON)"),
            },
            ErrorBody::Other { text, problem } => {
                write!(
                    f,
                    "{} (not the documented shape: {problem})",
                    preview(text.as_bytes())
                )
            }
        }
    }
}

/// A response whose status the API does not document for the operation.
#[derive(Debug)]
#[non_exhaustive]
pub struct UnexpectedStatus {
    /// The operation that failed, by its `operationId`.
    pub operation: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// Every response header, e.g. `Location` for a redirect.
    pub headers: HeaderMap,
    /// The body as text: at most [`ERROR_BODY_BYTES`](crate::ERROR_BODY_BYTES) bytes of it, with
    /// `...` when cut (invalid UTF-8 replaced).
    pub body: String,
}

impl fmt::Display for UnexpectedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} got {}, which the API does not document for it",
            self.operation, self.status
        )?;
        if let Some(location) = self.headers.get(reqwest::header::LOCATION) {
            let location = String::from_utf8_lossy(location.as_bytes());
            write!(f, " (Location: {})", preview(location.as_bytes()))?;
        }
        write!(f, "; body: {}", preview(self.body.as_bytes()))
    }
}

/// A success whose body is not what the API documents.
#[derive(Debug)]
#[non_exhaustive]
pub struct DecodeError {
    /// The operation that failed, by its `operationId`.
    pub operation: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// Every response header.
    pub headers: HeaderMap,
    /// The start of the body, at most [`PREVIEW_BYTES`](crate::PREVIEW_BYTES) bytes of it.
    pub body_preview: String,
    /// Where and why decoding stopped.
    pub source: serde_json::Error,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Why it failed is the `source`, not repeated here.
        write!(
            f,
            "{} got {} with a body that does not decode as documented; body: {}",
            self.operation, self.status, self.body_preview
        )
    }
}

/// A response body larger than the client's limit. Nothing past the limit was read.
#[derive(Debug)]
#[non_exhaustive]
pub struct ResponseTooLarge {
    /// The operation, by its `operationId`.
    pub operation: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// Every response header.
    pub headers: HeaderMap,
    /// The limit, in bytes (see `ClientBuilder::max_response_bytes`).
    pub limit: usize,
    /// The size the server declared in `Content-Length`, if it did.
    pub declared: Option<u64>,
}

impl fmt::Display for ResponseTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} got {} with a body larger than the limit of {} bytes",
            self.operation, self.status, self.limit
        )?;
        if let Some(declared) = self.declared {
            write!(f, " (Content-Length: {declared})")?;
        }
        Ok(())
    }
}

/// The HTTP client followed a redirect, which the SDK never does: it would re-send a POST as a
/// GET, or a body and credentials to another host. Only a client given to
/// [`ClientBuilder::http_client`](crate::ClientBuilder::http_client) can; build it with
/// `redirect(reqwest::redirect::Policy::none())`.
#[derive(Debug)]
#[non_exhaustive]
pub struct FollowedRedirect {
    /// The operation, by its `operationId`.
    pub operation: &'static str,
    /// Where the redirect led: scheme, host, port and path (no user, query or fragment).
    pub location: String,
    /// The status of the response the redirect led to.
    pub status: StatusCode,
    /// Its headers.
    pub headers: HeaderMap,
}

impl FollowedRedirect {
    pub(crate) fn new(
        operation: &'static str,
        url: &reqwest::Url,
        status: StatusCode,
        headers: HeaderMap,
    ) -> Self {
        let mut location = url.clone();
        location.set_query(None);
        location.set_fragment(None);
        // Cannot fail on an http(s) URL; a URL without a host keeps what it has.
        let _ = location.set_username("");
        let _ = location.set_password(None);
        FollowedRedirect {
            operation,
            location: location.to_string(),
            status,
            headers,
        }
    }
}

impl fmt::Display for FollowedRedirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the HTTP client followed a redirect to {} (answered {}); the SDK never follows \
             redirects: give it a client built with `redirect::Policy::none()`",
            self.operation, self.location, self.status
        )
    }
}

impl std::error::Error for FollowedRedirect {}
