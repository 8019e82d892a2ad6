//! Inputs outside the spec's bounds are refused with an error naming the input and the bound, and
//! nothing reaches the server; typed filters and sorts send exactly what they say, whatever the
//! values hold.

#![allow(clippy::unwrap_used)]

mod common;

use common::{only_request, server_and_client};
use sailpoint_governance_groups::Error;
use sailpoint_governance_groups::models::WorkgroupBulkDeleteRequest;
use sailpoint_governance_groups::operations::{
    ListConnectionsSortField, ListWorkgroupsFilter, ListWorkgroupsSortField,
};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn refused<T: std::fmt::Debug, E: std::fmt::Debug + std::fmt::Display>(
    result: Result<T, Error<E>>,
) -> (String, String) {
    match result {
        Err(Error::InvalidInput(invalid)) => {
            let message = invalid.to_string();
            (invalid.input, message)
        }
        other => panic!("expected the input to be refused, got {other:?}"),
    }
}

async fn nothing_sent(server: &MockServer) {
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a refused request reached the server"
    );
}

#[tokio::test]
async fn bounds_are_checked_before_sending() {
    let (server, client) = server_and_client().await;

    let (input, message) = refused(client.list_workgroups().limit(51).send().await);
    assert_eq!(input, "limit");
    assert_eq!(
        message,
        "listWorkgroups: `limit` must be at most 50, got 51; nothing was sent"
    );

    let (input, message) = refused(client.list_workgroup_members("wg").offset(-1).send().await);
    assert_eq!(input, "offset");
    assert!(message.contains("must be at least 0, got -1"), "{message}");

    let (input, _) = refused(client.list_connections("wg").limit(-5).send().await);
    assert_eq!(input, "limit");

    let ids: Vec<String> = (0..101).map(|index| format!("id-{index}")).collect();
    let (input, message) = refused(
        client
            .delete_workgroups_in_bulk(WorkgroupBulkDeleteRequest::new(ids))
            .send()
            .await,
    );
    assert_eq!(input, "body.ids");
    assert!(
        message.contains("must have at most 100 items, got 101"),
        "{message}"
    );

    // A required input cannot be left out (it is an argument), nor be empty where it names a path.
    let (input, _) = refused(client.get_workgroup("").send().await);
    assert_eq!(input, "id");

    nothing_sent(&server).await;
}

#[tokio::test]
async fn values_at_the_bounds_are_sent() {
    let (server, client) = server_and_client().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(207).set_body_json(json!([])))
        .mount(&server)
        .await;
    let ids: Vec<String> = (0..100).map(|index| format!("id-{index}")).collect();
    client
        .delete_workgroups_in_bulk(WorkgroupBulkDeleteRequest::new(ids))
        .send()
        .await
        .unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_typed_filter_and_sort_are_sent_as_written() {
    let (server, client) = server_and_client().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let filter = ListWorkgroupsFilter::name()
        .starts_with("Test")
        .or(ListWorkgroupsFilter::id().is_in(["a", "b"]))
        .and(ListWorkgroupsFilter::memberships_identity_id().equals("2c9180"));
    client
        .list_workgroups()
        .filter(filter)
        .sort_by([
            ListWorkgroupsSortField::Name.ascending(),
            ListWorkgroupsSortField::Modified.descending(),
        ])
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    let pairs: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        pairs,
        [
            (
                "filters".to_owned(),
                r#"(name sw "Test" or id in ("a","b")) and memberships.identityId eq "2c9180""#
                    .to_owned()
            ),
            ("sorters".to_owned(), "name,-modified".to_owned()),
        ]
    );
}

#[test]
fn hostile_values_stay_values() {
    let cases = [
        (r#"x" or name sw ""#, r#"name eq "x\" or name sw \"""#),
        (r"back\slash", r#"name eq "back\\slash""#),
        ("spaces and or", r#"name eq "spaces and or""#),
        (r#"\" and id eq "1"#, r#"name eq "\\\" and id eq \"1""#),
    ];
    for (value, expected) in cases {
        assert_eq!(
            ListWorkgroupsFilter::name().equals(value).as_str(),
            expected
        );
    }
    let list = ListWorkgroupsFilter::id().is_in([r#"a","b"#, "c)"]);
    assert_eq!(list.as_str(), r#"id in ("a\",\"b","c)")"#);
}

#[test]
fn sort_fields_are_the_documented_ones() {
    use sailpoint_governance_groups::SortField;
    assert_eq!(ListConnectionsSortField::Created.wire_name(), "created");
}
