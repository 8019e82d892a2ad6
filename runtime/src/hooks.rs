//! The caller's own code, run around each attempt of a call: to add a request id, write an audit
//! log, or measure latency.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};

/// What [`Hook::before_attempt`] returns: a boxed future, so hooks can be kept as trait objects.
pub type HookFuture<'a> = Pin<Box<dyn Future<Output = Result<(), HookError>> + Send + 'a>>;

/// Code run around each attempt of every call of a client.
///
/// A client runs its hooks in the order they were added. Before each attempt (the first and every
/// retry) each hook's [`Hook::before_attempt`] may add or replace headers, and sees what earlier
/// hooks set; the first that fails ends the call with [`Error::Hook`](crate::Error::Hook), nothing
/// is sent and nothing is retried. Credentials are added after the hooks ran, so a hook never sees
/// them, and a hook cannot set them, nor the headers that frame the message. After each response
/// (retried ones and a 401 answered by renewing the token included) every hook's
/// [`Hook::after_response`] observes it, before the client decides whether to try again. Requests
/// to the OAuth2 token endpoint do not run hooks.
///
/// ```
/// use sdkgen_runtime::http::HeaderValue;
/// use sdkgen_runtime::{Attempt, Hook, HookError, HookFuture, ResponseInfo};
///
/// /// Sends a request id with each attempt and logs each response's latency.
/// struct RequestIds;
///
/// impl Hook for RequestIds {
///     fn before_attempt<'a>(&'a self, attempt: &'a mut Attempt) -> HookFuture<'a> {
///         Box::pin(async move {
///             let id = format!("{}-{}", attempt.operation(), attempt.number());
///             let value = HeaderValue::try_from(id).map_err(HookError::new)?;
///             attempt.insert_header("x-request-id", value)
///         })
///     }
///
///     fn after_response(&self, response: &ResponseInfo<'_>) {
///         eprintln!("{} {} in {:?}", response.operation(), response.status(), response.latency());
///     }
/// }
/// ```
pub trait Hook: Send + Sync + 'static {
    /// Runs before an attempt is sent: may add or replace its headers, or fail the call.
    fn before_attempt<'a>(&'a self, attempt: &'a mut Attempt) -> HookFuture<'a> {
        let _ = attempt;
        Box::pin(std::future::ready(Ok(())))
    }

    /// Runs when an attempt got a response (its status and headers; the body is not read yet).
    fn after_response(&self, response: &ResponseInfo<'_>) {
        let _ = response;
    }
}

/// An attempt about to be sent, as a [`Hook`] sees it: its headers without the credentials.
pub struct Attempt {
    operation: &'static str,
    method: Method,
    path: String,
    number: u32,
    pub(crate) headers: HeaderMap,
    /// The framing headers and the credentials': never set by a hook.
    protected: std::sync::Arc<[HeaderName]>,
}

impl fmt::Debug for Attempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Per-call header values may be credentials of the caller's: only their names are shown.
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Attempt")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("number", &self.number)
            .field("headers", &names)
            .finish_non_exhaustive()
    }
}

impl Attempt {
    pub(crate) fn new(
        operation: &'static str,
        method: Method,
        path: String,
        number: u32,
        headers: HeaderMap,
        protected: std::sync::Arc<[HeaderName]>,
    ) -> Self {
        Attempt {
            operation,
            method,
            path,
            number,
            headers,
            protected,
        }
    }

    /// The operation, by its `operationId`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The URL's path, percent-encoded (the query is left out: it may carry an API key).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Which attempt this is: 1 for the first.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The headers the attempt will be sent with, credentials and framing aside.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Sends `name` with this attempt, replacing any value it had. The framing headers
    /// (`Content-Length`, `Host`, ...) and the credentials' (`Authorization`, an API key's header,
    /// `Cookie` when a key travels in one) are refused.
    pub fn insert_header<N>(&mut self, name: N, value: HeaderValue) -> Result<(), HookError>
    where
        N: TryInto<HeaderName>,
        N::Error: std::error::Error + Send + Sync + 'static,
    {
        let name = name.try_into().map_err(HookError::new)?;
        if self.protected.contains(&name) {
            return Err(HookError::new(RefusedHeader(name)));
        }
        self.headers.insert(name, value);
        Ok(())
    }
}

/// A header a hook may not set.
#[derive(Debug)]
struct RefusedHeader(HeaderName);

impl fmt::Display for RefusedHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a hook cannot set `{}`: the SDK sets the framing headers and the credentials itself",
            self.0
        )
    }
}

impl std::error::Error for RefusedHeader {}

/// A response to one attempt, as [`Hook::after_response`] sees it.
#[derive(Debug)]
pub struct ResponseInfo<'a> {
    pub(crate) operation: &'static str,
    pub(crate) method: &'a Method,
    pub(crate) attempt: u32,
    pub(crate) status: StatusCode,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) latency: Duration,
}

impl ResponseInfo<'_> {
    /// The operation, by its `operationId`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        self.method
    }

    /// Which attempt this answers: 1 for the first.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    /// From sending the attempt to its response's headers.
    pub fn latency(&self) -> Duration {
        self.latency
    }
}

/// Why a hook failed a call: the hook's own error, with the operation it stopped.
#[derive(Debug)]
pub struct HookError {
    operation: &'static str,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl HookError {
    /// Fails the call with `source`, which [`Error::Hook`](crate::Error::Hook) carries.
    pub fn new(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        HookError {
            operation: "",
            source: source.into(),
        }
    }

    /// The operation the hook stopped, by its `operationId`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The hook's own error, to downcast to its type.
    pub fn inner(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self.source.as_ref()
    }

    pub(crate) fn in_operation(mut self, operation: &'static str) -> Self {
        self.operation = operation;
        self
    }
}

impl fmt::Display for HookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: a hook stopped the call before it was sent",
            self.operation
        )
    }
}

impl std::error::Error for HookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.source.as_ref())
    }
}

/// The hooks of a client, in the order they run.
#[derive(Clone, Default)]
pub(crate) struct Hooks(pub Vec<std::sync::Arc<dyn Hook>>);

impl fmt::Debug for Hooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} hook(s)", self.0.len())
    }
}

impl Hooks {
    pub async fn before_attempt(&self, attempt: &mut Attempt) -> Result<(), HookError> {
        for hook in &self.0 {
            hook.before_attempt(attempt)
                .await
                .map_err(|error| error.in_operation(attempt.operation))?;
        }
        Ok(())
    }

    pub fn after_response(&self, response: &ResponseInfo<'_>) {
        for hook in &self.0 {
            hook.after_response(response);
        }
    }
}
