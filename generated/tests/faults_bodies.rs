//! Bodies that are not what the API documents: the wrong shape, an array for an object, HTML, an
//! empty or undecodable success, an error body of another shape. Bodies too large to read are the
//! runtime's, proven by its own tests (`runtime/tests/sizes.rs`).

#![allow(clippy::unwrap_used)]

mod common;

use common::server_and_client;
use sailpoint_governance_groups::operations::{GetWorkgroupError, ListWorkgroupsError};
use sailpoint_governance_groups::{ERROR_BODY_BYTES, Error, ErrorBody};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serve(server: &MockServer, response: ResponseTemplate) {
    Mock::given(any())
        .respond_with(response)
        .mount(server)
        .await;
}

async fn get_with(response: ResponseTemplate) -> Error<GetWorkgroupError> {
    let (server, client) = server_and_client().await;
    serve(&server, response).await;
    let error = client.get_workgroup("wg-1").send().await.unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    error
}

/// The decoding problem and body preview of a decode error.
fn decode_failure(error: &Error<GetWorkgroupError>) -> (String, String) {
    let Error::Decode(decode) = error else {
        panic!("{error:?}")
    };
    (decode.source.to_string(), decode.body_preview.clone())
}

#[tokio::test]
async fn a_json_array_is_not_an_object() {
    // serde's derive reads an array as the fields in order: this was `Ok(WorkgroupDto { id: "id" })`.
    let error =
        get_with(ResponseTemplate::new(200).set_body_json(json!([null, "id", "name"]))).await;
    let (problem, _) = decode_failure(&error);
    assert!(
        problem.contains("expected struct WorkgroupDto"),
        "{problem}"
    );

    let error = get_with(ResponseTemplate::new(200).set_body_json(json!([]))).await;
    let (problem, _) = decode_failure(&error);
    assert!(problem.contains("invalid type: sequence"), "{problem}");
}

#[tokio::test]
async fn a_nested_array_for_an_object_is_refused_too() {
    let group = json!({"id": "wg-1", "owner": ["IDENTITY", "id-1", "Owner"]});
    let error = get_with(ResponseTemplate::new(200).set_body_json(group)).await;
    let (problem, _) = decode_failure(&error);
    assert!(problem.contains("invalid type: sequence"), "{problem}");
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_is_a_decode_error() {
    let error = get_with(ResponseTemplate::new(200).set_body_json(json!({"id": 12}))).await;
    let (problem, preview) = decode_failure(&error);
    assert!(problem.contains("invalid type: integer `12`"), "{problem}");
    assert_eq!(preview, r#"{"id":12}"#);
}

#[tokio::test]
async fn an_html_page_with_200_is_a_decode_error_with_its_start() {
    let page = format!("<html><body>{}</body></html>", "Maintenance. ".repeat(100));
    let error = get_with(ResponseTemplate::new(200).set_body_string(page)).await;
    let (problem, preview) = decode_failure(&error);
    assert!(problem.contains("expected value"), "{problem}");
    assert!(preview.starts_with("<html><body>Maintenance.") && preview.ends_with("..."));
}

#[tokio::test]
async fn an_empty_200_is_a_decode_error() {
    let error = get_with(ResponseTemplate::new(200)).await;
    let (problem, preview) = decode_failure(&error);
    assert!(problem.contains("EOF"), "{problem}");
    assert_eq!(preview, "");
}

#[tokio::test]
async fn invalid_utf8_is_a_decode_error_shown_with_replacements() {
    let error =
        get_with(ResponseTemplate::new(200).set_body_bytes(b"{\"id\":\"\xff\xfe\"}".to_vec()))
            .await;
    let (problem, preview) = decode_failure(&error);
    assert!(problem.contains("invalid unicode"), "{problem}");
    assert_eq!(preview, "{\"id\":\"\u{fffd}\u{fffd}\"}");
}

#[tokio::test]
async fn an_untyped_error_field_of_any_shape_decodes() {
    // The published spec leaves the 401 `error` untyped; an object there was a decode error that
    // hid the 401.
    let body = json!({"error": {"code": "expired"}});
    let (server, client) = server_and_client().await;
    serve(
        &server,
        ResponseTemplate::new(401).set_body_json(body.clone()),
    )
    .await;
    let error = client.list_workgroups().send().await.unwrap_err();
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    let ListWorkgroupsError::Unauthorized(ErrorBody::Documented(unauthorized)) = &api.error else {
        panic!("{error:?}")
    };
    assert_eq!(unauthorized.error, Some(body["error"].clone()));
}

#[tokio::test]
async fn an_error_body_that_does_not_match_keeps_the_status_variant_and_the_text() {
    let (server, client) = server_and_client().await;
    let body = json!({"messages": "not a list"});
    serve(&server, ResponseTemplate::new(500).set_body_json(body)).await;
    let error = client.list_workgroups().send().await.unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(500));
    let Some(ListWorkgroupsError::InternalServerError(ErrorBody::Other { text, problem })) =
        error.api_error()
    else {
        panic!("{error:?}")
    };
    assert_eq!(text, r#"{"messages":"not a list"}"#);
    assert!(problem.contains("expected a sequence"), "{problem}");
}

#[tokio::test]
async fn an_undocumented_status_keeps_a_bounded_body() {
    let (server, client) = server_and_client().await;
    serve(
        &server,
        ResponseTemplate::new(418).set_body_string("x".repeat(1_000_000)),
    )
    .await;
    let error = client.get_workgroup("wg-1").send().await.unwrap_err();
    let Error::UnexpectedStatus(unexpected) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(unexpected.body.len(), ERROR_BODY_BYTES + "...".len());
    assert!(
        error.to_string().len() < 1024,
        "the message shows a preview"
    );
}
