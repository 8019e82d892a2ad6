//! A loopback HTTP/1.1 server that records each request as it arrived on the wire (head, and body
//! bytes or a digest of them) and answers with a scripted response, which may be a large body
//! written in chunks as it is generated.

#![allow(dead_code, clippy::unwrap_used)]

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// The byte at `offset` of the large bodies the tests send and expect: a pattern that a shifted,
/// cut or repeated chunk breaks.
pub fn pattern_byte(offset: u64) -> u8 {
    (offset % 251) as u8
}

/// FNV-1a, 64 bits: a digest of a body too large to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digest(u64);

impl Default for Digest {
    fn default() -> Self {
        Digest(0xcbf2_9ce4_8422_2325)
    }
}

impl Digest {
    pub fn update(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// How the server keeps a request's body.
#[derive(Clone, Copy, Debug)]
pub enum Keep {
    /// Every byte.
    All,
    /// Its length, its digest and its first bytes.
    Digest { prefix: usize },
}

/// A request as it arrived.
#[derive(Clone, Debug, Default)]
pub struct Recorded {
    /// The request line, `POST /api/forms HTTP/1.1`.
    pub line: String,
    /// Header names in lower case, values as sent, in order.
    pub headers: Vec<(String, String)>,
    /// The body (all of it, or its first bytes with `Keep::Digest`), de-chunked.
    pub body: Vec<u8>,
    pub body_length: u64,
    pub digest: Digest,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn body_text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }
}

/// A scripted response.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: ReplyBody,
}

#[derive(Clone, Debug)]
pub enum ReplyBody {
    Bytes(Vec<u8>),
    /// `length` bytes of [`pattern_byte`], written in chunks as they are made.
    Pattern {
        length: u64,
    },
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Self {
        Reply {
            status,
            headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
            body: ReplyBody::Bytes(body.as_bytes().to_vec()),
        }
    }

    pub fn with_body(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body: ReplyBody::Bytes(body.into()),
        }
    }

    pub fn empty(status: u16) -> Self {
        Reply {
            status,
            headers: Vec::new(),
            body: ReplyBody::Bytes(Vec::new()),
        }
    }
}

pub struct WireServer {
    pub url: String,
    recorded: Arc<Mutex<Vec<Recorded>>>,
}

impl WireServer {
    /// Answers every request with `reply`, keeping bodies as `keep` says.
    pub async fn start(keep: Keep, reply: Reply) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/api", listener.local_addr().unwrap());
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let log = recorded.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, keep, reply.clone(), log.clone()));
            }
        });
        WireServer { url, recorded }
    }

    /// The one request the server got.
    pub fn only_request(&self) -> Recorded {
        let recorded = self.recorded.lock().unwrap();
        assert_eq!(recorded.len(), 1, "{recorded:?}");
        recorded[0].clone()
    }

    pub fn request_count(&self) -> usize {
        self.recorded.lock().unwrap().len()
    }
}

async fn serve(stream: TcpStream, keep: Keep, reply: Reply, log: Arc<Mutex<Vec<Recorded>>>) {
    let mut reader = BufReader::new(stream);
    loop {
        let Some(recorded) = read_request(&mut reader, keep).await else {
            return;
        };
        log.lock().unwrap().push(recorded);
        if write_reply(reader.get_mut(), &reply).await.is_err() {
            return;
        }
    }
}

async fn read_request(reader: &mut BufReader<TcpStream>, keep: Keep) -> Option<Recorded> {
    let mut recorded = Recorded::default();
    let mut line = String::new();
    if reader.read_line(&mut line).await.ok()? == 0 {
        return None;
    }
    recorded.line = line.trim_end().to_owned();
    loop {
        line.clear();
        reader.read_line(&mut line).await.ok()?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        recorded
            .headers
            .push((name.to_ascii_lowercase(), value.trim().to_owned()));
    }
    let chunked = recorded
        .header("transfer-encoding")
        .is_some_and(|value| value.eq_ignore_ascii_case("chunked"));
    if chunked {
        loop {
            line.clear();
            reader.read_line(&mut line).await.ok()?;
            let size = u64::from_str_radix(line.trim_end().split(';').next()?, 16).ok()?;
            if size == 0 {
                line.clear();
                reader.read_line(&mut line).await.ok()?;
                break;
            }
            read_body(reader, size, keep, &mut recorded).await?;
            let mut crlf = [0; 2];
            reader.read_exact(&mut crlf).await.ok()?;
        }
    } else {
        let length = recorded
            .header("content-length")
            .map_or(Some(0), |value| value.parse().ok())?;
        read_body(reader, length, keep, &mut recorded).await?;
    }
    Some(recorded)
}

/// Reads `length` bytes of body into the record, a buffer at a time.
async fn read_body(
    reader: &mut BufReader<TcpStream>,
    length: u64,
    keep: Keep,
    recorded: &mut Recorded,
) -> Option<()> {
    let mut left = length;
    let mut buffer = vec![0; 64 * 1024];
    while left > 0 {
        let want = usize::try_from(left.min(buffer.len() as u64)).ok()?;
        let read = reader.read(&mut buffer[..want]).await.ok()?;
        if read == 0 {
            return None;
        }
        let bytes = &buffer[..read];
        recorded.digest.update(bytes);
        recorded.body_length += read as u64;
        match keep {
            Keep::All => recorded.body.extend_from_slice(bytes),
            Keep::Digest { prefix } => {
                let room = prefix.saturating_sub(recorded.body.len()).min(read);
                recorded.body.extend_from_slice(&bytes[..room]);
            }
        }
        left -= read as u64;
    }
    Some(())
}

async fn write_reply(stream: &mut TcpStream, reply: &Reply) -> std::io::Result<()> {
    let length = match &reply.body {
        ReplyBody::Bytes(bytes) => bytes.len() as u64,
        ReplyBody::Pattern { length } => *length,
    };
    let mut head = format!("HTTP/1.1 {} Status\r\n", reply.status);
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {length}\r\n\r\n"));
    stream.write_all(head.as_bytes()).await?;
    match &reply.body {
        ReplyBody::Bytes(bytes) => stream.write_all(bytes).await?,
        ReplyBody::Pattern { length } => {
            let mut offset = 0;
            let mut chunk = Vec::with_capacity(64 * 1024);
            while offset < *length {
                chunk.clear();
                let end = (offset + 64 * 1024).min(*length);
                chunk.extend((offset..end).map(pattern_byte));
                stream.write_all(&chunk).await?;
                offset = end;
            }
        }
    }
    stream.flush().await
}

/// The process's peak resident memory so far (`VmHWM`), in bytes.
#[cfg(target_os = "linux")]
pub fn peak_memory() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .unwrap();
    let kib: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .unwrap();
    kib * 1024
}
