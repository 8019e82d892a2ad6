//! 100 MB both ways: a multipart upload from a stream and a streamed download. Every byte is
//! checked (by digest on the server, one by one on the client), and the process's peak memory
//! (`VmHWM`) must stay far below the body's size: neither is ever held whole.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

mod support;

use bytes::Bytes;
use futures_util::StreamExt;
use generated_bodies::{Client, FilePart, Upload};
use support::{Digest, Keep, Reply, ReplyBody, WireServer, pattern_byte, peak_memory};

const SIZE: u64 = 100 * 1000 * 1000;
/// Growth of the peak allowed for a 100 MB body: buffers and the runtime, not the body.
const FLAT: u64 = 24 * 1024 * 1024;

/// One large transfer at a time, so each test's peak is its own.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// `length` bytes of the pattern, made chunk by chunk as the request is sent.
fn pattern_stream(length: u64) -> impl futures_util::Stream<Item = std::io::Result<Bytes>> {
    const CHUNK: u64 = 64 * 1024;
    futures_util::stream::iter((0..length.div_ceil(CHUNK)).map(move |index| {
        let start = index * CHUNK;
        let end = (start + CHUNK).min(length);
        Ok(Bytes::from(
            (start..end).map(pattern_byte).collect::<Vec<u8>>(),
        ))
    }))
}

fn client(server: &WireServer) -> Client {
    Client::builder()
        .api_root(&server.url)
        .max_attempts(1)
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_100_mb_multipart_stream_upload_keeps_memory_flat() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = WireServer::start(
        Keep::Digest { prefix: 1024 },
        Reply::json(201, r#"{"received":"all"}"#),
    )
    .await;
    let before = peak_memory();
    let file = FilePart::new(Upload::stream(pattern_stream(SIZE), Some(SIZE))).file_name("big.bin");
    let receipt = client(&server).upload_document(file).send().await.unwrap();
    assert_eq!(receipt.received, "all");
    let growth = peak_memory().saturating_sub(before);

    let request = server.only_request();
    let content_type = request.header("content-type").unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap();
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    );
    let tail = format!("\r\n--{boundary}--\r\n");
    let mut expected = Digest::default();
    expected.update(head.as_bytes());
    let mut chunk = Vec::with_capacity(1 << 16);
    let mut offset = 0;
    while offset < SIZE {
        let end = (offset + (1 << 16)).min(SIZE);
        chunk.clear();
        chunk.extend((offset..end).map(pattern_byte));
        expected.update(&chunk);
        offset = end;
    }
    expected.update(tail.as_bytes());
    let total = head.len() as u64 + SIZE + tail.len() as u64;
    // Every length known: the body goes out with its length, not chunked.
    assert_eq!(
        request.header("content-length"),
        Some(total.to_string().as_str())
    );
    assert_eq!(request.body_length, total);
    assert!(request.body.starts_with(head.as_bytes()));
    assert_eq!(request.digest, expected);
    assert!(
        growth < FLAT,
        "peak memory grew by {growth} bytes while uploading {SIZE}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_100_mb_download_streams_with_flat_memory() {
    let _one = ONE_AT_A_TIME.lock().await;
    let reply = Reply {
        status: 200,
        headers: vec![(
            "Content-Type".to_owned(),
            "application/octet-stream".to_owned(),
        )],
        body: ReplyBody::Pattern { length: SIZE },
    };
    let server = WireServer::start(Keep::All, reply).await;
    let before = peak_memory();
    let mut download = client(&server).get_blob("big").send().await.unwrap();
    assert_eq!(download.content_length(), Some(SIZE));
    let mut offset = 0;
    while let Some(chunk) = download.next().await {
        for &byte in chunk.unwrap().iter() {
            assert_eq!(byte, pattern_byte(offset), "at byte {offset}");
            offset += 1;
        }
    }
    assert_eq!(offset, SIZE);
    let growth = peak_memory().saturating_sub(before);
    assert!(
        growth < FLAT,
        "peak memory grew by {growth} bytes while downloading {SIZE}"
    );
}
