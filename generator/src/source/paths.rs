//! File names as the spec's `$ref`s reach them: relative to the file that holds the reference, with
//! `/` separators, `.` and `..` resolved without touching the disk, so one file reached two ways is
//! one name (and is read once).

/// The name of the file `relative` names, from the file `base` (itself a name made here or given
/// by the caller).
pub fn join(base: &str, relative: &str) -> String {
    if relative.starts_with('/') {
        return normalize(relative);
    }
    let folder = match base.rfind('/') {
        Some(index) => &base[..=index],
        None => "",
    };
    normalize(&format!("{folder}{relative}"))
}

fn normalize(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                // Above the root of an absolute path there is nothing; above a relative start, keep
                // climbing.
                _ if absolute => {}
                _ => parts.push(".."),
            },
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// A `$ref`'s path with its percent-escapes decoded (`my%20file.yaml`); `None` when an escape is
/// broken or decodes to something that is not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_owned());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a reference names a URL (`https://...`, `file:...`) rather than a path. A one-letter
/// scheme is a Windows drive (`C:/specs/a.yaml`), which is a path.
pub fn is_url(reference: &str) -> bool {
    let Some((scheme, _)) = reference.split_once(':') else {
        return false;
    };
    scheme.len() > 1
        && scheme.starts_with(|ch: char| ch.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '+' | '-' | '.'))
}

/// The file's name without its folder and extension: `schemas/owner-dto.yaml` gives `owner-dto`.
pub fn stem(name: &str) -> &str {
    let file = name.rsplit('/').next().unwrap_or(name);
    match file.rfind('.') {
        Some(index) if index > 0 => &file[..index],
        _ => file,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_to_the_referencing_file() {
        assert_eq!(
            join("specs/api/openapi.yaml", "./paths/a.yaml"),
            "specs/api/paths/a.yaml"
        );
        assert_eq!(
            join("specs/api/paths/a.yaml", "../../shared/r/401.yaml"),
            "specs/shared/r/401.yaml"
        );
        assert_eq!(join("../x/openapi.yaml", "../../y.yaml"), "../../y.yaml");
        assert_eq!(join("openapi.yaml", "a.yaml"), "a.yaml");
        assert_eq!(join("/abs/openapi.yaml", "../../../a.yaml"), "/a.yaml");
        assert_eq!(join("a/openapi.yaml", "/etc/b.yaml"), "/etc/b.yaml");
    }

    #[test]
    fn decodes_escapes_and_knows_urls() {
        assert_eq!(
            percent_decode("my%20file.yaml").as_deref(),
            Some("my file.yaml")
        );
        assert_eq!(percent_decode("bad%2"), None);
        assert!(is_url("https://example.com/a.yaml"));
        assert!(is_url("file:///a.yaml"));
        assert!(!is_url("C:/specs/a.yaml"));
        assert!(!is_url("./a.yaml"));
        assert_eq!(stem("schemas/owner-dto.yaml"), "owner-dto");
        assert_eq!(stem(".hidden"), ".hidden");
    }
}
