//! An index of the block structure of a YAML document: every mapping key and sequence item written
//! in block style, with its position. Built in one pass over the lines, without parsing values.
//!
//! A flow value (`{a: 1}`, `[1, 2]`) has no entries inside it: the index says where it starts, for
//! the flow scanner. What it cannot read (anchors, aliases, complex keys) marks the entry it is in
//! as opaque: a place not found below an opaque entry may still be there, and goes to the parser.

use std::borrow::Cow;

use crate::diagnostics::Location;

/// One key or item.
#[derive(Debug)]
struct Entry<'t> {
    segment: Segment<'t>,
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
    /// The next entry with the same parent, so a lookup walks siblings, not the whole document.
    next_sibling: Option<usize>,
    last_child: Option<usize>,
    /// Its value is a flow collection on its own line: where it starts.
    flow: Option<FlowStart>,
    /// It holds text the index does not read.
    opaque: bool,
    /// Its node in the tree of wanted places; `None` when no wanted place goes through it, and
    /// then its lines are skipped.
    node: Option<usize>,
}

/// Where a flow collection starts: its byte, its line, and the byte its line starts at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlowStart {
    pub offset: usize,
    pub line: usize,
    pub line_start: usize,
}

#[derive(Debug, PartialEq)]
enum Segment<'t> {
    Key(Cow<'t, str>),
    Index(usize),
}

impl Segment<'_> {
    fn is(&self, segment: &str) -> bool {
        match self {
            Segment::Key(key) => key == segment,
            Segment::Index(index) => segment.parse::<usize>().ok() == Some(*index),
        }
    }
}

#[derive(Debug)]
pub struct BlockIndex<'t> {
    entries: Vec<Entry<'t>>,
    /// The first entry at the top level; the others follow as its siblings.
    first_top: Option<usize>,
    /// The document is a flow collection (a JSON document): where it starts.
    top_flow: Option<FlowStart>,
    top_opaque: bool,
}

/// How much of a pointer the index found.
#[derive(Debug, PartialEq, Eq)]
pub struct Found {
    /// Segments found, and where the last of them starts (the document's start when none).
    pub depth: usize,
    pub location: Location,
    /// The entry found last has a flow value: the rest of the pointer may be inside it.
    pub flow: Option<FlowStart>,
    /// The entry found last holds text the index does not read.
    pub opaque: bool,
}

impl<'t> BlockIndex<'t> {
    /// Indexes the entries on the way to `wanted` (places, as unescaped segments): the other
    /// entries' lines are skipped by their indentation alone.
    pub fn build(text: &'t str, wanted: &[Vec<String>]) -> Self {
        let tree = Tree::of(wanted);
        let mut builder = Builder {
            tree: &tree,
            done: false,
            entries: Vec::new(),
            open: Vec::new(),
            skip_deeper_than: None,
            first_top: None,
            last_top: None,
            top_flow: None,
            top_opaque: false,
        };
        let mut offset = 0;
        for (number, line) in text.split_inclusive('\n').enumerate() {
            let content = line.trim_end_matches(['\n', '\r']);
            if builder.done {
                break;
            }
            builder.line(number + 1, offset, content);
            offset += line.len();
        }
        BlockIndex {
            entries: builder.entries,
            first_top: builder.first_top,
            top_flow: builder.top_flow,
            top_opaque: builder.top_opaque,
        }
    }

    /// How far along `segments` (the pointer's unescaped segments) the index gets.
    pub fn find(&self, segments: &[String]) -> Found {
        let mut found = Found {
            depth: 0,
            location: Location { line: 1, column: 1 },
            flow: self.top_flow,
            opaque: self.top_opaque,
        };
        let mut candidate = self.first_top;
        for segment in segments {
            let mut next = None;
            while let Some(index) = candidate {
                let entry = &self.entries[index];
                if entry.segment.is(segment) {
                    next = Some(index);
                    break;
                }
                candidate = entry.next_sibling;
            }
            let Some(index) = next else {
                break;
            };
            let entry = &self.entries[index];
            found = Found {
                depth: found.depth + 1,
                location: Location {
                    line: entry.line,
                    column: entry.column + 1,
                },
                flow: entry.flow,
                opaque: entry.opaque,
            };
            candidate = self
                .entries
                .get(index + 1)
                .filter(|child| child.parent == Some(index))
                .map(|_| index + 1);
        }
        found
    }
}

/// The wanted places as a tree of segments; node 0 is the document.
struct Tree<'w> {
    children: Vec<Vec<(&'w str, usize)>>,
}

impl<'w> Tree<'w> {
    fn of(wanted: &'w [Vec<String>]) -> Self {
        let mut tree = Tree {
            children: vec![Vec::new()],
        };
        for path in wanted {
            let mut node = 0;
            for segment in path {
                node = match tree.child(node, |key| key == segment) {
                    Some(child) => child,
                    None => {
                        let child = tree.children.len();
                        tree.children.push(Vec::new());
                        tree.children[node].push((segment, child));
                        child
                    }
                };
            }
        }
        tree
    }

    fn child(&self, node: usize, matches: impl Fn(&str) -> bool) -> Option<usize> {
        self.children[node]
            .iter()
            .find(|(key, _)| matches(key))
            .map(|&(_, child)| child)
    }

    /// The node below `parent` (the document when `None`) for `segment`.
    fn below(&self, parent: Option<usize>, segment: &Segment<'_>) -> Option<usize> {
        self.child(parent?, |key| segment.is(key))
    }
}

struct Builder<'t, 'w> {
    tree: &'w Tree<'w>,
    /// The document is a flow collection: the flow scanner reads it.
    done: bool,
    entries: Vec<Entry<'t>>,
    /// The entries that may still get children, innermost last.
    open: Vec<usize>,
    /// Lines indented deeper than this belong to a scalar value started above.
    skip_deeper_than: Option<usize>,
    first_top: Option<usize>,
    last_top: Option<usize>,
    top_flow: Option<FlowStart>,
    top_opaque: bool,
}

impl<'t> Entry<'t> {
    fn new(
        segment: Segment<'t>,
        line: usize,
        column: usize,
        indent: usize,
        parent: Option<usize>,
    ) -> Self {
        Entry {
            segment,
            line,
            column,
            indent,
            is_item: false,
            opens: true,
            parent,
            items_seen: 0,
            awaiting_content: false,
            next_sibling: None,
            last_child: None,
            flow: None,
            opaque: false,
            node: None,
        }
    }
}

impl<'t> Builder<'t, '_> {
    fn line(&mut self, number: usize, offset: usize, line: &'t str) {
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
        self.entries_on_line(number, offset, indent, content);
    }

    /// A line holds `- ` items, possibly nested, then possibly `key:` and a value. `rest` is the
    /// line from byte `column` on; the line starts at byte `offset` of the text.
    fn entries_on_line(
        &mut self,
        number: usize,
        offset: usize,
        mut column: usize,
        mut rest: &'t str,
    ) {
        let mut item_here = false;
        while rest == "-" || rest.starts_with("- ") {
            let after = rest[1..].trim_start_matches(' ');
            let content_column = column + (rest.len() - after.len());
            let parent = self.parent_of_item(column);
            let index = parent.map_or(0, |p| self.entries[p].items_seen);
            if let Some(p) = parent {
                self.entries[p].items_seen += 1;
            }
            self.push(Entry::new(
                Segment::Index(index),
                number,
                content_column,
                column,
                parent,
            ));
            let item = self.entries.len() - 1;
            self.entries[item].is_item = true;
            self.entries[item].awaiting_content = after.is_empty();
            if self.entries[item].node.is_none() {
                // No wanted place is in this item: skip it, this line included.
                self.skip_deeper_than = Some(column);
                return;
            }
            column = content_column;
            rest = after;
            item_here = true;
        }
        if rest.is_empty() {
            return;
        }
        let flow = FlowStart {
            offset: offset + column,
            line: number,
            line_start: offset,
        };
        let Some((key, value)) = split_key(rest) else {
            // A scalar item, a flow collection, or a line this index does not read: its deeper
            // lines are its own.
            self.skip_deeper_than = Some(column.saturating_sub(1));
            let holder = if item_here {
                Some(self.entries.len() - 1)
            } else {
                self.parent_of_key(column)
            };
            match rest.as_bytes()[0] {
                b'{' | b'[' => match holder {
                    Some(holder) => self.entries[holder].flow = Some(flow),
                    None => {
                        // The document is one flow collection (JSON): nothing here for this index.
                        self.top_flow = Some(flow);
                        self.done = true;
                    }
                },
                // An alias, a tag or a complex key: what is inside is not written here.
                b'*' | b'!' | b'?' => self.mark_opaque(holder),
                // A scalar item holds nothing.
                _ if item_here => {}
                _ => self.mark_opaque(holder),
            }
            return;
        };
        let parent = self.parent_of_key(column);
        if key == "<<" {
            // A merge key brings in keys from elsewhere.
            self.mark_opaque(parent);
        }
        let value_column = column + (rest.len() - value.len());
        let value = strip_comment(value);
        let opens = value.is_empty() || is_property_only(value);
        self.push(Entry::new(
            Segment::Key(key),
            number,
            column,
            column,
            parent,
        ));
        let entry = self.entries.len() - 1;
        self.entries[entry].opens = opens;
        if self.entries[entry].node.is_none() {
            // No wanted place is below this key.
            self.skip_deeper_than = Some(column);
            return;
        }
        if value.starts_with(['{', '[']) {
            self.entries[entry].flow = Some(FlowStart {
                offset: offset + value_column,
                ..flow
            });
        } else if value.starts_with(['*', '!', '&']) {
            // An alias, a tag or an anchor before the value: what it holds is not read here.
            self.entries[entry].opaque = true;
        }
        if !opens {
            // An inline value, a block scalar (`|`, `>`) or a flow collection: every deeper line
            // is part of it.
            self.skip_deeper_than = Some(column);
        }
    }

    fn mark_opaque(&mut self, holder: Option<usize>) {
        match holder {
            Some(holder) => self.entries[holder].opaque = true,
            None => self.top_opaque = true,
        }
    }

    fn push(&mut self, mut entry: Entry<'t>) {
        let index = self.entries.len();
        let parent_node = match entry.parent {
            Some(parent) => self.entries[parent].node,
            None => Some(0),
        };
        entry.node = self.tree.below(parent_node, &entry.segment);
        match entry.parent {
            Some(parent) => {
                let parent = &mut self.entries[parent];
                if parent.awaiting_content {
                    parent.awaiting_content = false;
                    parent.line = entry.line;
                    parent.column = entry.column;
                }
                let previous = parent.last_child.replace(index);
                if let Some(previous) = previous {
                    self.entries[previous].next_sibling = Some(index);
                }
            }
            None => match self.last_top.replace(index) {
                Some(previous) => self.entries[previous].next_sibling = Some(index),
                None => self.first_top = Some(index),
            },
        }
        self.entries.push(entry);
        self.open.push(index);
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
fn split_key(text: &str) -> Option<(Cow<'_, str>, &str)> {
    let (key, rest) = match text.chars().next()? {
        quote @ ('"' | '\'') => {
            let end = closing_quote(text, quote)?;
            let key = unquote(&text[1..end], quote);
            (key, &text[end + 1..])
        }
        '{' | '[' | '|' | '>' | '&' | '*' | '!' | '?' => return None,
        _ => {
            let colon = find_mapping_colon(text)?;
            (Cow::Borrowed(text[..colon].trim_end()), &text[colon..])
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

fn unquote(text: &str, quote: char) -> Cow<'_, str> {
    match quote {
        '\'' if text.contains("''") => Cow::Owned(text.replace("''", "'")),
        '"' if text.contains('\\') => {
            Cow::Owned(super::flow::unescape(text).unwrap_or_else(|| text.to_owned()))
        }
        _ => Cow::Borrowed(text),
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
