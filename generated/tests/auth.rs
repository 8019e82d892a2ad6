//! OAuth2 client credentials against a loopback token endpoint: the token request, one request for
//! many concurrent calls, renewal before expiry and after a 401, a failing endpoint, and a secret
//! that never shows.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sailpoint_governance_groups::{Client, Error};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const SECRET: &str = "very-secret-client-secret";

/// A token endpoint that hands out `token-1`, `token-2`, ... valid for `lifetime` seconds.
struct Tokens {
    issued: Arc<AtomicUsize>,
    lifetime: u64,
}

impl Respond for Tokens {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let number = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200).set_body_json(json!({
            "access_token": format!("token-{number}"),
            "token_type": "bearer",
            "expires_in": self.lifetime,
        }))
    }
}

async fn server_with_tokens(lifetime: u64) -> (MockServer, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(Tokens {
            issued: issued.clone(),
            lifetime,
        })
        .mount(&server)
        .await;
    (server, issued)
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .client_credentials("client-id", SECRET)
        .build()
        .unwrap()
}

async fn list_ok(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/v2024/workgroups"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(server)
        .await;
}

fn bearer_tokens(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .filter(|request| request.url.path() == "/v2024/workgroups")
        .map(|request| {
            request
                .headers
                .get("authorization")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn the_token_is_fetched_with_a_client_credentials_form_and_used() {
    let (server, issued) = server_with_tokens(749).await;
    list_ok(&server).await;
    let client = client(&server);
    client.list_workgroups().send().await.unwrap();
    client.list_workgroups().send().await.unwrap();

    assert_eq!(
        issued.load(Ordering::SeqCst),
        1,
        "the cached token is reused"
    );
    let requests = server.received_requests().await.unwrap();
    let token_request = &requests[0];
    assert_eq!(token_request.url.path(), "/oauth/token");
    assert_eq!(
        token_request.headers.get("content-type").unwrap(),
        "application/x-www-form-urlencoded"
    );
    let form: Vec<(String, String)> = url_pairs(&token_request.body);
    assert_eq!(
        form,
        [
            ("grant_type", "client_credentials"),
            ("client_id", "client-id"),
            ("client_secret", SECRET)
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    assert_eq!(
        bearer_tokens(&requests),
        ["Bearer token-1", "Bearer token-1"]
    );
}

fn url_pairs(body: &[u8]) -> Vec<(String, String)> {
    let text = std::str::from_utf8(body).unwrap();
    reqwest::Url::parse(&format!("http://x/?{text}"))
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[tokio::test]
async fn fifty_concurrent_calls_make_one_token_request() {
    let (server, issued) = server_with_tokens(749).await;
    list_ok(&server).await;
    let client = client(&server);
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.list_workgroups().send().await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    assert_eq!(
        bearer_tokens(&server.received_requests().await.unwrap()).len(),
        50
    );
}

#[tokio::test]
async fn the_token_is_renewed_before_it_expires() {
    // A token valid for 2 s is renewed once less than half of its lifetime is left.
    let (server, issued) = server_with_tokens(2).await;
    list_ok(&server).await;
    let client = client(&server);
    client.list_workgroups().send().await.unwrap();
    client.list_workgroups().send().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.list_workgroups().send().await.unwrap();

    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(
        bearer_tokens(&server.received_requests().await.unwrap()),
        ["Bearer token-1", "Bearer token-1", "Bearer token-2"]
    );
}

#[tokio::test]
async fn a_401_renews_the_token_once_and_retries_the_call_once() {
    let (server, issued) = server_with_tokens(749).await;
    Mock::given(method("GET"))
        .and(path("/v2024/workgroups"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"error": "JWT validation failed: JWT is expired"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    list_ok(&server).await;
    let client = client(&server);
    client.list_workgroups().send().await.unwrap();

    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(
        bearer_tokens(&server.received_requests().await.unwrap()),
        ["Bearer token-1", "Bearer token-2"]
    );
}

#[tokio::test]
async fn a_second_401_is_returned_as_the_typed_error() {
    let (server, issued) = server_with_tokens(749).await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"error": "JWT validation failed: JWT is expired"})),
        )
        .mount(&server)
        .await;
    let error = client(&server).list_workgroups().send().await.unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(401));
    assert!(matches!(
        error.api_error(),
        Some(sailpoint_governance_groups::operations::ListWorkgroupsError::Unauthorized(_))
    ));
    assert_eq!(issued.load(Ordering::SeqCst), 2, "one renewal, not a loop");
}

#[tokio::test]
async fn a_failing_token_endpoint_is_a_typed_error_with_status_and_body() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"error": "invalid_client", "error_description": "Bad credentials"}),
        ))
        .mount(&server)
        .await;
    let error = client(&server).list_workgroups().send().await.unwrap_err();
    let Error::Auth(auth) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(auth.status().map(|status| status.as_u16()), Some(400));
    let message = error.to_string();
    assert!(
        message.contains("400 Bad Request") && message.contains("invalid_client"),
        "{message}"
    );
    // Nothing reached the API.
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests
            .iter()
            .all(|request| request.url.path() == "/oauth/token")
    );
}

#[tokio::test]
async fn the_secret_and_token_never_show() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"access_token": "leaked-token-value", "expires_in": "#),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let error = client.list_workgroups().send().await.unwrap_err();
    let shown = [
        format!("{client:?}"),
        format!("{error:?}"),
        error.to_string(),
    ];
    for text in shown {
        assert!(
            !text.contains(SECRET) && !text.contains("leaked-token-value"),
            "{text}"
        );
    }
    let builder = Client::builder()
        .client_credentials("id", SECRET)
        .access_token("static-token-value");
    assert!(
        !format!("{builder:?}").contains(SECRET)
            && !format!("{builder:?}").contains("static-token-value")
    );
}

#[tokio::test]
async fn a_token_lifetime_past_any_clock_is_no_panic() {
    // `expires_in` of u64::MAX seconds overflowed `Instant + Duration` and panicked the caller.
    let (server, issued) = server_with_tokens(u64::MAX).await;
    list_ok(&server).await;
    let client = client(&server);
    client.list_workgroups().send().await.unwrap();
    client.list_workgroups().send().await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 1, "the token is reused");
}
