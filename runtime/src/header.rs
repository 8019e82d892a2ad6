//! Response headers a spec documents, read as typed values: each one a type of the generated crate
//! that names the header and says how its text is decoded, read with
//! [`ApiResponse::header`](crate::ApiResponse::header) or [`Error::header`](crate::Error::header).

use std::fmt;

use reqwest::header::HeaderMap;

/// A response header a spec documents: its name, the type of its value, and how that value is
/// read from the header's text. Generated crates declare one type per documented header.
pub trait DocumentedHeader {
    /// The header's name as the spec writes it (header names match in any case).
    const NAME: &'static str;
    /// What the header holds, e.g. `i64` for a total count.
    type Value;
    /// The value from the header's text; the reason it cannot be read otherwise.
    fn decode(text: &str) -> Result<Self::Value, String>;
}

/// A documented header whose text is not a value of its documented type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidHeader {
    /// The header's name.
    pub name: &'static str,
    /// The text it had, cut at [`InvalidHeader::TEXT_SHOWN`] characters; its values joined with
    /// `, ` when it was sent more than once.
    pub text: String,
    /// Why the text is not a value of its type.
    pub reason: String,
}

impl InvalidHeader {
    /// How much of a header's text an error keeps: enough to see what was sent, bounded whatever
    /// the server sends.
    pub const TEXT_SHOWN: usize = 200;
}

impl fmt::Display for InvalidHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "response header `{}` is not what the spec documents: {} (it was {:?})",
            self.name, self.reason, self.text
        )
    }
}

impl std::error::Error for InvalidHeader {}

/// The value of header `H` among `headers`: `None` when it was not sent. A header sent several
/// times is read as one, its values joined with `, ` (RFC 9110, section 5.3): a list gets every
/// item, a single value fails to decode rather than one of them being dropped.
pub(crate) fn read<H: DocumentedHeader>(
    headers: &HeaderMap,
) -> Result<Option<H::Value>, InvalidHeader> {
    let mut text = String::new();
    let mut found = false;
    for value in headers.get_all(H::NAME) {
        let invalid = |reason: &str, text: &str| InvalidHeader {
            name: H::NAME,
            text: shown(text),
            reason: reason.to_owned(),
        };
        let value = value.to_str().map_err(|_| {
            let lossy = String::from_utf8_lossy(value.as_bytes()).into_owned();
            invalid("it is not visible ASCII text", &lossy)
        })?;
        if found {
            text.push_str(", ");
        }
        text.push_str(value.trim());
        found = true;
    }
    if !found {
        return Ok(None);
    }
    H::decode(&text).map(Some).map_err(|reason| InvalidHeader {
        name: H::NAME,
        text: shown(&text),
        reason,
    })
}

fn shown(text: &str) -> String {
    match text.char_indices().nth(InvalidHeader::TEXT_SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// How generated crates decode a header's text, one function per form the spec can give it.
pub mod decode {
    use std::fmt::Display;
    use std::str::FromStr;

    use serde::de::DeserializeOwned;
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    /// `value` once `check` (the spec's bounds on the header) passes; the bound it breaks as the
    /// reason otherwise.
    pub fn checked<T>(
        value: T,
        check: impl FnOnce(&T) -> Result<(), crate::Violation>,
    ) -> Result<T, String> {
        check(&value).map_err(|violation| violation.problem)?;
        Ok(value)
    }

    /// A number, a boolean, a string or a string enum, by its `FromStr`.
    pub fn parsed<T: FromStr>(text: &str) -> Result<T, String>
    where
        T::Err: Display,
    {
        text.trim()
            .parse()
            .map_err(|error: T::Err| error.to_string())
    }

    /// An RFC 3339 date-time.
    pub fn date_time(text: &str) -> Result<OffsetDateTime, String> {
        OffsetDateTime::parse(text.trim(), &Rfc3339)
            .map_err(|error| format!("not an RFC 3339 date-time: {error}"))
    }

    /// A value written as JSON text.
    pub fn json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        serde_json::from_str(text).map_err(|error| format!("not the documented JSON: {error}"))
    }

    /// A comma-separated list (OpenAPI's `simple` style), each item decoded by `item`; no text is
    /// an empty list.
    pub fn list<T>(text: &str, item: fn(&str) -> Result<T, String>) -> Result<Vec<T>, String> {
        if text.trim().is_empty() {
            return Ok(Vec::new());
        }
        text.split(',')
            .enumerate()
            .map(|(index, text)| item(text).map_err(|reason| format!("item {index}: {reason}")))
            .collect()
    }

    /// The text as sent, for a header whose documented type has no text form.
    pub fn text(text: &str) -> Result<String, String> {
        Ok(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    struct TotalCount;
    impl DocumentedHeader for TotalCount {
        const NAME: &'static str = "X-Total-Count";
        type Value = u32;
        fn decode(text: &str) -> Result<u32, String> {
            decode::parsed(text)
        }
    }

    struct Tags;
    impl DocumentedHeader for Tags {
        const NAME: &'static str = "x-tags";
        type Value = Vec<i64>;
        fn decode(text: &str) -> Result<Vec<i64>, String> {
            decode::list(text, decode::parsed)
        }
    }

    fn headers(pairs: &[(&'static str, &[u8])]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            let value = HeaderValue::from_bytes(value).expect("a test header value");
            map.append(*name, value);
        }
        map
    }

    #[test]
    fn a_documented_header_is_read_in_any_case_and_absent_is_none() {
        let map = headers(&[("x-total-count", b" 42 ")]);
        assert_eq!(read::<TotalCount>(&map), Ok(Some(42)));
        assert_eq!(read::<TotalCount>(&HeaderMap::new()), Ok(None));
    }

    #[test]
    fn a_value_out_of_its_type_names_the_header_the_text_and_why() {
        let map = headers(&[("X-Total-Count", b"99999999999")]);
        let error = read::<TotalCount>(&map).expect_err("too large for u32");
        assert_eq!(error.name, "X-Total-Count");
        assert_eq!(error.text, "99999999999");
        assert!(error.reason.contains("too large"), "{}", error.reason);
        let map = headers(&[("X-Total-Count", b"-1")]);
        assert!(read::<TotalCount>(&map).is_err());
    }

    #[test]
    fn a_header_sent_twice_is_one_list_or_an_error_never_one_of_them() {
        let map = headers(&[("x-tags", b"1, 2"), ("x-tags", b"3")]);
        assert_eq!(read::<Tags>(&map), Ok(Some(vec![1, 2, 3])));
        let map = headers(&[("x-total-count", b"1"), ("x-total-count", b"2")]);
        let error = read::<TotalCount>(&map).expect_err("two counts");
        assert_eq!(error.text, "1, 2");
        let error = read::<Tags>(&headers(&[("x-tags", b"1,x")])).expect_err("not a number");
        assert!(error.reason.starts_with("item 1:"), "{}", error.reason);
    }

    #[test]
    fn bytes_that_are_not_text_and_long_text_are_shown_bounded() {
        let error =
            read::<TotalCount>(&headers(&[("x-total-count", b"\xff1")])).expect_err("not ASCII");
        assert!(error.text.contains('\u{fffd}'), "{}", error.text);
        let long = "7".repeat(10_000);
        let error = read::<TotalCount>(&headers(&[("x-total-count", long.as_bytes())]))
            .expect_err("too large");
        assert_eq!(error.text.chars().count(), InvalidHeader::TEXT_SHOWN + 1);
    }

    #[test]
    fn date_times_json_and_empty_lists_decode() {
        assert!(decode::date_time("2024-01-06T19:51:13Z").is_ok());
        assert!(decode::date_time("yesterday").is_err());
        assert_eq!(decode::json::<Vec<u8>>("[1,2]"), Ok(vec![1, 2]));
        assert_eq!(decode::list::<i64>(" ", decode::parsed), Ok(Vec::new()));
    }
}
