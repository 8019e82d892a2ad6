//! A response as received, and what the generated operations make of it.

use serde::de::DeserializeOwned;

use super::download::Download;
use super::error::{
    ApiError, DecodeError, ERROR_BODY_BYTES, Error, ErrorBody, ResponseTooLarge, UnexpectedStatus,
    bounded_text, preview,
};
use super::header::{DocumentedHeader, InvalidHeader};
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

    /// A header the spec documents, as its type: `None` when the server did not send it, an
    /// error naming the header and its text when that text is not of the documented type.
    pub fn header<H: DocumentedHeader>(&self) -> Result<Option<H::Value>, InvalidHeader> {
        crate::header::read::<H>(&self.headers)
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

/// A response whose body has been read in full, not yet decoded.
#[doc(hidden)]
#[derive(Debug)]
pub struct RawResponse {
    pub operation: &'static str,
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
    /// For a streamed status, the response whose body is still to read, and the call's own size
    /// limit.
    pub(crate) stream: Option<(reqwest::Response, Option<usize>)>,
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

    /// A documented success whose body is text (`text/*`): it must be UTF-8.
    pub fn text<E>(self) -> Result<ApiResponse<String>, Error<E>> {
        match String::from_utf8(self.body.to_vec()) {
            Ok(body) => Ok(ApiResponse {
                status: self.status,
                headers: self.headers,
                body,
            }),
            Err(error) => {
                let problem = format!("the body is not UTF-8 text: {}", error.utf8_error());
                Err(self.decode_error(<serde_json::Error as serde::de::Error>::custom(problem)))
            }
        }
    }

    /// A documented success whose body is streamed: status and headers now, the body as it
    /// arrives. A body the call's limit cannot hold is refused here when its length is declared.
    pub fn download<E>(mut self) -> Result<ApiResponse<Download>, Error<E>> {
        let Some((response, limit)) = self.stream.take() else {
            // Not streamed after all (a status the request did not mark): the body as read.
            let body = Download::from_bytes(self.operation, self.body.clone());
            return Ok(ApiResponse {
                status: self.status,
                headers: self.headers,
                body,
            });
        };
        let declared = response.content_length();
        if let (Some(limit), Some(size)) = (limit, declared) {
            if size > u64::try_from(limit).unwrap_or(u64::MAX) {
                return Err(Error::TooLarge(Box::new(ResponseTooLarge {
                    operation: self.operation,
                    status: self.status,
                    headers: self.headers,
                    limit,
                    declared,
                })));
            }
        }
        Ok(ApiResponse {
            status: self.status,
            headers: self.headers,
            body: Download::new(self.operation, response, limit),
        })
    }

    /// A documented error with a JSON body, wrapped as the operation's error variant: decoded, or
    /// kept as text when it does not have the documented shape (the status is what matters).
    pub fn error<T: DeserializeOwned, E>(self, wrap: impl FnOnce(ErrorBody<T>) -> E) -> Error<E> {
        let body = match serde_json::from_slice(&self.body) {
            Ok(body) => ErrorBody::Documented(body),
            Err(problem) => ErrorBody::Other {
                text: bounded_text(&self.body, ERROR_BODY_BYTES),
                problem: problem.to_string(),
            },
        };
        self.api_error(wrap(body))
    }

    /// A documented error whose body is not JSON: its text, up to a bound.
    pub fn error_text<E>(self, wrap: impl FnOnce(String) -> E) -> Error<E> {
        let text = bounded_text(&self.body, ERROR_BODY_BYTES);
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
            body: bounded_text(&self.body, ERROR_BODY_BYTES),
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
