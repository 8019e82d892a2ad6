//! Retries as this SDK's operations report them: when the attempts run out, the last answer is
//! the operation's typed error, with its body and headers. How and when a call is retried is the
//! runtime's, proven by its own tests (`runtime/tests/retries.rs`).

#![allow(clippy::unwrap_used)]

use std::time::Duration;

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
    assert!(error.is_retryable(), "a 429 may succeed later");
}
