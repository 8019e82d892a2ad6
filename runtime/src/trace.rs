//! `tracing` spans and events, behind the `tracing` feature; without it every function here is
//! empty and compiles away. Nothing recorded is a secret: no token, credential, header value, query
//! or body, only names, numbers and the path template.

use std::time::Duration;

use crate::retry::Retryable;

#[cfg(feature = "tracing")]
mod enabled {
    use std::future::Future;
    use std::time::Instant;

    use tracing::Instrument;
    use tracing::field::Empty;

    use super::{Duration, Retryable};

    /// Why a retry happens, as a field value.
    fn reason(reason: Retryable) -> &'static str {
        match reason {
            Retryable::RateLimited(_) => "rate limited (429)",
            Retryable::Unavailable(_) => {
                "unavailable (502, 503, 504, timeout or broken connection)"
            }
            Retryable::NotSent => "could not connect",
        }
    }

    fn millis(duration: Duration) -> u64 {
        u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
    }

    /// The span of one call: its fields are filled in when it ends.
    pub(crate) struct CallSpan {
        span: tracing::Span,
        started: Instant,
    }

    impl CallSpan {
        pub fn new(
            operation: &'static str,
            method: &reqwest::Method,
            template: &'static str,
        ) -> Self {
            let span = tracing::info_span!(
                target: "sdkgen_runtime",
                "call",
                operation,
                method = method.as_str(),
                path = template,
                attempts = Empty,
                status = Empty,
                duration_ms = Empty,
            );
            CallSpan {
                span,
                started: Instant::now(),
            }
        }

        pub fn within<F: Future>(&self, future: F) -> impl Future<Output = F::Output> {
            future.instrument(self.span.clone())
        }

        pub fn finish(&self, attempts: u32, status: Option<u16>) {
            self.span.record("attempts", attempts);
            if let Some(status) = status {
                self.span.record("status", status);
            }
            self.span
                .record("duration_ms", millis(self.started.elapsed()));
        }
    }

    pub(crate) fn retry(why: Retryable, delay: Duration, next: u32) {
        tracing::info!(
            target: "sdkgen_runtime",
            reason = reason(why),
            delay_ms = millis(delay),
            attempt = next,
            "retrying"
        );
    }

    pub(crate) fn token_request(attempt: u32) {
        tracing::debug!(target: "sdkgen_runtime", attempt, "requesting an access token");
    }

    pub(crate) fn token_received(lifetime: Duration) {
        tracing::info!(
            target: "sdkgen_runtime",
            lifetime_s = lifetime.as_secs(),
            "access token received"
        );
    }

    pub(crate) fn token_failed(status: Option<u16>) {
        match status {
            Some(status) => {
                tracing::warn!(target: "sdkgen_runtime", status, "token request failed")
            }
            None => tracing::warn!(target: "sdkgen_runtime", "token request failed"),
        }
    }

    pub(crate) fn token_renewal(operation: &'static str) {
        tracing::info!(
            target: "sdkgen_runtime",
            operation,
            "the API refused the token (401): renewing it"
        );
    }

    pub(crate) fn page(operation: &'static str, offset: i64, items: usize) {
        tracing::debug!(target: "sdkgen_runtime", operation, offset, items, "page received");
    }
}

#[cfg(not(feature = "tracing"))]
mod enabled {
    use std::future::Future;

    use super::{Duration, Retryable};

    pub(crate) struct CallSpan;

    impl CallSpan {
        pub fn new(_: &'static str, _: &reqwest::Method, _: &'static str) -> Self {
            CallSpan
        }

        pub fn within<F: Future>(&self, future: F) -> F {
            future
        }

        pub fn finish(&self, _: u32, _: Option<u16>) {}
    }

    pub(crate) fn retry(_: Retryable, _: Duration, _: u32) {}

    pub(crate) fn token_request(_: u32) {}

    pub(crate) fn token_received(_: Duration) {}

    pub(crate) fn token_failed(_: Option<u16>) {}

    pub(crate) fn token_renewal(_: &'static str) {}

    pub(crate) fn page(_: &'static str, _: i64, _: usize) {}
}

pub(crate) use enabled::*;
