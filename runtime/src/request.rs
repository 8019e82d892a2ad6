//! A request as the generated operations describe it, before it becomes an HTTP request.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use super::description::Security;
use super::encode::{self, Style};
use super::error::InvalidInput;
use super::multipart::Multipart;
use super::options::RequestOptions;
use super::upload::{Content, Upload};

/// Everything an operation sends: built by the generated code, sent by [`crate::Client`].
#[doc(hidden)]
#[derive(Debug)]
pub struct RequestSpec {
    pub operation: &'static str,
    pub method: reqwest::Method,
    /// The spec's path template, e.g. `/things/{id}`: for traces, which must not hold values.
    pub template: &'static str,
    /// The operation's security requirements.
    pub security: Security,
    /// The path below the API's base, already percent-encoded, e.g. `/things/a%2Fb`.
    pub path: String,
    /// Names are owned: an exploded object parameter sends its property names.
    pub query: Vec<(Cow<'static, str>, String)>,
    pub headers: Vec<(&'static str, String)>,
    /// Cookie parameters, sent together in one `Cookie` header.
    pub cookies: Vec<(&'static str, String)>,
    pub body: Option<Body>,
    /// The success statuses (inclusive ranges) whose body is streamed rather than read whole.
    pub streamed: &'static [(u16, u16)],
    /// The caller's settings for this call.
    pub options: RequestOptions,
}

#[doc(hidden)]
pub struct Body {
    pub content_type: Cow<'static, str>,
    /// Bytes are shared, so a retried request sends them again without a copy; a stream is sent
    /// once.
    pub(crate) content: Content,
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut debug = f.debug_struct("Body");
        debug.field("content_type", &self.content_type);
        match &self.content {
            Content::Bytes(bytes) => debug.field("bytes", &bytes.len()),
            Content::Stream { length, .. } => debug.field("stream", length),
        };
        debug.finish()
    }
}

impl Body {
    /// Whether it can be sent again: bytes can, a stream cannot.
    pub(crate) fn is_repeatable(&self) -> bool {
        matches!(self.content, Content::Bytes(_))
    }
}

impl RequestSpec {
    pub fn new(
        operation: &'static str,
        method: reqwest::Method,
        template: &'static str,
        security: Security,
    ) -> Self {
        RequestSpec {
            operation,
            method,
            template,
            security,
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            streamed: &[],
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
        self.query.push((Cow::Borrowed(name), value));
    }

    pub fn header(&mut self, name: &'static str, value: String) {
        self.headers.push((name, value));
    }

    pub fn cookie(&mut self, name: &'static str, value: String) {
        self.cookies.push((name, value));
    }

    /// A query parameter of any type, in its style (`form`, `spaceDelimited`, `pipeDelimited`,
    /// `deepObject`).
    pub fn query_styled<T: Serialize>(
        &mut self,
        name: &'static str,
        value: &T,
        style: Style,
        explode: bool,
    ) -> Result<(), InvalidInput> {
        let value = self.json_value(name, value)?;
        let mut pairs = Vec::new();
        encode::pairs(name, &value, style, explode, &mut pairs);
        self.query
            .extend(pairs.into_iter().map(|(key, text)| (Cow::Owned(key), text)));
        Ok(())
    }

    /// A path parameter of any type in its style (`simple`, `label`, `matrix`), appended to the
    /// path: each value percent-encoded, the style's separators as they are.
    pub fn path_styled<T: Serialize>(
        &mut self,
        name: &'static str,
        value: &T,
        style: Style,
        explode: bool,
    ) -> Result<(), InvalidInput> {
        let value = self.json_value(name, value)?;
        if let Some(text) = encode::scalar_text(&value) {
            if matches!(style, Style::Simple) && matches!(text.as_str(), "" | "." | "..") {
                return self.path_param(name, &text);
            }
        }
        let text = encode::path_text(name, &value, style, explode);
        self.path.push_str(&text);
        Ok(())
    }

    /// A header or cookie value of any type, in the `simple` (header) or `form` (cookie) style:
    /// `None` when there is nothing to send.
    pub fn simple_text<T: Serialize>(
        &self,
        name: &'static str,
        value: &T,
        explode: bool,
    ) -> Result<Option<String>, InvalidInput> {
        let value = self.json_value(name, value)?;
        Ok(encode::header_text(&value, explode))
    }

    fn json_value<T: Serialize>(&self, name: &str, value: &T) -> Result<Value, InvalidInput> {
        serde_json::to_value(value)
            .map_err(|error| self.invalid(name, format!("cannot be written as JSON: {error}")))
    }

    pub fn json_body<T: Serialize>(
        &mut self,
        content_type: &'static str,
        value: &T,
    ) -> Result<(), InvalidInput> {
        let bytes = serde_json::to_vec(value)
            .map_err(|error| self.invalid("body", format!("cannot be written as JSON: {error}")))?;
        self.body = Some(Body {
            content_type: Cow::Borrowed(content_type),
            content: Content::Bytes(bytes.into()),
        });
        Ok(())
    }

    /// A body sent as it is.
    pub fn raw_body(&mut self, content_type: &'static str, bytes: &[u8]) {
        self.body = Some(Body {
            content_type: Cow::Borrowed(content_type),
            content: Content::Bytes(bytes::Bytes::copy_from_slice(bytes)),
        });
    }

    /// An upload: bytes, or a stream sent once.
    pub fn upload_body(&mut self, content_type: &'static str, upload: &Upload) {
        self.body = Some(Body {
            content_type: Cow::Borrowed(content_type),
            content: upload.clone().into_content(),
        });
    }

    /// An `application/x-www-form-urlencoded` body: the fields of `value` in the order and style
    /// of `fields` (name, style, explode, sent as JSON), then any other keys (additional
    /// properties) as `form`, exploded.
    pub fn form_body<T: Serialize>(
        &mut self,
        content_type: &'static str,
        value: &T,
        fields: &[(&str, Style, bool, bool)],
    ) -> Result<(), InvalidInput> {
        let value = self.json_value("body", value)?;
        let mut pairs = Vec::new();
        match &value {
            Value::Object(object) => {
                for &(name, style, explode, json) in fields {
                    match object.get(name) {
                        Some(field) if json && !field.is_null() => {
                            pairs.push((name.to_owned(), field.to_string()));
                        }
                        Some(field) => encode::pairs(name, field, style, explode, &mut pairs),
                        None => {}
                    }
                }
                let listed = |name: &str| fields.iter().any(|(wire, ..)| *wire == name);
                for (name, field) in object.iter().filter(|(name, _)| !listed(name)) {
                    encode::pairs(name, field, Style::Form, true, &mut pairs);
                }
            }
            Value::Null => {}
            _ => return Err(self.invalid("body", "must be an object to be sent as a form")),
        }
        self.body = Some(Body {
            content_type: Cow::Borrowed(content_type),
            content: Content::Bytes(encode::form_urlencoded(&pairs).into()),
        });
        Ok(())
    }

    /// A `multipart/form-data` body.
    pub fn multipart_body(&mut self, form: Multipart) -> Result<(), InvalidInput> {
        let (content_type, content) = form
            .finish()
            .map_err(|(part, problem)| self.invalid(&part, problem))?;
        self.body = Some(Body {
            content_type: Cow::Owned(content_type),
            content,
        });
        Ok(())
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
pub(crate) fn encode_segment(value: &str, out: &mut String) {
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
        let mut spec = RequestSpec::new("getThing", reqwest::Method::GET, "/things/{id}", &[]);
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
