//! Authentication: the credential configured for each security scheme of the API, and OAuth2 client
//! credentials with a cached token that is renewed before it expires.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::Deserialize;
use tokio::sync::Mutex;

use super::error::preview;
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
            let mut cache = source.cache.lock().await;
            if cache.as_ref().is_some_and(|cached| cached.value == *token) {
                *cache = None;
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
    /// Held while a token is fetched, so many tasks starting at once make one token request.
    cache: Mutex<Option<CachedToken>>,
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

impl TokenSource {
    pub fn new(
        token_url: String,
        client_id: String,
        client_secret: Secret,
        renew_before: Duration,
        http: reqwest::Client,
    ) -> Self {
        TokenSource {
            token_url,
            client_id,
            client_secret,
            renew_before,
            http,
            cache: Mutex::new(None),
        }
    }

    async fn token(&self) -> Result<Secret, AuthError> {
        let mut cache = self.cache.lock().await;
        if let Some(cached) = cache
            .as_ref()
            .filter(|cached| Instant::now() < cached.renew_at)
        {
            return Ok(cached.value.clone());
        }
        let fresh = self.fetch().await?;
        let value = fresh.value.clone();
        *cache = Some(fresh);
        Ok(value)
    }

    async fn fetch(&self) -> Result<CachedToken, AuthError> {
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.expose()),
        ];
        let response = self
            .http
            .post(&self.token_url)
            .form(&form)
            .send()
            .await
            .map_err(AuthError::Transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(AuthError::Transport)?;
        if !status.is_success() {
            return Err(AuthError::Rejected {
                status,
                headers,
                body: preview(&body),
            });
        }
        // The body of a success holds the token, so it is never shown, even when it does not decode.
        let token: TokenResponse =
            serde_json::from_slice(&body).map_err(|error| AuthError::Malformed {
                status,
                problem: format!("the body is not a token response: {error:#}"),
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

/// The token endpoint did not give a token.
#[derive(Debug)]
pub enum AuthError {
    /// It answered with an error status.
    Rejected {
        /// The token endpoint's status.
        status: StatusCode,
        /// The token endpoint's headers.
        headers: HeaderMap,
        /// The start of its body, e.g. `{"error":"invalid_client"}`.
        body: String,
    },
    /// It answered with a success that is not a token.
    Malformed {
        /// The token endpoint's status.
        status: StatusCode,
        /// What is wrong with the answer (its body is not shown: it may hold a token).
        problem: String,
    },
    /// No answer: connection refused, timeout.
    Transport(reqwest::Error),
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
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::Rejected { status, body, .. } => {
                write!(
                    f,
                    "the token endpoint refused the client credentials with {status}: {body}"
                )
            }
            AuthError::Malformed { status, problem } => {
                write!(f, "the token endpoint answered {status}, but {problem}")
            }
            AuthError::Transport(error) => {
                write!(f, "the token endpoint could not be reached: {error}")
            }
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
            AuthError::Transport(error) => Some(error),
            _ => None,
        }
    }
}
