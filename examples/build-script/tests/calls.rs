//! The SDK that `build.rs` generated, called against a local server: it is a working client.

#![allow(clippy::unwrap_used)]

use sdkgen_build_example::{Client, models::Pet};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_generated_client_lists_and_adds_pets() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(query_param("limit", "2"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!([{"name": "Rex"}])),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"name": "Tom"})))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_root(server.uri())
        .api_key("secret")
        .build()
        .unwrap();
    let pets = client.list_pets().limit(2).send().await.unwrap();
    assert_eq!(pets, [Pet::new("Rex")]);
    let added = client.add_pet(Pet::new("Tom")).send().await.unwrap();
    assert_eq!(added.name, "Tom");
    // The spec's API key goes in its header on every call.
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.headers["x-key"], "secret");
    }
}
