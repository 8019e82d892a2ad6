//! The client: how requests are authenticated, sent, and tried again.

use std::fmt;
use std::sync::Arc;

use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, HeaderName, HeaderValue,
};

use super::auth::{AuthError, Credential, Ready};
use super::body::{ReadError, read_limited};
use super::description::{ApiDescription, KeyLocation, SchemeKind};
use super::error::{Error, InvalidInput, ResponseTooLarge, TransportError, TransportErrorKind};
use super::request::RequestSpec;
use super::response::RawResponse;
use super::retry::{RetryPolicy, Retryable, is_idempotent, is_unavailable, retry_after};
use super::upload::Content;

/// A client of one API. Cheap to clone (clones share one connection pool and one token cache) and
/// safe to share across tasks. Generated crates wrap it in a client type of their own, whose methods
/// are the API's operations.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    api: &'static ApiDescription,
    /// Where the API's paths start, e.g. `https://acme.example.com/v1`, without a trailing slash.
    api_root: String,
    /// The credential of each security scheme that has one, by scheme name.
    credentials: Vec<(&'static str, Credential)>,
    retry: RetryPolicy,
    /// The largest response body read; a larger one fails the call.
    max_response_bytes: usize,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Credentials show their kind and client id; secrets and tokens show as `***`.
        f.debug_struct("Client")
            .field("api", &self.inner.api.title)
            .field("api_root", &self.inner.api_root)
            .field("credentials", &self.inner.credentials)
            .field("retry", &self.inner.retry)
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// The credentials an attempt sends: each with the scheme it is sent under.
type AuthPlan<'a> = Vec<(SchemeKind, &'a Credential)>;

/// How one attempt failed without a response to decode.
enum Failure {
    Transport(TransportError),
    TooLarge(Box<ResponseTooLarge>),
}

impl Client {
    pub(super) fn from_parts(
        http: reqwest::Client,
        api: &'static ApiDescription,
        api_root: String,
        credentials: Vec<(&'static str, Credential)>,
        retry: RetryPolicy,
        max_response_bytes: usize,
    ) -> Client {
        Client {
            inner: Arc::new(Inner {
                http,
                api,
                api_root,
                credentials,
                retry,
                max_response_bytes,
            }),
        }
    }

    /// The URL the API's paths are appended to.
    pub fn api_root(&self) -> &str {
        &self.inner.api_root
    }

    /// The credentials for the first alternative of `spec`'s security requirements that the client
    /// can meet; nothing for an operation without requirements or whose requirements are optional.
    fn auth_plan(&self, spec: &RequestSpec) -> Result<AuthPlan<'_>, AuthError> {
        if spec.security.is_empty() {
            return Ok(Vec::new());
        }
        let credential = |name: &str| {
            let scheme = self
                .inner
                .api
                .security_schemes
                .iter()
                .find(|s| s.name == name)?;
            let (_, credential) = self.inner.credentials.iter().find(|(n, _)| *n == name)?;
            Some((scheme.kind, credential))
        };
        for alternative in spec.security {
            let plan: Option<AuthPlan<'_>> =
                alternative.iter().map(|name| credential(name)).collect();
            if let Some(plan) = plan {
                return Ok(plan);
            }
        }
        let mut schemes: Vec<&'static str> = spec
            .security
            .iter()
            .flat_map(|a| a.iter().copied())
            .collect();
        schemes.dedup();
        Err(AuthError::Missing { schemes })
    }

    /// Sends a request and reads the whole response (up to the size limit). Authenticates it,
    /// renews the token once when the API answers 401, and tries again as the retry policy allows.
    #[doc(hidden)]
    pub async fn execute<E>(&self, spec: RequestSpec) -> Result<RawResponse, Error<E>> {
        let plan = self.auth_plan(&spec)?;
        let policy = spec.options.retry_policy(&self.inner.retry);
        let repeatable = is_idempotent(&spec.method);
        // A stream body is read as it is sent, so a request with one is sent once: no retry, no
        // second attempt with a renewed token.
        let resendable = spec.body.as_ref().is_none_or(|body| body.is_repeatable());
        let limit = spec
            .options
            .max_response_bytes
            .unwrap_or(self.inner.max_response_bytes);
        let mut attempt = 1;
        let mut renewed = false;
        loop {
            let mut ready = Vec::with_capacity(plan.len());
            for (kind, credential) in &plan {
                ready.push((*kind, credential.ready().await?));
            }
            let request = self.build_request(&spec, &ready)?;
            let outcome = self.attempt(&spec, request, limit).await;
            if let Ok(response) = &outcome {
                if response.status == StatusCode::UNAUTHORIZED
                    && resendable
                    && !renewed
                    && plan.iter().any(|(_, credential)| credential.can_renew())
                {
                    // The token may have been revoked or expired early: fetch a new one, once.
                    for ((_, credential), (_, used)) in plan.iter().zip(&ready) {
                        credential.forget(used).await;
                    }
                    renewed = true;
                    continue;
                }
            }
            let reason = match &outcome {
                Ok(response) => match response.status {
                    StatusCode::TOO_MANY_REQUESTS => {
                        Some(Retryable::RateLimited(retry_after(&response.headers)))
                    }
                    status if is_unavailable(status) => {
                        Some(Retryable::Unavailable(retry_after(&response.headers)))
                    }
                    _ => None,
                },
                // Refused before sending: the same request would be refused again.
                Err(Failure::Transport(error)) if error.kind == TransportErrorKind::Refused => None,
                Err(Failure::Transport(error)) if error.is_connect() => Some(Retryable::NotSent),
                Err(Failure::Transport(_)) => Some(Retryable::Unavailable(None)),
                Err(Failure::TooLarge(_)) => None,
            };
            attempt += 1;
            let reason = reason.filter(|_| resendable);
            if let Some(wait) = reason.and_then(|reason| policy.wait(reason, repeatable, attempt)) {
                tokio::time::sleep(wait).await;
                continue;
            }
            return outcome.map_err(|failure| match failure {
                Failure::Transport(mut error) => {
                    error.attempts = attempt - 1;
                    Error::Transport(error)
                }
                Failure::TooLarge(error) => Error::TooLarge(error),
            });
        }
    }

    /// Sends one attempt and reads its body.
    async fn attempt(
        &self,
        spec: &RequestSpec,
        request: reqwest::Request,
        limit: usize,
    ) -> Result<RawResponse, Failure> {
        let operation = spec.operation;
        let transport = |error| Failure::Transport(TransportError::new(operation, error));
        let response = self.inner.http.execute(request).await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let code = status.as_u16();
        if spec
            .streamed
            .iter()
            .any(|(low, high)| (*low..=*high).contains(&code))
        {
            // Read by the caller, as it arrives, bounded only by the call's own limit.
            return Ok(RawResponse {
                operation,
                status,
                headers,
                body: bytes::Bytes::new(),
                stream: Some((response, spec.options.max_response_bytes)),
            });
        }
        match read_limited(response, limit).await {
            Ok(body) => Ok(RawResponse {
                operation,
                status,
                headers,
                body,
                stream: None,
            }),
            Err(ReadError::Transport(error)) => Err(transport(error)),
            Err(ReadError::TooLarge { declared }) => {
                Err(Failure::TooLarge(Box::new(ResponseTooLarge {
                    operation,
                    status,
                    headers,
                    limit,
                    declared,
                })))
            }
        }
    }

    fn build_request(
        &self,
        spec: &RequestSpec,
        credentials: &[(SchemeKind, Ready)],
    ) -> Result<reqwest::Request, InvalidInput> {
        let url = format!("{}{}", self.inner.api_root, spec.path);
        let mut url = reqwest::Url::parse(&url).map_err(|error| {
            spec.invalid("path", format!("makes an invalid URL `{url}`: {error}"))
        })?;
        let query_keys = credentials
            .iter()
            .filter_map(|(kind, ready)| match (kind, ready) {
                (
                    SchemeKind::ApiKey {
                        location: KeyLocation::Query,
                        name,
                    },
                    Ready::ApiKey(key),
                ) => Some((*name, key.expose())),
                _ => None,
            });
        let query: Vec<(&str, &str)> = spec
            .query
            .iter()
            .map(|(name, value)| (name.as_ref(), value.as_str()))
            .chain(query_keys)
            .collect();
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let mut request = reqwest::Request::new(spec.method.clone(), url);
        let headers = request.headers_mut();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let defaults = self.inner.api.default_headers.iter().map(|(n, v)| (*n, *v));
        let params = spec.headers.iter().map(|(n, v)| (*n, v.as_str()));
        // The caller's own headers for this call come last, so they win; but the SDK frames and
        // routes the request itself, and a `Content-Length` that disagrees with the body cuts it
        // or leaves the server waiting.
        if let Some((name, _)) = spec
            .options
            .headers
            .iter()
            .find(|(name, _)| is_framing_header(name))
        {
            return Err(spec.invalid(
                name,
                "cannot be set per call: the SDK sets the framing and routing headers itself",
            ));
        }
        let extra = spec.options.headers.iter();
        let extra = extra.map(|(n, v)| (n.as_str(), v.as_str()));
        for (name, value) in defaults.chain(params).chain(extra) {
            let header = HeaderName::try_from(name)
                .map_err(|_| spec.invalid(name, "is not a valid header name"))?;
            let value = HeaderValue::try_from(value).map_err(|_| {
                spec.invalid(
                    name,
                    "holds characters a header cannot carry (such as a line break)",
                )
            })?;
            headers.insert(header, value);
        }
        if !spec.cookies.is_empty() {
            let pairs: Vec<String> = spec
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={}", cookie_value(value)))
                .collect();
            let value = HeaderValue::try_from(pairs.join("; "))
                .map_err(|_| spec.invalid("cookie", "is not a valid cookie"))?;
            headers.insert(COOKIE, value);
        }
        for (kind, ready) in credentials {
            authenticate(headers, *kind, ready)
                .map_err(|problem| spec.invalid("credentials", problem))?;
        }
        if let Some(body) = &spec.body {
            let content_type = HeaderValue::try_from(body.content_type.as_ref())
                .map_err(|_| spec.invalid("body", "has a media type a header cannot carry"))?;
            headers.insert(CONTENT_TYPE, content_type);
            let sent = match &body.content {
                Content::Bytes(bytes) => reqwest::Body::from(bytes.clone()),
                Content::Stream { stream, length } => {
                    let Some(stream) = Content::take_stream(stream) else {
                        return Err(spec.invalid(
                            "body",
                            "is a stream that was sent already: a stream is sent once",
                        ));
                    };
                    if let Some(length) = length {
                        headers.insert(CONTENT_LENGTH, HeaderValue::from(*length));
                    }
                    reqwest::Body::wrap_stream(stream)
                }
            };
            *request.body_mut() = Some(sent);
        }
        if let Some(timeout) = spec.options.timeout {
            *request.timeout_mut() = Some(timeout);
        }
        Ok(request)
    }
}

/// Headers that say how the message is framed or routed (RFC 9110 and 9112), which only the HTTP
/// client may set.
fn is_framing_header(name: &str) -> bool {
    const FRAMING: [&str; 9] = [
        "content-length",
        "transfer-encoding",
        "host",
        "connection",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "upgrade",
    ];
    FRAMING
        .iter()
        .any(|framing| name.trim().eq_ignore_ascii_case(framing))
}

/// Adds one scheme's credential to the headers (query keys are added with the query).
fn authenticate(
    headers: &mut reqwest::header::HeaderMap,
    kind: SchemeKind,
    ready: &Ready,
) -> Result<(), &'static str> {
    let sensitive = |text: String| {
        let mut value =
            HeaderValue::try_from(text).map_err(|_| "hold characters a header cannot carry")?;
        value.set_sensitive(true);
        Ok::<_, &'static str>(value)
    };
    match (kind, ready) {
        (_, Ready::Bearer(token)) => {
            headers.insert(
                AUTHORIZATION,
                sensitive(format!("Bearer {}", token.expose()))?,
            );
        }
        (_, Ready::Basic { user, password }) => {
            let pair = format!("{user}:{}", password.expose());
            headers.insert(
                AUTHORIZATION,
                sensitive(format!("Basic {}", base64(pair.as_bytes())))?,
            );
        }
        (SchemeKind::ApiKey { location, name }, Ready::ApiKey(key)) => match location {
            KeyLocation::Header => {
                let name = HeaderName::try_from(name).map_err(|_| "name no valid header")?;
                headers.insert(name, sensitive(key.expose().to_owned())?);
            }
            KeyLocation::Cookie => {
                // One `Cookie` header for all cookies (RFC 6265): the key joins the parameters'.
                let pair = format!("{name}={}", key.expose());
                let text = match headers.get(COOKIE).and_then(|value| value.to_str().ok()) {
                    Some(others) => format!("{others}; {pair}"),
                    None => pair,
                };
                headers.insert(COOKIE, sensitive(text)?);
            }
            KeyLocation::Query => {}
        },
        (_, Ready::ApiKey(_)) => {}
    }
    Ok(())
}

/// A cookie value with every byte outside RFC 6265's `cookie-octet` percent-encoded.
fn cookie_value(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if matches!(byte, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
            && byte != b'%'
        {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// Standard base64 with padding (RFC 4648), for basic credentials.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for (index, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if index <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> shift & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_base64() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(
            base64(b"Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
    }
}
