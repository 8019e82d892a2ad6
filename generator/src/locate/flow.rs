//! Finds places inside a flow collection (`{"a": [1, 2]}`, `[a, {b: c}]`): all of a JSON document,
//! or a flow value inside block YAML. One pass over the collection for every place wanted, which
//! only descends into the keys and items some wanted place goes through and skips the rest.
//!
//! It gives up (the place is reported as unseen) on what it does not know rather than guess:
//! anchors, aliases, tags, complex keys. Those places go to the parser.

use crate::diagnostics::Location;

/// How far the scan got along one wanted place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reach {
    /// How many segments were found in the text, and where the last of them starts.
    pub depth: usize,
    pub location: Option<Location>,
    /// The scan stopped on text it does not read before it could tell: the parser must look.
    pub unseen: bool,
}

/// Where each of `targets` (segments below the collection that starts at byte `start`, on line
/// `line`, which starts at byte `line_start`) is.
pub fn locate(
    text: &str,
    start: usize,
    line: usize,
    line_start: usize,
    targets: &[&[String]],
) -> Vec<Reach> {
    let mut scan = Scan {
        text,
        bytes: text.as_bytes(),
        position: start,
        line,
        line_start,
        reach: vec![Reach::default(); targets.len()],
        targets,
        counted: (line_start, 0),
    };
    let all: Vec<usize> = (0..targets.len()).collect();
    if scan.value(&all, 0).is_err() {
        for reach in &mut scan.reach {
            // Every place found before the stop stays found; the rest may be past it.
            reach.unseen = true;
        }
    }
    scan.reach
}

/// A place in the text, as the scan passed it.
#[derive(Clone, Copy)]
struct Mark {
    position: usize,
    line: usize,
    line_start: usize,
}

/// Text this scanner does not read.
struct GiveUp;

struct Scan<'t, 's> {
    text: &'t str,
    bytes: &'t [u8],
    position: usize,
    line: usize,
    line_start: usize,
    targets: &'s [&'s [String]],
    reach: Vec<Reach>,
    /// A byte of the current line and the characters before it on the line: columns are counted
    /// on from the last one, as the scan only moves forward, so a document on one line (minified
    /// JSON) is counted once, not once a place.
    counted: (usize, usize),
}

impl<'t> Scan<'t, '_> {
    /// Reads the value at hand; `wanted` are the targets that go through it, `depth` segments in.
    fn value(&mut self, wanted: &[usize], depth: usize) -> Result<(), GiveUp> {
        self.skip_space()?;
        match self.peek() {
            Some(b'{') => self.mapping(wanted, depth),
            Some(b'[') => self.sequence(wanted, depth),
            Some(b'"' | b'\'') => self.quoted().map(drop),
            Some(b'&' | b'*' | b'!' | b'?' | b'|' | b'>') | None => Err(GiveUp),
            Some(_) => {
                // A value that is not one (a stray `]`, `,` or `:`): the text is broken here.
                if self.plain().is_empty() {
                    Err(GiveUp)
                } else {
                    Ok(())
                }
            }
        }
    }

    fn mapping(&mut self, wanted: &[usize], depth: usize) -> Result<(), GiveUp> {
        self.position += 1;
        loop {
            self.skip_space()?;
            match self.peek() {
                Some(b'}') => {
                    self.position += 1;
                    return Ok(());
                }
                Some(b',') => {
                    self.position += 1;
                    continue;
                }
                _ => {}
            }
            let at = self.mark();
            let key = match self.peek() {
                // A key whose text this cannot decode cannot be compared.
                Some(b'"' | b'\'') => self.quoted()?.ok_or(GiveUp)?,
                Some(b'&' | b'*' | b'!' | b'?' | b'{' | b'[') | None => return Err(GiveUp),
                Some(_) => self.plain().trim_end().to_owned(),
            };
            self.skip_space()?;
            if self.peek() != Some(b':') {
                // A key without a value (`{a, b}`) is YAML this scanner does not read.
                return Err(GiveUp);
            }
            self.position += 1;
            let through = self.matching(wanted, depth, at, |segment| *segment == key);
            if through.is_empty() {
                self.skip_value()?;
            } else {
                self.value(&through, depth + 1)?;
            }
        }
    }

    fn sequence(&mut self, wanted: &[usize], depth: usize) -> Result<(), GiveUp> {
        self.position += 1;
        let mut index = 0usize;
        loop {
            self.skip_space()?;
            match self.peek() {
                Some(b']') => {
                    self.position += 1;
                    return Ok(());
                }
                Some(b',') => {
                    self.position += 1;
                    continue;
                }
                _ => {}
            }
            let at = self.mark();
            let through = self.matching(wanted, depth, at, |segment| {
                segment.parse::<usize>().ok() == Some(index)
            });
            if through.is_empty() {
                self.skip_value()?;
            } else {
                self.value(&through, depth + 1)?;
            }
            index += 1;
        }
    }

    /// Records the location of `at` for the targets whose next segment `matches`, and
    /// returns those that go on below it. The location is worked out only for a match.
    fn matching(
        &mut self,
        wanted: &[usize],
        depth: usize,
        at: Mark,
        matches: impl Fn(&String) -> bool,
    ) -> Vec<usize> {
        let mut through = Vec::new();
        for &target in wanted {
            let segments = self.targets[target];
            if segments.get(depth).is_some_and(&matches) {
                let location = self.location_of(at);
                self.reach[target].depth = depth + 1;
                self.reach[target].location = Some(location);
                if segments.len() > depth + 1 {
                    through.push(target);
                }
            }
        }
        through
    }

    /// Skips a value no target goes through, counting lines: an anchor, alias or tag inside it
    /// does not matter, only where it ends.
    fn skip_value(&mut self) -> Result<(), GiveUp> {
        self.skip_space()?;
        match self.peek() {
            Some(b'{' | b'[') => {}
            _ => return self.value(&[], 0),
        }
        let mut depth = 0usize;
        while let Some(byte) = self.peek() {
            match byte {
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.position += 1;
                        return Ok(());
                    }
                }
                b'"' | b'\'' => {
                    self.quoted()?;
                    continue;
                }
                b'\n' => self.newline(),
                b'#' if self.after_space() => {
                    self.skip_comment();
                    continue;
                }
                _ => {}
            }
            self.position += 1;
        }
        Err(GiveUp)
    }

    /// A quoted scalar, unquoted when this knows how (`None` when not); the position ends after
    /// the closing quote.
    fn quoted(&mut self) -> Result<Option<String>, GiveUp> {
        let quote = self.bytes[self.position];
        let start = self.position + 1;
        let mut index = start;
        let mut escaped = false;
        while let Some(&byte) = self.bytes.get(index) {
            match byte {
                b'\\' if quote == b'"' => {
                    escaped = true;
                    index += 1;
                }
                b'\'' if quote == b'\'' && self.bytes.get(index + 1) == Some(&b'\'') => {
                    escaped = true;
                    index += 1;
                }
                b'\n' => {
                    // A quoted scalar over several lines folds them: not a key this reads.
                    self.position = index;
                    self.newline();
                    escaped = true;
                }
                _ if byte == quote => {
                    let raw = self.text.get(start..index).ok_or(GiveUp)?;
                    self.position = index + 1;
                    return Ok(if !escaped {
                        Some(raw.to_owned())
                    } else if quote == b'\'' && !raw.contains('\n') {
                        Some(raw.replace("''", "'"))
                    } else {
                        unescape(raw)
                    });
                }
                _ => {}
            }
            index += 1;
        }
        Err(GiveUp)
    }

    /// A plain scalar: up to `,`, a closing bracket, `: ` or the end of the line.
    fn plain(&mut self) -> &'t str {
        let start = self.position;
        while let Some(&byte) = self.bytes.get(self.position) {
            let ends = match byte {
                b',' | b']' | b'}' | b'\n' | b'\r' => true,
                b':' => matches!(
                    self.bytes.get(self.position + 1),
                    None | Some(b' ' | b'\n' | b'\r' | b',' | b']' | b'}')
                ),
                b'#' => self.after_space(),
                _ => false,
            };
            if ends {
                break;
            }
            self.position += 1;
        }
        self.text.get(start..self.position).unwrap_or("")
    }

    fn skip_space(&mut self) -> Result<(), GiveUp> {
        while let Some(byte) = self.peek() {
            match byte {
                b' ' | b'\t' | b'\r' => self.position += 1,
                b'\n' => {
                    self.newline();
                    self.position += 1;
                }
                b'#' => self.skip_comment(),
                _ => return Ok(()),
            }
        }
        Ok(())
    }

    fn skip_comment(&mut self) {
        while let Some(byte) = self.peek() {
            if byte == b'\n' {
                return;
            }
            self.position += 1;
        }
    }

    /// Counts the line break at the position.
    fn newline(&mut self) {
        self.line += 1;
        self.line_start = self.position + 1;
    }

    fn after_space(&self) -> bool {
        self.position == 0
            || matches!(
                self.bytes.get(self.position - 1),
                Some(b' ' | b'\t' | b'\n')
            )
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    /// Where the scan is now.
    fn mark(&self) -> Mark {
        Mark {
            position: self.position,
            line: self.line,
            line_start: self.line_start,
        }
    }

    /// `at` as the parser gives it: 1-based line and column, the column in characters.
    fn location_of(&mut self, at: Mark) -> Location {
        let (mut from, mut chars) = self.counted;
        if from < at.line_start || from > at.position {
            (from, chars) = (at.line_start, 0);
        }
        chars += self
            .text
            .get(from..at.position)
            .map_or(0, |text| text.chars().count());
        self.counted = (at.position, chars);
        Location {
            line: at.line,
            column: chars + 1,
        }
    }
}

/// A double-quoted scalar's escapes, as JSON and YAML write them; `None` for one this does not
/// know.
pub(super) fn unescape(raw: &str) -> Option<String> {
    if raw.contains('\n') {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        let decoded = match chars.next()? {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).ok()?;
                // A surrogate pair names one character in two escapes.
                if (0xD800..0xDC00).contains(&code) {
                    let rest: String = chars.by_ref().take(6).collect();
                    let low = u32::from_str_radix(rest.strip_prefix("\\u")?, 16).ok()?;
                    char::from_u32(0x10000 + ((code - 0xD800) << 10) + (low.checked_sub(0xDC00)?))?
                } else {
                    char::from_u32(code)?
                }
            }
            _ => return None,
        };
        out.push(decoded);
    }
    Some(out)
}
