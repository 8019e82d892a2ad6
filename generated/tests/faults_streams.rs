//! Paged streams against servers that cannot be trusted to end: one that ignores the offset, one
//! whose pages never run out, one whose total is lower than what it really holds. A stream ends,
//! with an error that says why, and never loses or repeats an item.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use futures_util::StreamExt;
use sailpoint_governance_groups::operations::ListWorkgroupsError;
use sailpoint_governance_groups::{Client, Error, PaginationProblem};
use serde_json::{Value, json};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const BOUND: Duration = Duration::from_secs(20);

/// How the server pages.
enum Paging {
    /// Always the first page, whatever the offset.
    IgnoresOffset,
    /// `len` items, with an `X-Total-Count` of `claimed`, when given, on every page.
    Items { len: usize, claimed: Option<usize> },
    /// Full pages at every offset: a list without end.
    Endless,
    /// `len` items and their true total, in pages of at most `cap` whatever the limit asked.
    Capped { len: usize, cap: usize },
}

fn offset(request: &Request) -> usize {
    request
        .url
        .query_pairs()
        .find(|(key, _)| key == "offset")
        .map_or(0, |(_, value)| value.parse().unwrap())
}

fn group(index: usize) -> Value {
    json!({"id": format!("wg-{index}")})
}

impl Respond for Paging {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let start = offset(request);
        let (range, claimed) = match *self {
            Paging::IgnoresOffset => (0..50, None),
            Paging::Items { len, claimed } => (start..len.min(start + 50), claimed),
            Paging::Endless => (start..start + 50, None),
            Paging::Capped { len, cap } => (start..len.min(start + cap), Some(len)),
        };
        let page: Vec<Value> = range.map(group).collect();
        let response = ResponseTemplate::new(200).set_body_json(page);
        match claimed {
            Some(total) => response.insert_header("X-Total-Count", total.to_string()),
            None => response,
        }
    }
}

async fn serve(paging: Paging) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(paging)
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

/// Reads a stream to its end: the ids it yielded, and the error it ended with, if any.
async fn drain(
    stream: sailpoint_governance_groups::Paginated<
        sailpoint_governance_groups::models::WorkgroupDto,
        ListWorkgroupsError,
    >,
) -> (Vec<String>, Option<Error<ListWorkgroupsError>>) {
    let read = async move {
        let mut stream = stream;
        let mut ids = Vec::new();
        while let Some(item) = stream.next().await {
            match item {
                Ok(group) => ids.push(group.id.unwrap()),
                Err(error) => {
                    assert!(stream.next().await.is_none(), "an error ends the stream");
                    return (ids, Some(error));
                }
            }
        }
        (ids, None)
    };
    tokio::time::timeout(BOUND, read).await.unwrap()
}

fn ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|index| format!("wg-{index}")).collect()
}

fn problem(error: Option<Error<ListWorkgroupsError>>) -> (i64, PaginationProblem) {
    match error {
        Some(Error::Pagination(pagination)) => (pagination.offset, pagination.problem),
        other => panic!("{other:?}"),
    }
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn a_server_that_ignores_the_offset_ends_the_stream_with_an_error() {
    // This stream yielded the same 50 items forever.
    let (server, client) = serve(Paging::IgnoresOffset).await;
    let (yielded, error) = drain(client.list_workgroups().into_stream()).await;
    assert_eq!(yielded, ids(0..50), "each item once");
    let message = error.as_ref().unwrap().to_string();
    assert_eq!(problem(error), (50, PaginationProblem::RepeatedPage));
    assert!(message.contains("repeats the page before it"), "{message}");
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn endless_pages_stop_at_the_page_cap() {
    let (server, client) = serve(Paging::Endless).await;
    let stream = client.list_workgroups().into_stream().max_pages(3);
    let (yielded, error) = drain(stream).await;
    assert_eq!(yielded, ids(0..150));
    assert_eq!(problem(error), (150, PaginationProblem::PageCap(3)));
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn endless_pages_stop_at_the_item_cap() {
    let (server, client) = serve(Paging::Endless).await;
    let stream = client.list_workgroups().into_stream().max_items(120);
    let (yielded, error) = drain(stream).await;
    assert_eq!(yielded, ids(0..120));
    assert_eq!(problem(error), (120, PaginationProblem::ItemCap(120)));
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn a_list_that_ends_at_the_item_cap_ends_without_an_error() {
    let (_server, client) = serve(Paging::Items {
        len: 100,
        claimed: None,
    })
    .await;
    let stream = client.list_workgroups().into_stream().max_items(100);
    let (yielded, error) = drain(stream).await;
    assert_eq!(yielded, ids(0..100));
    assert!(error.is_none(), "{error:?}");
}

#[tokio::test]
async fn a_total_lower_than_the_items_does_not_drop_any() {
    // The total said 10; the stream used to stop after the first page, dropping 70 items.
    let (server, client) = serve(Paging::Items {
        len: 120,
        claimed: Some(10),
    })
    .await;
    let (yielded, error) = drain(client.list_workgroups().into_stream()).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(yielded, ids(0..120));
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn a_total_that_is_right_saves_the_last_request() {
    let (server, client) = serve(Paging::Items {
        len: 100,
        claimed: Some(100),
    })
    .await;
    let (yielded, error) = drain(client.list_workgroups().into_stream()).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(yielded, ids(0..100));
    assert_eq!(requests(&server).await, 2, "no request for an empty page");
}

#[tokio::test]
async fn a_server_capping_its_pages_below_the_limit_is_an_error_not_a_quiet_end() {
    // This stream yielded 20 items and ended normally, though the total said 137.
    let (server, client) = serve(Paging::Capped { len: 137, cap: 20 }).await;
    let (yielded, error) = drain(client.list_workgroups().into_stream()).await;
    assert_eq!(
        yielded,
        ids(0..20),
        "the page's items are still yielded, once"
    );
    let message = error.as_ref().unwrap().to_string();
    assert_eq!(problem(error), (20, PaginationProblem::ShortOfTotal(137)));
    assert!(message.contains("total says 137"), "{message}");
    assert_eq!(requests(&server).await, 1);
}
