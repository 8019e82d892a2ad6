//! The client: how requests are authenticated, sent, and tried again.

mod attempt;
mod headers;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::{HeaderName, HeaderValue};

use crate::auth::{Credential, Ready};
use crate::bounds::CallBounds;
use crate::description::{ApiDescription, SchemeKind};
use crate::error::{AuthError, DeadlineExceeded, Error, InvalidInput};
use crate::hooks::{Attempt, Hooks};
use crate::request::RequestSpec;
use crate::response::{ApiResponse, RawResponse};
use crate::retry::{RetryPolicy, is_idempotent};
use crate::trace::{self, CallSpan};

use attempt::{Failure, retry_reason};
pub(crate) use headers::protected_headers;

/// A client of one API. Cheap to clone (clones share one connection pool and one token cache) and
/// safe to share across tasks. Generated crates wrap it in a client type of their own, whose methods
/// are the API's operations.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

/// Everything a client is made of, as [`crate::ClientBuilder`] settled it.
pub(crate) struct Inner {
    pub http: reqwest::Client,
    pub api: &'static ApiDescription,
    /// Where the API's paths start, e.g. `https://acme.example.com/v1`, without a trailing slash.
    pub api_root: String,
    pub user_agent: HeaderValue,
    /// The credential of each security scheme that has one, by scheme name.
    pub credentials: Vec<(&'static str, Credential)>,
    /// The framing headers and those a credential may travel in, which hooks may not set.
    pub protected_headers: Arc<[HeaderName]>,
    pub retry: RetryPolicy,
    /// How long one attempt may take.
    pub timeout: Duration,
    /// How long a whole call may take, attempts, waits and token request included.
    pub deadline: Option<Duration>,
    /// The largest response body read; a larger one fails the call.
    pub max_response_bytes: usize,
    pub hooks: Hooks,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Credentials show their kind and client id; secrets and tokens show as `***`.
        f.debug_struct("Client")
            .field("api", &self.inner.api.title)
            .field("api_root", &self.inner.api_root)
            .field("credentials", &self.inner.credentials)
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .field("deadline", &self.inner.deadline)
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .field("hooks", &self.inner.hooks)
            .finish_non_exhaustive()
    }
}

/// The credentials an attempt sends: each with the scheme it is sent under.
type AuthPlan<'a> = Vec<(SchemeKind, &'a Credential)>;

impl Client {
    pub(crate) fn from_inner(inner: Inner) -> Client {
        Client {
            inner: Arc::new(inner),
        }
    }

    /// The URL the API's paths are appended to.
    pub fn api_root(&self) -> &str {
        &self.inner.api_root
    }

    /// Sends a request and reads the whole response (up to the size limit). Authenticates it,
    /// renews the token once when the API answers 401, and tries again as the retry policy allows,
    /// all within the call's deadline.
    #[doc(hidden)]
    pub async fn execute<E>(&self, spec: RequestSpec) -> Result<RawResponse, Error<E>> {
        let span = CallSpan::new(spec.operation, &spec.method, spec.template);
        let mut attempts = 0;
        let outcome = span.within(self.run(spec, &mut attempts)).await;
        let status = match &outcome {
            Ok(response) => Some(response.status),
            Err(error) => error.status(),
        };
        span.finish(attempts, status.map(|status| status.as_u16()));
        outcome
    }

    async fn run<E>(&self, spec: RequestSpec, attempts: &mut u32) -> Result<RawResponse, Error<E>> {
        let plan = self.auth_plan(&spec)?;
        let policy = spec.options.retry_policy(&self.inner.retry);
        let bounds = CallBounds::starting_now(
            spec.options.deadline.or(self.inner.deadline),
            spec.options.timeout.unwrap_or(self.inner.timeout),
            policy.max_attempts,
        );
        let deadline_passed = |attempts: u32| {
            Error::Deadline(DeadlineExceeded {
                operation: spec.operation,
                attempts,
            })
        };
        let repeatable = is_idempotent(&spec.method);
        // A stream body is read as it is sent, so a request with one is sent once: no retry, no
        // second attempt with a renewed token.
        let resendable = spec.body.as_ref().is_none_or(|body| body.is_repeatable());
        let limit = spec
            .options
            .max_response_bytes
            .unwrap_or(self.inner.max_response_bytes);
        let mut renewed = false;
        loop {
            let ready = match bounds.deadline {
                Some(deadline) => {
                    match tokio::time::timeout_at(deadline.into(), ready(&plan, &bounds)).await {
                        Ok(Ok(ready)) => ready,
                        // A token request the deadline cut short ends the call as the deadline
                        // does, whichever of the two timers, set for the same instant, fired first.
                        Ok(Err(AuthError::Transport(_))) if Instant::now() >= deadline => {
                            return Err(deadline_passed(*attempts));
                        }
                        Ok(Err(error)) => return Err(error.into()),
                        Err(_) => return Err(deadline_passed(*attempts)),
                    }
                }
                None => ready(&plan, &bounds).await?,
            };
            let Some(timeout) = bounds.next_timeout() else {
                return Err(deadline_passed(*attempts));
            };
            *attempts += 1;
            let request = self.prepare(&spec, &ready, *attempts, timeout).await?;
            let outcome = self.attempt(&spec, request, *attempts, limit).await;
            if let Ok(response) = &outcome {
                if response.status == StatusCode::UNAUTHORIZED
                    && resendable
                    && !renewed
                    && plan.iter().any(|(_, credential)| credential.can_renew())
                {
                    // The token may have been revoked or expired early: fetch a new one, once.
                    trace::token_renewal(spec.operation);
                    for ((_, credential), (_, used)) in plan.iter().zip(&ready) {
                        credential.forget(used).await;
                    }
                    renewed = true;
                    continue;
                }
            }
            let reason = retry_reason(&outcome).filter(|_| resendable);
            let next = *attempts + 1;
            let wait = reason
                .and_then(|reason| Some((reason, policy.wait(reason, repeatable, next)?)))
                .filter(|(_, wait)| bounds.allows_wait(*wait));
            if let Some((reason, wait)) = wait {
                trace::retry(reason, wait, next);
                tokio::time::sleep(wait).await;
                continue;
            }
            return outcome.map_err(|failure| match failure {
                Failure::Transport(mut error) => {
                    error.attempts = *attempts;
                    Error::Transport(error)
                }
                Failure::TooLarge(error) => Error::TooLarge(error),
                Failure::Redirected(error) => Error::Redirected(error),
            });
        }
    }

    /// Attempt `number` as it is sent: built, shown to the hooks, then given its credentials.
    async fn prepare<E>(
        &self,
        spec: &RequestSpec,
        ready: &[(SchemeKind, Ready)],
        number: u32,
        timeout: Duration,
    ) -> Result<reqwest::Request, Error<E>> {
        let inner = &self.inner;
        let mut request = headers::request_without_credentials(
            &inner.api_root,
            &inner.user_agent,
            inner.api.default_headers,
            spec,
            ready,
        )?;
        if !inner.hooks.0.is_empty() {
            let mut attempt = Attempt::new(
                spec.operation,
                spec.method.clone(),
                request.url().path().to_owned(),
                number,
                std::mem::take(request.headers_mut()),
                Arc::clone(&inner.protected_headers),
            );
            let outcome = inner.hooks.before_attempt(&mut attempt).await;
            *request.headers_mut() = attempt.headers;
            outcome.map_err(|error| Error::Hook(Box::new(error)))?;
        }
        headers::add_credentials(spec, request.headers_mut(), ready)?;
        *request.timeout_mut() = Some(timeout);
        Ok(request)
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
}

/// Each credential of the plan made ready (tokens fetched within the call's bounds).
async fn ready(
    plan: &AuthPlan<'_>,
    bounds: &CallBounds,
) -> Result<Vec<(SchemeKind, Ready)>, AuthError> {
    let mut ready = Vec::with_capacity(plan.len());
    for (kind, credential) in plan {
        ready.push((*kind, credential.ready(bounds).await?));
    }
    Ok(ready)
}

/// Sends a request the generated code has prepared and decodes the response with `decode`: the
/// future of every generated `send_with_metadata`.
pub async fn send<O, E>(
    prepared: Result<(Client, RequestSpec), InvalidInput>,
    decode: fn(RawResponse) -> Result<ApiResponse<O>, Error<E>>,
) -> Result<ApiResponse<O>, Error<E>> {
    let (client, request) = prepared?;
    let response = client.execute(request).await?;
    decode(response)
}

/// The body of the response `response` resolves to. Generated `send` methods return this future,
/// so a crate with hundreds of operations does not compile a future of its own for each `send`.
pub async fn into_body<T, E>(
    response: impl Future<Output = Result<ApiResponse<T>, Error<E>>>,
) -> Result<T, Error<E>> {
    response.await.map(ApiResponse::into_body)
}
