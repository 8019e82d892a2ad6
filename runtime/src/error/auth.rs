//! Why no credential could be had for a request.

use std::fmt;
use std::sync::Arc;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::error::preview;

/// No credential could be had for a request.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum AuthError {
    /// The token endpoint answered with an error status.
    Rejected {
        /// The token endpoint's status.
        status: StatusCode,
        /// The token endpoint's headers.
        headers: HeaderMap,
        /// Its body as text, e.g. `{"error":"invalid_client"}`: at most
        /// [`ERROR_BODY_BYTES`](crate::ERROR_BODY_BYTES) bytes of it.
        body: String,
    },
    /// The token endpoint answered with a success that is not a token.
    Malformed {
        /// The token endpoint's status.
        status: StatusCode,
        /// What is wrong with the answer (its body is not shown: it may hold a token).
        problem: String,
    },
    /// The token endpoint gave no answer: connection refused, timeout. Shared by the calls that
    /// waited on the same token request.
    Transport(Arc<reqwest::Error>),
    /// The operation needs a credential of one of these security schemes, and the client has none.
    Missing {
        /// The schemes, by the names the spec gives them.
        schemes: Vec<&'static str>,
    },
}

impl AuthError {
    /// The token endpoint's status, when it answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            AuthError::Rejected { status, .. } | AuthError::Malformed { status, .. } => {
                Some(*status)
            }
            AuthError::Transport(_) | AuthError::Missing { .. } => None,
        }
    }

    /// The token endpoint's headers, when it answered with an error status.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            AuthError::Rejected { headers, .. } => Some(headers),
            _ => None,
        }
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::Rejected { status, body, .. } => {
                write!(
                    f,
                    "the token endpoint refused the client credentials with {status}: {}",
                    preview(body.as_bytes())
                )
            }
            AuthError::Malformed { status, problem } => {
                write!(f, "the token endpoint answered {status}, but {problem}")
            }
            // The cause is the `source`, not repeated here.
            AuthError::Transport(_) => f.write_str("the token endpoint could not be reached"),
            AuthError::Missing { schemes } => write!(
                f,
                "no credential is configured for the security scheme(s) the operation needs: {}",
                schemes.join(" or ")
            ),
        }
    }
}

impl std::error::Error for AuthError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AuthError::Transport(error) => Some(error.as_ref()),
            _ => None,
        }
    }
}
