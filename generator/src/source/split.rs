//! A large YAML document parsed on several cores.
//!
//! The text is cut between the entries of its top-level mapping, and an entry longer than a piece
//! between the entries of its own mapping (`paths`, then `components` and `schemas`), at any
//! depth. Each piece is parsed as a document of its own, with the key lines of the mappings it is
//! in put back in front, and the trees are joined in order.
//!
//! A cut is only made before a line that YAML reads as the start of an entry at that indentation.
//! The joined tree is used only when every piece parses and no key is in two pieces: otherwise the
//! caller parses the whole text, so what is read, and every error with its line, is what one parse
//! gives. A cut through a quoted or flow value fails the piece before it; an alias whose anchor is
//! in another piece fails its own piece; a key written twice across pieces fails the join.

use serde_json::{Map, Value};

use super::tree::Tree;

/// Below this, a second thread costs more than it saves.
const MIN_BYTES: usize = 256 * 1024;

/// Pieces per thread: enough that one slow piece does not keep the others waiting.
const PIECES_PER_THREAD: usize = 2;

/// The document's tree, parsed in pieces on `threads` threads; `None` when the text is small, or
/// cannot be cut, or a piece does not parse: then the caller parses it whole.
pub(crate) fn tree(text: &str, threads: crate::Threads) -> Option<Value> {
    // JSON has a parser of its own, several times faster than YAML's on one core.
    let json = text.trim_start().starts_with(['{', '[']);
    if text.len() < MIN_BYTES || json {
        return None;
    }
    let threads = threads.count();
    if threads < 2 {
        return None;
    }
    let size = text.len() / (threads * PIECES_PER_THREAD);
    let pieces = pieces(&units(text, size)?, size);
    if pieces.len() < 2 {
        return None;
    }
    join(parse_all(&pieces, threads)?)
}

/// One entry of a mapping, as whole lines of the text, with the key lines of the mappings it is
/// in (outermost first): a piece that starts with it repeats them.
#[derive(Clone, Debug)]
struct Unit<'t> {
    path: Vec<Line<'t>>,
    text: &'t str,
}

#[derive(Clone, Copy, Debug)]
struct Line<'t> {
    start: usize,
    text: &'t str,
    /// Its leading spaces, counted once: every level of the cut asks.
    indent: usize,
}

impl<'t> Line<'t> {
    /// The text's lines, each with its line break.
    fn all(text: &'t str) -> Vec<Line<'t>> {
        // A byte loop: `split_inclusive` takes twice as long on lines this short.
        let bytes = text.as_bytes();
        let mut lines = Vec::with_capacity(text.len() / 32);
        let mut start = 0;
        while start < bytes.len() {
            let indent = bytes[start..]
                .iter()
                .take_while(|&&byte| byte == b' ')
                .count();
            let end = bytes[start + indent..]
                .iter()
                .position(|&byte| byte == b'\n')
                .map_or(bytes.len(), |at| start + indent + at + 1);
            // `end` follows a `\n` or is the end, so it is a character boundary.
            lines.push(Line {
                start,
                text: &text[start..end],
                indent,
            });
            start = end;
        }
        lines
    }

    fn indent(&self) -> usize {
        self.indent
    }

    /// The line without its indentation and line break.
    fn content(&self) -> &'t str {
        self.text[self.indent..].trim_end()
    }

    fn end(&self) -> usize {
        self.start + self.text.len()
    }

    fn is_blank_or_comment(&self) -> bool {
        let content = self.content();
        content.is_empty() || content.starts_with('#')
    }

    /// Whether the line begins a `key: value` entry: a plain or quoted key, not a sequence item,
    /// an explicit key, a flow collection, an anchor, alias, tag or block scalar.
    fn starts_entry(&self) -> bool {
        let content = &self.text[self.indent..];
        content
            .chars()
            .next()
            .is_some_and(|first| !first.is_whitespace() && !"-?:,[]{}#&*!|>%@`".contains(first))
            && content.contains(':')
    }

    /// Whether the line is a key alone, its value (if a mapping) on the lines below.
    fn is_key_alone(&self) -> bool {
        self.content().ends_with(':')
    }
}

/// The text's entries, an entry longer than `size` cut into its own when its value is a block
/// mapping; `None` when the root is not a block mapping whose entries start at the first column,
/// or the text holds what a cut could change the reading of (directives, several documents, a
/// byte-order mark).
fn units(text: &str, size: usize) -> Option<Vec<Unit<'_>>> {
    if text.starts_with('\u{feff}') {
        return None;
    }
    let lines = Line::all(text);
    let content = lines.iter().filter(|line| !line.is_blank_or_comment());
    if content.clone().next()?.indent() > 0 {
        return None;
    }
    for line in content.filter(|line| line.indent() == 0) {
        let text = line.content();
        if text.starts_with("---") || text.starts_with("...") || !line.starts_entry() {
            return None;
        }
    }
    let mut units = Vec::new();
    mapping_units(text, &lines, 0, size, &mut Vec::new(), &mut units);
    Some(units)
}

/// The units of the mapping under `path` whose entries start at column `indent` of `lines`
/// (lines before the first entry are blank or comments).
fn mapping_units<'t>(
    text: &'t str,
    lines: &[Line<'t>],
    indent: usize,
    size: usize,
    path: &mut Vec<Line<'t>>,
    units: &mut Vec<Unit<'t>>,
) {
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&index| lines[index].indent() == indent && lines[index].starts_entry())
        .collect();
    for (number, &first) in starts.iter().enumerate() {
        let entry = &lines[first..starts.get(number + 1).copied().unwrap_or(lines.len())];
        let [header, body @ ..] = entry else {
            continue;
        };
        let end = entry.last().map_or(header.end(), Line::end);
        let child = body
            .iter()
            .find(|line| !line.is_blank_or_comment())
            .filter(|line| line.starts_entry() && line.indent() > indent);
        match child {
            Some(child) if end - header.start > size && header.is_key_alone() => {
                path.push(*header);
                mapping_units(text, body, child.indent(), size, path, units);
                path.pop();
            }
            _ => units.push(Unit {
                path: path.clone(),
                text: &text[header.start..end],
            }),
        }
    }
}

/// A piece's text, and how many of the mappings its first entry is in it shares with the last
/// entry of the piece before (those continue there).
#[derive(Debug)]
struct Piece {
    text: String,
    shared: usize,
}

/// The units grouped into pieces of about `size` bytes, each a document: a unit comes after the
/// key lines of its mappings that the text before it has not opened.
fn pieces(units: &[Unit<'_>], size: usize) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut current: Option<Piece> = None;
    let mut previous: &[Line<'_>] = &[];
    for unit in units {
        let shared = previous
            .iter()
            .zip(&unit.path)
            .take_while(|(a, b)| a.start == b.start)
            .count();
        let piece = current.get_or_insert_with(|| Piece {
            text: String::with_capacity(size + size / 4),
            shared,
        });
        let open = if piece.text.is_empty() { 0 } else { shared };
        for line in &unit.path[open..] {
            piece.text.push_str(line.text);
        }
        piece.text.push_str(unit.text);
        if !piece.text.ends_with('\n') {
            piece.text.push('\n');
        }
        previous = &unit.path;
        if piece.text.len() >= size {
            pieces.extend(current.take());
        }
    }
    pieces.extend(current);
    pieces
}

/// Every piece's tree, in order, parsed by `threads` workers taking pieces in turn; `None` when
/// any fails.
fn parse_all(pieces: &[Piece], threads: usize) -> Option<Vec<(Value, usize)>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(piece) = pieces.get(index) else {
                return done;
            };
            let tree = serde_yaml::from_str::<Tree>(&piece.text).ok();
            done.push((index, tree.map(|Tree(value)| (value, piece.shared))));
        }
    };
    let workers = threads.min(pieces.len());
    let mut done = std::thread::scope(|scope| {
        // A thread the system refuses leaves its pieces to the others.
        let helpers: Vec<_> = (1..workers)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut done = work();
        for helper in helpers {
            done.extend(helper.join().ok()?);
        }
        Some(done)
    })?;
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, tree)| tree).collect()
}

/// The pieces' trees as one; `None` when a key would be in it twice (the whole parse names it).
fn join(trees: Vec<(Value, usize)>) -> Option<Value> {
    let mut root = Map::new();
    for (tree, shared) in trees {
        let Value::Object(tree) = tree else {
            return None;
        };
        merge(&mut root, tree, shared)?;
    }
    Some(Value::Object(root))
}

/// Adds `from`'s entries to `into`, where the first entry's first `shared` levels are the last
/// entries of `into`'s (the mappings a cut went through) and every other key is new.
fn merge(into: &mut Map<String, Value>, from: Map<String, Value>, shared: usize) -> Option<()> {
    for (position, (key, value)) in from.into_iter().enumerate() {
        if position == 0 && shared > 0 {
            let (last_key, last) = into.iter_mut().next_back()?;
            let (true, Value::Object(last), Value::Object(value)) = (*last_key == key, last, value)
            else {
                return None;
            };
            merge(last, value, shared - 1)?;
        } else if into.insert(key, value).is_some() {
            return None;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Threads;

    /// The whole parse, as the caller makes it when the cut gives up.
    fn whole(text: &str) -> Value {
        serde_yaml::from_str::<Tree>(text).unwrap().0
    }

    /// The cut parse with pieces of `size` bytes, on two threads.
    fn cut(text: &str, size: usize) -> Option<Value> {
        let pieces = pieces(&units(text, size)?, size);
        join(parse_all(&pieces, 2)?)
    }

    const SPEC: &str = "\
# A comment before the first key.
openapi: 3.0.3
info:
  title: Pets
  version: '1'
paths:
  /pets:
    get:
      tags:
      - pets
      description: |
        Lists pets.

        paths: not a key
  # a comment at the section's indentation
  /pets/{id}:
    get:
      summary: One pet, on
        two lines
components:
  schemas:
    Pet:
      type: object
    Cat: {type: object,
      title: Cat}
";

    #[test]
    fn cut_anywhere_reads_as_the_whole() {
        let expected = whole(SPEC);
        for size in 1..SPEC.len() + 1 {
            assert_eq!(
                cut(SPEC, size),
                Some(expected.clone()),
                "pieces of {size} bytes"
            );
        }
    }

    #[test]
    fn a_real_spec_cut_reads_as_the_whole() {
        for spec in ["sailpoint-api.v2024.yaml", "stripe/stripe.yaml"] {
            let path = format!("{}/tests/corpus/{spec}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).unwrap();
            let expected = whole(&text);
            for pieces in [2, 7, 64] {
                assert_eq!(
                    cut(&text, text.len() / pieces).as_ref(),
                    Some(&expected),
                    "{spec}"
                );
            }
            let crlf = text.replace('\n', "\r\n");
            assert_eq!(
                cut(&crlf, crlf.len() / 7).as_ref(),
                Some(&expected),
                "{spec}"
            );
        }
    }

    #[test]
    fn cuts_entries_longer_than_a_piece_into_their_own() {
        let units = units(SPEC, 60).unwrap();
        let cuts: Vec<(Vec<&str>, &str)> = units
            .iter()
            .map(|unit| {
                let path = unit.path.iter().map(|line| line.content()).collect();
                (path, unit.text.lines().next().unwrap_or_default().trim())
            })
            .collect();
        assert_eq!(
            cuts,
            [
                (vec![], "openapi: 3.0.3"),
                (vec![], "info:"),
                (vec!["paths:", "/pets:", "get:"], "tags:"),
                (vec!["paths:", "/pets:", "get:"], "description: |"),
                (vec!["paths:", "/pets/{id}:"], "get:"),
                (vec!["components:", "schemas:"], "Pet:"),
                (vec!["components:", "schemas:"], "Cat: {type: object,"),
            ]
        );
    }

    #[test]
    fn gives_up_where_a_cut_could_change_the_reading() {
        // A key written twice, in two pieces: the whole parse refuses it and names it.
        let twice = "paths:\n  /a: 1\n  /b: 2\npaths:\n  /c: 3\n";
        assert_eq!(cut(twice, 1), None);
        let twice_inside = "paths:\n  /a: 1\n  /a: 2\n";
        assert_eq!(cut(twice_inside, 1), None);
        // An alias whose anchor is in the piece before.
        let alias = "a:\n  x: &shared 1\n  y: *shared\n";
        assert_eq!(cut(alias, 1), None);
        assert_eq!(cut(alias, alias.len()), Some(whole(alias)));
        // A flow value cut through.
        let flow = "a: {x: 1,\ny: 2}\n";
        assert_eq!(cut(flow, 1), None);
        // Several documents, directives, a root that is not a mapping.
        for text in [
            "a: 1\n---\nb: 2\n",
            "%YAML 1.2\n---\na: 1\n",
            "- a\n- b\n",
            "\u{feff}a: 1\n",
        ] {
            assert!(units(text, 1).is_none(), "{text:?}");
        }
    }

    #[test]
    fn large_texts_are_cut_on_more_than_one_thread() {
        assert_eq!(tree(SPEC, Threads::Fixed(2)), None);
        let paths: String = (0..20_000)
            .map(|number| format!("  /p{number}:\n    get: {{}}\n"))
            .collect();
        let large = format!("openapi: 3.0.3\npaths:\n{paths}");
        assert!(large.len() > MIN_BYTES);
        assert_eq!(tree(&large, Threads::Fixed(1)), None);
        assert_eq!(tree(&large, Threads::Fixed(2)), Some(whole(&large)));
    }
}
