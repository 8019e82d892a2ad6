//! Per-call settings (extra headers, a timeout, a retry policy), the API root, and error messages
//! that an error chain prints once each.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{header, only_request, server_and_client};
use sailpoint_governance_groups::{Client, Error, RequestOptions, TransportErrorKind};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serve(server: &MockServer, response: ResponseTemplate) {
    Mock::given(any())
        .respond_with(response)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_call_sends_its_own_headers_over_the_operations() {
    let (server, client) = server_and_client().await;
    serve(&server, ResponseTemplate::new(200).set_body_json(json!([]))).await;
    let options = RequestOptions::new()
        .header("X-Request-Id", "b7f3")
        .header("X-SailPoint-Experimental", "false");
    client
        .list_workgroups()
        .with_options(options)
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-request-id"), Some("b7f3"));
    assert_eq!(header(&request, "x-sailpoint-experimental"), Some("false"));
    assert_eq!(
        header(&request, "authorization"),
        Some("Bearer test-access-token")
    );
}

#[tokio::test]
async fn a_header_that_cannot_be_sent_fails_before_sending() {
    let (server, client) = server_and_client().await;
    let options = RequestOptions::new().header("X-Note", "two\r\nlines");
    let error = client
        .list_workgroups()
        .with_options(options)
        .send()
        .await
        .unwrap_err();
    let Error::InvalidInput(invalid) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(invalid.input, "X-Note");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn framing_and_routing_headers_cannot_be_set_per_call() {
    let (server, client) = server_and_client().await;
    serve(&server, ResponseTemplate::new(201).set_body_json(json!({}))).await;
    for (name, value) in [
        ("Content-Length", "5"),
        ("content-length", "1000"),
        ("Transfer-Encoding", "chunked"),
        ("Host", "elsewhere.example"),
        ("Connection", "close"),
        (" Upgrade", "h2c"),
    ] {
        let options = RequestOptions::new().header(name, value);
        let group =
            sailpoint_governance_groups::models::WorkgroupDto::default().with_name("Auditors");
        let error = client
            .create_workgroup(group)
            .with_options(options)
            .send()
            .await
            .unwrap_err();
        let Error::InvalidInput(invalid) = &error else {
            panic!("{name}: {error:?}")
        };
        assert_eq!(invalid.input, name);
        assert!(error.to_string().contains("framing"), "{error}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_call_can_have_its_own_timeout() {
    let (server, client) = server_and_client().await;
    let slow = ResponseTemplate::new(200)
        .set_body_json(json!([]))
        .set_delay(Duration::from_secs(10));
    serve(&server, slow).await;
    let options = RequestOptions::new().timeout(Duration::from_millis(100));
    let call = client.list_workgroups().with_options(options).send();
    let error = tokio::time::timeout(Duration::from_secs(5), call)
        .await
        .unwrap()
        .unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(transport.kind, TransportErrorKind::Timeout);
}

#[tokio::test]
async fn a_call_can_have_its_own_retry_policy() {
    let server = MockServer::start().await;
    serve(&server, ResponseTemplate::new(503)).await;
    let client = Client::builder()
        .base_url(server.uri())
        .access_token("t")
        .max_attempts(3)
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let once = RequestOptions::new().max_attempts(1);
    client
        .get_workgroup("wg-1")
        .with_options(once)
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    client.get_workgroup("wg-1").send().await.unwrap_err();
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        4,
        "the client's 3"
    );
}

#[test]
fn options_do_not_show_header_values() {
    let options = RequestOptions::new().header("X-Api-Key", "secret-key-value");
    let shown = format!("{options:?}");
    assert!(
        shown.contains("X-Api-Key") && !shown.contains("secret-key-value"),
        "{shown}"
    );
}

#[tokio::test]
async fn the_api_root_is_used_as_given_and_a_base_url_gets_the_version() {
    for (configure, expected) in [
        (true, "/workgroups/wg-1"),
        (false, "/v2024/workgroups/wg-1"),
    ] {
        let server = MockServer::start().await;
        serve(
            &server,
            ResponseTemplate::new(200).set_body_json(json!({"id": "wg-1"})),
        )
        .await;
        let builder = Client::builder().access_token("t");
        let builder = if configure {
            builder.api_root(server.uri())
        } else {
            builder.base_url(server.uri())
        };
        builder
            .build()
            .unwrap()
            .get_workgroup("wg-1")
            .send()
            .await
            .unwrap();
        assert_eq!(only_request(&server).await.url.path(), expected);
    }
}

/// Each message of an error chain, outermost first.
fn chain(error: &dyn std::error::Error) -> Vec<String> {
    let mut messages = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        messages.push(cause.to_string());
        source = cause.source();
    }
    messages
}

fn assert_each_message_once(error: &dyn std::error::Error) {
    let messages = chain(error);
    assert!(messages.len() > 1, "{messages:?}");
    for (index, message) in messages.iter().enumerate() {
        for later in &messages[index + 1..] {
            assert!(
                !message.contains(later.as_str()),
                "{message:?} repeats {later:?}"
            );
        }
    }
}

#[tokio::test]
async fn an_error_chain_prints_each_message_once() {
    // A refused connection: transport error, then reqwest's, then the OS's.
    let url = common::refusing_url();
    let client = Client::builder()
        .api_root(&url)
        .access_token("t")
        .max_attempts(1)
        .build()
        .unwrap();
    let error = client.list_workgroups().send().await.unwrap_err();
    assert_each_message_once(&error);

    // A body that does not decode: the decode error, then serde's.
    let (server, client) = server_and_client().await;
    serve(&server, ResponseTemplate::new(200).set_body_string("{oops")).await;
    let error = client.list_workgroups().send().await.unwrap_err();
    assert_each_message_once(&error);

    // A token endpoint that cannot be reached.
    let client = Client::builder()
        .api_root(&url)
        .client_credentials("id", "secret")
        .max_attempts(1)
        .build()
        .unwrap();
    let error = client.list_workgroups().send().await.unwrap_err();
    assert!(matches!(error, Error::Auth(_)), "{error:?}");
    assert_each_message_once(&error);
}

#[tokio::test]
async fn a_base_url_with_a_password_is_refused_and_never_shown() {
    let builder = Client::builder()
        .base_url("http://user:PASS@127.0.0.1:9/v2024")
        .access_token("token");
    let shown = format!("{builder:?}");
    assert!(!shown.contains("PASS"), "{shown}");
    let error = builder.build().unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("PASS"), "{shown}");
    assert!(shown.contains("user name or password"), "{shown}");
}

#[tokio::test]
async fn a_request_the_http_client_refuses_is_not_retried_nor_called_a_lost_connection() {
    let (server, client) = server_and_client().await;
    serve(&server, ResponseTemplate::new(200).set_body_json(json!({}))).await;
    // A 70 KiB id makes a URL the HTTP client will not send.
    let id = "x".repeat(70 * 1024);
    let error = client.get_workgroup(id).send().await.unwrap_err();
    match &error {
        Error::Transport(transport) => {
            assert_eq!(transport.kind, TransportErrorKind::Refused, "{error:?}");
            assert_eq!(transport.attempts, 1);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        !error.to_string().contains("lost its connection"),
        "{error}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
