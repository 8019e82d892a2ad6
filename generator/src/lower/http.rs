//! HTTP vocabulary: which media types are JSON, which of an operation's listed types the SDK uses,
//! and what may be a header name.

use indexmap::IndexMap;

use crate::spec::MediaType;

/// `application/json`, any `+json` type (`application/merge-patch+json`), with or without
/// parameters (`application/json; charset=utf-8`), in any case.
pub fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or_default().trim();
    let essence = essence.to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// What a body of a media type is, for reading or writing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaKind {
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data` (other `multipart/` types are bytes the caller writes).
    Multipart,
    /// `text/*` and XML: a string.
    Text,
    /// Anything else, `*/*` included: bytes.
    Binary,
}

pub fn media_kind(media: &str) -> MediaKind {
    let essence = media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if is_json(media) {
        MediaKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if essence == "multipart/form-data" {
        MediaKind::Multipart
    } else if essence.starts_with("text/")
        || essence == "application/xml"
        || essence.ends_with("+xml")
    {
        MediaKind::Text
    } else {
        MediaKind::Binary
    }
}

/// The media type to send a body as: the spec's, unless it is a range (`*/*`, `image/*`), which
/// names no type a server could read.
pub fn sendable_media(media: &str) -> &str {
    if media.contains('*') {
        "application/octet-stream"
    } else {
        media
    }
}

/// Prefers JSON: plain `application/json` (with any parameters), then any JSON type, then the
/// first listed.
pub fn preferred_content(content: &IndexMap<String, MediaType>) -> Option<(&str, &MediaType)> {
    let plain = |media: &str| {
        let essence = media.split(';').next().unwrap_or_default().trim();
        essence.eq_ignore_ascii_case("application/json")
    };
    content
        .iter()
        .find(|(media, _)| plain(media))
        .or_else(|| content.iter().find(|(media, _)| is_json(media)))
        .or_else(|| content.first())
        .map(|(media, schema)| (media.as_str(), schema))
}

/// An HTTP field name (RFC 9110 `token`).
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_are_tokens() {
        assert!(is_header_name("X-Request-Id"));
        assert!(!is_header_name("X-Bad\r\nInjected: yes"));
        assert!(!is_header_name("with space"));
        assert!(!is_header_name(""));
    }

    #[test]
    fn recognises_json_media_types() {
        for json in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
            "application/json-patch+json",
            "application/vnd.github+json; charset=utf-8",
        ] {
            assert!(is_json(json), "{json}");
        }
        for other in [
            "text/plain",
            "multipart/form-data",
            "application/octet-stream",
            "text/x+json",
        ] {
            assert!(!is_json(other), "{other}");
        }
    }
}
