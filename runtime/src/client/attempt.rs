//! One attempt: send, observe, read the body within its limit, and say whether to try again.

use std::time::Instant;

use reqwest::StatusCode;

use super::Client;
use crate::body::{ReadError, read_limited};
use crate::error::{FollowedRedirect, ResponseTooLarge, TransportError, TransportErrorKind};
use crate::hooks::ResponseInfo;
use crate::request::RequestSpec;
use crate::response::RawResponse;
use crate::retry::{Retryable, is_unavailable, retry_after};

/// How one attempt failed without a response to decode.
pub(super) enum Failure {
    Transport(TransportError),
    TooLarge(Box<ResponseTooLarge>),
    Redirected(Box<FollowedRedirect>),
}

impl Client {
    /// Sends attempt `number` and reads its body (or leaves it to stream).
    pub(super) async fn attempt(
        &self,
        spec: &RequestSpec,
        request: reqwest::Request,
        number: u32,
        limit: usize,
    ) -> Result<RawResponse, Failure> {
        let operation = spec.operation;
        let transport = |error| Failure::Transport(TransportError::new(operation, error));
        let sent_url = request.url().clone();
        let started = Instant::now();
        let response = self.inner.http.execute(request).await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        self.inner.hooks.after_response(&ResponseInfo {
            operation,
            method: &spec.method,
            attempt: number,
            status,
            headers: &headers,
            latency: started.elapsed(),
        });
        if response.url() != &sent_url {
            // Only a given HTTP client can follow one: the SDK's own never does.
            return Err(Failure::Redirected(Box::new(FollowedRedirect::new(
                operation,
                response.url(),
                status,
                headers,
            ))));
        }
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
}

/// Why an attempt's outcome is worth another try, if it is.
pub(super) fn retry_reason(outcome: &Result<RawResponse, Failure>) -> Option<Retryable> {
    match outcome {
        Ok(response) => match response.status {
            StatusCode::TOO_MANY_REQUESTS => {
                Some(Retryable::RateLimited(retry_after(&response.headers)))
            }
            status if is_unavailable(status) => {
                Some(Retryable::Unavailable(retry_after(&response.headers)))
            }
            _ => None,
        },
        Err(Failure::Transport(error)) => match error.kind {
            TransportErrorKind::Connect => Some(Retryable::NotSent),
            TransportErrorKind::Timeout | TransportErrorKind::Broken => {
                Some(Retryable::Unavailable(None))
            }
            // Refused before sending, or an answer that is not HTTP: the same request would
            // meet the same fate.
            _ => None,
        },
        Err(Failure::TooLarge(_) | Failure::Redirected(_)) => None,
    }
}
