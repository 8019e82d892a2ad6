//! A token endpoint that fails, hangs or rate-limits: calls waiting on one token request share its
//! outcome, failure included, and 429/503 from it are tried again within the attempt budget.

#![allow(clippy::unwrap_used)]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::future::join_all;
use sdkgen_runtime::codegen::RawResponse;
use sdkgen_runtime::{AuthError, Client, ClientBuilder, Error, RequestOptions};
use serde_json::json;
use support::Undocumented;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const BOUND: Duration = Duration::from_secs(20);

fn client(server: &MockServer, timeout: Duration) -> Client {
    ClientBuilder::new(&support::API, "contract-tests/1")
        .api_root(server.uri())
        .client_credentials("client-id", "client-secret")
        .timeout(timeout)
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap()
}

async fn token_requests(server: &MockServer) -> usize {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .filter(|request| request.url.path() == "/oauth/token")
        .count()
}

async fn list_ok(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/things"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(server)
        .await;
}

/// Runs `calls` list calls at once and returns their errors.
async fn concurrent_failures(client: &Client, calls: usize) -> Vec<Error<Undocumented>> {
    let calls = (0..calls).map(|_| support::get(client, "/things", RequestOptions::new()));
    let results = tokio::time::timeout(BOUND, join_all(calls)).await.unwrap();
    results.into_iter().map(Result::unwrap_err).collect()
}

#[tokio::test]
async fn fifty_calls_share_one_failed_token_request() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(500).set_body_string("token service down"))
        .mount(&server)
        .await;
    let client = client(&server, Duration::from_secs(5));
    let errors = concurrent_failures(&client, 50).await;
    for error in &errors {
        let Error::Auth(auth) = error else {
            panic!("{error:?}")
        };
        assert_eq!(auth.status().map(|status| status.as_u16()), Some(500));
    }
    assert_eq!(
        token_requests(&server).await,
        1,
        "one request, its failure shared"
    );

    // A later call tries again: a failure is shared, not cached.
    support::get(&client, "/things", RequestOptions::new())
        .await
        .unwrap_err();
    assert_eq!(token_requests(&server).await, 2);
}

#[tokio::test]
async fn callers_waiting_on_a_hanging_token_endpoint_fail_together() {
    // Each caller used to wait for the one before it to time out: the fifth failed after five
    // timeouts. Now one request times out and all five share that.
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let client: Client = ClientBuilder::new(&support::API, "contract-tests/1")
        .api_root(server.uri())
        .client_credentials("client-id", "client-secret")
        .timeout(Duration::from_millis(300))
        .max_attempts(1)
        .build()
        .unwrap();
    let errors = concurrent_failures(&client, 5).await;
    for error in &errors {
        assert!(
            matches!(error, Error::Auth(auth) if matches!(**auth, AuthError::Transport(_))),
            "{error:?}"
        );
    }
    assert_eq!(token_requests(&server).await, 1);
}

/// A token endpoint that answers with `first` once, then with a token.
struct FailsOnce {
    first: ResponseTemplate,
    calls: Arc<AtomicUsize>,
}

impl Respond for FailsOnce {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        if self.calls.fetch_add(1, Ordering::SeqCst) == 0 {
            self.first.clone()
        } else {
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "fresh", "expires_in": 3600}))
        }
    }
}

async fn token_endpoint_failing_once(first: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(FailsOnce {
            first,
            calls: Arc::new(AtomicUsize::new(0)),
        })
        .mount(&server)
        .await;
    list_ok(&server).await;
    server
}

/// A call succeeds on the second token request after the endpoint answered `first`.
async fn recovers_after(first: ResponseTemplate) {
    let server = token_endpoint_failing_once(first).await;
    let client = client(&server, Duration::from_secs(5));
    tokio::time::timeout(
        BOUND,
        support::get(&client, "/things", RequestOptions::new()),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(token_requests(&server).await, 2);
}

#[tokio::test]
async fn a_rate_limited_token_request_is_tried_again_after_retry_after() {
    recovers_after(ResponseTemplate::new(429).insert_header("Retry-After", "0")).await;
}

#[tokio::test]
async fn an_unavailable_token_endpoint_is_tried_again() {
    recovers_after(ResponseTemplate::new(503)).await;
}

#[tokio::test]
async fn token_retries_stop_at_the_attempt_budget() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .mount(&server)
        .await;
    let client = client(&server, Duration::from_secs(5));
    let error = tokio::time::timeout(
        BOUND,
        support::get(&client, "/things", RequestOptions::new()),
    )
    .await
    .unwrap()
    .unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(503));
    assert_eq!(token_requests(&server).await, 3, "the client's 3 attempts");
}

/// A token endpoint answering `status` with `body`, and what a call then gets.
async fn token_answer(
    status: u16,
    body: serde_json::Value,
) -> (MockServer, Result<RawResponse, Error<Undocumented>>) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    list_ok(&server).await;
    let client = client(&server, Duration::from_secs(5));
    let result = tokio::time::timeout(
        BOUND,
        support::get(&client, "/things", RequestOptions::new()),
    )
    .await
    .unwrap();
    (server, result)
}

#[tokio::test]
async fn an_empty_token_or_one_not_bearer_is_refused_and_nothing_is_sent() {
    for body in [
        json!({"access_token": "", "expires_in": 600}),
        json!({"access_token": "   "}),
        json!({"access_token": "t0k3n", "token_type": "mac"}),
    ] {
        let (server, result) = token_answer(200, body.clone()).await;
        let error = result.unwrap_err();
        assert!(
            matches!(&error, Error::Auth(auth) if matches!(**auth, AuthError::Malformed { .. })),
            "{body}: {error:?}"
        );
        let requests = server.received_requests().await.unwrap();
        assert!(
            requests
                .iter()
                .all(|request| request.url.path() == "/oauth/token"),
            "{body}: the API was called with a token that is not one"
        );
    }
    // `Bearer` in any case is a bearer token.
    let (_server, result) =
        token_answer(200, json!({"access_token": "t", "token_type": "BEARER"})).await;
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn a_token_endpoint_echoing_the_secret_never_shows_it() {
    let echo = json!({"error": "invalid_client", "sent": "client_id=client-id&client_secret=client-secret"});
    let (_server, result) = token_answer(401, echo).await;
    let error = result.unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("client-secret"), "{shown}");
    assert!(shown.contains("[redacted]"), "{shown}");
    assert!(shown.contains("invalid_client"), "{shown}");
}
