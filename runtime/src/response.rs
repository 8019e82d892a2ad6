//! A response as received, and what the generated operations make of it.

use serde::de::DeserializeOwned;

use super::error::{ApiError, DecodeError, Error, UnexpectedStatus, preview};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// A successful response: the decoded body with the status and headers it came with.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiResponse<T> {
    /// The response status, e.g. `200 OK`.
    pub status: StatusCode,
    /// Every response header, e.g. `X-Total-Count`.
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
}

impl<T> ApiResponse<T> {
    /// A header's value as a whole number, e.g. a total count in `X-Total-Count`.
    pub fn header_number(&self, name: &str) -> Option<u64> {
        self.headers.get(name)?.to_str().ok()?.trim().parse().ok()
    }

    /// The decoded body, without status and headers.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The same response with its body transformed.
    pub fn map<U>(self, transform: impl FnOnce(T) -> U) -> ApiResponse<U> {
        ApiResponse {
            status: self.status,
            headers: self.headers,
            body: transform(self.body),
        }
    }
}

/// Writes a decoded error body as compact JSON, which shows every field the server sent.
#[doc(hidden)]
pub fn write_json<T: serde::Serialize>(
    f: &mut std::fmt::Formatter<'_>,
    body: &T,
) -> std::fmt::Result {
    match serde_json::to_string(body) {
        Ok(text) => f.write_str(&text),
        Err(_) => f.write_str("(a body that cannot be shown as JSON)"),
    }
}

/// A response whose body has been read in full, not yet decoded.
#[doc(hidden)]
#[derive(Debug)]
pub struct RawResponse {
    pub operation: &'static str,
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
}

impl RawResponse {
    pub fn status_code(&self) -> u16 {
        self.status.as_u16()
    }

    /// A documented success with a JSON body.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<ApiResponse<T>, Error<E>> {
        match serde_json::from_slice(&self.body) {
            Ok(body) => Ok(ApiResponse {
                status: self.status,
                headers: self.headers,
                body,
            }),
            Err(source) => Err(self.decode_error(source)),
        }
    }

    /// A documented success without a body.
    pub fn empty<E>(self) -> Result<ApiResponse<()>, Error<E>> {
        Ok(ApiResponse {
            status: self.status,
            headers: self.headers,
            body: (),
        })
    }

    /// A documented success whose body is not JSON: its bytes.
    pub fn bytes<E>(self) -> Result<ApiResponse<Vec<u8>>, Error<E>> {
        Ok(ApiResponse {
            status: self.status,
            headers: self.headers,
            body: self.body.to_vec(),
        })
    }

    /// A documented error with a JSON body, decoded and wrapped as the operation's error variant.
    pub fn error<T: DeserializeOwned, E>(self, wrap: impl FnOnce(T) -> E) -> Error<E> {
        match serde_json::from_slice(&self.body) {
            Ok(body) => self.api_error(wrap(body)),
            Err(source) => self.decode_error(source),
        }
    }

    /// A documented error whose body is not JSON: its text.
    pub fn error_text<E>(self, wrap: impl FnOnce(String) -> E) -> Error<E> {
        let text = String::from_utf8_lossy(&self.body).into_owned();
        self.api_error(wrap(text))
    }

    /// A documented error without a body.
    pub fn error_without_body<E>(self, error: E) -> Error<E> {
        self.api_error(error)
    }

    /// A status the operation does not document.
    pub fn unexpected<E>(self) -> Error<E> {
        Error::UnexpectedStatus(Box::new(UnexpectedStatus {
            operation: self.operation,
            status: self.status,
            headers: self.headers,
            body: String::from_utf8_lossy(&self.body).into_owned(),
        }))
    }

    fn api_error<E>(self, error: E) -> Error<E> {
        Error::Api(Box::new(ApiError {
            operation: self.operation,
            status: self.status,
            headers: self.headers,
            error,
        }))
    }

    fn decode_error<E>(self, source: serde_json::Error) -> Error<E> {
        Error::Decode(Box::new(DecodeError {
            operation: self.operation,
            status: self.status,
            body_preview: preview(&self.body),
            headers: self.headers,
            source,
        }))
    }
}
