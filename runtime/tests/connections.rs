//! Faults below HTTP: connections closed before a response, reset or stalled in the middle of a
//! body, bodies shorter than they say. A method that is safe to repeat (GET, DELETE) is tried
//! again; one that is not (POST, PATCH) is not, since the server may have acted.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use sdkgen_runtime::codegen::RawResponse;
use sdkgen_runtime::http::Method;
use sdkgen_runtime::{Client, Error, RequestOptions, TransportErrorKind};
use support::Undocumented;
use support::hostile::{HostileServer, Step, head, json_response};

const GROUP: &str = r#"{"id":"wg-1","name":"Auditors"}"#;

/// Every test ends within this, whatever the server does.
const BOUND: Duration = Duration::from_secs(20);

fn client(server: &HostileServer) -> Client {
    support::builder(&server.url)
        .max_attempts(3)
        .retry_base_delay(Duration::from_millis(1))
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap()
}

/// A server whose first request gets `fault` and later ones the group.
async fn faulty_once(fault: Vec<Step>) -> HostileServer {
    HostileServer::start(move |number| {
        if number == 1 {
            fault.clone()
        } else {
            json_response(200, GROUP)
        }
    })
    .await
}

async fn get(server: &HostileServer) -> Result<RawResponse, Error<Undocumented>> {
    let client = client(server);
    let call = support::get(&client, "/things/wg-1", RequestOptions::new());
    tokio::time::timeout(BOUND, call).await.unwrap()
}

#[tokio::test]
async fn a_get_whose_connection_closes_before_a_response_is_retried() {
    let server = faulty_once(vec![Step::Close]).await;
    let group = get(&server).await.unwrap();
    assert_eq!(group.body.as_ref(), GROUP.as_bytes());
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn a_get_reset_in_the_middle_of_the_body_is_retried() {
    let mut fault = vec![Step::Write(
        head(
            200,
            &[("Content-Type", "application/json")],
            Some(GROUP.len()),
        )
        .into_bytes(),
    )];
    fault.push(Step::Write(GROUP.as_bytes()[..10].to_vec()));
    fault.push(Step::Reset);
    let server = faulty_once(fault).await;
    get(&server).await.unwrap();
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn a_get_that_times_out_while_reading_the_body_is_retried() {
    let fault = vec![
        Step::Write(head(200, &[], Some(GROUP.len())).into_bytes()),
        Step::Write(b"{".to_vec()),
        Step::Sleep(Duration::from_secs(5)),
    ];
    let server = faulty_once(fault).await;
    get(&server).await.unwrap();
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn a_body_shorter_than_its_length_is_retried_then_reported() {
    // Always truncated: the attempts run out and the caller gets a transport error.
    let server = HostileServer::start(|_| {
        vec![
            Step::Write(head(200, &[], Some(100)).into_bytes()),
            Step::Write(b"{\"id\":".to_vec()),
            Step::Close,
        ]
    })
    .await;
    let error = get(&server).await.unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(transport.kind, TransportErrorKind::Broken);
    assert_eq!(transport.attempts, 3);
    assert_eq!(server.requests(), 3);
    assert!(error.to_string().contains("(3 attempts)"), "{error}");
}

#[tokio::test]
async fn a_delete_whose_connection_closes_is_retried() {
    let server = HostileServer::start(|number| match number {
        1 => vec![Step::Close],
        _ => vec![Step::Write(head(204, &[], Some(0)).into_bytes())],
    })
    .await;
    let delete = support::spec(Method::DELETE, "/things/wg-1", RequestOptions::new());
    let client = client(&server);
    let call = client.execute::<Undocumented>(delete);
    tokio::time::timeout(BOUND, call).await.unwrap().unwrap();
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn a_post_whose_connection_closes_is_not_repeated() {
    let server = faulty_once(vec![Step::Close]).await;
    let client = client(&server);
    let call = support::post(&client, "/things", RequestOptions::new());
    let error = tokio::time::timeout(BOUND, call)
        .await
        .unwrap()
        .unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(transport.kind, TransportErrorKind::Broken);
    assert_eq!(server.requests(), 1, "the server may have created it");
}

#[tokio::test]
async fn a_post_that_could_not_connect_is_tried_again() {
    // Nothing listens on the port: nothing was sent, so even a POST is tried again.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = support::builder(&url)
        .max_attempts(3)
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let attempts = tokio::time::timeout(BOUND, async {
        support::post(&client, "/things", RequestOptions::new())
            .await
            .unwrap_err()
    })
    .await
    .unwrap();
    let Error::Transport(transport) = &attempts else {
        panic!("{attempts:?}")
    };
    assert_eq!(transport.kind, TransportErrorKind::Connect);
    assert_eq!(transport.attempts, 3, "every attempt was made");
}
