//! JSON pointers into the spec (`#/components/schemas/X/properties/y`), the way OpenAPI tools name a
//! place in a document.

use std::fmt;

/// A JSON pointer in URI-fragment form, escaped per RFC 6901 (`~` as `~0`, `/` as `~1`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JsonPointer(String);

impl JsonPointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        JsonPointer("#".to_owned())
    }

    /// Parses the fragment of a `$ref` such as `#/components/schemas/X`.
    pub fn from_fragment(fragment: &str) -> Option<Self> {
        (fragment == "#" || fragment.starts_with("#/")).then(|| JsonPointer(fragment.to_owned()))
    }

    /// This pointer with one more segment.
    pub fn join(&self, segment: impl fmt::Display) -> Self {
        let mut text = String::with_capacity(self.0.len() + 24);
        text.push_str(&self.0);
        let mut joined = JsonPointer(text);
        joined.push(segment);
        joined
    }

    /// Adds a segment in place, for a walk that goes down and back up (see [`Self::truncate`]);
    /// returns the length to truncate to. The segment is written straight after the pointer and
    /// escaped only when it needs it: lowering and assembly add a segment for every node.
    pub fn push(&mut self, segment: impl fmt::Display) -> usize {
        use fmt::Write as _;
        let before = self.0.len();
        self.0.push('/');
        let start = self.0.len();
        // Writing to a `String` cannot fail.
        let _ = write!(self.0, "{segment}");
        if self.0[start..].contains(['~', '/']) {
            let escaped = self.0[start..].replace('~', "~0").replace('/', "~1");
            self.0.truncate(start);
            self.0.push_str(&escaped);
        }
        before
    }

    /// Back to the pointer as it was before a [`Self::push`] that returned `length`.
    pub fn truncate(&mut self, length: usize) {
        self.0.truncate(length);
    }

    /// The pointer one segment up; the root is its own parent.
    pub fn parent_or_root(&self) -> Self {
        match self.0.rfind('/') {
            Some(index) => JsonPointer(self.0[..index].to_owned()),
            None => self.clone(),
        }
    }

    /// The unescaped segments after `#`.
    pub fn segments(&self) -> Vec<String> {
        self.0
            .split('/')
            .skip(1)
            .map(unescape)
            .collect()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A segment as written in a pointer, unescaped (`~1` to `/`, then `~0` to `~`).
pub fn unescape(segment: &str) -> String {
    if segment.contains('~') {
        segment.replace("~1", "/").replace("~0", "~")
    } else {
        segment.to_owned()
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_unescapes_segments() {
        let pointer = JsonPointer::root()
            .join("paths")
            .join("/workgroups/{id}")
            .join("a~b")
            .join("~1/")
            .join(7);
        assert_eq!(
            pointer.as_str(),
            "#/paths/~1workgroups~1{id}/a~0b/~01~1/7"
        );
        assert_eq!(
            pointer.segments(),
            ["paths", "/workgroups/{id}", "a~b", "~1/", "7"]
        );
        let mut walked = JsonPointer::root();
        let length = walked.push("a/b");
        assert_eq!(walked.as_str(), "#/a~1b");
        walked.truncate(length);
        assert_eq!(walked, JsonPointer::root());
    }

    #[test]
    fn accepts_only_local_fragments() {
        assert!(JsonPointer::from_fragment("#/components/schemas/X").is_some());
        assert!(JsonPointer::from_fragment("other.yaml#/X").is_none());
    }
}
