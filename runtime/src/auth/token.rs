//! OAuth2 client credentials: one token request at a time, its outcome shared by every call that
//! waited on it, the token cached until shortly before it expires.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde::Deserialize;
use tokio::sync::Mutex;

use crate::body::{ReadError, read_limited};
use crate::bounds::CallBounds;
use crate::error::{AuthError, ERROR_BODY_BYTES, bounded_text};
use crate::retry::{RetryPolicy, Retryable, is_unavailable, retry_after};
use crate::secret::Secret;
use crate::trace;

/// OAuth2 client credentials against a token endpoint.
pub(crate) struct TokenSource {
    pub token_url: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// Renew when less than this is left (or half the token's lifetime, if that is shorter).
    pub renew_before: Duration,
    pub http: reqwest::Client,
    /// Sent as `User-Agent`, as with every call.
    user_agent: reqwest::header::HeaderValue,
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
    /// `Bearer` (RFC 6750), in any case, or absent; the SDK sends no other kind.
    token_type: Option<String>,
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
        (http, user_agent): (reqwest::Client, reqwest::header::HeaderValue),
        retry: RetryPolicy,
    ) -> Self {
        TokenSource {
            token_url,
            client_id,
            client_secret,
            renew_before,
            http,
            user_agent,
            retry,
            state: Mutex::new(TokenState::default()),
            finished: AtomicU64::new(0),
        }
    }

    /// Drops the cached token if it is `used`, which the API refused.
    pub(super) async fn forget(&self, used: &Secret) {
        let mut state = self.state.lock().await;
        if state
            .token
            .as_ref()
            .is_some_and(|cached| cached.value == *used)
        {
            state.token = None;
        }
    }

    /// The cached token, or a new one, fetched within the bounds of the call that needs it.
    pub(super) async fn token(&self, bounds: &CallBounds) -> Result<Secret, AuthError> {
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
        let outcome = self.fetch(bounds).await;
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
    /// remain: a client-credentials request is safe to repeat. The call that waits for it bounds
    /// it: no more attempts than the call may make, none longer than the call's, no wait past its
    /// deadline.
    async fn fetch(&self, bounds: &CallBounds) -> Result<CachedToken, AuthError> {
        let policy = RetryPolicy {
            max_attempts: self.retry.max_attempts.min(bounds.max_attempts),
            ..self.retry.clone()
        };
        let mut attempt = 1;
        loop {
            trace::token_request(attempt);
            // The caller checks the deadline: with none left, this attempt gets a moment.
            let timeout = bounds.next_timeout().unwrap_or(Duration::from_millis(1));
            let (failure, reason) = match self.fetch_once(timeout).await {
                Ok(token) => return Ok(token),
                Err(Attempt::Final(failure)) => {
                    trace::token_failed(failure.status().map(|status| status.as_u16()));
                    return Err(failure);
                }
                Err(Attempt::Transient(failure, reason)) => (failure, reason),
            };
            trace::token_failed(failure.status().map(|status| status.as_u16()));
            attempt += 1;
            match policy
                .wait(reason, true, attempt)
                .filter(|wait| bounds.allows_wait(*wait))
            {
                Some(wait) => tokio::time::sleep(wait).await,
                None => return Err(failure),
            }
        }
    }

    async fn fetch_once(&self, timeout: Duration) -> Result<CachedToken, Attempt> {
        let form = crate::encode::form_urlencoded(&[
            ("grant_type".to_owned(), "client_credentials".to_owned()),
            ("client_id".to_owned(), self.client_id.clone()),
            (
                "client_secret".to_owned(),
                self.client_secret.expose().to_owned(),
            ),
        ]);
        let transport = |error: reqwest::Error| {
            Attempt::Transient(
                AuthError::Transport(Arc::new(error)),
                Retryable::Unavailable(None),
            )
        };
        let response = self
            .http
            .post(&self.token_url)
            .header(reqwest::header::USER_AGENT, self.user_agent.clone())
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(form)
            .timeout(timeout)
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
                status if is_unavailable(status) => {
                    Some(Retryable::Unavailable(retry_after(&headers)))
                }
                _ => None,
            };
            // A token endpoint may echo what it was sent: the secret never reaches an error.
            let shown = bounded_text(&body, ERROR_BODY_BYTES);
            let failure = AuthError::Rejected {
                status,
                headers,
                body: redact(&shown, self.client_secret.expose()),
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
        if token.access_token.trim().is_empty() {
            return Err(Attempt::Final(AuthError::Malformed {
                status,
                problem: "its `access_token` is empty".to_owned(),
            }));
        }
        if let Some(kind) = token
            .token_type
            .as_deref()
            .filter(|kind| !kind.eq_ignore_ascii_case("bearer"))
        {
            let kind: String = kind
                .chars()
                .take(32)
                .filter(|ch| !ch.is_control())
                .collect();
            return Err(Attempt::Final(AuthError::Malformed {
                status,
                problem: format!(
                    "its `token_type` is `{kind}`: this SDK sends bearer tokens only (RFC 6750)"
                ),
            }));
        }
        // The lifetime comes from the network: capped, so no arithmetic on it can overflow.
        let lifetime = token
            .expires_in
            .map_or(ASSUMED_LIFETIME, Duration::from_secs)
            .min(LONGEST_LIFETIME);
        trace::token_received(lifetime);
        let margin = self.renew_before.min(lifetime / 2);
        let now = Instant::now();
        Ok(CachedToken {
            value: Secret::new(token.access_token),
            renew_at: now.checked_add(lifetime - margin).unwrap_or(now),
        })
    }
}

/// `text` with every occurrence of `secret` (as sent, and form-encoded) replaced.
fn redact(text: &str, secret: &str) -> String {
    if secret.is_empty() {
        return text.to_owned();
    }
    let encoded = crate::encode::form_urlencoded(&[(String::new(), secret.to_owned())]);
    let encoded = encoded.trim_start_matches('=');
    let mut shown = text.replace(secret, "[redacted]");
    if !encoded.is_empty() && encoded != secret {
        shown = shown.replace(encoded, "[redacted]");
    }
    shown
}

/// How one token request failed: for good, or in a way worth another try.
enum Attempt {
    Final(AuthError),
    Transient(AuthError, Retryable),
}
