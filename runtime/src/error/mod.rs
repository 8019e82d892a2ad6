//! The errors a call can end in. Every error that comes from a response keeps its status and
//! headers, so nothing the server said is lost; bodies are kept up to a bound.

mod auth;
mod config;
mod input;
mod paging;
mod response;
mod text;
mod transport;

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::hooks::HookError;
use crate::retry::retry_after;

pub use auth::AuthError;
pub use config::ConfigError;
pub use input::InvalidInput;
pub use paging::{PaginationError, PaginationProblem};
pub use response::{
    ApiError, DecodeError, ErrorBody, FollowedRedirect, ResponseTooLarge, UnexpectedStatus,
};
pub use text::{ERROR_BODY_BYTES, PREVIEW_BYTES};
pub(crate) use text::{bounded_text, preview};
pub use transport::{DeadlineExceeded, TransportError, TransportErrorKind};

/// Why a call failed. `E` is the operation's own error type: one variant per documented error status,
/// holding the body.
///
/// The variants that carry a response are boxed, so a `Result` stays small on the success path.
/// New kinds of failure may be added, so a `match` needs a wildcard arm.
///
/// `Display` shows this failure's own message; its cause (a transport or decoding error) is the
/// [`source`](std::error::Error::source), so an error chain prints each message once.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with an error status the API documents for this operation.
    Api(Box<ApiError<E>>),
    /// The server answered with a status the API does not document for this operation.
    UnexpectedStatus(Box<UnexpectedStatus>),
    /// The server's answer to a success did not have the documented shape.
    Decode(Box<DecodeError>),
    /// The response body is larger than the client's limit; the rest of it was not read.
    TooLarge(Box<ResponseTooLarge>),
    /// No (complete) answer arrived: the connection failed, timed out, or broke.
    Transport(TransportError),
    /// The request was refused before sending: an input is out of its bounds or cannot be sent.
    InvalidInput(InvalidInput),
    /// No credential could be had for the request (the token endpoint failed), so it was not sent.
    Auth(Box<AuthError>),
    /// A paged stream stopped because the server's pages cannot be trusted to end.
    Pagination(Box<PaginationError>),
    /// The call's deadline passed (see [`RequestOptions::deadline`](crate::RequestOptions::deadline)).
    Deadline(DeadlineExceeded),
    /// A [`Hook`](crate::Hook) stopped the call before an attempt was sent.
    Hook(Box<HookError>),
    /// The HTTP client followed a redirect, which the SDK does not allow.
    Redirected(Box<FollowedRedirect>),
}

impl<E> Error<E> {
    /// The response status, when there was a response.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(error) => Some(error.status),
            Error::UnexpectedStatus(error) => Some(error.status),
            Error::Decode(error) => Some(error.status),
            Error::TooLarge(error) => Some(error.status),
            Error::Auth(error) => error.status(),
            Error::Redirected(error) => Some(error.status),
            Error::Transport(_)
            | Error::InvalidInput(_)
            | Error::Pagination(_)
            | Error::Deadline(_)
            | Error::Hook(_) => None,
        }
    }

    /// A header the spec documents, as its type, when there was a response that sent it: an
    /// error names the header and its text when that text is not of the documented type.
    pub fn header<H: crate::DocumentedHeader>(
        &self,
    ) -> Result<Option<H::Value>, crate::InvalidHeader> {
        match self.headers() {
            Some(headers) => crate::header::read::<H>(headers),
            None => Ok(None),
        }
    }

    /// The response headers, when there was a response.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api(error) => Some(&error.headers),
            Error::UnexpectedStatus(error) => Some(&error.headers),
            Error::Decode(error) => Some(&error.headers),
            Error::TooLarge(error) => Some(&error.headers),
            Error::Auth(error) => error.headers(),
            Error::Redirected(error) => Some(&error.headers),
            Error::Transport(_)
            | Error::InvalidInput(_)
            | Error::Pagination(_)
            | Error::Deadline(_)
            | Error::Hook(_) => None,
        }
    }

    /// Whether the same call, made again later, may succeed: a 429, a 502, 503 or 504, a 5xx the
    /// API documents or not, a timeout or a lost connection, an unreachable token endpoint, or the
    /// deadline. Not retryable: what the same input meets again (a documented 4xx, an invalid
    /// input, a body too large or not as documented, a hook's refusal). The SDK has already
    /// retried what its policy allows; this is for the caller's own, coarser retry.
    pub fn is_retryable(&self) -> bool {
        let status_retryable = |status: StatusCode| {
            status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
        };
        match self {
            Error::Api(error) => status_retryable(error.status),
            Error::UnexpectedStatus(error) => status_retryable(error.status),
            Error::Transport(error) => matches!(
                error.kind,
                TransportErrorKind::Connect
                    | TransportErrorKind::Timeout
                    | TransportErrorKind::Broken
            ),
            Error::Auth(error) => match error.as_ref() {
                AuthError::Transport(_) => true,
                AuthError::Rejected { status, .. } => status_retryable(*status),
                _ => false,
            },
            Error::Deadline(_) => true,
            Error::Decode(_)
            | Error::TooLarge(_)
            | Error::InvalidInput(_)
            | Error::Pagination(_)
            | Error::Hook(_)
            | Error::Redirected(_) => false,
        }
    }

    /// How long the server asked to wait before trying again (`Retry-After`), if it said.
    pub fn retry_after(&self) -> Option<Duration> {
        self.headers().and_then(retry_after)
    }

    /// The documented error, if this is one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Api(error) => Some(&error.error),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(error) => fmt::Display::fmt(error, f),
            Error::UnexpectedStatus(error) => fmt::Display::fmt(error, f),
            Error::Decode(error) => fmt::Display::fmt(error, f),
            Error::TooLarge(error) => fmt::Display::fmt(error, f),
            Error::Transport(error) => fmt::Display::fmt(error, f),
            Error::InvalidInput(error) => fmt::Display::fmt(error, f),
            Error::Auth(error) => fmt::Display::fmt(error, f),
            Error::Pagination(error) => fmt::Display::fmt(error, f),
            Error::Deadline(error) => fmt::Display::fmt(error, f),
            Error::Hook(error) => fmt::Display::fmt(error, f),
            Error::Redirected(error) => fmt::Display::fmt(error, f),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        // Transparent: the inner error's message is this one's, so its cause comes next.
        match self {
            Error::Decode(error) => Some(&error.source),
            Error::Transport(error) => Some(&error.source),
            Error::Auth(error) => std::error::Error::source(error.as_ref()),
            Error::Hook(error) => std::error::Error::source(error.as_ref()),
            _ => None,
        }
    }
}

impl<E> From<TransportError> for Error<E> {
    fn from(error: TransportError) -> Self {
        Error::Transport(error)
    }
}

impl<E> From<InvalidInput> for Error<E> {
    fn from(error: InvalidInput) -> Self {
        Error::InvalidInput(error)
    }
}

impl<E> From<AuthError> for Error<E> {
    fn from(error: AuthError) -> Self {
        Error::Auth(Box::new(error))
    }
}
