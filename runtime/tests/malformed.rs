//! An answer that is not HTTP is told apart from a lost connection: it is reported as malformed
//! and not retried, since the server would answer the same way (and, on a POST, may have acted).

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use sdkgen_runtime::{Error, RequestOptions, TransportErrorKind};
use support::hostile::{HostileServer, Step};

async fn outcome(answer: Vec<u8>) -> (Error<support::Undocumented>, usize) {
    let server =
        HostileServer::start(move |_| vec![Step::Write(answer.clone()), Step::Close]).await;
    let client = support::builder(&server.url)
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let call = support::get(&client, "/things", RequestOptions::new());
    let error = tokio::time::timeout(Duration::from_secs(20), call)
        .await
        .unwrap()
        .unwrap_err();
    (error, server.requests())
}

fn with_headers(count: usize, value_length: usize) -> Vec<u8> {
    let mut text = "HTTP/1.1 200 OK\r\n".to_owned();
    for index in 0..count {
        text.push_str(&format!("x-h{index}: {}\r\n", "v".repeat(value_length)));
    }
    text.push_str("content-length: 0\r\n\r\n");
    text.into_bytes()
}

#[tokio::test]
async fn answers_that_are_not_http_are_malformed_and_sent_once() {
    // Each of these was retried 3 times and reported as a lost connection.
    let cases = [
        ("over 100 headers", with_headers(150, 4)),
        ("a 1 MiB header", with_headers(1, 1024 * 1024)),
        (
            "an invalid status line",
            b"HTTP/1.1 2OO OK\r\n\r\n".to_vec(),
        ),
        ("not HTTP at all", b"SSH-2.0-OpenSSH_9.6\r\n\r\n".to_vec()),
    ];
    for (case, answer) in cases {
        let (error, requests) = outcome(answer).await;
        match &error {
            Error::Transport(transport) => {
                assert_eq!(transport.kind, TransportErrorKind::Malformed, "{case}");
                assert_eq!(transport.attempts, 1, "{case}");
            }
            other => panic!("{case}: {other:?}"),
        }
        assert_eq!(requests, 1, "{case}: not retried");
        assert!(!error.is_retryable(), "{case}");
        assert!(
            error.to_string().contains("not valid HTTP"),
            "{case}: {error}"
        );
    }
}

#[tokio::test]
async fn a_connection_closed_before_an_answer_is_still_retried() {
    let server = HostileServer::start(|_| vec![Step::Close]).await;
    let client = support::builder(&server.url)
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let error = support::get(&client, "/things", RequestOptions::new())
        .await
        .unwrap_err();
    match &error {
        Error::Transport(transport) => {
            assert_eq!(transport.kind, TransportErrorKind::Broken);
            assert_eq!(transport.attempts, 3);
        }
        other => panic!("{other:?}"),
    }
    assert!(error.is_retryable());
    assert_eq!(server.requests(), 3);
}
