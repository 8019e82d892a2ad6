//! A depth limit checked in one pass over the text before it is parsed: the YAML parser takes
//! seconds on deeply nested input (100,000 brackets run for many seconds), and no real spec
//! nests anywhere near the limit.
//!
//! Depth is block nesting (indentation levels) plus flow nesting (`[` and `{`). The scan is
//! approximate where YAML is subtle (block scalars, plain text holding brackets): it can only err by
//! a few levels, and matters only past the limit.

use crate::diagnostics::{Diagnostic, Location};
use crate::pointer::JsonPointer;

/// Deeper than this is refused. The YAML deserializer itself stops at 128 nested values; a spec's
/// deepest schemas are a few dozen levels.
pub const MAX_DEPTH: usize = 128;

/// The first place the text nests deeper than [`MAX_DEPTH`], as a problem.
pub fn check(text: &str) -> Result<(), Diagnostic> {
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
            flow = flow_after(bytes, flow, number, indents.len())?;
        }
        if indents.len() + flow > MAX_DEPTH {
            return Err(too_deep(number + 1, indent + 1));
        }
    }
    Ok(())
}

/// The flow depth after one line that may open or close brackets, from `flow` before it, under
/// `blocks` block levels.
fn flow_after(
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
