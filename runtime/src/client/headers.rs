//! How a [`RequestSpec`] becomes an HTTP request: URL, headers, cookies, credentials and body.

use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName,
    HeaderValue, PROXY_AUTHORIZATION, USER_AGENT,
};

use crate::auth::Ready;
use crate::description::{KeyLocation, SchemeKind};
use crate::error::InvalidInput;
use crate::request::RequestSpec;
use crate::upload::Content;

/// Headers that say how the message is framed or routed (RFC 9110 and 9112), which only the HTTP
/// client may set.
const FRAMING_HEADERS: [&str; 9] = [
    "content-length",
    "transfer-encoding",
    "host",
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "upgrade",
];

fn is_framing_header(name: &str) -> bool {
    FRAMING_HEADERS
        .iter()
        .any(|framing| name.trim().eq_ignore_ascii_case(framing))
}

/// The framing headers and those a credential of the API may travel in: a hook may not set them.
pub(crate) fn protected_headers(schemes: &[crate::description::SecurityScheme]) -> Vec<HeaderName> {
    let mut names: Vec<HeaderName> = FRAMING_HEADERS
        .iter()
        .map(|name| HeaderName::from_static(name))
        .collect();
    names.extend([AUTHORIZATION, PROXY_AUTHORIZATION]);
    for scheme in schemes {
        if let SchemeKind::ApiKey { location, name } = scheme.kind {
            let name = match location {
                KeyLocation::Header => HeaderName::try_from(name).ok(),
                KeyLocation::Cookie => Some(COOKIE),
                KeyLocation::Query => None,
            };
            names.extend(name.filter(|name| !names.contains(name)));
        }
    }
    names
}

/// The request without its credentials (hooks run before they are added): URL with query and
/// query API keys, the operation's and the caller's headers, cookies, and the body.
pub(super) fn request_without_credentials(
    api_root: &str,
    user_agent: &HeaderValue,
    default_headers: &[(&'static str, &'static str)],
    spec: &RequestSpec,
    credentials: &[(SchemeKind, Ready)],
) -> Result<reqwest::Request, InvalidInput> {
    let url = format!("{api_root}{}", spec.path);
    let mut url = reqwest::Url::parse(&url)
        .map_err(|error| spec.invalid("path", format!("makes an invalid URL `{url}`: {error}")))?;
    let query_keys = credentials
        .iter()
        .filter_map(|(kind, ready)| match (kind, ready) {
            (
                SchemeKind::ApiKey {
                    location: KeyLocation::Query,
                    name,
                },
                Ready::ApiKey(key),
            ) => Some((*name, key.expose())),
            _ => None,
        });
    let query: Vec<(&str, &str)> = spec
        .query
        .iter()
        .map(|(name, value)| (name.as_ref(), value.as_str()))
        .chain(query_keys)
        .collect();
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    let mut request = reqwest::Request::new(spec.method.clone(), url);
    let headers = request.headers_mut();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    headers.insert(USER_AGENT, user_agent.clone());
    let defaults = default_headers.iter().map(|(n, v)| (*n, *v));
    let params = spec.headers.iter().map(|(n, v)| (*n, v.as_str()));
    // The caller's own headers for this call come last, so they win; but the SDK frames and
    // routes the request itself, and a `Content-Length` that disagrees with the body cuts it or
    // leaves the server waiting.
    if let Some((name, _)) = spec
        .options
        .headers
        .iter()
        .find(|(name, _)| is_framing_header(name))
    {
        return Err(spec.invalid(
            name,
            "cannot be set per call: the SDK sets the framing and routing headers itself",
        ));
    }
    let extra = spec.options.headers.iter();
    let extra = extra.map(|(n, v)| (n.as_str(), v.as_str()));
    for (name, value) in defaults.chain(params).chain(extra) {
        let header = HeaderName::try_from(name)
            .map_err(|_| spec.invalid(name, "is not a valid header name"))?;
        let value = HeaderValue::try_from(value).map_err(|_| {
            spec.invalid(
                name,
                "holds characters a header cannot carry (such as a line break)",
            )
        })?;
        headers.insert(header, value);
    }
    if !spec.cookies.is_empty() {
        let pairs: Vec<String> = spec
            .cookies
            .iter()
            .map(|(name, value)| format!("{name}={}", cookie_value(value)))
            .collect();
        let value = HeaderValue::try_from(pairs.join("; "))
            .map_err(|_| spec.invalid("cookie", "is not a valid cookie"))?;
        headers.insert(COOKIE, value);
    }
    if let Some(body) = &spec.body {
        let content_type = HeaderValue::try_from(body.content_type.as_ref())
            .map_err(|_| spec.invalid("body", "has a media type a header cannot carry"))?;
        headers.insert(CONTENT_TYPE, content_type);
        let sent = match &body.content {
            Content::Bytes(bytes) => reqwest::Body::from(bytes.clone()),
            Content::Stream { stream, length } => {
                let Some(stream) = Content::take_stream(stream) else {
                    return Err(spec.invalid(
                        "body",
                        "is a stream that was sent already: a stream is sent once",
                    ));
                };
                if let Some(length) = length {
                    headers.insert(CONTENT_LENGTH, HeaderValue::from(*length));
                }
                reqwest::Body::wrap_stream(stream)
            }
        };
        *request.body_mut() = Some(sent);
    }
    Ok(request)
}

/// Adds each credential to the headers (query keys went into the URL already).
pub(super) fn add_credentials(
    spec: &RequestSpec,
    headers: &mut HeaderMap,
    credentials: &[(SchemeKind, Ready)],
) -> Result<(), InvalidInput> {
    for (kind, ready) in credentials {
        authenticate(headers, *kind, ready)
            .map_err(|problem| spec.invalid("credentials", problem))?;
    }
    Ok(())
}

/// Adds one scheme's credential to the headers.
fn authenticate(
    headers: &mut HeaderMap,
    kind: SchemeKind,
    ready: &Ready,
) -> Result<(), &'static str> {
    let sensitive = |text: String| {
        let mut value =
            HeaderValue::try_from(text).map_err(|_| "hold characters a header cannot carry")?;
        value.set_sensitive(true);
        Ok::<_, &'static str>(value)
    };
    match (kind, ready) {
        (_, Ready::Bearer(token)) => {
            headers.insert(
                AUTHORIZATION,
                sensitive(format!("Bearer {}", token.expose()))?,
            );
        }
        (_, Ready::Basic { user, password }) => {
            let pair = format!("{user}:{}", password.expose());
            headers.insert(
                AUTHORIZATION,
                sensitive(format!("Basic {}", base64(pair.as_bytes())))?,
            );
        }
        (SchemeKind::ApiKey { location, name }, Ready::ApiKey(key)) => match location {
            KeyLocation::Header => {
                let name = HeaderName::try_from(name).map_err(|_| "name no valid header")?;
                headers.insert(name, sensitive(key.expose().to_owned())?);
            }
            KeyLocation::Cookie => {
                // One `Cookie` header for all cookies (RFC 6265): the key joins the parameters'.
                let pair = format!("{name}={}", key.expose());
                let text = match headers.get(COOKIE).and_then(|value| value.to_str().ok()) {
                    Some(others) => format!("{others}; {pair}"),
                    None => pair,
                };
                headers.insert(COOKIE, sensitive(text)?);
            }
            KeyLocation::Query => {}
        },
        (_, Ready::ApiKey(_)) => {}
    }
    Ok(())
}

/// A cookie value with every byte outside RFC 6265's `cookie-octet` percent-encoded.
fn cookie_value(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if matches!(byte, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
            && byte != b'%'
        {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// Standard base64 with padding (RFC 4648), for basic credentials.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for (index, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if index <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> shift & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_base64() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(
            base64(b"Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
    }
}
