//! Content to upload: bytes in memory, a file, or a stream read while it is sent, so a large upload
//! is never held in memory.

use std::fmt;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use futures_core::Stream;

/// The error type of an upload stream.
pub type StreamError = Box<dyn std::error::Error + Send + Sync>;

/// A stream of an upload's chunks.
pub(crate) type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes, StreamError>> + Send>>;

/// A body or file part to send: bytes, which a retried request sends again, or a stream (a file,
/// say), which is read as it is sent and so can be sent once: a request with a stream is never
/// retried, and a clone of it shares the one stream.
#[derive(Clone)]
pub struct Upload {
    content: Content,
}

#[derive(Clone)]
pub(crate) enum Content {
    Bytes(Bytes),
    Stream {
        stream: Arc<Mutex<Option<ByteStream>>>,
        length: Option<u64>,
    },
}

impl Upload {
    /// Bytes in memory.
    pub fn bytes(bytes: impl Into<Bytes>) -> Self {
        Upload {
            content: Content::Bytes(bytes.into()),
        }
    }

    /// A stream of chunks, read as the request is sent. `length`, when known, is sent as the
    /// body's `Content-Length`.
    pub fn stream<S, B, E>(stream: S, length: Option<u64>) -> Self
    where
        S: Stream<Item = Result<B, E>> + Send + 'static,
        B: Into<Bytes>,
        E: Into<StreamError>,
    {
        let stream = MapChunks {
            inner: Box::pin(stream),
        };
        Upload {
            content: Content::Stream {
                stream: Arc::new(Mutex::new(Some(Box::pin(stream)))),
                length,
            },
        }
    }

    /// A file, read as the request is sent.
    pub async fn file(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let file = tokio::fs::File::open(path).await?;
        let length = file.metadata().await?.len();
        Ok(Self::stream(
            tokio_util::io::ReaderStream::new(file),
            Some(length),
        ))
    }

    /// The size in bytes, when known before sending.
    pub fn len(&self) -> Option<u64> {
        match &self.content {
            Content::Bytes(bytes) => u64::try_from(bytes.len()).ok(),
            Content::Stream { length, .. } => *length,
        }
    }

    /// Whether it is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    pub(crate) fn into_content(self) -> Content {
        self.content
    }
}

impl Content {
    /// The stream, the first time; `None` once it has been taken by a send.
    pub(crate) fn take_stream(stream: &Mutex<Option<ByteStream>>) -> Option<ByteStream> {
        stream.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.content {
            Content::Bytes(bytes) => write!(f, "Upload::bytes({} bytes)", bytes.len()),
            Content::Stream { length, .. } => match length {
                Some(length) => write!(f, "Upload::stream({length} bytes)"),
                None => f.write_str("Upload::stream(unknown length)"),
            },
        }
    }
}

impl From<Vec<u8>> for Upload {
    fn from(bytes: Vec<u8>) -> Self {
        Upload::bytes(bytes)
    }
}

impl From<Bytes> for Upload {
    fn from(bytes: Bytes) -> Self {
        Upload::bytes(bytes)
    }
}

impl From<&'static [u8]> for Upload {
    fn from(bytes: &'static [u8]) -> Self {
        Upload::bytes(bytes)
    }
}

impl From<String> for Upload {
    fn from(text: String) -> Self {
        Upload::bytes(text)
    }
}

impl From<&'static str> for Upload {
    fn from(text: &'static str) -> Self {
        Upload::bytes(text)
    }
}

/// A file part of a `multipart/form-data` body: its content, and the file name and media type the
/// part declares.
#[derive(Clone, Debug)]
pub struct FilePart {
    pub(crate) upload: Upload,
    pub(crate) file_name: Option<String>,
    pub(crate) content_type: Option<String>,
}

impl FilePart {
    /// A part holding `upload`, without a file name or media type of its own.
    pub fn new(upload: impl Into<Upload>) -> Self {
        FilePart {
            upload: upload.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// The file name the part declares (`filename` in its `Content-Disposition`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The part's media type, instead of the one the spec gives (or `application/octet-stream`).
    pub fn content_type(mut self, media_type: impl Into<String>) -> Self {
        self.content_type = Some(media_type.into());
        self
    }
}

impl<T: Into<Upload>> From<T> for FilePart {
    fn from(upload: T) -> Self {
        FilePart::new(upload)
    }
}

/// A user's stream with its chunks and errors in the types requests send.
struct MapChunks<S> {
    inner: Pin<Box<S>>,
}

impl<S, B, E> Stream for MapChunks<S>
where
    S: Stream<Item = Result<B, E>>,
    B: Into<Bytes>,
    E: Into<StreamError>,
{
    type Item = Result<Bytes, StreamError>;

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        // The inner stream is pinned in its own box, so this one moves freely.
        self.get_mut()
            .inner
            .as_mut()
            .poll_next(cx)
            .map(|item| item.map(|chunk| chunk.map(Into::into).map_err(Into::into)))
    }
}
