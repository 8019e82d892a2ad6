//! Bodies shown in errors: cut to a bound, at a character boundary.

/// How much of a body an error's message shows.
pub const PREVIEW_BYTES: usize = 512;

/// How much of a body an error keeps (its `body` or `text` field); the message shows less.
pub const ERROR_BODY_BYTES: usize = 16 * 1024;

/// The start of a body as text, at most `limit` bytes of it, with `...` when cut (invalid UTF-8
/// replaced).
pub(crate) fn bounded_text(body: &[u8], limit: usize) -> String {
    // Decode no more than can be kept (plus one character that may straddle the cut).
    let head = &body[..body.len().min(limit.saturating_add(4))];
    let text = String::from_utf8_lossy(head);
    if text.len() <= limit && head.len() == body.len() {
        return text.into_owned();
    }
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &text[..end])
}

/// The start of a body for an error's message.
pub(crate) fn preview(body: &[u8]) -> String {
    bounded_text(body, PREVIEW_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_are_cut_at_a_character_boundary() {
        let long = "é".repeat(400);
        let shown = preview(long.as_bytes());
        assert!(shown.ends_with("...") && shown.len() <= PREVIEW_BYTES + 3);
        assert_eq!(preview(b"short"), "short");
        assert_eq!(preview(b""), "");
    }

    #[test]
    fn a_body_cut_inside_a_character_is_marked_as_cut() {
        // 511 ASCII bytes, then a two-byte character across the bound, then nothing.
        let mut body = vec![b'a'; PREVIEW_BYTES - 1];
        body.extend_from_slice("é".as_bytes());
        let shown = preview(&body);
        assert_eq!(shown.len(), PREVIEW_BYTES - 1 + 3);
        assert!(shown.ends_with("a..."));
    }

    #[test]
    fn invalid_utf8_is_replaced_not_refused() {
        assert_eq!(bounded_text(b"ok \xff", 100), "ok \u{fffd}");
    }
}
