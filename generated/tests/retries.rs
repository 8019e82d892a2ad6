//! Retries against a loopback server: Retry-After honoured, only safe methods repeated after a
//! failure, and the last typed error (with headers) when the attempts run out.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use sailpoint_governance_groups::models::WorkgroupDto;
use sailpoint_governance_groups::operations::ListWorkgroupsError;
use sailpoint_governance_groups::{Client, Error};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer, attempts: u32) -> Client {
    Client::builder()
        .base_url(server.uri())
        .access_token("token")
        .max_attempts(attempts)
        .retry_base_delay(Duration::from_millis(10))
        .build()
        .unwrap()
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn retry_after_is_honoured() {
    for status in [429, 503] {
        retry_after_is_honoured_on(status).await;
    }
}

/// A `status` with `Retry-After: 1`, then a success: the retry waits the second it was asked to.
async fn retry_after_is_honoured_on(status: u16) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("Retry-After", "1")
                .set_body_json(json!({"message": "slow down"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;

    let started = Instant::now();
    client(&server, 3).list_workgroups().send().await.unwrap();

    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{status}: waited only {:?}",
        started.elapsed()
    );
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn retry_after_is_capped() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3600"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .access_token("token")
        .max_retry_delay(Duration::from_millis(50))
        .build()
        .unwrap();
    let started = Instant::now();
    client.list_workgroups().send().await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_post_is_not_retried_after_a_500_or_503() {
    for status in [500, 503] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(status).set_body_json(json!({"detailCode": "boom"})),
            )
            .mount(&server)
            .await;
        let error = client(&server, 3)
            .create_workgroup(WorkgroupDto::default())
            .send()
            .await
            .unwrap_err();
        assert_eq!(error.status().map(|status| status.as_u16()), Some(status));
        assert_eq!(
            requests(&server).await,
            1,
            "POST after {status} must not be repeated"
        );
    }
}

#[tokio::test]
async fn a_post_is_retried_after_a_429() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "x"})))
        .mount(&server)
        .await;
    let created = client(&server, 3)
        .create_workgroup(WorkgroupDto::default())
        .send()
        .await
        .unwrap();
    assert_eq!(created.name.as_deref(), Some("x"));
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn a_get_is_retried_after_a_503_with_back_off() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    client(&server, 3).list_workgroups().send().await.unwrap();
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn when_attempts_run_out_the_last_typed_error_is_returned_with_its_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "0")
                .insert_header("X-Request-Id", "last")
                .set_body_json(json!({"message": " Rate Limit Exceeded "})),
        )
        .mount(&server)
        .await;
    let error = client(&server, 3)
        .list_workgroups()
        .send()
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await, 3);
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert!(
        matches!(&api.error, ListWorkgroupsError::TooManyRequests(body)
            if body.documented().and_then(|body| body.message.as_ref()) == Some(&json!(" Rate Limit Exceeded ")))
    );
    assert_eq!(api.headers.get("x-request-id").unwrap(), "last");
    assert_eq!(error.retry_after(), Some(Duration::ZERO));
}

#[tokio::test]
async fn one_attempt_means_no_retry() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let error = client(&server, 1)
        .delete_workgroup("id")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
    assert_eq!(requests(&server).await, 1);
}
