//! Spec prose to rustdoc. Descriptions are CommonMark written for a web page; as rustdoc they can
//! break the build or the docs: an unlabelled code block becomes a doctest, `[DEFAULT]` becomes a
//! broken intra-doc link, a bare URL and an HTML tag are warned about. This makes them inert.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::ir::{Constraints, Docs, TypeDef};

/// `#[doc = "..."]` attributes, one per line; nothing for empty text.
pub fn attributes(text: &str) -> TokenStream {
    let attributes = attribute_trees(text);
    quote! { #(#attributes)* }
}

/// [`attributes`] as syntax trees.
pub fn attribute_trees(text: &str) -> Vec<syn::Attribute> {
    text.lines()
        .map(|line| super::syntax::doc_attribute(line_text(line).trim_end()))
        .collect()
}

/// `#![doc = "..."]` attributes, one per line: a module's own documentation.
pub fn inner_attributes(text: &str) -> TokenStream {
    let lines = text
        .lines()
        .map(|line| line_text(line).trim_end().to_owned());
    quote! { #( #![doc = #lines] )* }
}

/// One line of documentation as a doc attribute's text: a leading space, and nothing rustc refuses
/// in a comment (control characters, and the bidirectional overrides that can make code read
/// otherwise than it compiles).
pub fn line_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 1);
    out.push(' ');
    // Most lines are printable ASCII, which needs no look at each character.
    if line
        .bytes()
        .all(|byte| byte == b'\t' || (b' '..=b'~').contains(&byte))
    {
        out.push_str(line);
        return out;
    }
    out.extend(line.chars().map(|ch| {
        if is_unsafe_in_comment(ch) {
            '\u{FFFD}'
        } else {
            ch
        }
    }));
    out
}

fn is_unsafe_in_comment(ch: char) -> bool {
    (ch.is_control() && ch != '\t')
        || matches!(ch, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The bounds of a value in words, e.g. "At most 100 items.".
pub fn constraint_text(constraints: &Constraints) -> Option<String> {
    let mut parts = Vec::new();
    let number = |value: f64| {
        if value.fract() == 0.0 {
            format!("{value:.0}")
        } else {
            value.to_string()
        }
    };
    if let Some(minimum) = constraints.minimum {
        let relation = if constraints.exclusive_minimum {
            "greater than"
        } else {
            "at least"
        };
        parts.push(format!("{relation} {}", number(minimum)));
    }
    if let Some(maximum) = constraints.maximum {
        let relation = if constraints.exclusive_maximum {
            "less than"
        } else {
            "at most"
        };
        parts.push(format!("{relation} {}", number(maximum)));
    }
    if let Some(min) = constraints.min_items {
        parts.push(format!("at least {min} items"));
    }
    if let Some(max) = constraints.max_items {
        parts.push(format!("at most {max} items"));
    }
    if constraints.unique_items {
        parts.push("no item twice".to_owned());
    }
    if let Some(min) = constraints.min_length {
        parts.push(format!("at least {min} characters"));
    }
    if let Some(max) = constraints.max_length {
        parts.push(format!("at most {max} characters"));
    }
    if let Some(pattern) = &constraints.pattern {
        parts.push(format!("matching `{}`", pattern.replace('`', "'")));
    }
    let text = parts.join(", ");
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| format!("{}{}.", first.to_uppercase(), chars.as_str()))
}

/// A default or example as the text sent on the wire: strings without their quotes.
pub fn wire_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The documentation of a type, field or parameter: its description (or title, or `fallback` when
/// the spec has neither, so every public item has docs), the notes the caller adds, and its example.
pub fn render(docs: &Docs, notes: &[String], fallback: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let text = docs
        .description
        .as_deref()
        .or(docs.title.as_deref())
        .map(|text| sanitize(text.trim()));
    match text {
        Some(text) if !text.is_empty() => parts.push(text),
        _ => parts.push(fallback.to_owned()),
    }
    if let Some(content) = &docs.content {
        parts.push(sanitize(content));
    }
    parts.extend(notes.iter().cloned());
    if let Some(example) = &docs.example {
        parts.push(example_text(example));
    }
    parts.join("\n\n")
}

/// The documentation of a named type; without a description, where in the spec it comes from.
pub fn type_attributes(def: &TypeDef) -> TokenStream {
    let attributes = type_attribute_trees(def);
    quote! { #(#attributes)* }
}

/// [`type_attributes`] as syntax trees.
pub fn type_attribute_trees(def: &TypeDef) -> Vec<syn::Attribute> {
    attribute_trees(&render(
        &def.docs,
        &[],
        &format!("The schema at `{}` in the spec.", def.origin),
    ))
}

fn example_text(example: &Value) -> String {
    match example {
        Value::Object(_) | Value::Array(_) => {
            let pretty = serde_json::to_string_pretty(example).unwrap_or_default();
            format!("Example:\n```json\n{pretty}\n```")
        }
        scalar => format!("Example: `{}`", scalar.to_string().replace('`', "'")),
    }
}

/// Text for one line (of Markdown, or a manifest's description): control characters, line
/// breaks included, as spaces.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|ch| if ch.is_control() { ' ' } else { ch })
        .collect()
}

/// Makes markdown safe for rustdoc.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_fence = false;
    let mut in_quote = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            // Only a fence labelled as Rust may be compiled; every other block is text.
            let opening = !in_fence;
            in_fence = !in_fence;
            if opening && (info.trim().is_empty() || info.trim() == "rust") {
                out.push_str("```text\n");
            } else {
                out.push_str(trimmed.trim_end());
                out.push('\n');
            }
            continue;
        }
        if in_fence {
            out.push_str(line.trim_end());
        } else {
            // Four spaces of indentation start an (untyped, so compiled) code block.
            let indent = line.len() - trimmed.len();
            let line = if indent >= 4 { trimmed } else { line };
            // A hard-wrapped quote goes on without its `>`; write the marker on every line.
            if trimmed.is_empty() {
                in_quote = false;
            } else if trimmed.starts_with('>') {
                in_quote = true;
            } else if in_quote {
                out.push_str("> ");
            }
            escape_inline(line.trim_end(), &mut out);
        }
        out.push('\n');
    }
    if in_fence {
        out.push_str("```\n");
    }
    out.trim_end().to_owned()
}

/// Escapes one line outside code blocks: brackets that are not links, HTML, bare URLs.
fn escape_inline(line: &str, out: &mut String) {
    let mut rest = line;
    while let Some(ch) = rest.chars().next() {
        if ch == '`' {
            // An inline code span is copied as it is.
            if let Some(end) = rest[1..].find('`') {
                out.push_str(&rest[..end + 2]);
                rest = &rest[end + 2..];
                continue;
            }
        }
        if ch == '[' {
            if let Some(length) = link_length(rest) {
                out.push_str(&rest[..length]);
                rest = &rest[length..];
                continue;
            }
        }
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', ')', '*']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        match ch {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            other => out.push(other),
        }
        rest = &rest[ch.len_utf8()..];
    }
}

/// The length of a markdown link `[text](url)` at the start of `text`, if there is one.
fn link_length(text: &str) -> Option<usize> {
    let close = text.find("](")?;
    if text[1..close].contains(['[', ']']) {
        return None;
    }
    let url_end = text[close + 2..].find(')')?;
    let url = &text[close + 2..close + 2 + url_end];
    (!url.contains(char::is_whitespace)).then_some(close + 2 + url_end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_links_and_escapes_stray_brackets() {
        assert_eq!(
            sanitize("See [the docs](https://x.test/a) or [DEFAULT]."),
            "See [the docs](https://x.test/a) or \\[DEFAULT\\]."
        );
    }

    #[test]
    fn wraps_bare_urls_and_escapes_html() {
        assert_eq!(
            sanitize("Go to https://x.test/a. Then <b>"),
            "Go to <https://x.test/a>. Then &lt;b>"
        );
    }

    #[test]
    fn code_blocks_never_become_doctests() {
        assert_eq!(sanitize("```\nlet x = 1;\n```"), "```text\nlet x = 1;\n```");
        assert_eq!(sanitize("```json\n{}\n```"), "```json\n{}\n```");
        assert_eq!(
            sanitize("para\n\n    indented code"),
            "para\n\nindented code"
        );
        assert_eq!(sanitize("```\nnever closed"), "```text\nnever closed\n```");
    }

    #[test]
    fn wrapped_quotes_keep_their_marker() {
        assert_eq!(
            sanitize("> first\nsecond\n\nafter"),
            "> first\n> second\n\nafter"
        );
    }

    #[test]
    fn controls_and_direction_overrides_never_reach_a_comment() {
        assert_eq!(line_text("a\u{202E}b\u{7}c\td"), " a\u{FFFD}b\u{FFFD}c\td");
        assert_eq!(line_text("a\u{7f}b"), " a\u{FFFD}b");
        assert_eq!(line_text("plain `text`\t~"), " plain `text`\t~");
    }

    #[test]
    fn leaves_quotes_and_inline_code_alone() {
        assert_eq!(sanitize("> 204 - deleted `[x]`"), "> 204 - deleted `[x]`");
    }
}
