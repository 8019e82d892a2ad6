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
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for (column, ch) in line.char_indices() {
            match (quote, ch) {
                (Some('"'), '\\') if previous != '\\' => {}
                (Some(open), ch) if ch == open && !(open == '"' && previous == '\\') => {
                    quote = None
                }
                (Some(_), _) => {}
                (None, '#') if previous.is_whitespace() => break,
                (None, '"' | '\'') if flow > 0 || opens_value(previous) => quote = Some(ch),
                (None, '[' | '{') if flow > 0 || opens_value(previous) => {
                    flow += 1;
                    if indents.len() + flow > MAX_DEPTH {
                        return Err(too_deep(number + 1, column + 1));
                    }
                }
                (None, ']' | '}') if flow > 0 => flow -= 1,
                _ => {}
            }
            previous = if ch == '\\' && previous == '\\' {
                ' '
            } else {
                ch
            };
        }
        if indents.len() + flow > MAX_DEPTH {
            return Err(too_deep(number + 1, indent + 1));
        }
    }
    Ok(())
}

/// Whether a node may start after `previous` in block context: after a key's `:`, an item's `-`,
/// or at the start of a line.
fn opens_value(previous: char) -> bool {
    previous.is_whitespace() || matches!(previous, ':' | '-' | '?')
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
