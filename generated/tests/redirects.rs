//! Redirects are not followed: a 3xx is returned as an unexpected status with its `Location`, so
//! a POST is never re-sent as a GET, and no body or credential goes to another host.

#![allow(clippy::unwrap_used)]

mod common;

use common::server_and_client;
use sailpoint_governance_groups::{Error, models::WorkgroupDto};
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn a_redirect_is_returned_not_followed() {
    for status in [301, 302, 303, 307, 308] {
        let (server, client) = server_and_client().await;
        let elsewhere = format!("{}/elsewhere", server.uri());
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(status).insert_header("location", elsewhere.as_str()),
            )
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
            .mount(&server)
            .await;
        let error = client
            .create_workgroup(WorkgroupDto::default())
            .send()
            .await
            .unwrap_err();
        match error {
            Error::UnexpectedStatus(unexpected) => {
                assert_eq!(unexpected.status.as_u16(), status);
                assert_eq!(
                    unexpected
                        .headers
                        .get("location")
                        .unwrap()
                        .to_str()
                        .unwrap(),
                    elsewhere
                );
            }
            other => panic!("{status}: {other:?}"),
        }
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 1, "{status}: only the POST was sent");
    }
}
