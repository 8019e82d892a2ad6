//! Where an API's paths start: the spec's server template, a base URL that gets the server's path,
//! or an exact root (a mock, a gateway, a proxy). An API versioned by path, with no header of its
//! own, needs nothing else from the runtime.

#![allow(clippy::unwrap_used)]

use sdkgen_runtime::codegen::{
    ApiDescription, RequestSpec, SchemeKind, SecurityScheme, ServerVariable,
};
use sdkgen_runtime::{Client, ClientBuilder};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Like SailPoint's API as now published: versioned paths, no experimental header.
static VERSIONED: ApiDescription = ApiDescription {
    title: "versioned",
    server_url: "https://{tenant}.api.example.com/v2025",
    server_variables: &[ServerVariable {
        name: "tenant",
        default: "sailpoint",
        allowed: &[],
    }],
    security_schemes: &[SecurityScheme {
        name: "bearer",
        kind: SchemeKind::HttpBearer,
    }],
    settings: None,
    default_headers: &[],
};

fn builder() -> ClientBuilder {
    ClientBuilder::new(&VERSIONED, "roots-test").access_token("t")
}

/// The path and headers of the one request a call made.
async fn request_through(builder: impl FnOnce(&str) -> ClientBuilder) -> wiremock::Request {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client: Client = builder(&server.uri()).build().unwrap();
    let mut spec = RequestSpec::new(
        "listThings",
        sdkgen_runtime::http::Method::GET,
        "/things",
        &[&["bearer"]],
    );
    spec.path_literal("/things");
    client.execute::<()>(spec).await.unwrap();
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

#[tokio::test]
async fn a_base_url_gets_the_servers_version_path() {
    let request = request_through(|uri| builder().base_url(uri)).await;
    assert_eq!(request.url.path(), "/v2025/things");
    let names: Vec<&str> = request.headers.keys().map(|name| name.as_str()).collect();
    assert!(
        !names.iter().any(|name| name.starts_with("x-")),
        "no header the spec does not declare: {names:?}"
    );
}

#[tokio::test]
async fn an_api_root_is_used_as_it_is() {
    let request = request_through(|uri| builder().api_root(uri)).await;
    assert_eq!(request.url.path(), "/things");
    let request = request_through(|uri| builder().api_root(format!("{uri}/gateway/"))).await;
    assert_eq!(request.url.path(), "/gateway/things");
}

#[test]
fn the_template_takes_the_tenant() {
    let client: Client = builder().server_variable("tenant", "acme").build().unwrap();
    assert_eq!(client.api_root(), "https://acme.api.example.com/v2025");
    let client: Client = builder().build().unwrap();
    assert_eq!(client.api_root(), "https://sailpoint.api.example.com/v2025");
}
