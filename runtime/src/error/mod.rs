//! The errors a call can end in. Every error that comes from a response keeps its status and
//! headers, so nothing the server said is lost; bodies are kept up to a bound.

mod input;
mod paging;
mod response;
mod text;
mod transport;

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::auth::AuthError;
use super::retry::retry_after;

pub use input::InvalidInput;
pub use paging::{PaginationError, PaginationProblem};
pub use response::{ApiError, DecodeError, ErrorBody, ResponseTooLarge, UnexpectedStatus};
pub use text::{ERROR_BODY_BYTES, PREVIEW_BYTES};
pub(crate) use text::{bounded_text, preview};
pub use transport::{TransportError, TransportErrorKind};

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
            Error::Transport(_) | Error::InvalidInput(_) | Error::Pagination(_) => None,
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
            Error::Transport(_) | Error::InvalidInput(_) | Error::Pagination(_) => None,
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
