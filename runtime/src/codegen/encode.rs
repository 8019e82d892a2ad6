//! Values as text in the ways OpenAPI's parameter styles and `application/x-www-form-urlencoded`
//! bodies define: a value is first made JSON (so every model type works), then written in its
//! style. A value nested deeper than a style can express is written as JSON text.

use serde_json::Value;

/// How a parameter or form field is written (OpenAPI `style`).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `a=1&a=2` exploded, `a=1,2` not (query, cookie, form fields).
    Form,
    /// `a=1%202` (query arrays).
    SpaceDelimited,
    /// `a=1|2` (query arrays).
    PipeDelimited,
    /// `a[x]=1&a[y]=2` (query objects).
    DeepObject,
    /// `1,2` (path and header).
    Simple,
    /// `.1.2` (path).
    Label,
    /// `;a=1;a=2` (path).
    Matrix,
}

/// The text of a value that is not an array or object; `None` for null, which is not sent.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Number(number) => Some(number.to_string()),
        structured => Some(structured.to_string()),
    }
}

/// The name-value pairs of a query parameter or form field `name` holding `value`.
pub(crate) fn pairs(
    name: &str,
    value: &Value,
    style: Style,
    explode: bool,
    out: &mut Vec<(String, String)>,
) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            let texts = items.iter().filter_map(scalar_text);
            match (style, explode) {
                (Style::Form, true) | (Style::DeepObject, _) => {
                    out.extend(texts.map(|text| (name.to_owned(), text)));
                }
                (style, _) => {
                    let joined: Vec<String> = texts.collect();
                    out.push((name.to_owned(), joined.join(delimiter(style))));
                }
            }
        }
        Value::Object(fields) => match (style, explode) {
            (Style::DeepObject, _) => deep_object(name, value, out),
            (Style::Form, true) => {
                for (key, field) in fields {
                    if let Some(text) = scalar_text(field) {
                        out.push((key.clone(), text));
                    }
                }
            }
            (style, _) => {
                let joined: Vec<String> = fields
                    .iter()
                    .filter_map(|(key, field)| Some([key.clone(), scalar_text(field)?]))
                    .flatten()
                    .collect();
                out.push((name.to_owned(), joined.join(delimiter(style))));
            }
        },
        scalar => out.extend(scalar_text(scalar).map(|text| (name.to_owned(), text))),
    }
}

fn delimiter(style: Style) -> &'static str {
    match style {
        Style::SpaceDelimited => " ",
        Style::PipeDelimited => "|",
        _ => ",",
    }
}

/// `name[key]=value` for each field, nested objects as `name[key][inner]`, arrays by index
/// (`name[key][0]`), as the APIs that use this style read it.
fn deep_object(name: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                deep_object(&format!("{name}[{key}]"), field, out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                deep_object(&format!("{name}[{index}]"), item, out);
            }
        }
        scalar => out.extend(scalar_text(scalar).map(|text| (name.to_owned(), text))),
    }
}

/// A path parameter in its style, each value percent-encoded and the separators literal:
/// `simple` (`1,2`), `label` (`.1.2`), `matrix` (`;id=1;id=2`).
pub(crate) fn path_text(name: &str, value: &Value, style: Style, explode: bool) -> String {
    let encode = |text: &str| {
        let mut out = String::new();
        crate::request::encode_segment(text, &mut out);
        out
    };
    let (prefix, separator) = match (style, explode) {
        (Style::Label, true) => (".".to_owned(), "."),
        (Style::Label, false) => (".".to_owned(), ","),
        (Style::Matrix, true) => (String::new(), ""),
        (Style::Matrix, false) => (format!(";{}=", encode(name)), ","),
        _ => (String::new(), ","),
    };
    let parts: Vec<String> = match value {
        Value::Array(items) => items
            .iter()
            .filter_map(scalar_text)
            .map(|text| match (style, explode) {
                (Style::Matrix, true) => format!(";{}={}", encode(name), encode(&text)),
                _ => encode(&text),
            })
            .collect(),
        Value::Object(fields) => fields
            .iter()
            .filter_map(|(key, field)| Some((key, scalar_text(field)?)))
            .flat_map(|(key, text)| match (style, explode) {
                (Style::Matrix, true) => vec![format!(";{}={}", encode(key), encode(&text))],
                (_, true) => vec![format!("{}={}", encode(key), encode(&text))],
                _ => vec![encode(key), encode(&text)],
            })
            .collect(),
        scalar => scalar_text(scalar)
            .map(|text| match (style, explode) {
                (Style::Matrix, true) => format!(";{}={}", encode(name), encode(&text)),
                _ => encode(&text),
            })
            .into_iter()
            .collect(),
    };
    format!("{prefix}{}", parts.join(separator))
}

/// A header value in the `simple` style: `1,2`, and objects `x,1,y,2` (`x=1,y=2` exploded).
pub(crate) fn header_text(value: &Value, explode: bool) -> Option<String> {
    match value {
        Value::Array(items) => {
            let texts: Vec<String> = items.iter().filter_map(scalar_text).collect();
            Some(texts.join(","))
        }
        Value::Object(fields) => {
            let parts: Vec<String> = fields
                .iter()
                .filter_map(|(key, field)| {
                    let text = scalar_text(field)?;
                    Some(if explode {
                        format!("{key}={text}")
                    } else {
                        format!("{key},{text}")
                    })
                })
                .collect();
            Some(parts.join(","))
        }
        scalar => scalar_text(scalar),
    }
}

/// `application/x-www-form-urlencoded` text of name-value pairs (the WHATWG URL standard's
/// serializer: unreserved bytes as they are, space as `+`, everything else percent-encoded).
pub(crate) fn form_urlencoded(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (index, (name, value)) in pairs.iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        form_component(name, &mut out);
        out.push('=');
        form_component(value, &mut out);
    }
    out
}

fn form_component(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0x0f)]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn query(value: Value, style: Style, explode: bool) -> String {
        let mut out = Vec::new();
        pairs("id", &value, style, explode, &mut out);
        form_urlencoded(&out)
    }

    #[test]
    fn query_styles_follow_openapi() {
        let list = json!([3, 4, 5]);
        // Keys in alphabetical order, which serde_json keeps with or without `preserve_order`.
        let object = json!({"a name": "Alex", "role": "admin"});
        assert_eq!(query(list.clone(), Style::Form, true), "id=3&id=4&id=5");
        assert_eq!(query(list.clone(), Style::Form, false), "id=3%2C4%2C5");
        assert_eq!(
            query(list.clone(), Style::SpaceDelimited, false),
            "id=3+4+5"
        );
        assert_eq!(query(list, Style::PipeDelimited, false), "id=3%7C4%7C5");
        assert_eq!(
            query(object.clone(), Style::Form, true),
            "a+name=Alex&role=admin"
        );
        assert_eq!(
            query(object.clone(), Style::Form, false),
            "id=a+name%2CAlex%2Crole%2Cadmin"
        );
        assert_eq!(
            query(object, Style::DeepObject, true),
            "id%5Ba+name%5D=Alex&id%5Brole%5D=admin"
        );
        assert_eq!(query(json!(null), Style::Form, true), "");
    }

    #[test]
    fn deep_objects_nest_and_index_arrays() {
        let value = json!({"card": {"number": "42", "tags": ["a", "b"]}});
        let mut out = Vec::new();
        pairs("source", &value, Style::DeepObject, true, &mut out);
        let names: Vec<&str> = out.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "source[card][number]",
                "source[card][tags][0]",
                "source[card][tags][1]"
            ]
        );
    }

    #[test]
    fn path_styles_follow_openapi() {
        let list = json!([3, 4]);
        let object = json!({"n": 5, "role": "admin"});
        assert_eq!(
            path_text("id", &json!("a/b"), Style::Simple, false),
            "a%2Fb"
        );
        assert_eq!(path_text("id", &list, Style::Simple, false), "3,4");
        assert_eq!(
            path_text("id", &object, Style::Simple, true),
            "n=5,role=admin"
        );
        assert_eq!(
            path_text("id", &object, Style::Simple, false),
            "n,5,role,admin"
        );
        assert_eq!(path_text("id", &json!(5), Style::Label, false), ".5");
        assert_eq!(path_text("id", &list, Style::Label, true), ".3.4");
        assert_eq!(path_text("id", &list, Style::Label, false), ".3,4");
        assert_eq!(path_text("id", &json!(5), Style::Matrix, false), ";id=5");
        assert_eq!(path_text("id", &list, Style::Matrix, true), ";id=3;id=4");
        assert_eq!(path_text("id", &list, Style::Matrix, false), ";id=3,4");
        assert_eq!(
            path_text("id", &object, Style::Matrix, true),
            ";n=5;role=admin"
        );
    }

    #[test]
    fn headers_are_simple() {
        assert_eq!(header_text(&json!([1, 2]), false).unwrap(), "1,2");
        assert_eq!(
            header_text(&json!({"a": 1, "b": "x"}), true).unwrap(),
            "a=1,b=x"
        );
        assert_eq!(header_text(&json!(null), false), None);
    }
}
