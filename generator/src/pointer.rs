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
        let segment = segment.to_string();
        let mut text = String::with_capacity(self.0.len() + segment.len() + 1);
        text.push_str(&self.0);
        text.push('/');
        for ch in segment.chars() {
            match ch {
                '~' => text.push_str("~0"),
                '/' => text.push_str("~1"),
                other => text.push(other),
            }
        }
        JsonPointer(text)
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
            .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
            .collect()
    }

    pub fn as_str(&self) -> &str {
        &self.0
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
            .join("a~b");
        assert_eq!(pointer.as_str(), "#/paths/~1workgroups~1{id}/a~0b");
        assert_eq!(pointer.segments(), ["paths", "/workgroups/{id}", "a~b"]);
    }

    #[test]
    fn accepts_only_local_fragments() {
        assert!(JsonPointer::from_fragment("#/components/schemas/X").is_some());
        assert!(JsonPointer::from_fragment("other.yaml#/X").is_none());
    }
}
