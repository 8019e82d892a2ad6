//! Requests that got no complete answer.

use std::fmt;

/// What kind of transport failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made, so nothing was sent.
    Connect,
    /// The connect or request timeout ran out, before or while the response was read.
    Timeout,
    /// The connection broke: closed before a response, or reset while the body was read.
    Broken,
    /// The HTTP client refused to make the request (a URL or header it cannot send, say): nothing
    /// was sent, and sending again would fail the same way.
    Refused,
    /// The server's answer is not valid HTTP (a bad status line, too many headers, a header too
    /// large): not retried, since the server would answer the same way.
    Malformed,
}

/// The request got no (complete) answer.
#[derive(Debug)]
#[non_exhaustive]
pub struct TransportError {
    /// The operation that failed, by its `operationId`.
    pub operation: &'static str,
    /// Connect, timeout, broken, or refused before sending.
    pub kind: TransportErrorKind,
    /// Attempts made, the last included.
    pub attempts: u32,
    /// The HTTP client's own error.
    pub source: reqwest::Error,
}

impl TransportError {
    pub(crate) fn new(operation: &'static str, source: reqwest::Error) -> Self {
        let kind = if source.is_builder() {
            TransportErrorKind::Refused
        } else if is_malformed_answer(&source) {
            TransportErrorKind::Malformed
        } else if source.is_timeout() {
            TransportErrorKind::Timeout
        } else if source.is_connect() {
            TransportErrorKind::Connect
        } else {
            TransportErrorKind::Broken
        };
        TransportError {
            operation,
            kind,
            attempts: 1,
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
            TransportErrorKind::Broken => "lost its connection",
            TransportErrorKind::Refused => "was not sent: the HTTP client refused the request",
            TransportErrorKind::Malformed => "got an answer that is not valid HTTP",
        };
        // The cause (reqwest's error, naming the URL) is the `source`, not repeated here.
        write!(f, "{} {what}", self.operation)?;
        if self.attempts > 1 {
            write!(f, " ({} attempts)", self.attempts)?;
        }
        Ok(())
    }
}

/// Whether the HTTP library could not parse the server's answer, anywhere in the error's causes.
fn is_malformed_answer(error: &reqwest::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = cause {
        if error
            .downcast_ref::<hyper::Error>()
            .is_some_and(hyper::Error::is_parse)
        {
            return true;
        }
        cause = error.source();
    }
    false
}

/// The call's deadline passed before it could end: no more attempts, waits or token requests.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeadlineExceeded {
    /// The operation, by its `operationId`.
    pub operation: &'static str,
    /// Attempts sent before the deadline.
    pub attempts: u32,
}

impl fmt::Display for DeadlineExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ran out of time: its deadline passed after {} attempt(s)",
            self.operation, self.attempts
        )
    }
}

impl std::error::Error for DeadlineExceeded {}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
