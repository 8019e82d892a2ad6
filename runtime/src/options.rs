//! Settings for one call, over the client's.

use std::fmt;
use std::time::Duration;

use super::retry::RetryPolicy;

/// Settings for one call, over the client's: extra headers, a timeout per attempt, a deadline for
/// the whole call, a retry policy, a response size limit. Give them to any request with its
/// `with_options` method.
///
/// ```
/// # use std::time::Duration;
/// use sdkgen_runtime::RequestOptions;
///
/// let options = RequestOptions::new()
///     .header("X-Request-Id", "b7f3")
///     .timeout(Duration::from_secs(5))
///     .deadline(Duration::from_secs(12))
///     .max_attempts(1);
/// # let _ = options;
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestOptions {
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) deadline: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) max_attempts: Option<u32>,
    pub(crate) max_response_bytes: Option<usize>,
}

impl RequestOptions {
    /// No settings: the call uses the client's.
    pub fn new() -> Self {
        RequestOptions::default()
    }

    /// Sends a header with this call, replacing one of the same name that the client or the
    /// operation would send (credentials excepted: they are added last). A name or value that
    /// cannot be sent fails the call before sending.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// How long each attempt of this call may take, from connecting to the end of the body, and
    /// each request for the token it needs, instead of the client's timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How long this whole call may take, instead of the client's deadline: every attempt, every
    /// wait between them and the token request it needs. When it passes, the call ends with
    /// [`Error::Deadline`](crate::Error::Deadline), or with the timeout of the attempt it cut
    /// short. A streamed download's body is read after the call and is bounded by the timeout
    /// alone.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// How this call is retried, instead of the client's policy.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Attempts for this call, the first included; 1 turns retrying off. It bounds the token
    /// request the call waits for too. The other retry settings stay the client's, or those
    /// [`RequestOptions::retry`] gives.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts.max(1));
        self
    }

    /// The largest response body this call reads, instead of the client's limit.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// The retry policy of a call: the client's, with this call's settings over it.
    pub(crate) fn retry_policy(&self, client: &RetryPolicy) -> RetryPolicy {
        let mut policy = self.retry.clone().unwrap_or_else(|| client.clone());
        if let Some(attempts) = self.max_attempts {
            policy.max_attempts = attempts;
        }
        policy
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values may be credentials: only their names are shown.
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("headers", &names)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("retry", &self.retry)
            .field("max_attempts", &self.max_attempts)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}
