//! Error statuses: 429 with every kind of `Retry-After`, and 500/502/503/504 on each method. What
//! is retried, how often, and what the caller gets in the end.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, SystemTime};

use sailpoint_governance_groups::models::{JsonPatchOperation, JsonPatchOperationOp, WorkgroupDto};
use sailpoint_governance_groups::{Client, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const BOUND: Duration = Duration::from_secs(20);

async fn serving(response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .access_token("token")
        .max_attempts(3)
        .retry_base_delay(Duration::from_millis(1))
        .max_retry_delay(Duration::from_millis(50))
        .build()
        .unwrap();
    (server, client)
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

/// A call of each method; the status it failed with.
async fn call(client: &Client, method: &str) -> Option<u16> {
    let call = async {
        match method {
            "GET" => client
                .get_workgroup("wg-1")
                .send()
                .await
                .err()
                .map(|e| e.status()),
            "DELETE" => client
                .delete_workgroup("wg-1")
                .send()
                .await
                .err()
                .map(|e| e.status()),
            "POST" => {
                let group = WorkgroupDto::default().with_name("Auditors");
                client
                    .create_workgroup(group)
                    .send()
                    .await
                    .err()
                    .map(|e| e.status())
            }
            "PATCH" => {
                let change = JsonPatchOperation::new(JsonPatchOperationOp::Remove, "/description");
                let call = client.patch_workgroup("wg-1").body(vec![change]);
                call.send().await.err().map(|e| e.status())
            }
            _ => unreachable!(),
        }
    };
    let outcome = tokio::time::timeout(BOUND, call).await.unwrap();
    outcome
        .expect("the call fails")
        .map(|status| status.as_u16())
}

#[tokio::test]
async fn server_errors_are_retried_only_where_safe_and_only_when_passing() {
    for status in [500, 502, 503, 504] {
        for method in ["GET", "DELETE", "POST", "PATCH"] {
            let (server, client) = serving(ResponseTemplate::new(status)).await;
            assert_eq!(
                call(&client, method).await,
                Some(status),
                "{method} {status}"
            );
            let repeatable = matches!(method, "GET" | "DELETE");
            let expected = if status != 500 && repeatable { 3 } else { 1 };
            assert_eq!(requests(&server).await, expected, "{method} {status}");
        }
    }
}

#[tokio::test]
async fn a_500_is_the_documented_error_and_a_503_the_undocumented_status() {
    let (_server, client) = serving(ResponseTemplate::new(500)).await;
    let error = client.list_workgroups().send().await.unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    let (_server, client) = serving(ResponseTemplate::new(503)).await;
    let error = client.list_workgroups().send().await.unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
}

/// A 429 with this `Retry-After`, then success: the call succeeds on its second request.
async fn rate_limited_once(retry_after: &str) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", retry_after))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .access_token("token")
        .retry_base_delay(Duration::from_millis(1))
        .max_retry_delay(Duration::from_millis(200))
        .build()
        .unwrap();
    let call = client.list_workgroups().send();
    let outcome = tokio::time::timeout(BOUND, call).await;
    outcome.unwrap().unwrap();
    assert_eq!(requests(&server).await, 2, "Retry-After: {retry_after}");
}

#[tokio::test]
async fn retry_after_as_seconds_a_date_garbage_or_huge_all_end_in_a_retry() {
    rate_limited_once("0").await;
    rate_limited_once(&httpdate::fmt_http_date(
        SystemTime::now() + Duration::from_secs(1),
    ))
    .await;
    rate_limited_once("Wed, 21 Oct 2015 07:28:00 GMT").await;
    rate_limited_once("soon, maybe").await;
    rate_limited_once("-3").await;
    // A day, or more seconds than any clock holds: capped at the client's longest wait.
    rate_limited_once("86400").await;
    rate_limited_once("18446744073709551615").await;
    rate_limited_once("99999999999999999999999999").await;
}

#[tokio::test]
async fn a_429_on_a_post_is_retried_since_the_server_did_not_act() {
    let (server, client) =
        serving(ResponseTemplate::new(429).insert_header("Retry-After", "0")).await;
    let status = call(&client, "POST").await;
    assert_eq!(status, Some(429));
    assert_eq!(requests(&server).await, 3);
}
