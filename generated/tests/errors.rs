//! Every documented error status of every operation decodes into its own typed error and keeps the
//! response's status and headers; anything else is its own, readable kind of error.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{example, server_and_client};
use sailpoint_governance_groups::models::*;
use sailpoint_governance_groups::operations::*;
use sailpoint_governance_groups::{Client, Error, ErrorBody};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Serves `status` with its documented example body and two headers to check they are kept.
async fn serve(server: &MockServer, status: u16) {
    server.reset().await;
    let body = match status {
        401 => example("error_401"),
        429 => example("error_429"),
        403 => example("error_403"),
        500 => example("error_500"),
        _ => example("error_400"),
    };
    let mut response = ResponseTemplate::new(status)
        .set_body_json(body)
        .insert_header("X-Request-Id", "req-123");
    if status == 429 {
        response = response.insert_header("Retry-After", "10");
    }
    Mock::given(any())
        .respond_with(response)
        .mount(server)
        .await;
}

/// Checks one documented error: its status, the kept headers, and the typed body.
fn check<E: std::fmt::Debug + std::fmt::Display>(
    status: u16,
    error: Error<E>,
    variant_matches: impl Fn(&E) -> bool,
) {
    let Error::Api(api) = &error else {
        panic!("{status}: expected a documented error, got {error:?}")
    };
    assert_eq!(api.status.as_u16(), status);
    assert_eq!(api.headers.get("x-request-id").unwrap(), "req-123");
    assert!(
        variant_matches(&api.error),
        "{status}: wrong variant {:?}",
        api.error
    );
    if status == 429 {
        assert_eq!(error.retry_after(), Some(Duration::from_secs(10)));
        assert!(error.to_string().contains("retry after 10s"), "{error}");
    }
    let message = error.to_string();
    assert!(message.contains(&status.to_string()), "{message}");
}

/// Runs `$call` against each documented error status and checks the variant it decodes into.
macro_rules! documented_errors {
    ($test:ident, $error:ident, |$client:ident| $call:expr) => {
        #[tokio::test]
        async fn $test() {
            let (server, $client) = server_and_client().await;
            for status in [400, 401, 403, 429, 500] {
                serve(&server, status).await;
                let error = $call.await.unwrap_err();
                check(status, error, |e| match (status, e) {
                    (400, $error::BadRequest(ErrorBody::Documented(body))) => {
                        body.detail_code.as_deref() == Some("400.1 Bad Request Content")
                    }
                    (401, $error::Unauthorized(ErrorBody::Documented(body))) => {
                        body.error == Some(json!("JWT validation failed: JWT is expired"))
                    }
                    (403, $error::Forbidden(ErrorBody::Documented(body))) => {
                        body.detail_code.as_deref() == Some("403 Forbidden")
                    }
                    (429, $error::TooManyRequests(ErrorBody::Documented(body))) => {
                        body.message == Some(json!(" Rate Limit Exceeded "))
                    }
                    (500, $error::InternalServerError(ErrorBody::Documented(body))) => {
                        body.detail_code.as_deref() == Some("500.0 Internal Fault")
                    }
                    _ => false,
                });
            }
        }
    };
}

documented_errors!(list_workgroups_errors, ListWorkgroupsError, |client| client
    .list_workgroups()
    .send());
documented_errors!(create_workgroup_errors, CreateWorkgroupError, |client| {
    client.create_workgroup(WorkgroupDto::default()).send()
});
documented_errors!(get_workgroup_errors, GetWorkgroupError, |client| client
    .get_workgroup("id")
    .send());
documented_errors!(patch_workgroup_errors, PatchWorkgroupError, |client| client
    .patch_workgroup("id")
    .send());
documented_errors!(delete_workgroup_errors, DeleteWorkgroupError, |client| {
    client.delete_workgroup("id").send()
});
documented_errors!(
    delete_workgroups_in_bulk_errors,
    DeleteWorkgroupsInBulkError,
    |client| client
        .delete_workgroups_in_bulk(WorkgroupBulkDeleteRequest::new(vec!["a".to_owned()]))
        .send()
);
documented_errors!(list_connections_errors, ListConnectionsError, |client| {
    client.list_connections("id").send()
});
documented_errors!(
    list_workgroup_members_errors,
    ListWorkgroupMembersError,
    |client| client.list_workgroup_members("id").send()
);
documented_errors!(
    update_workgroup_members_errors,
    UpdateWorkgroupMembersError,
    |client| client.update_workgroup_members("id", Vec::new()).send()
);
documented_errors!(
    delete_workgroup_members_errors,
    DeleteWorkgroupMembersError,
    |client| client.delete_workgroup_members("id", Vec::new()).send()
);

#[tokio::test]
async fn a_documented_error_reads_as_a_sentence_with_the_body() {
    let (server, client) = server_and_client().await;
    serve(&server, 403).await;
    let error = client.get_workgroup("id").send().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "getWorkgroup failed with 403 Forbidden: {\"detailCode\":\"403 Forbidden\",\"trackingId\":\"b21b1f7ce4da4d639f2c62a57171b427\",\
         \"messages\":[{\"locale\":\"en-US\",\"localeOrigin\":\"DEFAULT\",\"text\":\"The server understood the request but refuses to authorize it.\"}]}"
    );
}

#[tokio::test]
async fn an_undocumented_status_keeps_status_headers_and_body() {
    let (server, client) = server_and_client().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(418)
                .set_body_string("I'm a teapot")
                .insert_header("X-Request-Id", "req-9"),
        )
        .mount(&server)
        .await;
    let error = client.get_workgroup("id").send().await.unwrap_err();
    let Error::UnexpectedStatus(unexpected) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(unexpected.status.as_u16(), 418);
    assert_eq!(unexpected.headers.get("x-request-id").unwrap(), "req-9");
    assert_eq!(unexpected.body, "I'm a teapot");
    assert_eq!(
        error.to_string(),
        "getWorkgroup got 418 I'm a teapot, which the API does not document for it; body: I'm a teapot"
    );
}

#[tokio::test]
async fn a_malformed_body_is_a_decode_error_with_the_start_of_the_body() {
    let (server, client) = server_and_client().await;
    let long_garbage = format!("{{\"name\": 12, \"junk\": \"{}\"", "x".repeat(2000));
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(long_garbage))
        .mount(&server)
        .await;
    let error = client.get_workgroup("id").send().await.unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(decode.status.as_u16(), 200);
    assert!(decode.body_preview.starts_with("{\"name\": 12"));
    assert!(
        decode.body_preview.len() <= 515,
        "{}",
        decode.body_preview.len()
    );
    let message = error.to_string();
    assert!(
        message
            .starts_with("getWorkgroup got 200 OK with a body that does not decode as documented"),
        "{message}"
    );
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn an_error_body_of_another_shape_keeps_its_status_and_text() {
    let (server, client) = server_and_client().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(400).set_body_string("<html>oops</html>"))
        .mount(&server)
        .await;
    let error = client.list_workgroups().send().await.unwrap_err();
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status.as_u16(), 400);
    assert_eq!(error.status(), Some(api.status));
    assert!(!error.is_retryable(), "the same input meets the same 400");
    let ListWorkgroupsError::BadRequest(ErrorBody::Other { text, problem }) = &api.error else {
        panic!("{error:?}")
    };
    assert_eq!(text, "<html>oops</html>");
    assert!(problem.contains("expected value"), "{problem}");
    let message = error.to_string();
    assert!(
        message.contains("400 Bad Request") && message.contains("<html>oops</html>"),
        "{message}"
    );
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([]))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .access_token("t")
        .timeout(Duration::from_millis(200))
        .max_attempts(1)
        .build()
        .unwrap();
    let error = client.list_workgroups().send().await.unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert!(transport.is_timeout(), "{transport:?}");
    assert!(
        error.to_string().starts_with("listWorkgroups timed out"),
        "{error}"
    );
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error() {
    let url = common::refusing_url();
    let client = Client::builder()
        .base_url(&url)
        .access_token("t")
        .max_attempts(1)
        .build()
        .unwrap();
    let error = client.list_workgroups().send().await.unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert!(transport.is_connect(), "{transport:?}");
    assert!(
        error
            .to_string()
            .starts_with("listWorkgroups could not connect"),
        "{error}"
    );
}

#[tokio::test]
async fn values_that_would_change_the_path_or_a_header_are_refused_unsent() {
    let (server, client) = server_and_client().await;
    let error = client.get_workgroup("..").send().await.unwrap_err();
    let Error::InvalidInput(invalid) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(invalid.input, "id");
    let error = client
        .list_workgroups()
        .x_sail_point_experimental("true\r\nX-Evil: 1")
        .send()
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("`X-SailPoint-Experimental` holds characters a header cannot carry"),
        "{error}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_client_is_shared_across_tasks() {
    let (server, client) = server_and_client().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.list_workgroups().send().await })
        })
        .collect();
    for task in tasks {
        assert!(task.await.unwrap().unwrap().is_empty());
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 8);
}
