//! Paged streams against servers that cannot be trusted to end: one that ignores the offset, one
//! that rotates or overlaps its pages, one whose pages never run out, one that caps its pages
//! below the size asked, one whose total is wrong. A stream ends, with an error that says why, and
//! never loses or repeats an item.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use futures_util::StreamExt;
use sdkgen_runtime::{Error, Paginated, PaginationProblem};
use serde_json::{Value, json};
use support::Undocumented;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const BOUND: Duration = Duration::from_secs(20);

/// How the server pages.
enum Paging {
    /// Always the first page, whatever the offset.
    IgnoresOffset,
    /// The same 50 items at every offset, rotated by 10 each page.
    Rotating,
    /// Pages that start 10 items before the offset asked.
    Overlapping { len: usize },
    /// `len` items, with an `X-Total-Count` of `claimed`, when given, on every page.
    Items { len: usize, claimed: Option<usize> },
    /// Full pages at every offset: a list without end.
    Endless,
    /// `len` items, claiming a total of `claimed`, in pages of at most `cap` whatever the limit.
    Capped {
        len: usize,
        cap: usize,
        claimed: usize,
    },
}

fn query(request: &Request, name: &str) -> usize {
    request
        .url
        .query_pairs()
        .find(|(key, _)| key == name)
        .map_or(0, |(_, value)| value.parse().unwrap())
}

fn thing(index: usize) -> Value {
    json!({"id": format!("t-{index}"), "kind": "same"})
}

impl Respond for Paging {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let start = query(request, "offset");
        let (page, claimed): (Vec<Value>, Option<usize>) = match *self {
            Paging::IgnoresOffset => ((0..50).map(thing).collect(), None),
            Paging::Rotating => {
                let turn = start / 50 * 10;
                ((0..50).map(|i| thing((i + turn) % 50)).collect(), None)
            }
            Paging::Overlapping { len } => {
                let from = start.saturating_sub(10);
                ((from..len.min(from + 50)).map(thing).collect(), None)
            }
            Paging::Items { len, claimed } => {
                ((start..len.min(start + 50)).map(thing).collect(), claimed)
            }
            Paging::Endless => ((start..start + 50).map(thing).collect(), None),
            Paging::Capped { len, cap, claimed } => (
                (start..len.min(start + cap)).map(thing).collect(),
                Some(claimed),
            ),
        };
        let response = ResponseTemplate::new(200).set_body_json(page);
        match claimed {
            Some(total) => response.insert_header("X-Total-Count", total.to_string()),
            None => response,
        }
    }
}

async fn serve(paging: Paging) -> (MockServer, sdkgen_runtime::Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(paging)
        .mount(&server)
        .await;
    let client = support::builder(&server.uri())
        .max_attempts(1)
        .build()
        .unwrap();
    (server, client)
}

/// Reads a stream to its end: the ids it yielded, and the error it ended with, if any.
async fn drain(
    stream: Paginated<Value, Undocumented>,
) -> (Vec<String>, Option<Error<Undocumented>>) {
    let read = async move {
        let mut stream = stream;
        let mut ids = Vec::new();
        while let Some(item) = stream.next().await {
            match item {
                Ok(thing) => ids.push(thing["id"].as_str().unwrap().to_owned()),
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
    range.map(|index| format!("t-{index}")).collect()
}

fn problem(error: Option<Error<Undocumented>>) -> (i64, PaginationProblem) {
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
    let (server, client) = serve(Paging::IgnoresOffset).await;
    let (yielded, error) = drain(support::list(&client)).await;
    assert_eq!(yielded, ids(0..50), "each item once");
    let message = error.as_ref().unwrap().to_string();
    assert_eq!(problem(error), (50, PaginationProblem::RepeatedItems));
    assert!(message.contains("yielded already"), "{message}");
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn a_server_rotating_the_same_items_is_caught_on_the_first_repeat() {
    // This stream ran forever: 500 items yielded, 50 distinct, until the test stopped it.
    let (server, client) = serve(Paging::Rotating).await;
    let (yielded, error) = drain(support::list(&client)).await;
    assert_eq!(yielded, ids(0..50));
    assert_eq!(problem(error), (50, PaginationProblem::RepeatedItems));
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn overlapping_pages_never_yield_an_item_twice() {
    // This stream yielded 10 items twice, without an error.
    let (_server, client) = serve(Paging::Overlapping { len: 200 }).await;
    let (yielded, error) = drain(support::list(&client)).await;
    assert_eq!(yielded, ids(0..50), "nothing of the overlapping page");
    assert_eq!(problem(error), (50, PaginationProblem::RepeatedItems));
}

#[tokio::test]
async fn a_long_list_of_distinct_items_is_not_mistaken_for_repeats() {
    // Fingerprints come from the bytes as sent: items alike but for their id are distinct.
    let (_server, client) = serve(Paging::Items {
        len: 137,
        claimed: Some(137),
    })
    .await;
    let (yielded, error) = drain(support::list(&client)).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(yielded, ids(0..137));
}

#[tokio::test]
async fn endless_pages_stop_at_the_page_cap() {
    let (server, client) = serve(Paging::Endless).await;
    let (yielded, error) = drain(support::list(&client).max_pages(3)).await;
    assert_eq!(yielded, ids(0..150));
    assert_eq!(problem(error), (150, PaginationProblem::PageCap(3)));
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn endless_pages_stop_at_the_item_cap() {
    let (server, client) = serve(Paging::Endless).await;
    let (yielded, error) = drain(support::list(&client).max_items(120)).await;
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
    let (yielded, error) = drain(support::list(&client).max_items(100)).await;
    assert_eq!(yielded, ids(0..100));
    assert!(error.is_none(), "{error:?}");
}

#[tokio::test]
async fn a_total_lower_than_the_items_does_not_drop_any() {
    let (server, client) = serve(Paging::Items {
        len: 120,
        claimed: Some(10),
    })
    .await;
    let (yielded, error) = drain(support::list(&client)).await;
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
    let (yielded, error) = drain(support::list(&client)).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(yielded, ids(0..100));
    assert_eq!(requests(&server).await, 2, "no request for an empty page");
}

#[tokio::test]
async fn a_server_capping_its_pages_is_followed_to_its_total() {
    // This stream yielded 20 items and ended normally, though the total said 137.
    let (server, client) = serve(Paging::Capped {
        len: 137,
        cap: 20,
        claimed: 137,
    })
    .await;
    let (yielded, error) = drain(support::list(&client)).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(yielded, ids(0..137));
    assert_eq!(requests(&server).await, 7, "pages of 20 up to the total");
}

#[tokio::test]
async fn a_capping_server_whose_total_is_too_low_is_followed_to_an_empty_page() {
    // With `X-Total-Count: 50` on 137 items this stream yielded 50.
    let (server, client) = serve(Paging::Capped {
        len: 137,
        cap: 20,
        claimed: 50,
    })
    .await;
    let (yielded, error) = drain(support::list(&client)).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(yielded, ids(0..137));
    assert_eq!(
        requests(&server).await,
        8,
        "seven pages, then the empty one"
    );
}

#[tokio::test]
async fn a_list_that_ends_before_its_total_is_an_error_after_its_items() {
    let (_server, client) = serve(Paging::Capped {
        len: 30,
        cap: 20,
        claimed: 137,
    })
    .await;
    let (yielded, error) = drain(support::list(&client)).await;
    assert_eq!(yielded, ids(0..30), "every item that came, once");
    let message = error.as_ref().unwrap().to_string();
    assert_eq!(problem(error), (30, PaginationProblem::ShortOfTotal(137)));
    assert!(message.contains("total says 137"), "{message}");
}
