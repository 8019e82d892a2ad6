//! A loopback server that misbehaves on purpose, below HTTP: it closes connections, resets them
//! mid-body, stalls, lies about lengths. Each connection follows a script chosen by the number of
//! the request (1 for the first).

#![allow(dead_code, clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One step of a connection's script.
#[derive(Clone, Debug)]
pub enum Step {
    /// Sends these bytes.
    Write(Vec<u8>),
    /// Waits.
    Sleep(Duration),
    /// Closes the connection cleanly.
    Close,
    /// Resets the connection (TCP RST).
    Reset,
}

/// A complete response with a JSON body.
pub fn json_response(status: u16, body: &str) -> Vec<Step> {
    vec![
        Step::Write(
            head(
                status,
                &[("Content-Type", "application/json")],
                Some(body.len()),
            )
            .into_bytes(),
        ),
        Step::Write(body.as_bytes().to_vec()),
    ]
}

/// A status line and headers, with `Content-Length` when `length` is given.
pub fn head(status: u16, headers: &[(&str, &str)], length: Option<usize>) -> String {
    let mut text = format!("HTTP/1.1 {status} Status\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(length) = length {
        text.push_str(&format!("Content-Length: {length}\r\n"));
    }
    text.push_str("\r\n");
    text
}

pub struct HostileServer {
    pub url: String,
    requests: Arc<AtomicUsize>,
    accept: JoinHandle<()>,
}

impl HostileServer {
    /// Serves each request with `script(n)`, `n` counting requests from 1.
    pub async fn start(script: impl Fn(usize) -> Vec<Step> + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = requests.clone();
        let script = Arc::new(script);
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let counter = counter.clone();
                let script = script.clone();
                tokio::spawn(serve(stream, counter, script));
            }
        });
        HostileServer {
            url,
            requests,
            accept,
        }
    }

    /// Requests received so far (each whose head arrived).
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for HostileServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// Reads request heads (and bodies, by `Content-Length`) and plays the script of each.
async fn serve(
    mut stream: TcpStream,
    counter: Arc<AtomicUsize>,
    script: Arc<dyn Fn(usize) -> Vec<Step> + Send + Sync>,
) {
    loop {
        let Some(body_length) = read_head(&mut stream).await else {
            return;
        };
        let mut body = vec![0; body_length];
        if stream.read_exact(&mut body).await.is_err() {
            return;
        }
        let number = counter.fetch_add(1, Ordering::SeqCst) + 1;
        for step in script(number) {
            match step {
                Step::Write(bytes) => {
                    if stream.write_all(&bytes).await.is_err() {
                        return;
                    }
                }
                Step::Sleep(wait) => tokio::time::sleep(wait).await,
                Step::Close => return,
                Step::Reset => {
                    let _ = stream.set_zero_linger();
                    return;
                }
            }
        }
    }
}

/// The request's `Content-Length` once its head has arrived, or `None` when the connection ends.
async fn read_head(stream: &mut TcpStream) -> Option<usize> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 64 * 1024 || stream.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let length = text
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    Some(length)
}
