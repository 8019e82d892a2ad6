//! Byte searches over a whole spec's text, with SSE2 on x86-64.
//!
//! memchr's own functions ask the CPU for AVX2 on their first call, and on a virtual machine each
//! `cpuid` that takes traps to the host: about 70 µs in all on the machine these were measured on,
//! more than a small spec's whole scan. SSE2 is x86-64's baseline, so nothing is asked.

/// Where `needle` is first in `haystack`.
pub fn first_of(needle: u8, haystack: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if let Some(search) = memchr::arch::x86_64::sse2::memchr::One::new(needle) {
        return search.find(haystack);
    }
    memchr::arch::all::memchr::One::new(needle).find(haystack)
}

/// Where any of `needles` is first in `haystack`.
pub fn first_of_three([a, b, c]: [u8; 3], haystack: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if let Some(search) = memchr::arch::x86_64::sse2::memchr::Three::new(a, b, c) {
        return search.find(haystack);
    }
    memchr::arch::all::memchr::Three::new(a, b, c).find(haystack)
}

/// Where `needle` starts in `haystack`, each place in turn (overlapping ones too). Found by its
/// first byte, so it is fast where that byte is rare (`$` of `$ref`).
pub fn starts_of<'h>(needle: &'h str, haystack: &'h str) -> impl Iterator<Item = usize> + 'h {
    let (needle, bytes) = (needle.as_bytes(), haystack.as_bytes());
    let mut from = 0;
    std::iter::from_fn(move || {
        let first = *needle.first()?;
        loop {
            let at = from + first_of(first, bytes.get(from..)?)?;
            from = at + 1;
            if bytes[at..].starts_with(needle) {
                return Some(at);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_the_standard_library_finds() {
        // Long enough for the vector loops, with matches at their ends and between them.
        let text = format!(
            "a$ref: x\n$re$ref $$ref\n{}\"$ref\": [1, {{2}}]{}$ref",
            "y".repeat(70),
            "z".repeat(33)
        );
        let starts: Vec<usize> = starts_of("$ref", &text).collect();
        let expected: Vec<usize> = text.match_indices("$ref").map(|(at, _)| at).collect();
        assert_eq!(starts, expected);
        assert_eq!(starts_of("$ref", "").count(), 0);
        assert_eq!(starts_of("", "abc").count(), 0);
        for byte in text.bytes().chain([b'#']) {
            let expected = text.bytes().position(|other| other == byte);
            assert_eq!(first_of(byte, text.as_bytes()), expected);
        }
        for from in 0..text.len() {
            let rest = &text[from..];
            let brackets = first_of_three([b'\n', b'[', b'{'], rest.as_bytes());
            assert_eq!(brackets, rest.find(['\n', '[', '{']));
        }
    }
}
