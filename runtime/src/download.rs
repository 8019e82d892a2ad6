//! A response body read as it arrives: a download of any size is never held in memory, and the
//! status and headers are known before its first byte.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;

use super::error::TransportError;

type Chunks = Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>;

/// The body of a binary response, as a stream of chunks. It is bounded only by the call's own
/// size limit, when one is set ([`RequestOptions::max_response_bytes`](crate::RequestOptions::max_response_bytes)),
/// and by its timeout.
pub struct Download {
    operation: &'static str,
    chunks: Chunks,
    declared: Option<u64>,
    limit: Option<usize>,
    read: u64,
    done: bool,
}

/// Why a download stopped before its end.
#[derive(Debug)]
#[non_exhaustive]
pub enum DownloadError {
    /// The connection broke or timed out while reading.
    Transport(TransportError),
    /// The body passed the call's size limit; reading stopped there.
    TooLarge {
        /// The operation, by its `operationId`.
        operation: &'static str,
        /// The call's limit, in bytes.
        limit: usize,
    },
}

impl fmt::Display for DownloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DownloadError::Transport(error) => {
                write!(f, "the download of `{}` broke off", error.operation)
            }
            DownloadError::TooLarge { operation, limit } => write!(
                f,
                "the download of `{operation}` is larger than the call's limit of {limit} bytes"
            ),
        }
    }
}

impl std::error::Error for DownloadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DownloadError::Transport(error) => Some(error),
            DownloadError::TooLarge { .. } => None,
        }
    }
}

impl Download {
    pub(crate) fn new(
        operation: &'static str,
        response: reqwest::Response,
        limit: Option<usize>,
    ) -> Self {
        Download {
            operation,
            declared: response.content_length(),
            chunks: Box::pin(response.bytes_stream()),
            limit,
            read: 0,
            done: false,
        }
    }

    /// A body already read whole.
    pub(crate) fn from_bytes(operation: &'static str, body: Bytes) -> Self {
        struct Whole(Option<Bytes>);
        impl Stream for Whole {
            type Item = reqwest::Result<Bytes>;
            fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
                Poll::Ready(self.get_mut().0.take().map(Ok))
            }
        }
        Download {
            operation,
            declared: u64::try_from(body.len()).ok(),
            chunks: Box::pin(Whole(Some(body))),
            limit: None,
            read: 0,
            done: false,
        }
    }

    /// The size the server declared (`Content-Length`), if it did.
    pub fn content_length(&self) -> Option<u64> {
        self.declared
    }

    /// The next chunk, or `None` at the end.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, DownloadError> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx))
            .await
            .transpose()
    }

    /// The whole body in memory, for bodies known to be small: `limit` bounds it (with the call's
    /// own limit, when smaller).
    pub async fn bytes(mut self, limit: usize) -> Result<Bytes, DownloadError> {
        self.limit = Some(self.limit.map_or(limit, |own| own.min(limit)));
        let mut all = bytes::BytesMut::new();
        while let Some(chunk) = self.chunk().await? {
            all.extend_from_slice(&chunk);
        }
        Ok(all.freeze())
    }

    fn too_large(&mut self, limit: usize) -> Poll<Option<Result<Bytes, DownloadError>>> {
        self.done = true;
        Poll::Ready(Some(Err(DownloadError::TooLarge {
            operation: self.operation,
            limit,
        })))
    }
}

impl Stream for Download {
    type Item = Result<Bytes, DownloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        let limit = this
            .limit
            .map(|limit| u64::try_from(limit).unwrap_or(u64::MAX));
        if let (Some(limit), Some(declared)) = (limit, this.declared) {
            if declared > limit {
                return this.too_large(usize::try_from(limit).unwrap_or(usize::MAX));
            }
        }
        match this.chunks.as_mut().poll_next(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(None) => {
                this.done = true;
                Poll::Ready(None)
            }
            Poll::Ready(Some(Err(error))) => {
                this.done = true;
                let error = TransportError::new(this.operation, error);
                Poll::Ready(Some(Err(DownloadError::Transport(error))))
            }
            Poll::Ready(Some(Ok(chunk))) => {
                let size = u64::try_from(chunk.len()).unwrap_or(u64::MAX);
                this.read = this.read.saturating_add(size);
                match limit {
                    Some(limit) if this.read > limit => {
                        this.too_large(usize::try_from(limit).unwrap_or(usize::MAX))
                    }
                    _ => Poll::Ready(Some(Ok(chunk))),
                }
            }
        }
    }
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("operation", &self.operation)
            .field("content_length", &self.declared)
            .field("read", &self.read)
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}
