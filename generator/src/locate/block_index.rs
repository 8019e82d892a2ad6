//! An index of the block structure of a YAML document: every mapping key and sequence item written
//! in block style, with its position. Built in one pass over the lines, without parsing values.
//!
//! It gives up (returns `None`) rather than guess: anything written in flow style (`{a: 1}`,
//! `[1, 2]`) has no entries inside it, and such pointers fall back to the parser.

use crate::diagnostics::Location;

/// One key or item.
#[derive(Debug)]
struct Entry {
    segment: Segment,
    line: usize,
    /// 0-based column where the key or the item's content starts.
    column: usize,
    /// 0-based column of the key, or of the `-` of an item: what nesting is measured by.
    indent: usize,
    is_item: bool,
    /// The value follows on the next lines (a nested mapping or sequence), not on this one.
    opens: bool,
    parent: Option<usize>,
    items_seen: usize,
    /// A bare `-` whose content starts on a later line: its position becomes its first child's,
    /// as the parser reports it.
    awaiting_content: bool,
}

#[derive(Debug, PartialEq)]
enum Segment {
    Key(String),
    Index(usize),
}

#[derive(Debug)]
pub struct BlockIndex {
    entries: Vec<Entry>,
}

impl BlockIndex {
    pub fn build(text: &str) -> Self {
        let mut builder = Builder {
            entries: Vec::new(),
            open: Vec::new(),
            skip_deeper_than: None,
        };
        for (number, line) in text.lines().enumerate() {
            builder.line(number + 1, line);
        }
        BlockIndex {
            entries: builder.entries,
        }
    }

    /// The position of the entry at `segments` (the pointer's unescaped segments).
    pub fn find(&self, segments: &[String]) -> Option<Location> {
        let mut parent: Option<usize> = None;
        let mut found = None;
        for segment in segments {
            let wanted = match segment.parse::<usize>() {
                Ok(index) => [Segment::Index(index), Segment::Key(segment.clone())],
                Err(_) => [Segment::Key(segment.clone()), Segment::Key(segment.clone())],
            };
            let next = self
                .entries
                .iter()
                .enumerate()
                .skip(parent.map_or(0, |p| p + 1))
                .find(|(_, entry)| entry.parent == parent && wanted.contains(&entry.segment))
                .map(|(index, _)| index)?;
            parent = Some(next);
            found = Some(next);
        }
        let entry = &self.entries[found?];
        Some(Location {
            line: entry.line,
            column: entry.column + 1,
        })
    }
}

struct Builder {
    entries: Vec<Entry>,
    /// The entries that may still get children, innermost last.
    open: Vec<usize>,
    /// Lines indented deeper than this belong to a scalar value started above.
    skip_deeper_than: Option<usize>,
}

impl Builder {
    fn line(&mut self, number: usize, line: &str) {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if content.is_empty() || content.starts_with('#') {
            return;
        }
        if let Some(limit) = self.skip_deeper_than {
            if indent > limit {
                return;
            }
            self.skip_deeper_than = None;
        }
        if indent == 0 && (content.starts_with("---") || content.starts_with("...")) {
            self.open.clear();
            return;
        }
        self.entries_on_line(number, indent, content);
    }

    /// A line holds `- ` items, possibly nested, then possibly `key:` and a value.
    fn entries_on_line(&mut self, number: usize, mut column: usize, mut rest: &str) {
        while rest == "-" || rest.starts_with("- ") {
            let after = rest[1..].trim_start_matches(' ');
            let content_column = column + (rest.len() - after.len());
            let parent = self.parent_of_item(column);
            let index = parent.map_or(0, |p| self.entries[p].items_seen);
            if let Some(p) = parent {
                self.entries[p].items_seen += 1;
            }
            self.push(Entry {
                segment: Segment::Index(index),
                line: number,
                column: content_column,
                indent: column,
                is_item: true,
                opens: true,
                parent,
                items_seen: 0,
                awaiting_content: after.is_empty(),
            });
            column = content_column;
            rest = after;
        }
        if rest.is_empty() {
            return;
        }
        let Some((key, value)) = split_key(rest) else {
            // A scalar item, or a line this index does not understand: its deeper lines are its own.
            self.skip_deeper_than = Some(column.saturating_sub(1));
            return;
        };
        let parent = self.parent_of_key(column);
        let value = strip_comment(value);
        let opens = value.is_empty() || is_property_only(value);
        self.push(Entry {
            segment: Segment::Key(key),
            line: number,
            column,
            indent: column,
            is_item: false,
            opens,
            parent,
            items_seen: 0,
            awaiting_content: false,
        });
        if !opens {
            // An inline value, a block scalar (`|`, `>`) or a flow collection: every deeper line
            // is part of it.
            self.skip_deeper_than = Some(column);
        }
    }

    fn push(&mut self, entry: Entry) {
        if let Some(parent) = entry.parent.map(|p| &mut self.entries[p]) {
            if parent.awaiting_content {
                parent.awaiting_content = false;
                parent.line = entry.line;
                parent.column = entry.column;
            }
        }
        self.entries.push(entry);
        self.open.push(self.entries.len() - 1);
    }

    /// A key belongs to the innermost open entry indented less than it.
    fn parent_of_key(&mut self, column: usize) -> Option<usize> {
        while let Some(&top) = self.open.last() {
            let entry = &self.entries[top];
            if entry.indent < column && entry.opens {
                return Some(top);
            }
            self.open.pop();
        }
        None
    }

    /// An item belongs to the innermost open entry indented less than it, or to a key at the same
    /// column whose value is this sequence (`key:` then `- item` without indentation).
    fn parent_of_item(&mut self, column: usize) -> Option<usize> {
        while let Some(&top) = self.open.last() {
            let entry = &self.entries[top];
            let holds_items = entry.opens
                && (entry.indent < column || (entry.indent == column && !entry.is_item));
            if holds_items {
                return Some(top);
            }
            self.open.pop();
        }
        None
    }
}

/// `key: value` or `key:`, with the key unquoted; `None` when the line is not a mapping entry.
fn split_key(text: &str) -> Option<(String, &str)> {
    let (key, rest) = match text.chars().next()? {
        quote @ ('"' | '\'') => {
            let end = closing_quote(text, quote)?;
            let key = unquote(&text[1..end], quote);
            (key, &text[end + 1..])
        }
        '{' | '[' | '|' | '>' | '&' | '*' | '!' | '?' => return None,
        _ => {
            let colon = find_mapping_colon(text)?;
            (text[..colon].trim_end().to_owned(), &text[colon..])
        }
    };
    let value = rest.strip_prefix(':')?;
    (value.is_empty() || value.starts_with(' ')).then(|| (key, value.trim_start()))
}

/// The first `:` followed by a space or the end of the line, outside a comment.
fn find_mapping_colon(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        if byte == b'#' && index > 0 && bytes[index - 1] == b' ' {
            return None;
        }
        if byte == b':' && bytes.get(index + 1).is_none_or(|next| *next == b' ') {
            return Some(index);
        }
    }
    None
}

fn closing_quote(text: &str, quote: char) -> Option<usize> {
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((index, ch)) = chars.next() {
        match ch {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek().is_some_and(|(_, next)| *next == '\'') => {
                chars.next();
            }
            _ if ch == quote => return Some(index),
            _ => {}
        }
    }
    None
}

fn unquote(text: &str, quote: char) -> String {
    match quote {
        '\'' => text.replace("''", "'"),
        _ => text.replace("\\\"", "\"").replace("\\\\", "\\"),
    }
}

fn strip_comment(value: &str) -> &str {
    if value.starts_with('#') {
        return "";
    }
    match value.find(" #") {
        Some(index) if !value.starts_with(['"', '\'']) => value[..index].trim_end(),
        _ => value,
    }
}

/// An anchor or tag alone (`&name`, `!tag`) still leaves the value on the next lines.
fn is_property_only(value: &str) -> bool {
    value
        .split_whitespace()
        .all(|word| word.starts_with('&') || word.starts_with('!'))
}
