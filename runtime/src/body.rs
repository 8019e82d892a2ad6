//! Reading a response body without trusting its size.

use bytes::{Bytes, BytesMut};

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
    match declared {
        Some(size) if size > limit_u64 => return Err(ReadError::TooLarge { declared }),
        // The client stops at the declared length (and fails if the body is shorter), so the body
        // is read whole, without a copy per chunk.
        Some(_) => return response.bytes().await.map_err(ReadError::Transport),
        None => {}
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        if chunk.len() > limit - body.len() {
            return Err(ReadError::TooLarge { declared });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}
