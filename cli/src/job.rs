//! One generation: read the spec and its overlays, generate in memory, then bring the crate
//! folder up to date (or, with `check`, say how it differs). Nothing is written unless everything
//! generated.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use generator::{CrateOptions, Input, SpecSource, Strictness};

use crate::folder;
use crate::paths::{header_label, slash_name};

/// What to generate, from what, into where.
#[derive(Clone, Debug)]
pub struct Job {
    pub spec: PathBuf,
    /// OpenAPI Overlay documents applied to the spec, in order.
    pub overlays: Vec<PathBuf>,
    pub out: PathBuf,
    /// Change nothing; fail with a diff when the folder is stale.
    pub check: bool,
    /// Go past problems in the spec, listing them (see `generator::Strictness::Lenient`).
    pub lenient: bool,
    pub krate: CrateOptions,
}

/// Why a job failed, each with its own exit code.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// The spec has problems (each located); nothing was written.
    Problems(String),
    /// A file could not be read or written, or one in the way is not the generator's.
    Io(String),
    /// `check` found the folder out of date: the diff.
    Stale(String),
}

impl Failure {
    /// The documented exit code: 1 for problems in the spec, 3 for files, 4 for a stale folder
    /// (2 is bad usage, which the command line reports itself).
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Problems(_) => 1,
            Failure::Io(_) => 3,
            Failure::Stale(_) => 4,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Problems(text) | Failure::Io(text) | Failure::Stale(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for Failure {}

/// What a successful job did.
#[derive(Debug)]
pub struct Report {
    pub files: usize,
    pub types: usize,
    pub operations: usize,
    /// Files written or removed (none with `check`).
    pub changed: usize,
    /// The problems a lenient run went past, as the generator reports them.
    pub problems: Option<String>,
    pub problem_count: usize,
    pub elapsed: Duration,
}

impl Report {
    /// The one line a run prints: what was generated, from where, and what changed.
    pub fn summary(&self, job: &Job) -> String {
        let done = if job.check {
            format!("{} is up to date", job.out.display())
        } else {
            format!("{} file(s) changed in {}", self.changed, job.out.display())
        };
        format!(
            "generated {} file(s), {} type(s) and {} operation(s) from {} in {:.1?}; {done}",
            self.files,
            self.types,
            self.operations,
            job.spec.display(),
            self.elapsed
        )
    }

    /// The problems a lenient run went past, with their count, as printed above the summary.
    pub fn problems_text(&self) -> Option<String> {
        let problems = self.problems.as_ref()?;
        Some(format!(
            "{problems}\n{} problem(s) gone past (--lenient)",
            self.problem_count
        ))
    }
}

/// The stage a job is at, with what it counted so far, for progress on a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The spec and this many overlays.
    Reading { overlays: usize },
    /// From this many bytes of spec text (the root file and overlays).
    Generating { bytes: usize },
    /// This many files made (this many types, operations), compared with the folder.
    Comparing {
        files: usize,
        types: usize,
        operations: usize,
    },
    /// This many files written or removed.
    Writing { changes: usize },
}

impl Stage {
    pub fn label(self) -> String {
        match self {
            Stage::Reading { overlays } => format!("reading the spec and {overlays} overlay(s)"),
            Stage::Generating { bytes } => format!("generating from {} KiB of spec", bytes / 1024),
            Stage::Comparing {
                files,
                types,
                operations,
            } => format!(
                "comparing {files} file(s) ({types} types, {operations} operations) with the folder"
            ),
            Stage::Writing { changes } => format!("writing {changes} change(s)"),
        }
    }
}

/// Runs the job, telling `progress` each stage as it starts.
pub fn run(job: &Job, progress: &mut dyn FnMut(Stage)) -> Result<Report, Failure> {
    let started = Instant::now();
    progress(Stage::Reading {
        overlays: job.overlays.len(),
    });
    let name = slash_name(&job.spec);
    let text = read_text(&job.spec, &name)?;
    let overlay_names: Vec<String> = job.overlays.iter().map(|path| slash_name(path)).collect();
    let overlay_texts = job
        .overlays
        .iter()
        .zip(&overlay_names)
        .map(|(path, name)| read_text(path, name))
        .collect::<Result<Vec<String>, Failure>>()?;
    let strictness = if job.lenient {
        Strictness::Lenient
    } else {
        Strictness::Strict
    };
    let input = Input {
        spec: SpecSource {
            name: &name,
            text: &text,
        },
        overlays: overlay_names
            .iter()
            .zip(&overlay_texts)
            .map(|(name, text)| SpecSource { name, text })
            .collect(),
        read: &generator::read_file,
    };
    let mut krate = job.krate.clone();
    if krate.spec_label.is_none() {
        krate.spec_label = Some(header_label(&job.spec, &job.out));
    }
    progress(Stage::Generating {
        bytes: text.len() + overlay_texts.iter().map(String::len).sum::<usize>(),
    });
    let output = generator::generate(input, strictness, &krate).map_err(|problems| {
        let count = problems.items.len();
        let elapsed = started.elapsed();
        Failure::Problems(format!(
            "{problems}\n{count} problem(s) in {name}, found in {elapsed:.1?}; nothing was written"
        ))
    })?;
    progress(Stage::Comparing {
        files: output.files.len(),
        types: output.type_count,
        operations: output.operation_count,
    });
    let changes = folder::changes(&job.out, &output.files, &krate.command).map_err(Failure::Io)?;
    let problem_count = output.problems.items.len();
    let problems = (problem_count > 0).then(|| output.problems.to_string());
    if job.check && !changes.is_empty() {
        return Err(Failure::Stale(format!(
            "{}\n{} is stale: run `{}`",
            folder::render_diff(&changes),
            job.out.display(),
            krate.command
        )));
    }
    let changed = if job.check {
        0
    } else {
        progress(Stage::Writing {
            changes: changes.len(),
        });
        folder::apply(&job.out, &changes).map_err(Failure::Io)?;
        changes.len()
    };
    Ok(Report {
        files: output.files.len(),
        types: output.type_count,
        operations: output.operation_count,
        changed,
        problems,
        problem_count,
        elapsed: started.elapsed(),
    })
}

/// A spec or overlay file's text; one that is not UTF-8 is located at its first bad byte.
fn read_text(path: &Path, name: &str) -> Result<String, Failure> {
    let bytes = fs::read(path).map_err(|error| {
        Failure::Io(format!("cannot read {name}: {error}; nothing was written"))
    })?;
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let before = &error.as_bytes()[..at];
        let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
        let column = at
            - before
                .iter()
                .rposition(|&byte| byte == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        Failure::Problems(format!(
            "{name}:{line}:{column}: #: the file is not UTF-8 text (byte {at}); nothing was written"
        ))
    })
}
