//! The client: where requests go, how they are authenticated, and how they are sent.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue};

use super::error::{Error, InvalidInput, TransportError};
use super::request::RequestSpec;
use super::response::RawResponse;
use super::secret::Secret;
use crate::generated::SERVER_URL;

/// How long connecting may take before the call fails, unless configured.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole request may take before the call fails, unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// A client of the API. Cheap to clone (clones share one connection pool) and safe to share across
/// tasks.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// Where the API's paths start, e.g. `https://acme.api.identitynow.com/v2024`, without a
    /// trailing slash.
    base_url: String,
    access_token: Secret,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("access_token", &self.inner.access_token)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The URL the API's paths are appended to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends a request and reads the whole response.
    pub(crate) async fn execute<E>(&self, spec: RequestSpec) -> Result<RawResponse, Error<E>> {
        let operation = spec.operation;
        let request = self.build_request(spec)?;
        let response = self
            .inner
            .http
            .execute(request)
            .await
            .map_err(|error| TransportError::new(operation, error))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|error| TransportError::new(operation, error))?;
        Ok(RawResponse {
            operation,
            status,
            headers,
            body,
        })
    }

    fn build_request(&self, spec: RequestSpec) -> Result<reqwest::Request, InvalidInput> {
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
        let mut authorization =
            HeaderValue::try_from(format!("Bearer {}", self.inner.access_token.expose())).map_err(
                |_| spec.invalid("access token", "holds characters a header cannot carry"),
            )?;
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
        if let Some(body) = spec.body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(body.content_type));
            *request.body_mut() = Some(body.bytes.into());
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
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("tenant", &self.tenant)
            .field("access_token", &self.access_token)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
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

    /// A bearer access token to send with every request.
    pub fn access_token(mut self, token: impl Into<Secret>) -> Self {
        self.access_token = Some(token.into());
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
                return Err(ConfigError::missing(
                    "base_url",
                    "neither a base URL nor a tenant was given",
                ));
            }
        };
        let access_token = self
            .access_token
            .ok_or_else(|| ConfigError::missing("access_token", "no access token was given"))?;
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
            .timeout(self.timeout.unwrap_or(DEFAULT_TIMEOUT))
            .build()
            .map_err(|error| ConfigError {
                setting: "http client".to_owned(),
                problem: error.to_string(),
            })?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                access_token,
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
        return Err(ConfigError {
            setting: "tenant".to_owned(),
            problem: format!("`{tenant}` is not a tenant name: use letters, digits and `-` only"),
        });
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
    fn missing(setting: &str, problem: &str) -> Self {
        ConfigError {
            setting: setting.to_owned(),
            problem: problem.to_owned(),
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
