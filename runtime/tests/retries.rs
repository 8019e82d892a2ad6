//! Retries against a loopback server: `Retry-After` honoured and capped, only requests that are
//! safe to repeat repeated after a failure, any request after a 429, and the last answer kept, with
//! its headers, when the attempts run out.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::{Duration, Instant};

use sdkgen_runtime::http::Method;
use sdkgen_runtime::{Client, RequestOptions};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer, attempts: u32) -> Client {
    support::builder(&server.uri())
        .max_attempts(attempts)
        .retry_base_delay(Duration::from_millis(10))
        .build()
        .unwrap()
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

/// Answers `verb` with `first` `times` times, then with 200.
async fn failing_first(verb: &str, first: ResponseTemplate, times: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method(verb))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn retry_after_is_honoured_on_429_and_503() {
    for status in [429, 503] {
        let answer = ResponseTemplate::new(status).insert_header("Retry-After", "1");
        let server = failing_first("GET", answer, 1).await;
        let started = Instant::now();
        let response = support::get(&client(&server, 3), "/things", RequestOptions::new())
            .await
            .unwrap();
        assert_eq!(response.status_code(), 200);
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_secs(1),
            "{status}: waited {waited:?}"
        );
        assert_eq!(requests(&server).await, 2);
    }
}

#[tokio::test]
async fn retry_after_is_capped() {
    let answer = ResponseTemplate::new(429).insert_header("Retry-After", "3600");
    let server = failing_first("GET", answer, 1).await;
    let client = support::builder(&server.uri())
        .max_retry_delay(Duration::from_millis(50))
        .build()
        .unwrap();
    let started = Instant::now();
    support::get(&client, "/things", RequestOptions::new())
        .await
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_post_is_not_repeated_after_a_500_or_503() {
    for status in [500, 503] {
        let server = failing_first("POST", ResponseTemplate::new(status), 5).await;
        let response = support::post(&client(&server, 3), "/things", RequestOptions::new())
            .await
            .unwrap();
        assert_eq!(response.status_code(), status);
        assert_eq!(requests(&server).await, 1, "a POST after {status}");
    }
}

#[tokio::test]
async fn a_post_is_retried_after_a_429() {
    let answer = ResponseTemplate::new(429).insert_header("Retry-After", "0");
    let server = failing_first("POST", answer, 1).await;
    let response = support::post(&client(&server, 3), "/things", RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(response.status_code(), 200);
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn a_get_is_retried_after_a_503_with_back_off() {
    let server = failing_first("GET", ResponseTemplate::new(503), 2).await;
    let response = support::get(&client(&server, 3), "/things", RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(response.status_code(), 200);
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn when_attempts_run_out_the_last_answer_is_kept_with_its_headers() {
    let answer = ResponseTemplate::new(429)
        .insert_header("Retry-After", "0")
        .insert_header("X-Request-Id", "last");
    let server = failing_first("GET", answer, 10).await;
    let response = support::get(&client(&server, 3), "/things", RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(requests(&server).await, 3);
    assert_eq!(response.status_code(), 429);
    assert_eq!(response.headers["x-request-id"], "last");
}

#[tokio::test]
async fn one_attempt_means_no_retry_for_the_client_or_the_call() {
    let server = failing_first("DELETE", ResponseTemplate::new(503), 10).await;
    let delete = support::spec(Method::DELETE, "/things/1", RequestOptions::new());
    let response = client(&server, 1)
        .execute::<support::Undocumented>(delete)
        .await
        .unwrap();
    assert_eq!(response.status_code(), 503);
    assert_eq!(requests(&server).await, 1);

    let options = RequestOptions::new().max_attempts(1);
    let delete = support::spec(Method::DELETE, "/things/1", options);
    client(&server, 3)
        .execute::<support::Undocumented>(delete)
        .await
        .unwrap();
    assert_eq!(requests(&server).await, 2, "the call's setting wins");
}
