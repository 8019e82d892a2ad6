//! Reading a response body without trusting its size.

use bytes::{Bytes, BytesMut};

/// Bodies are read into a buffer reserved up front only up to this size; a larger declared size
/// is not trusted until the bytes arrive.
const RESERVE_AT_MOST: usize = 1024 * 1024;

/// Why a body could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// It is larger than the limit (declared by `Content-Length`, or found while reading).
    TooLarge { declared: Option<u64> },
    /// The connection broke or timed out while reading.
    Transport(reqwest::Error),
}

/// The whole body, or an error as soon as it passes `limit` bytes: nothing past the limit is read.
pub(crate) async fn read_limited(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Bytes, ReadError> {
    let declared = response.content_length();
    let limit_u64 = u64::try_from(limit).unwrap_or(u64::MAX);
    if declared.is_some_and(|size| size > limit_u64) {
        return Err(ReadError::TooLarge { declared });
    }
    let reserve = declared
        .and_then(|size| usize::try_from(size).ok())
        .unwrap_or(0)
        .min(RESERVE_AT_MOST);
    let mut body = BytesMut::with_capacity(reserve);
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        if chunk.len() > limit - body.len() {
            return Err(ReadError::TooLarge { declared });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}
