//! Runs the generator and brings the folder it owns up to date, or checks that it is.
//!
//! Everything is generated in memory first, so a broken spec writes nothing. Then only files whose
//! bytes changed are written, and files the generator no longer produces are removed: the output
//! folder belongs to the generator alone.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use generator::{GeneratedFile, SpecSource, Strictness};

#[derive(Debug)]
pub struct Options {
    pub spec: PathBuf,
    pub out: PathBuf,
    pub check: bool,
    /// Go past problems in the spec, listing them (see `generator::Strictness::Lenient`).
    pub lenient: bool,
}

impl Options {
    pub fn default_for(root: &Path) -> Self {
        Options {
            spec: root.join("spec/workgroups.yaml"),
            out: root.join("generated/src/generated"),
            check: false,
            lenient: false,
        }
    }
}

/// The workspace root: the parent of this crate's folder.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// A change that would bring the output folder up to date.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    Write {
        path: PathBuf,
        old: Option<String>,
        new: String,
    },
    Remove {
        path: PathBuf,
        old: String,
    },
}

pub fn run(options: &Options) -> Result<(), String> {
    let started = Instant::now();
    let (changes, summary) = plan(options)?;
    let elapsed = started.elapsed();
    if options.check {
        if changes.is_empty() {
            println!(
                "{} is up to date ({summary}, checked in {elapsed:.1?})",
                options.out.display()
            );
            return Ok(());
        }
        return Err(format!(
            "{}\n{} is stale: run `cargo xtask codegen`",
            render_diff(&changes),
            options.out.display()
        ));
    }
    apply(&options.out, &changes)?;
    println!(
        "{summary} in {elapsed:.1?}; {} file(s) changed in {}",
        changes.len(),
        options.out.display()
    );
    Ok(())
}

/// Generates in memory and lists what differs from the output folder.
pub fn plan(options: &Options) -> Result<(Vec<Change>, String), String> {
    let text = fs::read_to_string(&options.spec)
        .map_err(|error| format!("cannot read the spec {}: {error}", options.spec.display()))?;
    let name = display_name(&options.spec);
    let strictness = if options.lenient {
        Strictness::Lenient
    } else {
        Strictness::Strict
    };
    let started = Instant::now();
    let source = SpecSource {
        name: &name,
        text: &text,
    };
    let output = generator::generate(source, strictness).map_err(|problems| {
        let count = problems.items.len();
        let elapsed = started.elapsed();
        format!(
            "{problems}\n{count} problem(s) in {name}, found in {elapsed:.1?}; nothing was written"
        )
    })?;
    if !output.problems.items.is_empty() {
        let count = output.problems.items.len();
        eprintln!(
            "{}\n{count} problem(s) gone past (--lenient)",
            output.problems
        );
    }
    let summary = format!(
        "generated {} file(s), {} type(s) and {} operation(s) from {name}",
        output.files.len(),
        output.type_count,
        output.operation_count
    );
    Ok((changes(&options.out, &output.files)?, summary))
}

/// The spec's path relative to the workspace when it is inside it, so headers are the same on every
/// machine.
fn display_name(spec: &Path) -> String {
    let root = workspace_root();
    let absolute = fs::canonicalize(spec).unwrap_or_else(|_| spec.to_path_buf());
    let root = fs::canonicalize(&root).unwrap_or(root);
    let relative = absolute.strip_prefix(&root).unwrap_or(spec);
    relative.to_string_lossy().replace('\\', "/")
}

fn changes(out: &Path, files: &[GeneratedFile]) -> Result<Vec<Change>, String> {
    let mut changes = Vec::new();
    for file in files {
        let path = out.join(&file.path);
        let old = fs::read_to_string(&path).ok();
        if old.as_deref() != Some(file.contents.as_str()) {
            changes.push(Change::Write {
                path,
                old,
                new: file.contents.clone(),
            });
        }
    }
    let Ok(entries) = fs::read_dir(out) else {
        return Ok(changes);
    };
    let mut stale = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| format!("cannot list {}: {error}", out.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_file() && !files.iter().any(|file| file.path == name) {
            stale.push(entry.path());
        }
    }
    stale.sort();
    for path in stale {
        let old = fs::read_to_string(&path).unwrap_or_default();
        changes.push(Change::Remove { path, old });
    }
    Ok(changes)
}

fn apply(out: &Path, changes: &[Change]) -> Result<(), String> {
    fs::create_dir_all(out).map_err(|error| format!("cannot create {}: {error}", out.display()))?;
    for change in changes {
        match change {
            Change::Write { path, new, .. } => fs::write(path, new)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?,
            Change::Remove { path, .. } => fs::remove_file(path)
                .map_err(|error| format!("cannot remove {}: {error}", path.display()))?,
        }
    }
    Ok(())
}

/// A unified diff of every change, as `git diff` would show it.
pub fn render_diff(changes: &[Change]) -> String {
    let mut out = String::new();
    for change in changes {
        let (path, old, new) = match change {
            Change::Write { path, old, new } => (path, old.as_deref().unwrap_or(""), new.as_str()),
            Change::Remove { path, old } => (path, old.as_str(), ""),
        };
        let shown = path.display().to_string();
        let diff = similar::TextDiff::from_lines(old, new);
        let _ = write!(
            out,
            "{}",
            diff.unified_diff().context_radius(3).header(&shown, &shown)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` fails when someone edits the spec or the generator and forgets to regenerate.
    #[test]
    fn generated_code_is_up_to_date() {
        let options = Options::default_for(&workspace_root());
        let (changes, _) = plan(&options).unwrap_or_else(|message| panic!("{message}"));
        assert!(
            changes.is_empty(),
            "{}\ngenerated/ is stale: run `cargo xtask codegen`",
            render_diff(&changes)
        );
    }

    #[test]
    fn lists_writes_and_removals() {
        let dir = std::env::temp_dir().join(format!("xtask-plan-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("same.rs"), "same\n").unwrap();
        fs::write(dir.join("old.rs"), "old\n").unwrap();
        fs::write(dir.join("gone.rs"), "gone\n").unwrap();
        let files = [
            GeneratedFile {
                path: "same.rs".into(),
                contents: "same\n".into(),
            },
            GeneratedFile {
                path: "old.rs".into(),
                contents: "new\n".into(),
            },
            GeneratedFile {
                path: "added.rs".into(),
                contents: "added\n".into(),
            },
        ];
        let changes = changes(&dir, &files).unwrap();
        let diff = render_diff(&changes);
        assert_eq!(changes.len(), 3, "{diff}");
        assert!(diff.contains("-old\n+new"), "{diff}");
        assert!(diff.contains("+added"), "{diff}");
        assert!(diff.contains("-gone"), "{diff}");
        apply(&dir, &changes).unwrap();
        assert!(changes_after_apply_are_empty(&dir, &files));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_broken_spec_writes_nothing() {
        let dir = std::env::temp_dir().join(format!("xtask-broken-{}", std::process::id()));
        let out = dir.join("out");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("models.rs"), "previous\n").unwrap();
        let spec = dir.join("broken.yaml");
        let broken = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: strin}\n";
        fs::write(&spec, broken).unwrap();
        let options = Options {
            spec,
            out: out.clone(),
            check: false,
            lenient: false,
        };
        let error = run(&options).unwrap_err();
        assert!(
            error.contains("broken.yaml:6:9: #/components/schemas/A/type: unknown type `strin`"),
            "{error}"
        );
        assert!(error.contains("nothing was written"), "{error}");
        let left: Vec<_> = fs::read_dir(&out)
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(left, ["models.rs"]);
        assert_eq!(
            fs::read_to_string(out.join("models.rs")).unwrap(),
            "previous\n"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    fn changes_after_apply_are_empty(dir: &Path, files: &[GeneratedFile]) -> bool {
        changes(dir, files).map(|c| c.is_empty()).unwrap_or(false)
    }
}
