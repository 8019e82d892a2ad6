//! When and how long to wait before trying a request again.

use std::hash::{BuildHasher, RandomState};
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

/// Attempts and waits for retrying rate-limited and failed requests: 3 attempts, back-off from
/// 250 ms, no wait over 30 s, unless set.
///
/// ```
/// # use std::time::Duration;
/// use sdkgen_runtime::RetryPolicy;
///
/// let patient = RetryPolicy::new()
///     .with_max_attempts(5)
///     .with_max_delay(Duration::from_secs(10));
/// assert_eq!(patient.max_attempts(), 5);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) base_delay: Duration,
    pub(crate) max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The default policy.
    pub fn new() -> Self {
        RetryPolicy::default()
    }

    /// Attempts in all, the first included; 1 (or 0) turns retrying off.
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first back-off wait; each further one may double (with jitter).
    pub fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest wait, whether from back-off or asked by `Retry-After`.
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Attempts in all, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The first back-off wait.
    pub fn base_delay(&self) -> Duration {
        self.base_delay
    }

    /// The longest wait.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }
}

/// Why a request may be tried again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Retryable {
    /// 429: the server did not act, so any method may be repeated, after `Retry-After`.
    RateLimited(Option<Duration>),
    /// 502, 503, 504, a timeout or a broken connection: the server may have acted, so only a
    /// request that is safe to repeat may be, after the response's `Retry-After` if it has one.
    Unavailable(Option<Duration>),
    /// The connection could not be made: nothing was sent, so any method may be repeated.
    NotSent,
}

impl RetryPolicy {
    /// The wait before attempt `next` (2 for the first retry), or `None` when the request must not be
    /// repeated or the attempts are used up. `repeatable`: whether repeating the request has the
    /// same effect as sending it once.
    pub(crate) fn wait(&self, reason: Retryable, repeatable: bool, next: u32) -> Option<Duration> {
        if next > self.max_attempts {
            return None;
        }
        match reason {
            Retryable::RateLimited(Some(asked)) => Some(asked.min(self.max_delay)),
            Retryable::RateLimited(None) | Retryable::NotSent => Some(self.backoff(next)),
            Retryable::Unavailable(Some(asked)) if repeatable => Some(asked.min(self.max_delay)),
            Retryable::Unavailable(None) if repeatable => Some(self.backoff(next)),
            Retryable::Unavailable(_) => None,
        }
    }

    /// Exponential back-off with full jitter: a random wait up to `base * 2^(retry - 1)`, capped.
    fn backoff(&self, next: u32) -> Duration {
        let exponent = next.saturating_sub(2).min(20);
        let ceiling = self
            .base_delay
            .saturating_mul(1 << exponent)
            .min(self.max_delay);
        let random = RandomState::new().hash_one(next);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(random % nanos.saturating_add(1))
    }
}

/// `Retry-After` as a wait: a number of seconds, or an HTTP date (RFC 9110, section 10.2.3).
/// Anything else is ignored; the caller caps what it gets.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    // A date in the past means "now".
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// Statuses worth another try of a request that is safe to repeat.
pub(crate) fn is_unavailable(status: StatusCode) -> bool {
    matches!(status.as_u16(), 502..=504)
}

/// Methods whose repetition has the same effect as one request (RFC 9110, section 9.2.2).
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE | Method::PUT | Method::DELETE
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_methods_are_repeated_after_a_failure() {
        let policy = RetryPolicy::default();
        for (method, repeated) in [
            (Method::GET, true),
            (Method::DELETE, true),
            (Method::POST, false),
            (Method::PATCH, false),
        ] {
            let wait = policy.wait(Retryable::Unavailable(None), is_idempotent(&method), 2);
            assert_eq!(wait.is_some(), repeated, "{method}");
        }
        // A 429 means the server did not act: anything may be repeated.
        assert!(
            policy
                .wait(
                    Retryable::RateLimited(None),
                    is_idempotent(&Method::POST),
                    2
                )
                .is_some()
        );
    }

    fn headers(retry_after: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(reqwest::header::RETRY_AFTER, retry_after.parse().unwrap());
        headers
    }

    #[test]
    fn reads_retry_after_as_seconds_or_date() {
        assert_eq!(retry_after(&headers("10")), Some(Duration::from_secs(10)));
        assert_eq!(retry_after(&headers(" 0 ")), Some(Duration::ZERO));
        let later = std::time::SystemTime::now() + Duration::from_secs(120);
        let wait = retry_after(&headers(&httpdate::fmt_http_date(later))).unwrap();
        assert!(
            wait > Duration::from_secs(100) && wait <= Duration::from_secs(120),
            "{wait:?}"
        );
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:28:00 GMT")),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("soon")), None);
        assert_eq!(retry_after(&headers("-5")), None);
        assert_eq!(
            retry_after(&headers("99999999999999999999999")),
            None,
            "a number past u64 is garbage, not a panic"
        );
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }

    #[test]
    fn a_connection_never_made_may_be_repeated_for_any_method() {
        let policy = RetryPolicy::default();
        assert!(
            policy
                .wait(Retryable::NotSent, is_idempotent(&Method::POST), 2)
                .is_some()
        );
    }

    #[test]
    fn retry_after_is_honoured_but_capped() {
        let policy = RetryPolicy {
            max_delay: Duration::from_secs(5),
            ..RetryPolicy::default()
        };
        let asked = Retryable::RateLimited(Some(Duration::from_secs(2)));
        assert_eq!(
            policy.wait(asked, is_idempotent(&Method::GET), 2),
            Some(Duration::from_secs(2))
        );
        let asked = Retryable::RateLimited(Some(Duration::from_secs(3600)));
        assert_eq!(
            policy.wait(asked, is_idempotent(&Method::GET), 2),
            Some(Duration::from_secs(5))
        );
    }

    #[test]
    fn attempts_run_out() {
        let policy = RetryPolicy {
            max_attempts: 2,
            ..RetryPolicy::default()
        };
        assert!(
            policy
                .wait(Retryable::Unavailable(None), is_idempotent(&Method::GET), 2)
                .is_some()
        );
        assert!(
            policy
                .wait(Retryable::Unavailable(None), is_idempotent(&Method::GET), 3)
                .is_none()
        );
    }

    #[test]
    fn backoff_grows_and_stays_under_the_cap() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
            ..RetryPolicy::default()
        };
        for _ in 0..100 {
            assert!(policy.backoff(2) <= Duration::from_millis(100));
            assert!(policy.backoff(3) <= Duration::from_millis(200));
            assert!(policy.backoff(9) <= Duration::from_millis(300));
        }
    }
}
