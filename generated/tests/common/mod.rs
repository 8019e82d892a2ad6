//! A loopback API server for the behaviour tests, and a client pointed at it.

#![allow(dead_code, clippy::unwrap_used)]

use sailpoint_governance_groups::Client;
use serde_json::Value;
use wiremock::{MockServer, Request};

pub const TOKEN: &str = "test-access-token";

/// A server, and a client of it that tries each call once: retries have tests of their own.
pub async fn server_and_client() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .access_token(TOKEN)
        .max_attempts(1)
        .build()
        .unwrap();
    (server, client)
}

/// The one request the server received.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request, got {requests:?}"
    );
    requests.remove(0)
}

pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().unwrap())
}

/// Asserts the headers every call sends.
pub fn assert_standard_headers(request: &Request) {
    assert_eq!(
        header(request, "authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(header(request, "x-sailpoint-experimental"), Some("true"));
    assert_eq!(header(request, "accept"), Some("application/json"));
    let agent = header(request, "user-agent").unwrap();
    assert!(agent.starts_with("sailpoint-governance-groups/"), "{agent}");
}

pub fn json_body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap()
}

pub fn example(name: &str) -> Value {
    let path = format!("{}/tests/examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A loopback URL nothing listens on: a port bound, then freed.
pub fn refusing_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}
