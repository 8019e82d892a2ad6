//! A request as the generated operations describe it, before it becomes an HTTP request.

use serde::Serialize;

use super::description::Security;
use super::error::InvalidInput;
use super::options::RequestOptions;

/// Everything an operation sends: built by the generated code, sent by [`crate::Client`].
#[doc(hidden)]
#[derive(Debug)]
pub struct RequestSpec {
    pub operation: &'static str,
    pub method: reqwest::Method,
    /// The operation's security requirements.
    pub security: Security,
    /// The path below the API's base, already percent-encoded, e.g. `/things/a%2Fb`.
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Body>,
    /// The caller's settings for this call.
    pub options: RequestOptions,
}

#[doc(hidden)]
#[derive(Debug)]
pub struct Body {
    pub content_type: &'static str,
    /// Shared, so a retried request sends it again without a copy.
    pub bytes: bytes::Bytes,
}

impl RequestSpec {
    pub fn new(operation: &'static str, method: reqwest::Method, security: Security) -> Self {
        RequestSpec {
            operation,
            method,
            security,
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            options: RequestOptions::new(),
        }
    }

    /// Appends a fixed part of the path template.
    pub fn path_literal(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// Appends a path parameter as one percent-encoded segment: `a/../b` stays inside it.
    pub fn path_param(&mut self, name: &'static str, value: &str) -> Result<(), InvalidInput> {
        // URL parsers resolve `.` and `..` segments, even percent-encoded, so they cannot be sent as
        // a value; an empty segment would address another resource.
        if matches!(value, "" | "." | "..") {
            let problem =
                format!("must not be empty, `.` or `..` (got `{value}`): it would change the path");
            return Err(self.invalid(name, problem));
        }
        encode_segment(value, &mut self.path);
        Ok(())
    }

    pub fn query(&mut self, name: &'static str, value: String) {
        self.query.push((name, value));
    }

    pub fn header(&mut self, name: &'static str, value: String) {
        self.headers.push((name, value));
    }

    pub fn json_body<T: Serialize>(
        &mut self,
        content_type: &'static str,
        value: &T,
    ) -> Result<(), InvalidInput> {
        let bytes = serde_json::to_vec(value)
            .map_err(|error| self.invalid("body", format!("cannot be written as JSON: {error}")))?;
        self.body = Some(Body {
            content_type,
            bytes: bytes.into(),
        });
        Ok(())
    }

    /// A body sent as it is.
    pub fn raw_body(&mut self, content_type: &'static str, bytes: &[u8]) {
        self.body = Some(Body {
            content_type,
            bytes: bytes::Bytes::copy_from_slice(bytes),
        });
    }

    /// A date-time as RFC 3339 text, for a query or header.
    pub fn date_time(
        &self,
        input: &str,
        value: &time::OffsetDateTime,
    ) -> Result<String, InvalidInput> {
        value
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(|error| self.invalid(input, format!("cannot be written as RFC 3339: {error}")))
    }

    /// A structured value as JSON text, for a query or header.
    pub fn json_text<T: Serialize>(&self, input: &str, value: &T) -> Result<String, InvalidInput> {
        serde_json::to_string(value)
            .map_err(|error| self.invalid(input, format!("cannot be written as JSON: {error}")))
    }

    pub fn invalid(&self, input: &str, problem: impl Into<String>) -> InvalidInput {
        InvalidInput {
            operation: self.operation,
            input: input.to_owned(),
            problem: problem.into(),
        }
    }
}

/// RFC 3986 percent-encoding of everything but the unreserved characters.
fn encode_segment(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(value: &str) -> Result<String, InvalidInput> {
        let mut spec = RequestSpec::new("getThing", reqwest::Method::GET, &[]);
        spec.path_literal("/things/");
        spec.path_param("id", value)?;
        Ok(spec.path)
    }

    #[test]
    fn path_parameters_stay_inside_their_segment() {
        assert_eq!(path("a/../b").unwrap(), "/things/a%2F..%2Fb");
        assert_eq!(path("x?y#z").unwrap(), "/things/x%3Fy%23z");
        assert_eq!(path("50% off é").unwrap(), "/things/50%25%20off%20%C3%A9");
        assert_eq!(
            path("2c9180837ca6693d017ca8d097500149").unwrap(),
            "/things/2c9180837ca6693d017ca8d097500149"
        );
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for value in ["", ".", ".."] {
            let error = path(value).unwrap_err();
            assert_eq!(error.input, "id");
            assert!(error.to_string().contains("nothing was sent"), "{error}");
        }
    }
}
