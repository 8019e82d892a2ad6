//! Authentication: the credential configured for each security scheme of the API, and OAuth2 client
//! credentials with a cached token that is renewed before it expires.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::Deserialize;
use tokio::sync::Mutex;

use super::body::{ReadError, read_limited};
use super::error::{ERROR_BODY_BYTES, bounded_text, preview};
use super::retry::{RetryPolicy, Retryable, is_unavailable, retry_after};
use super::secret::Secret;

/// What authenticates requests under one security scheme.
#[derive(Clone, Debug)]
pub(crate) enum Credential {
    /// A fixed bearer token.
    Bearer(Secret),
    /// A bearer token fetched with OAuth2 client credentials; shared by the schemes that use the
    /// same token endpoint.
    OAuth2(Arc<TokenSource>),
    Basic {
        user: String,
        password: Secret,
    },
    ApiKey(Secret),
}

/// A credential made ready for one attempt: tokens fetched.
#[derive(Debug)]
pub(crate) enum Ready {
    Bearer(Secret),
    Basic { user: String, password: Secret },
    ApiKey(Secret),
}

impl Credential {
    /// The credential to send now, fetching a token when needed.
    pub async fn ready(&self) -> Result<Ready, AuthError> {
        Ok(match self {
            Credential::Bearer(token) => Ready::Bearer(token.clone()),
            Credential::OAuth2(source) => Ready::Bearer(source.token().await?),
            Credential::Basic { user, password } => Ready::Basic {
                user: user.clone(),
                password: password.clone(),
            },
            Credential::ApiKey(key) => Ready::ApiKey(key.clone()),
        })
    }

    /// Whether a 401 is worth one retry with a fresh token.
    pub fn can_renew(&self) -> bool {
        matches!(self, Credential::OAuth2(_))
    }

    /// Drops `used` after the API refused it, so the next call fetches a new one.
    pub async fn forget(&self, used: &Ready) {
        if let (Credential::OAuth2(source), Ready::Bearer(token)) = (self, used) {
            let mut state = source.state.lock().await;
            if state
                .token
                .as_ref()
                .is_some_and(|cached| cached.value == *token)
            {
                state.token = None;
            }
        }
    }
}

/// OAuth2 client credentials against a token endpoint.
pub(crate) struct TokenSource {
    pub token_url: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// Renew when less than this is left (or half the token's lifetime, if that is shorter).
    pub renew_before: Duration,
    pub http: reqwest::Client,
    /// How often a token request is tried, and how long to wait between tries.
    pub retry: RetryPolicy,
    /// Held while a token is fetched, so many tasks starting at once make one token request and
    /// share its outcome.
    state: Mutex<TokenState>,
    /// Token requests finished, success or failure: read before waiting for `state`, so a task can
    /// tell that a request finished while it waited.
    finished: AtomicU64,
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSource")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .finish_non_exhaustive()
    }
}

#[derive(Default)]
struct TokenState {
    token: Option<CachedToken>,
    /// How the last token request failed, for the tasks that waited on it.
    failure: Option<AuthError>,
}

struct CachedToken {
    value: Secret,
    /// When to fetch a new one: a margin before the token expires.
    renew_at: Instant,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    /// Seconds the token is valid for.
    expires_in: Option<u64>,
}

/// How long a token is assumed to last when the endpoint does not say.
const ASSUMED_LIFETIME: Duration = Duration::from_secs(300);

/// A token said to last longer is renewed after this long (a day) all the same.
const LONGEST_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// A token response is small; a larger one is refused unread.
const TOKEN_RESPONSE_BYTES: usize = 64 * 1024;

impl TokenSource {
    pub fn new(
        token_url: String,
        client_id: String,
        client_secret: Secret,
        renew_before: Duration,
        http: reqwest::Client,
        retry: RetryPolicy,
    ) -> Self {
        TokenSource {
            token_url,
            client_id,
            client_secret,
            renew_before,
            http,
            retry,
            state: Mutex::new(TokenState::default()),
            finished: AtomicU64::new(0),
        }
    }

    async fn token(&self) -> Result<Secret, AuthError> {
        let seen = self.finished.load(Ordering::Acquire);
        let mut state = self.state.lock().await;
        if let Some(cached) = state
            .token
            .as_ref()
            .filter(|cached| Instant::now() < cached.renew_at)
        {
            return Ok(cached.value.clone());
        }
        // A request that finished while this task waited decides its outcome: a failure is not
        // repeated by every waiting task, one after the other.
        if self.finished.load(Ordering::Acquire) != seen {
            if let Some(failure) = &state.failure {
                return Err(failure.clone());
            }
        }
        let outcome = self.fetch().await;
        self.finished.fetch_add(1, Ordering::AcqRel);
        match outcome {
            Ok(fresh) => {
                let value = fresh.value.clone();
                *state = TokenState {
                    token: Some(fresh),
                    failure: None,
                };
                Ok(value)
            }
            Err(failure) => {
                state.token = None;
                state.failure = Some(failure.clone());
                Err(failure)
            }
        }
    }

    /// Asks for a token, again after a 429, 502, 503, 504 or a transport failure while attempts
    /// remain: a client-credentials request is safe to repeat.
    async fn fetch(&self) -> Result<CachedToken, AuthError> {
        let mut attempt = 1;
        loop {
            let (failure, reason) = match self.fetch_once().await {
                Ok(token) => return Ok(token),
                Err(Attempt::Final(failure)) => return Err(failure),
                Err(Attempt::Transient(failure, reason)) => (failure, reason),
            };
            attempt += 1;
            match self.retry.wait(reason, true, attempt) {
                Some(wait) => tokio::time::sleep(wait).await,
                None => return Err(failure),
            }
        }
    }

    async fn fetch_once(&self) -> Result<CachedToken, Attempt> {
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.expose()),
        ];
        let transport = |error: reqwest::Error| {
            Attempt::Transient(
                AuthError::Transport(Arc::new(error)),
                Retryable::Unavailable,
            )
        };
        let response = self
            .http
            .post(&self.token_url)
            .form(&form)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = match read_limited(response, TOKEN_RESPONSE_BYTES).await {
            Ok(body) => body,
            Err(ReadError::Transport(error)) => return Err(transport(error)),
            Err(ReadError::TooLarge { .. }) => {
                return Err(Attempt::Final(AuthError::Malformed {
                    status,
                    problem: format!("its body is larger than {TOKEN_RESPONSE_BYTES} bytes"),
                }));
            }
        };
        if !status.is_success() {
            let reason = match status {
                StatusCode::TOO_MANY_REQUESTS => {
                    Some(Retryable::RateLimited(retry_after(&headers)))
                }
                status if is_unavailable(status) => Some(Retryable::Unavailable),
                _ => None,
            };
            let failure = AuthError::Rejected {
                status,
                headers,
                body: bounded_text(&body, ERROR_BODY_BYTES),
            };
            return Err(match reason {
                Some(reason) => Attempt::Transient(failure, reason),
                None => Attempt::Final(failure),
            });
        }
        // The body of a success holds the token, so it is never shown, even when it does not decode.
        let token: TokenResponse = serde_json::from_slice(&body).map_err(|error| {
            Attempt::Final(AuthError::Malformed {
                status,
                problem: format!("the body is not a token response: {error:#}"),
            })
        })?;
        // The lifetime comes from the network: capped, so no arithmetic on it can overflow.
        let lifetime = token
            .expires_in
            .map_or(ASSUMED_LIFETIME, Duration::from_secs)
            .min(LONGEST_LIFETIME);
        let margin = self.renew_before.min(lifetime / 2);
        let now = Instant::now();
        Ok(CachedToken {
            value: Secret::new(token.access_token),
            renew_at: now.checked_add(lifetime - margin).unwrap_or(now),
        })
    }
}

/// How one token request failed: for good, or in a way worth another try.
enum Attempt {
    Final(AuthError),
    Transient(AuthError, Retryable),
}

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
