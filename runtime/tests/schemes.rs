//! Each kind of security scheme sends its credential where the spec says, and an operation's
//! requirements pick which: against a loopback server.

#![allow(clippy::unwrap_used)]

use sdkgen_runtime::codegen::{
    ApiDescription, KeyLocation, RequestSpec, SchemeKind, Security, SecurityScheme,
};
use sdkgen_runtime::{AuthError, Client, ClientBuilder, Error};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

static API: ApiDescription = ApiDescription {
    title: "schemes",
    server_url: "/",
    server_variables: &[],
    security_schemes: &[
        SecurityScheme {
            name: "bearer",
            kind: SchemeKind::HttpBearer,
        },
        SecurityScheme {
            name: "basic",
            kind: SchemeKind::HttpBasic,
        },
        SecurityScheme {
            name: "header",
            kind: SchemeKind::ApiKey {
                location: KeyLocation::Header,
                name: "X-Api-Key",
            },
        },
        SecurityScheme {
            name: "query",
            kind: SchemeKind::ApiKey {
                location: KeyLocation::Query,
                name: "api_key",
            },
        },
        SecurityScheme {
            name: "cookie",
            kind: SchemeKind::ApiKey {
                location: KeyLocation::Cookie,
                name: "session",
            },
        },
    ],
    settings: None,
    default_headers: &[("X-Api-Version", "2")],
};

async fn call(builder: ClientBuilder, security: Security) -> (MockServer, Result<(), Error<()>>) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client: Client = builder
        .api_root(server.uri())
        .max_attempts(1)
        .build()
        .unwrap();
    let mut spec = RequestSpec::new(
        "getThings",
        sdkgen_runtime::http::Method::GET,
        "/things",
        security,
    );
    spec.path_literal("/things");
    let result = client.execute::<()>(spec).await.map(|_| ());
    (server, result)
}

async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

fn header<'a>(request: &'a wiremock::Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().unwrap())
}

#[tokio::test]
async fn each_scheme_sends_its_credential_where_the_spec_says() {
    let builder = || ClientBuilder::<Client>::new(&API, "test/1");

    let (server, result) = call(builder().access_token("tok"), &[&["bearer"]]).await;
    result.unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), Some("Bearer tok"));
    assert_eq!(header(&request, "x-api-version"), Some("2"));

    let (server, result) = call(
        builder().basic_auth("Aladdin", "open sesame"),
        &[&["basic"]],
    )
    .await;
    result.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    );

    let (server, result) = call(builder().api_key("k1"), &[&["header", "cookie"]]).await;
    result.unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key"), Some("k1"));
    assert_eq!(header(&request, "cookie"), Some("session=k1"));
    assert_eq!(header(&request, "authorization"), None);

    let (server, result) = call(builder().api_key("k 2"), &[&["query"]]).await;
    result.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("api_key=k+2"));
}

#[tokio::test]
async fn the_first_alternative_the_client_can_meet_is_used() {
    let builder = ClientBuilder::<Client>::new(&API, "test/1").basic_auth("u", "p");
    let (server, result) = call(builder, &[&["bearer"], &["basic"]]).await;
    result.unwrap();
    let request = only_request(&server).await;
    assert!(
        header(&request, "authorization")
            .unwrap()
            .starts_with("Basic ")
    );
}

#[tokio::test]
async fn an_operation_without_requirements_sends_no_credential() {
    let builder = ClientBuilder::<Client>::new(&API, "test/1").access_token("tok");
    let (server, result) = call(builder, &[]).await;
    result.unwrap();
    assert_eq!(header(&only_request(&server).await, "authorization"), None);
}

#[tokio::test]
async fn a_missing_credential_is_refused_before_sending() {
    let builder = ClientBuilder::<Client>::new(&API, "test/1").access_token("tok");
    let (server, result) = call(builder, &[&["basic"], &["header"]]).await;
    match result {
        Err(Error::Auth(error)) => {
            assert!(
                matches!(*error, AuthError::Missing { ref schemes } if schemes == &["basic", "header"])
            );
            assert!(error.to_string().contains("basic or header"), "{error}");
        }
        other => panic!("{other:?}"),
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn secrets_never_show() {
    let builder = ClientBuilder::<Client>::new(&API, "test/1")
        .basic_auth("user", "hunter2-password")
        .api_key("key-s3cret");
    assert!(!format!("{builder:?}").contains("hunter2"));
    let client: Client = builder.api_root("http://127.0.0.1:9").build().unwrap();
    let shown = format!("{client:?}");
    assert!(
        !shown.contains("hunter2") && !shown.contains("s3cret"),
        "{shown}"
    );
}
