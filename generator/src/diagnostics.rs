//! Problems found in a spec, each with the place it was found.

use std::fmt;

use crate::pointer::JsonPointer;

/// A line and column in the spec file, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// One problem: where it is and what was expected there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The pointer inside the file the problem stands in.
    pub pointer: JsonPointer,
    pub location: Option<Location>,
    pub message: String,
    /// The file the problem stands in, when it is not the spec itself (a file the spec references,
    /// or an overlay).
    pub file: Option<String>,
}

impl Diagnostic {
    pub fn new(pointer: JsonPointer, message: impl Into<String>) -> Self {
        Diagnostic {
            pointer,
            location: None,
            message: message.into(),
            file: None,
        }
    }
}

/// Every problem found in one spec and the files it references. Generation writes nothing when
/// there is any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics {
    /// The spec file as the caller named it; the file of every problem that names none of its own.
    pub file: String,
    pub items: Vec<Diagnostic>,
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, item) in self.items.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            let file = item.file.as_deref().unwrap_or(&self.file);
            match item.location {
                Some(Location { line, column }) => write!(f, "{file}:{line}:{column}")?,
                None => write!(f, "{file}")?,
            }
            write!(f, ": {}: ", item.pointer)?;
            // One problem a line: a line break or control character quoted from the spec is escaped.
            for ch in item.message.chars() {
                if ch.is_control() {
                    write!(f, "{}", ch.escape_default())?;
                } else {
                    write!(f, "{ch}")?;
                }
            }
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
