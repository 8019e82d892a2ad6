//! A call's deadline and its per-call timeout and attempts bound everything the call waits for:
//! each attempt, the waits between them, and the token request it needs.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::{Duration, Instant};

use sdkgen_runtime::{AuthError, Error, RequestOptions, TransportErrorKind};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn token_requests(server: &MockServer) -> usize {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .filter(|request| request.url.path() == "/oauth/token")
        .count()
}

/// A token endpoint that answers after `delay`, with `status`.
async fn token_endpoint(status: u16, delay: Duration) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_string(support::TOKEN_BODY)
                .set_delay(delay),
        )
        .mount(&server)
        .await;
    Mock::given(path("/things"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_stalled_token_endpoint_is_bounded_by_the_calls_timeout_and_attempts() {
    // With a client timeout of 10 s this call took 30.5 s and made 3 token requests.
    let server = token_endpoint(200, Duration::from_secs(60)).await;
    let client = support::with_client_credentials(&server.uri())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let options = RequestOptions::new()
        .timeout(Duration::from_millis(300))
        .max_attempts(1);
    let started = Instant::now();
    let error = support::get(&client, "/things", options).await.unwrap_err();
    let took = started.elapsed();
    assert!(
        matches!(&error, Error::Auth(auth) if matches!(**auth, AuthError::Transport(_))),
        "{error:?}"
    );
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert_eq!(token_requests(&server).await, 1);
}

#[tokio::test]
async fn an_unavailable_token_endpoint_gets_no_more_requests_than_the_call_may_make() {
    // A token endpoint answering 503 got 3 requests despite `max_attempts(1)`.
    let server = token_endpoint(503, Duration::ZERO).await;
    let client = support::with_client_credentials(&server.uri())
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let options = RequestOptions::new().max_attempts(1);
    let error = support::get(&client, "/things", options).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503), "{error:?}");
    assert_eq!(token_requests(&server).await, 1);
}

#[tokio::test]
async fn the_clients_deadline_ends_a_call_whose_attempts_stall() {
    // By default a stalled GET took 180 s: 3 attempts of 60 s.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(60)))
        .mount(&server)
        .await;
    let client = support::builder(&server.uri())
        .deadline(Duration::from_millis(700))
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = support::get(&client, "/things", RequestOptions::new())
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "took {took:?}");
    match error {
        Error::Transport(error) => assert_eq!(error.kind, TransportErrorKind::Timeout),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_calls_deadline_bounds_the_waits_between_attempts() {
    // The server asks to wait 20 s; the call has 1 s: it ends at once with the 503, not after.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "20"))
        .mount(&server)
        .await;
    let client = support::builder(&server.uri()).build().unwrap();
    let started = Instant::now();
    let options = RequestOptions::new().deadline(Duration::from_secs(1));
    let response = support::get(&client, "/things", options).await.unwrap();
    assert!(started.elapsed() < Duration::from_millis(900));
    assert_eq!(response.status_code(), 503, "the answer the call got");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_deadline_cuts_the_token_request_short() {
    let server = token_endpoint(200, Duration::from_secs(60)).await;
    let client = support::with_client_credentials(&server.uri())
        .build()
        .unwrap();
    let options = RequestOptions::new().deadline(Duration::from_millis(400));
    let started = Instant::now();
    let error = support::get(&client, "/things", options).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    // The same error whichever timer fired first: the token request's or the call's. On a loaded
    // machine this was an `Error::Auth` in some runs and an `Error::Deadline` in others.
    assert!(
        matches!(&error, Error::Deadline(deadline) if deadline.attempts == 0),
        "{error:?}"
    );
    assert!(error.is_retryable());
}

#[tokio::test]
async fn a_call_waiting_for_another_calls_token_request_ends_at_its_own_deadline() {
    let server = token_endpoint(200, Duration::from_secs(60)).await;
    let client = support::with_client_credentials(&server.uri())
        .build()
        .unwrap();
    let patient = {
        let client = client.clone();
        tokio::spawn(async move {
            let options = RequestOptions::new().deadline(Duration::from_secs(30));
            support::get(&client, "/things", options).await
        })
    };
    // The patient call is now fetching the token; this one waits for it, within its deadline.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let options = RequestOptions::new().deadline(Duration::from_millis(300));
    let error = support::get(&client, "/things", options).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        matches!(&error, Error::Deadline(deadline) if deadline.attempts == 0),
        "{error:?}"
    );
    assert!(error.is_retryable());
    assert!(error.to_string().contains("deadline"), "{error}");
    patient.abort();
    assert_eq!(
        token_requests(&server).await,
        1,
        "one token request, shared"
    );
}
