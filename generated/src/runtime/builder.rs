//! Settings for a client: where the API is, how to authenticate, timeouts and retries.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use super::auth::{Auth, TokenSource};
use super::client::Client;
use super::config;
use super::retry::RetryPolicy;
use super::secret::Secret;
use crate::generated::SERVER_URL;

/// How long connecting may take before the call fails, unless configured.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole request may take before the call fails, unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How long before a token expires it is renewed, unless configured.
pub const DEFAULT_TOKEN_RENEWAL_MARGIN: Duration = Duration::from_secs(60);

const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

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
        Ok(Client::from_parts(http, base_url, auth, self.retry))
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
}
