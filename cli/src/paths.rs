//! Paths as the generator's output names them: relative where they can be, with `/` on every
//! system, and nothing of the machine in what goes into generated files.

use std::path::{Component, Path};

/// `target` as a path from `from`, relative (`../runtime`), with `/` separators.
pub fn relative_path(from: &Path, target: &Path) -> String {
    let (from, to) = (normalized(from), normalized(target));
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        // Nothing shared, not even a root (another drive): only an absolute path works.
        return to.join("/");
    }
    let ups = std::iter::repeat_n("..".to_owned(), from.len() - common);
    ups.chain(to[common..].iter().cloned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The absolute path's parts, `.` and `..` resolved without touching the disk.
fn normalized(path: &Path) -> Vec<String> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut parts: Vec<String> = Vec::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            Component::CurDir => {}
            Component::RootDir => parts.push(String::new()),
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts
}

/// A path as problems name it, with `/` separators on every system.
pub fn slash_name(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// How generated headers name the spec: its path from the output folder when both are in one
/// project (they share a folder below the file system's root, and the path climbs at most two
/// levels, as `../spec/api.yaml` from a crate beside `spec/`), else its file name. Either way it
/// holds nothing of the machine, so the same spec gives the same files everywhere.
pub fn header_label(spec: &Path, out: &Path) -> String {
    let (from, to) = (normalized(out), normalized(spec));
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let climbs = from.len() - common;
    if common >= 2 && climbs <= 2 {
        return relative_path(out, spec);
    }
    spec.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "the spec".to_owned())
}
