//! The client: where requests go, how they are authenticated, and how they are sent.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue};

use super::error::{Error, InvalidInput, TransportError};
use super::request::RequestSpec;
use super::response::RawResponse;
use super::secret::Secret;
use std::path::Path;

use reqwest::StatusCode;

use super::auth::{Auth, TokenSource};
use super::config;
use super::error::retry_after;
use super::retry::{RetryPolicy, Retryable, is_unavailable};
use crate::generated::SERVER_URL;

/// How long connecting may take before the call fails, unless configured.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole request may take before the call fails, unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How long before a token expires it is renewed, unless configured.
pub const DEFAULT_TOKEN_RENEWAL_MARGIN: Duration = Duration::from_secs(60);

const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// A client of the API. Cheap to clone (clones share one connection pool and one token cache) and
/// safe to share across tasks.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// Where the API's paths start, e.g. `https://acme.api.identitynow.com/v2024`, without a
    /// trailing slash.
    base_url: String,
    auth: Auth,
    retry: RetryPolicy,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("auth", &self.inner.auth)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured the way SailPoint's SDKs and CLI are: from the environment variables
    /// `SAIL_BASE_URL`, `SAIL_CLIENT_ID` and `SAIL_CLIENT_SECRET`, or, for any that is not set, from
    /// `config.json` in the working directory (`BaseURL`, `ClientId`, `ClientSecret`).
    pub fn from_env() -> Result<Client, ConfigError> {
        ClientBuilder::from_env()?.build()
    }

    /// The URL the API's paths are appended to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends a request and reads the whole response. Authenticates it, renews the token once when
    /// the API answers 401, and tries again as the retry policy allows.
    pub(crate) async fn execute<E>(&self, spec: RequestSpec) -> Result<RawResponse, Error<E>> {
        let operation = spec.operation;
        let mut attempt = 1;
        let mut renewed = false;
        loop {
            let token = self
                .inner
                .auth
                .token()
                .await
                .map_err(|error| Error::Auth(Box::new(error)))?;
            let request = self.build_request(&spec, &token)?;
            let (reason, response) = match self.inner.http.execute(request).await {
                Ok(response)
                    if response.status() == StatusCode::UNAUTHORIZED
                        && self.inner.auth.can_renew()
                        && !renewed =>
                {
                    // The token may have been revoked or expired early: fetch a new one, once.
                    self.inner.auth.forget(&token).await;
                    renewed = true;
                    continue;
                }
                Ok(response) => {
                    let reason = match response.status() {
                        StatusCode::TOO_MANY_REQUESTS => {
                            Some(Retryable::RateLimited(retry_after(response.headers())))
                        }
                        status if is_unavailable(status) => Some(Retryable::Unavailable),
                        _ => None,
                    };
                    (reason, Ok(response))
                }
                Err(error) => {
                    let error = TransportError::new(operation, error);
                    let reason = (error.is_connect() || error.is_timeout())
                        .then_some(Retryable::Unavailable);
                    (reason, Err(error))
                }
            };
            attempt += 1;
            if let Some(wait) =
                reason.and_then(|reason| self.inner.retry.wait(reason, &spec.method, attempt))
            {
                tokio::time::sleep(wait).await;
                continue;
            }
            let response = response?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = response
                .bytes()
                .await
                .map_err(|error| TransportError::new(operation, error))?;
            return Ok(RawResponse {
                operation,
                status,
                headers,
                body,
            });
        }
    }

    fn build_request(
        &self,
        spec: &RequestSpec,
        token: &Secret,
    ) -> Result<reqwest::Request, InvalidInput> {
        let url = format!("{}{}", self.inner.base_url, spec.path);
        let mut url = reqwest::Url::parse(&url).map_err(|error| {
            spec.invalid("path", format!("makes an invalid URL `{url}`: {error}"))
        })?;
        if !spec.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &spec.query {
                pairs.append_pair(name, value);
            }
        }
        let mut request = reqwest::Request::new(spec.method.clone(), url);
        let headers = request.headers_mut();
        let mut authorization = HeaderValue::try_from(format!("Bearer {}", token.expose()))
            .map_err(|_| spec.invalid("access token", "holds characters a header cannot carry"))?;
        authorization.set_sensitive(true);
        headers.insert(AUTHORIZATION, authorization);
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        for (name, value) in &spec.headers {
            let value = HeaderValue::try_from(value.as_str()).map_err(|_| {
                spec.invalid(
                    name,
                    "holds characters a header cannot carry (such as a line break)",
                )
            })?;
            headers.insert(*name, value);
        }
        if let Some(body) = &spec.body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(body.content_type));
            *request.body_mut() = Some(body.bytes.clone().into());
        }
        Ok(request)
    }
}

/// Settings for a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    tenant: Option<String>,
    access_token: Option<Secret>,
    client_credentials: Option<(String, Secret)>,
    token_url: Option<String>,
    token_renewal_margin: Option<Duration>,
    retry: RetryPolicy,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("tenant", &self.tenant)
            .field("access_token", &self.access_token)
            .field("client_credentials", &self.client_credentials)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// A builder with the settings [`Client::from_env`] reads, to adjust before building.
    pub fn from_env() -> Result<ClientBuilder, ConfigError> {
        Self::from_settings(|name| std::env::var(name).ok(), &config::working_dir()?)
    }

    /// Like [`ClientBuilder::from_env`], reading variables through `variable` and `config.json`
    /// from `dir`: for tests, or to take the settings from somewhere else.
    pub fn from_settings(
        variable: impl Fn(&str) -> Option<String>,
        dir: &Path,
    ) -> Result<ClientBuilder, ConfigError> {
        config::builder_from(variable, dir)
    }

    /// The API's URL, e.g. `https://acme.api.identitynow.com`. The API version path of the spec
    /// (`/v2024`) is appended unless the URL already ends with it.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The tenant name, filled into the spec's server URL: `acme` gives
    /// `https://acme.api.identitynow.com/v2024`. Ignored when a base URL is set.
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = Some(tenant.into());
        self
    }

    /// A fixed bearer access token (for example a personal access token) to send with every
    /// request. It is never renewed; for that, use [`ClientBuilder::client_credentials`].
    pub fn access_token(mut self, token: impl Into<Secret>) -> Self {
        self.access_token = Some(token.into());
        self
    }

    /// OAuth2 client credentials: the client fetches a token from the tenant's token endpoint on
    /// first use, caches it, renews it before it expires, and renews it once more if the API
    /// answers 401.
    pub fn client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Self {
        self.client_credentials = Some((client_id.into(), client_secret.into()));
        self
    }

    /// The OAuth2 token endpoint; `{base URL without the API path}/oauth/token` unless set.
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    /// How long before a token expires it is renewed; 60 seconds unless set (and at most half the
    /// token's lifetime).
    pub fn token_renewal_margin(mut self, margin: Duration) -> Self {
        self.token_renewal_margin = Some(margin);
        self
    }

    /// Attempts per call, the first included: 3 unless set; 1 turns retrying off. A call is tried
    /// again after a 429 (waiting for `Retry-After`), and, when it is safe to repeat (GET, DELETE),
    /// after a 502, 503 or 504 or a failed connection.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.retry.max_attempts = attempts.max(1);
        self
    }

    /// The longest wait between attempts, whether asked by `Retry-After` or from back-off; 30 seconds
    /// unless set.
    pub fn max_retry_delay(mut self, delay: Duration) -> Self {
        self.retry.max_delay = delay;
        self
    }

    /// The first back-off wait, doubled for each further attempt (with jitter); 250 ms unless set.
    pub fn retry_base_delay(mut self, delay: Duration) -> Self {
        self.retry.base_delay = delay;
        self
    }

    /// How long connecting may take; 10 seconds unless set.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long a whole request, response body included, may take; 60 seconds unless set.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The client, or the first setting that is missing or unusable.
    pub fn build(self) -> Result<Client, ConfigError> {
        let base_url = match (self.base_url, self.tenant) {
            (Some(url), _) => normalize_base_url(&url)?,
            (None, Some(tenant)) => tenant_url(&tenant)?,
            (None, None) => {
                return Err(ConfigError::new(
                    "base_url",
                    "neither a base URL nor a tenant was given",
                ));
            }
        };
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
            .timeout(self.timeout.unwrap_or(DEFAULT_TIMEOUT))
            .build()
            .map_err(|error| ConfigError::new("http client", error.to_string()))?;
        let auth = match (self.access_token, self.client_credentials) {
            (Some(token), None) => Auth::Static(token),
            (None, Some((client_id, client_secret))) => {
                let token_url = match self.token_url {
                    Some(url) => url,
                    None => format!(
                        "{}/oauth/token",
                        base_url.strip_suffix(api_path()).unwrap_or(&base_url)
                    ),
                };
                let margin = self
                    .token_renewal_margin
                    .unwrap_or(DEFAULT_TOKEN_RENEWAL_MARGIN);
                Auth::ClientCredentials(TokenSource::new(
                    token_url,
                    client_id,
                    client_secret,
                    margin,
                    http.clone(),
                ))
            }
            (Some(_), Some(_)) => {
                return Err(ConfigError::new(
                    "access_token",
                    "give either an access token or client credentials, not both",
                ));
            }
            (None, None) => {
                return Err(ConfigError::new(
                    "access_token",
                    "neither an access token nor client credentials were given",
                ));
            }
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                auth,
                retry: self.retry,
            }),
        })
    }
}

/// The path of the spec's server URL, e.g. `/v2024`.
fn api_path() -> &'static str {
    let after_scheme = SERVER_URL
        .split_once("://")
        .map_or(SERVER_URL, |(_, rest)| rest);
    after_scheme
        .find('/')
        .map_or("", |index| &after_scheme[index..])
        .trim_end_matches('/')
}

fn normalize_base_url(url: &str) -> Result<String, ConfigError> {
    let invalid = |problem: String| ConfigError {
        setting: "base_url".to_owned(),
        problem,
    };
    let parsed = reqwest::Url::parse(url.trim())
        .map_err(|error| invalid(format!("`{url}` is not a URL: {error}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(invalid(format!("`{url}` is not an http or https URL")));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(invalid(format!(
            "`{url}` has a query or fragment; give only scheme, host and path"
        )));
    }
    let base = parsed.as_str().trim_end_matches('/');
    let suffix = api_path();
    Ok(if base.ends_with(suffix) {
        base.to_owned()
    } else {
        format!("{base}{suffix}")
    })
}

fn tenant_url(tenant: &str) -> Result<String, ConfigError> {
    let valid = !tenant.is_empty()
        && tenant
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-');
    if !valid {
        let problem = format!("`{tenant}` is not a tenant name: use letters, digits and `-` only");
        return Err(ConfigError::new("tenant", problem));
    }
    Ok(SERVER_URL.replace("{tenant}", tenant))
}

/// A setting that is missing or unusable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The setting, e.g. `base_url`.
    pub setting: String,
    /// What is wrong with it.
    pub problem: String,
}

impl ConfigError {
    pub(crate) fn new(setting: &str, problem: impl Into<String>) -> Self {
        ConfigError {
            setting: setting.to_owned(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "client setting `{}`: {}", self.setting, self.problem)
    }
}

impl std::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_get_the_api_path_once() {
        assert_eq!(api_path(), "/v2024");
        assert_eq!(
            normalize_base_url("https://acme.api.identitynow.com").unwrap(),
            "https://acme.api.identitynow.com/v2024"
        );
        assert_eq!(
            normalize_base_url("https://acme.api.identitynow.com/v2024/").unwrap(),
            "https://acme.api.identitynow.com/v2024"
        );
        assert_eq!(
            normalize_base_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080/v2024"
        );
        assert!(normalize_base_url("ftp://x").is_err());
        assert!(normalize_base_url("not a url").is_err());
        assert!(normalize_base_url("https://x/?a=b").is_err());
    }

    #[test]
    fn tenants_fill_the_server_template() {
        assert_eq!(
            tenant_url("acme").unwrap(),
            "https://acme.api.identitynow.com/v2024"
        );
        let error = tenant_url("evil.example.com/x").unwrap_err();
        assert_eq!(error.setting, "tenant");
    }

    #[test]
    fn the_token_never_shows() {
        let client = Client::builder()
            .base_url("http://127.0.0.1:1")
            .access_token("s3cret-token")
            .build()
            .unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        let builder = Client::builder().access_token("s3cret-token");
        assert!(!format!("{builder:?}").contains("s3cret"));
        let error = Client::builder()
            .access_token("s3cret-token")
            .build()
            .unwrap_err();
        assert!(!error.to_string().contains("s3cret"), "{error}");
    }
}
