//! Response bodies too large to read, declared or not, and bodies cut short: the limit holds and
//! nothing past it is read.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use sdkgen_runtime::{Client, Error, RequestOptions, TransportErrorKind};
use support::hostile::{HostileServer, Step, head};

/// A client of the scripted server that makes up to `attempts` attempts, without waiting long.
fn hostile_client(server: &HostileServer, attempts: u32) -> Client {
    support::builder(&server.url)
        .max_attempts(attempts)
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_declared_length_over_the_limit_fails_before_the_body_is_read() {
    // 50 MB declared, nothing sent: the default 32 MiB limit refuses it from the header alone.
    let server = HostileServer::start(|_| {
        vec![
            Step::Write(head(200, &[], Some(50_000_000)).into_bytes()),
            Step::Sleep(Duration::from_secs(30)),
        ]
    })
    .await;
    let client = hostile_client(&server, 3);
    let call = support::get(&client, "/things/1", RequestOptions::new());
    let error = tokio::time::timeout(Duration::from_secs(10), call)
        .await
        .unwrap()
        .unwrap_err();
    let Error::TooLarge(large) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (large.limit, large.declared),
        (32 * 1024 * 1024, Some(50_000_000))
    );
    assert_eq!(
        server.requests(),
        1,
        "a body too large is not asked for again"
    );
}

#[tokio::test]
async fn an_undeclared_body_over_the_limit_stops_at_the_limit() {
    // Chunked, so no length is declared: reading stops once the limit is passed.
    let chunk = format!("{:x}\r\n{}\r\n", 4096, "x".repeat(4096));
    let server = HostileServer::start(move |_| {
        let mut steps = vec![Step::Write(
            head(200, &[("Transfer-Encoding", "chunked")], None).into_bytes(),
        )];
        steps.extend(std::iter::repeat_n(
            Step::Write(chunk.clone().into_bytes()),
            64,
        ));
        steps.push(Step::Write(b"0\r\n\r\n".to_vec()));
        steps
    })
    .await;
    let client = hostile_client(&server, 3);
    let options = RequestOptions::new().max_response_bytes(10_000);
    let call = support::get(&client, "/things", options);
    let error = tokio::time::timeout(Duration::from_secs(10), call)
        .await
        .unwrap()
        .unwrap_err();
    let Error::TooLarge(large) = &error else {
        panic!("{error:?}")
    };
    assert_eq!((large.limit, large.declared), (10_000, None));
    assert!(
        error
            .to_string()
            .contains("larger than the limit of 10000 bytes"),
        "{error}"
    );
}

#[tokio::test]
async fn a_truncated_chunked_body_is_a_transport_error() {
    let server = HostileServer::start(|_| {
        vec![
            Step::Write(head(200, &[("Transfer-Encoding", "chunked")], None).into_bytes()),
            Step::Write(b"5\r\n[{\"id".to_vec()),
            Step::Close,
        ]
    })
    .await;
    let client = hostile_client(&server, 2);
    let call = support::get(&client, "/things", RequestOptions::new());
    let error = tokio::time::timeout(Duration::from_secs(10), call)
        .await
        .unwrap()
        .unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(transport.kind, TransportErrorKind::Broken);
    assert_eq!(server.requests(), 2, "a GET is tried again");
}
