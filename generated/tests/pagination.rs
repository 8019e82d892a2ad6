//! Streams over paged lists against a loopback server holding a given number of items: exact
//! offsets, one page held at a time, a failing page ending the stream, and the total.

#![allow(clippy::unwrap_used)]

use futures_util::StreamExt;
use sailpoint_governance_groups::{Client, Error};
use serde_json::{Value, json};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// A list of `total` items served by `offset` and `limit`, with `X-Total-Count` when asked and
/// `count_header` is on; the page at `fail_at` fails with a 500.
struct Items {
    total: usize,
    count_header: bool,
    fail_at: Option<usize>,
}

fn query(request: &Request, name: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

impl Respond for Items {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let offset: usize = query(request, "offset").map_or(0, |value| value.parse().unwrap());
        let limit: usize = query(request, "limit").map_or(50, |value| value.parse().unwrap());
        if Some(offset) == self.fail_at {
            return ResponseTemplate::new(500)
                .set_body_json(json!({"detailCode": "500.0 Internal Fault"}));
        }
        let page: Vec<Value> = (offset..self.total.min(offset + limit))
            .map(|index| json!({"id": format!("member-{index}"), "type": "IDENTITY"}))
            .collect();
        let mut response = ResponseTemplate::new(200).set_body_json(page);
        if self.count_header && query(request, "count").as_deref() == Some("true") {
            response = response.insert_header("X-Total-Count", self.total.to_string());
        }
        response
    }
}

async fn serve(items: Items) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(items)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .access_token("token")
        .max_attempts(1)
        .build()
        .unwrap();
    (server, client)
}

/// The `offset`, `limit` and `count` of every request, in order.
async fn pages_asked(server: &MockServer) -> Vec<(String, String, Option<String>)> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|request| {
            (
                query(request, "offset").unwrap(),
                query(request, "limit").unwrap(),
                query(request, "count"),
            )
        })
        .collect()
}

fn page(offset: &str, count: Option<&str>) -> (String, String, Option<String>) {
    (offset.to_owned(), "50".to_owned(), count.map(str::to_owned))
}

#[tokio::test]
async fn streams_137_items_in_pages_of_50_with_exact_offsets() {
    let (server, client) = serve(Items {
        total: 137,
        count_header: true,
        fail_at: None,
    })
    .await;
    let mut stream = client.list_workgroup_members("wg").into_stream();
    let mut ids = Vec::new();
    while let Some(member) = stream.next().await {
        ids.push(member.unwrap().id.unwrap());
    }
    assert_eq!(ids.len(), 137);
    assert_eq!(ids.first().unwrap(), "member-0");
    assert_eq!(ids.last().unwrap(), "member-136");
    assert_eq!(stream.total_count(), Some(137));
    assert_eq!(
        pages_asked(&server).await,
        [page("0", Some("true")), page("50", None), page("100", None)]
    );
    assert!(
        server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .all(|r| r.url.path() == "/v2024/workgroups/wg/members")
    );
}

#[tokio::test]
async fn never_asks_past_the_end_when_the_total_is_known() {
    let (server, client) = serve(Items {
        total: 100,
        count_header: true,
        fail_at: None,
    })
    .await;
    let items: Vec<_> = client.list_workgroups().into_stream().collect().await;
    assert_eq!(items.len(), 100);
    assert_eq!(
        pages_asked(&server).await,
        [page("0", Some("true")), page("50", None)]
    );
}

#[tokio::test]
async fn stops_after_a_short_page_without_a_total() {
    let (server, client) = serve(Items {
        total: 60,
        count_header: false,
        fail_at: None,
    })
    .await;
    let items: Vec<_> = client.list_connections("wg").into_stream().collect().await;
    assert_eq!(items.len(), 60);
    assert_eq!(
        pages_asked(&server).await,
        [page("0", Some("true")), page("50", None)]
    );
}

#[tokio::test]
async fn starts_at_the_callers_offset_and_uses_their_page_size() {
    let (server, client) = serve(Items {
        total: 137,
        count_header: true,
        fail_at: None,
    })
    .await;
    let items: Vec<_> = client
        .list_workgroups()
        .offset(120)
        .limit(10)
        .into_stream()
        .collect()
        .await;
    assert_eq!(items.len(), 17);
    let asked: Vec<(String, String)> = pages_asked(&server)
        .await
        .into_iter()
        .map(|(offset, limit, _)| (offset, limit))
        .collect();
    assert_eq!(
        asked,
        [
            ("120".to_owned(), "10".to_owned()),
            ("130".to_owned(), "10".to_owned())
        ]
    );
}

#[tokio::test]
async fn a_failing_page_ends_the_stream_with_its_error() {
    let (server, client) = serve(Items {
        total: 137,
        count_header: true,
        fail_at: Some(50),
    })
    .await;
    let results: Vec<_> = client
        .list_workgroup_members("wg")
        .into_stream()
        .collect()
        .await;
    assert_eq!(results.len(), 51, "50 items, then the error, then the end");
    assert!(results[..50].iter().all(Result::is_ok));
    let Err(error) = &results[50] else {
        panic!("the 51st result is the error")
    };
    assert_eq!(error.status().map(|status| status.as_u16()), Some(500));
    assert_eq!(
        pages_asked(&server).await.len(),
        2,
        "nothing is asked after the failure"
    );
}

#[tokio::test]
async fn a_page_size_of_zero_is_refused_before_anything_is_sent() {
    let (server, client) = serve(Items {
        total: 10,
        count_header: true,
        fail_at: None,
    })
    .await;
    let results: Vec<_> = client
        .list_workgroups()
        .limit(0)
        .into_stream()
        .collect()
        .await;
    assert_eq!(results.len(), 1);
    let Err(Error::InvalidInput(invalid)) = &results[0] else {
        panic!("{:?}", results[0])
    };
    assert_eq!(invalid.input, "limit");
    assert!(server.received_requests().await.unwrap().is_empty());
}
