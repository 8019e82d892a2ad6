//! Settings for a client: where the API is, how to authenticate, timeouts and retries.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use super::auth::{Credential, TokenSource};
use super::client::{Client, Inner, protected_headers};
use super::description::{ApiDescription, SchemeKind};
use super::error::ConfigError;
use super::hooks::{Hook, Hooks};
use super::retry::RetryPolicy;
use super::secret::Secret;
use super::server;

/// How long connecting may take before the call fails, unless configured.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one attempt may take, from connecting to the end of the body, unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a whole call may take, every attempt, wait and token request included, unless
/// configured.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(120);

/// The largest response body a call reads, unless configured: 32 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// How long before a token expires it is renewed, unless configured.
pub const DEFAULT_TOKEN_RENEWAL_MARGIN: Duration = Duration::from_secs(60);

/// Settings for a client of one API. `C` is the generated crate's client type, which wraps the
/// runtime's [`Client`].
pub struct ClientBuilder<C = Client> {
    api: &'static ApiDescription,
    user_agent: String,
    base_url: Option<String>,
    api_root: Option<String>,
    variables: Vec<(String, String)>,
    access_token: Option<Secret>,
    client_credentials: Option<(String, Secret)>,
    basic: Option<(String, Secret)>,
    api_key: Option<Secret>,
    token_url: Option<String>,
    token_renewal_margin: Option<Duration>,
    retry: RetryPolicy,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    max_response_bytes: usize,
    http_client: Option<reqwest::Client>,
    hooks: Hooks,
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Credentials are `Secret`s, shown as `***`.
        f.debug_struct("ClientBuilder")
            .field("api", &self.api.title)
            // A URL may hold a password, which `build` refuses: never shown.
            .field(
                "base_url",
                &self
                    .base_url
                    .as_deref()
                    .map(crate::server::without_user_info),
            )
            .field(
                "api_root",
                &self
                    .api_root
                    .as_deref()
                    .map(crate::server::without_user_info),
            )
            .field("variables", &self.variables)
            .field("access_token", &self.access_token)
            .field("client_credentials", &self.client_credentials)
            .field("basic", &self.basic)
            .field("api_key", &self.api_key)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("http_client", &self.http_client.is_some())
            .field("hooks", &self.hooks)
            .finish_non_exhaustive()
    }
}

impl<C> ClientBuilder<C> {
    /// The API the client is for.
    pub(crate) fn api(&self) -> &'static ApiDescription {
        self.api
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// A builder for a client of `api`, sending `user_agent` (the generated crate's name and
    /// version).
    #[doc(hidden)]
    pub fn new(api: &'static ApiDescription, user_agent: impl Into<String>) -> Self {
        ClientBuilder {
            api,
            user_agent: user_agent.into(),
            base_url: None,
            api_root: None,
            variables: Vec::new(),
            access_token: None,
            client_credentials: None,
            basic: None,
            api_key: None,
            token_url: None,
            token_renewal_margin: None,
            retry: RetryPolicy::default(),
            connect_timeout: None,
            timeout: None,
            deadline: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            http_client: None,
            hooks: Hooks::default(),
            client: PhantomData,
        }
    }

    /// The API's URL, e.g. `https://acme.example.com`. The path of the spec's server URL (such as
    /// `/v1`) is appended unless the URL already ends with it; to give the exact URL the API's paths
    /// start at, use [`ClientBuilder::api_root`].
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The exact URL the API's paths are appended to (a mock, a gateway, a proxy): nothing is
    /// added to it. Takes precedence over [`ClientBuilder::base_url`] and server variables.
    pub fn api_root(mut self, url: impl Into<String>) -> Self {
        self.api_root = Some(url.into());
        self
    }

    /// A variable of the spec's server URL template, e.g. `tenant` in
    /// `https://{tenant}.example.com/v1`. Variables not set take the spec's default. Ignored when a
    /// base URL or API root is set.
    pub fn server_variable(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.variables.push((name.into(), value.into()));
        self
    }

    /// A fixed bearer access token (for example a personal access token), sent under every OAuth2
    /// and HTTP bearer scheme of the API. It is never renewed; for that, use
    /// [`ClientBuilder::client_credentials`].
    pub fn access_token(mut self, token: impl Into<Secret>) -> Self {
        self.access_token = Some(token.into());
        self
    }

    /// OAuth2 client credentials, for the API's OAuth2 schemes: the client fetches a token from the
    /// scheme's token endpoint on first use, caches it, renews it before it expires, and renews it
    /// once more if the API answers 401.
    pub fn client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Self {
        self.client_credentials = Some((client_id.into(), client_secret.into()));
        self
    }

    /// A user and password, for the API's HTTP basic schemes.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.basic = Some((user.into(), password.into()));
        self
    }

    /// A key, for the API's API-key schemes (in a header, the query or a cookie, as the spec says).
    pub fn api_key(mut self, key: impl Into<Secret>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// The OAuth2 token endpoint, instead of the one the spec gives.
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

    /// How long connecting may take; 10 seconds unless set. Not with
    /// [`ClientBuilder::http_client`]: set it on that client.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long one attempt may take, response body included, and one token request; 60 seconds
    /// unless set.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How long a whole call may take: every attempt, every wait between attempts, and the token
    /// request it waits for; 120 seconds unless set. A call can set its own with
    /// [`RequestOptions::deadline`](crate::RequestOptions::deadline).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Sends with this HTTP client instead of one of the SDK's own: for a corporate proxy, custom
    /// TLS roots, or a connection pool shared with the rest of a service. The token requests go
    /// through it too.
    ///
    /// The SDK never follows redirects (it would re-send a POST as a GET, or a body and
    /// credentials to another host), so build the client with
    /// `redirect(reqwest::redirect::Policy::none())`: a call whose response came through a
    /// redirect anyway fails with [`Error::Redirected`](crate::Error::Redirected). The timeout and
    /// deadline of this builder still apply, to each request; a connect timeout is the given
    /// client's own.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use sdkgen_runtime::deps::reqwest;
    ///
    /// let http = reqwest::Client::builder()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .pool_max_idle_per_host(16)
    ///     .build()?;
    /// # let _ = http;
    /// # Ok(())
    /// # }
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Runs `hook` around each attempt of every call, after the hooks added before it. See
    /// [`Hook`] for what a hook may do, and when.
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.hooks.0.push(Arc::new(hook));
        self
    }

    /// The largest response body a call reads: 32 MiB unless set. A larger body fails the call
    /// with [`Error::TooLarge`](crate::Error::TooLarge) as soon as it passes the limit (at once
    /// when its `Content-Length` says so), and nothing more of it is read.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The client, or the first setting that is missing or unusable.
    pub fn build(self) -> Result<C, ConfigError> {
        let api = self.api;
        let api_root = match (&self.api_root, &self.base_url) {
            (Some(root), _) => server::exact_root(root)?,
            (None, Some(url)) => server::with_api_path(url, api.server_url)?,
            (None, None) => server::from_template(api, &self.variables)?,
        };
        let user_agent =
            reqwest::header::HeaderValue::try_from(self.user_agent.as_str()).map_err(|_| {
                ConfigError::new("user_agent", "holds characters a header cannot carry")
            })?;
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        let http = match self.http_client.clone() {
            Some(_) if self.connect_timeout.is_some() => {
                return Err(ConfigError::new(
                    "connect_timeout",
                    "is a setting of the SDK's own HTTP client: set it on the client given to `http_client`",
                ));
            }
            Some(client) => client,
            None => reqwest::Client::builder()
                // A redirect is returned to the caller, not followed: following would re-send a
                // POST as a GET and report it a success, or send a body and credentials to
                // another host.
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .build()
                .map_err(|error| ConfigError::new("http client", error.to_string()))?,
        };
        let credentials = self.credentials(&api_root, &http, &user_agent)?;
        let client = Client::from_inner(Inner {
            http,
            api,
            api_root,
            user_agent,
            credentials,
            protected_headers: protected_headers(api.security_schemes).into(),
            retry: self.retry,
            timeout,
            deadline: Some(self.deadline.unwrap_or(DEFAULT_DEADLINE)),
            max_response_bytes: self.max_response_bytes,
            hooks: self.hooks,
        });
        Ok(C::from(client))
    }

    /// The credential of each scheme the given settings cover, by scheme name.
    fn credentials(
        &self,
        api_root: &str,
        http: &reqwest::Client,
        user_agent: &reqwest::header::HeaderValue,
    ) -> Result<Vec<(&'static str, Credential)>, ConfigError> {
        if self.access_token.is_some() && self.client_credentials.is_some() {
            return Err(ConfigError::new(
                "access_token",
                "give either an access token or client credentials, not both",
            ));
        }
        // Schemes that fetch from the same token endpoint share one token cache.
        let mut sources: Vec<Arc<TokenSource>> = Vec::new();
        let mut credentials = Vec::new();
        for scheme in self.api.security_schemes {
            let credential = match scheme.kind {
                SchemeKind::OAuth2 { token_url } => {
                    match (&self.access_token, &self.client_credentials) {
                        (Some(token), _) => Some(Credential::Bearer(token.clone())),
                        (None, Some((id, secret))) => {
                            let url = match (&self.token_url, token_url) {
                                (Some(url), _) => url.clone(),
                                (None, Some(url)) => server::resolve(api_root, url)?,
                                (None, None) => continue,
                            };
                            let source = match sources.iter().find(|source| source.token_url == url)
                            {
                                Some(source) => Arc::clone(source),
                                None => {
                                    let margin = self
                                        .token_renewal_margin
                                        .unwrap_or(DEFAULT_TOKEN_RENEWAL_MARGIN);
                                    let source = Arc::new(TokenSource::new(
                                        url,
                                        id.clone(),
                                        secret.clone(),
                                        margin,
                                        (http.clone(), user_agent.clone()),
                                        self.retry.clone(),
                                    ));
                                    sources.push(Arc::clone(&source));
                                    source
                                }
                            };
                            Some(Credential::OAuth2(source))
                        }
                        (None, None) => None,
                    }
                }
                SchemeKind::HttpBearer => self.access_token.clone().map(Credential::Bearer),
                SchemeKind::HttpBasic => self
                    .basic
                    .clone()
                    .map(|(user, password)| Credential::Basic { user, password }),
                SchemeKind::ApiKey { .. } => self.api_key.clone().map(Credential::ApiKey),
            };
            if let Some(credential) = credential {
                credentials.push((scheme.name, credential));
            }
        }
        let given = self.access_token.is_some()
            || self.client_credentials.is_some()
            || self.basic.is_some()
            || self.api_key.is_some();
        if given && credentials.is_empty() {
            let schemes: Vec<&str> = self.api.security_schemes.iter().map(|s| s.name).collect();
            let problem = if schemes.is_empty() {
                "the API declares no security scheme, so no credential is used".to_owned()
            } else {
                format!(
                    "no security scheme of the API takes the credential given (schemes: {})",
                    schemes.join(", ")
                )
            };
            return Err(ConfigError::new("credentials", problem));
        }
        Ok(credentials)
    }
}
