//! The client: how requests are authenticated, sent, and tried again.

use std::fmt;
use std::sync::Arc;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue};

use super::auth::Auth;
use super::builder::{ClientBuilder, ConfigError};
use super::error::{Error, InvalidInput, TransportError, retry_after};
use super::request::RequestSpec;
use super::response::RawResponse;
use super::retry::{RetryPolicy, Retryable, is_unavailable};
use super::secret::Secret;

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
    pub(super) fn from_parts(
        http: reqwest::Client,
        base_url: String,
        auth: Auth,
        retry: RetryPolicy,
    ) -> Client {
        Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                auth,
                retry,
            }),
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

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
