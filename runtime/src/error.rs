//! The errors a call can end in. Every error that comes from a response keeps its status and
//! headers, so nothing the server said is lost.

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;

use super::auth::AuthError;
use reqwest::header::HeaderMap;

/// Why a call failed. `E` is the operation's own error type: one variant per documented error status,
/// holding the decoded body.
///
/// The variants that carry a response are boxed, so a `Result` stays small on the success path.
#[derive(Debug)]
pub enum Error<E> {
    /// The server answered with an error status the API documents for this operation.
    Api(Box<ApiError<E>>),
    /// The server answered with a status the API does not document for this operation.
    UnexpectedStatus(Box<UnexpectedStatus>),
    /// The server's answer did not have the documented shape.
    Decode(Box<DecodeError>),
    /// No answer arrived: the connection failed, timed out, or broke.
    Transport(TransportError),
    /// The request was refused before sending: an input is out of its bounds or cannot be sent.
    InvalidInput(InvalidInput),
    /// No access token could be had from the token endpoint, so the request was not sent.
    Auth(Box<AuthError>),
}

impl<E> Error<E> {
    /// The response status, when there was a response.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(error) => Some(error.status),
            Error::UnexpectedStatus(error) => Some(error.status),
            Error::Decode(error) => Some(error.status),
            Error::Transport(_) | Error::InvalidInput(_) | Error::Auth(_) => None,
        }
    }

    /// The response headers, when there was a response.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api(error) => Some(&error.headers),
            Error::UnexpectedStatus(error) => Some(&error.headers),
            Error::Decode(error) => Some(&error.headers),
            Error::Transport(_) | Error::InvalidInput(_) | Error::Auth(_) => None,
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
            Error::Transport(error) => fmt::Display::fmt(error, f),
            Error::InvalidInput(error) => fmt::Display::fmt(error, f),
            Error::Auth(error) => fmt::Display::fmt(error, f),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode(error) => Some(&error.source),
            Error::Transport(error) => Some(&error.source),
            Error::Auth(error) => Some(error.as_ref()),
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

/// A documented error response, decoded.
#[derive(Debug)]
pub struct ApiError<E> {
    /// The operation that failed, by its `operationId`.
    pub operation: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// Every response header.
    pub headers: HeaderMap,
    /// The decoded body, as the variant of the operation's error type for this status.
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

/// A response whose status the API does not document for the operation; its body is kept as text.
#[derive(Debug)]
pub struct UnexpectedStatus {
    /// The operation that failed, by its `operationId`.
    pub operation: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// Every response header.
    pub headers: HeaderMap,
    /// The whole body, as text (invalid UTF-8 replaced).
    pub body: String,
}

impl fmt::Display for UnexpectedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} got {}, which the API does not document for it; body: {}",
            self.operation,
            self.status,
            preview(self.body.as_bytes())
        )
    }
}

/// A response body that is not what the API documents for its status.
#[derive(Debug)]
pub struct DecodeError {
    /// The operation that failed, by its `operationId`.
    pub operation: &'static str,
    /// The response status.
    pub status: StatusCode,
    /// Every response header.
    pub headers: HeaderMap,
    /// The start of the body, at most [`PREVIEW_BYTES`] bytes of it.
    pub body_preview: String,
    /// Where and why decoding stopped.
    pub source: serde_json::Error,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} got {} with a body that does not decode as documented ({}); body: {}",
            self.operation, self.status, self.source, self.body_preview
        )
    }
}

/// How much of an unexpected body an error shows.
pub const PREVIEW_BYTES: usize = 512;

/// The start of a body as text, cut at a character boundary, with `...` when cut.
pub(crate) fn preview(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if text.len() <= PREVIEW_BYTES {
        return text.into_owned();
    }
    let mut end = PREVIEW_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &text[..end])
}

/// What kind of transport failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportErrorKind {
    /// The connection could not be made.
    Connect,
    /// The connect or request timeout ran out.
    Timeout,
    /// Anything else: a broken connection, an unreadable body, a redirect loop.
    Other,
}

/// The request got no (complete) answer.
#[derive(Debug)]
pub struct TransportError {
    /// The operation that failed, by its `operationId`.
    pub operation: &'static str,
    /// Connect, timeout, or other.
    pub kind: TransportErrorKind,
    /// The HTTP client's own error.
    pub source: reqwest::Error,
}

impl TransportError {
    pub(crate) fn new(operation: &'static str, source: reqwest::Error) -> Self {
        let kind = if source.is_timeout() {
            TransportErrorKind::Timeout
        } else if source.is_connect() {
            TransportErrorKind::Connect
        } else {
            TransportErrorKind::Other
        };
        TransportError {
            operation,
            kind,
            source,
        }
    }

    /// Whether a timeout ran out.
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    /// Whether the connection could not be made.
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Other => "failed in transport",
        };
        // reqwest's message names the URL; the URL never holds credentials.
        write!(f, "{} {what}: {}", self.operation, self.source)
    }
}

/// An input the SDK refuses to send, naming the input and what it must be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidInput {
    /// The operation that refused, by its `operationId`.
    pub operation: &'static str,
    /// The input as the API names it, e.g. `limit` or `body.ids`.
    pub input: String,
    /// What the input must be, e.g. `at most 50, got 51`.
    pub problem: String,
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: `{}` {}; nothing was sent",
            self.operation, self.input, self.problem
        )
    }
}

impl std::error::Error for InvalidInput {}

/// `Retry-After` as a wait: a number of seconds, or an HTTP date (RFC 9110, section 10.2.3).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    // A date in the past means "now".
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(reqwest::header::RETRY_AFTER, retry_after.parse().unwrap());
        headers
    }

    #[test]
    fn reads_retry_after_as_seconds_or_date() {
        assert_eq!(retry_after(&headers("10")), Some(Duration::from_secs(10)));
        assert_eq!(retry_after(&headers(" 0 ")), Some(Duration::ZERO));
        let later = std::time::SystemTime::now() + Duration::from_secs(120);
        let wait = retry_after(&headers(&httpdate::fmt_http_date(later))).unwrap();
        assert!(
            wait > Duration::from_secs(100) && wait <= Duration::from_secs(120),
            "{wait:?}"
        );
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:28:00 GMT")),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("soon")), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }

    #[test]
    fn previews_are_cut_at_a_character_boundary() {
        let long = "é".repeat(400);
        let shown = preview(long.as_bytes());
        assert!(shown.ends_with("...") && shown.len() <= PREVIEW_BYTES + 3);
        assert_eq!(preview(b"short"), "short");
    }
}
