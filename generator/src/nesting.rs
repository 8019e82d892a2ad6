//! A depth limit checked in one pass over the text before it is parsed: the YAML parser takes
//! seconds on deeply nested input (100,000 brackets run for many seconds), and no real spec
//! nests anywhere near the limit.
//!
//! Depth is block nesting (indentation levels) plus flow nesting (`[` and `{`). The scan is
//! approximate where YAML is subtle (block scalars, plain text holding brackets): it can only err by
//! a few levels, and matters only past the limit.

use crate::diagnostics::{Diagnostic, Location};
use crate::pointer::JsonPointer;
use crate::search::{first_of, first_of_three};

/// Deeper than this is refused. The YAML deserializer itself stops at 128 nested values; a spec's
/// deepest schemas are a few dozen levels.
pub const MAX_DEPTH: usize = 128;

/// The first place the text nests deeper than [`MAX_DEPTH`], as a problem.
pub fn check(text: &str) -> Result<(), Diagnostic> {
    let bytes = text.as_bytes();
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let (mut start, mut number) = (0, 0);
    // The lines of `str::lines`, each found with a byte search: that iterator's own cost per
    // line is most of a large spec's scan.
    while start < bytes.len() {
        let indent = bytes[start..]
            .iter()
            .take_while(|&&byte| byte == b' ' || byte == b'-')
            .count();
        // The line's end, and whether a bracket is on it, in one search.
        let after = start + indent;
        let (end, bracket) = match first_of_three([b'\n', b'[', b'{'], &bytes[after..]) {
            None => (bytes.len(), false),
            Some(at) if bytes[after + at] == b'\n' => (after + at, false),
            Some(at) => {
                let from = after + at;
                let end = first_of(b'\n', &bytes[from..]).map_or(bytes.len(), |end| from + end);
                (end, true)
            }
        };
        let line = &bytes[start..end];
        // A line break is `\n` or `\r\n`.
        let line = if end < bytes.len() {
            line.strip_suffix(b"\r").unwrap_or(line)
        } else {
            line
        };
        if flow == 0 && line.get(indent).is_some_and(|&byte| byte != b'#') {
            while indents.last().is_some_and(|&top| top >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        // Only a bracket opens a level, and only an open one can close: a line without one when
        // none is open (most lines) changes nothing.
        if flow > 0 || bracket {
            flow = flow_after(line, flow, number, indents.len())?;
        }
        if indents.len() + flow > MAX_DEPTH {
            return Err(too_deep(number + 1, indent + 1));
        }
        start = end + 1;
        number += 1;
    }
    Ok(())
}

/// The bytes that can change the flow depth or what the bytes after them mean: all else is
/// skipped.
const SPECIAL: [bool; 256] = {
    let mut special = [false; 256];
    let mut index = 0;
    let bytes = b"#\"'[]{}";
    while index < bytes.len() {
        special[bytes[index] as usize] = true;
        index += 1;
    }
    special
};

/// The flow depth after one line that may open or close brackets, from `flow` before it, under
/// `blocks` block levels. Quotes and comments end with the line.
fn flow_after(
    bytes: &[u8],
    mut flow: usize,
    number: usize,
    blocks: usize,
) -> Result<usize, Diagnostic> {
    // Every byte that matters is ASCII, and YAML's whitespace is: bytes are enough.
    let mut at = 0;
    while let Some(offset) = bytes[at..]
        .iter()
        .position(|&byte| SPECIAL[usize::from(byte)])
    {
        let column = at + offset;
        at = column + 1;
        let byte = bytes[column];
        let opens = || flow > 0 || opens_value(previous(bytes, column));
        match byte {
            b'#' if previous(bytes, column).is_ascii_whitespace() => break,
            b'"' | b'\'' if opens() => match closing_quote(bytes, at, byte) {
                Some(close) => at = close + 1,
                None => break,
            },
            b'[' | b'{' if opens() => {
                flow += 1;
                if blocks + flow > MAX_DEPTH {
                    return Err(too_deep(number + 1, column + 1));
                }
            }
            b']' | b'}' if flow > 0 => flow -= 1,
            _ => {}
        }
    }
    Ok(flow)
}

/// What the scan takes as the byte before `column`: a space at the start of the line and after
/// an escaped backslash (an even run of them), else the byte itself.
fn previous(bytes: &[u8], column: usize) -> u8 {
    let before = &bytes[..column];
    match before.last() {
        None => b' ',
        Some(b'\\') => {
            let run = before
                .iter()
                .rev()
                .take_while(|&&byte| byte == b'\\')
                .count();
            if run % 2 == 0 { b' ' } else { b'\\' }
        }
        Some(&byte) => byte,
    }
}

/// Where the quote opened before `from` closes on its line: the next `quote`, a double one not
/// escaped by a backslash.
fn closing_quote(bytes: &[u8], from: usize, quote: u8) -> Option<usize> {
    let mut at = from;
    loop {
        let close = at + first_of(quote, &bytes[at..])?;
        if quote == b'\'' || previous(bytes, close) != b'\\' {
            return Some(close);
        }
        at = close + 1;
    }
}

/// Whether a node may start after `previous` in block context: after a key's `:`, an item's `-`,
/// or at the start of a line.
fn opens_value(previous: u8) -> bool {
    previous.is_ascii_whitespace() || matches!(previous, b':' | b'-' | b'?')
}

fn too_deep(line: usize, column: usize) -> Diagnostic {
    Diagnostic {
        pointer: JsonPointer::root(),
        location: Some(Location { line, column }),
        message: format!(
            "the document nests deeper than {MAX_DEPTH} levels here: refused before parsing"
        ),
        file: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan as it was first written, a byte at a time: the faster one must read every text as
    /// it does.
    fn byte_at_a_time(text: &str) -> Result<(), Diagnostic> {
        let mut indents: Vec<usize> = Vec::new();
        let mut flow = 0usize;
        for (number, line) in text.lines().enumerate() {
            let indent = line.len() - line.trim_start_matches([' ', '-']).len();
            let content = &line[indent..];
            if flow == 0 && !content.is_empty() && !content.starts_with('#') {
                while indents.last().is_some_and(|&top| top >= indent) {
                    indents.pop();
                }
                indents.push(indent);
            }
            // Only a bracket opens a level, and only an open one can close: a line without one when
            // none is open (most lines) changes nothing.
            let bytes = line.as_bytes();
            if flow > 0 || bytes.iter().any(|&byte| byte == b'[' || byte == b'{') {
                flow = model_flow_after(bytes, flow, number, indents.len())?;
            }
            if indents.len() + flow > MAX_DEPTH {
                return Err(too_deep(number + 1, indent + 1));
            }
        }
        Ok(())
    }

    /// The flow depth after one line that may open or close brackets, from `flow` before it, under
    /// `blocks` block levels.
    fn model_flow_after(
        bytes: &[u8],
        mut flow: usize,
        number: usize,
        blocks: usize,
    ) -> Result<usize, Diagnostic> {
        // Every byte that matters is ASCII, and YAML's whitespace is: bytes are enough.
        let mut quote: Option<u8> = None;
        let mut previous = b' ';
        for (column, &byte) in bytes.iter().enumerate() {
            match (quote, byte) {
                (Some(b'"'), b'\\') if previous != b'\\' => {}
                (Some(open), byte) if byte == open && !(open == b'"' && previous == b'\\') => {
                    quote = None
                }
                (Some(_), _) => {}
                (None, b'#') if previous.is_ascii_whitespace() => break,
                (None, b'"' | b'\'') if flow > 0 || opens_value(previous) => quote = Some(byte),
                (None, b'[' | b'{') if flow > 0 || opens_value(previous) => {
                    flow += 1;
                    if blocks + flow > MAX_DEPTH {
                        return Err(too_deep(number + 1, column + 1));
                    }
                }
                (None, b']' | b'}') if flow > 0 => flow -= 1,
                _ => {}
            }
            previous = if byte == b'\\' && previous == b'\\' {
                b' '
            } else {
                byte
            };
        }
        Ok(flow)
    }

    proptest::proptest! {
        #[test]
        fn the_scan_reads_every_text_as_a_byte_at_a_time(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "[", "[[[[[[[[[[[[[[[[", "{", "]", "}", "\"", "'", "\\", "#", " #", "a", ":",
                    "?", "-", " ", "  ", "\t", "\n", "\r\n", "\r", "- [", "a: {", "x: \"[\\\"\"",
                ]),
                0..400,
            )
        ) {
            let text: String = parts.concat();
            let fast = check(&text).map_err(|problem| problem.location);
            let model = byte_at_a_time(&text).map_err(|problem| problem.location);
            proptest::prop_assert_eq!(fast, model, "{:?}", text);
        }
    }

    #[test]
    fn real_nesting_passes() {
        assert!(check(include_str!("../../spec/workgroups.yaml")).is_ok());
        assert!(
            check("a: [1, {b: [2, 3]}]\nc: '[[[[['\nd: \"{{{\"\ne: text [with] brackets # [[[\n")
                .is_ok()
        );
    }

    #[test]
    fn deep_flow_nesting_is_refused_where_it_passes_the_limit() {
        let text = format!(
            "openapi: 3.0.3\nx: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let problem = check(&text).unwrap_err();
        assert_eq!(
            problem.location,
            Some(Location {
                line: 2,
                column: 3 + MAX_DEPTH
            })
        );
    }

    #[test]
    fn flow_nesting_over_many_lines_is_counted_on_each() {
        let text = format!("x:\n{}", "  [ # [[[\n".repeat(200));
        let problem = check(&text).unwrap_err();
        // `x` and the first bracket's indentation are two block levels, and each line opens one
        // more: the 128th line's bracket is the 129th level.
        assert_eq!(
            problem.location,
            Some(Location {
                line: MAX_DEPTH,
                column: 3
            })
        );
        assert!(check(&"  [ # [[[\n  ]\n".repeat(200)).is_ok());
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let mut text = String::new();
        for level in 0..200 {
            text.push_str(&" ".repeat(level));
            text.push_str("a:\n");
        }
        let problem = check(&text).unwrap_err();
        assert_eq!(problem.location.map(|at| at.line), Some(MAX_DEPTH + 1));
    }
}
