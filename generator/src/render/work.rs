//! The formatting of a crate's files shared between threads: the items of all files are cut into
//! chunks that the threads take in turn, so a large file does not wait on one core, and the
//! chunks are put back in order, so the output is the same whatever the number of threads.
//!
//! A thread can be started before the files are known ([`Handoff`]): on this machine a thread's
//! start takes from a quarter of a millisecond to several, and started first it overlaps
//! reading the spec instead of holding up the formatting.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Condvar, Mutex, OnceLock, PoisonError};
use std::thread::Scope;

use proc_macro2::TokenStream;

use super::{FileTokens, GeneratedFile, MakeItem, head, internal, render_run};
use crate::diagnostics::Diagnostic;

/// Items in one unit of work: small enough that the workers finish together, large enough that
/// handing out work costs nothing.
const CHUNK: usize = 4;

/// The fewest chunks that are worth a thread of their own.
const CHUNKS_PER_WORKER: usize = 8;

/// Formatted chunks, each with its place in the work.
pub type Chunks = Vec<(usize, Result<String, Diagnostic>)>;

/// Every file's items, in chunks for the threads to take.
pub struct Work<'a> {
    /// Each file's path and the function that makes its items.
    files: Vec<(String, Box<MakeItem<'a>>)>,
    /// Each chunk: its file, and the items of that file it holds.
    chunks: Vec<(usize, Range<usize>)>,
    /// The next chunk not yet taken.
    next: AtomicUsize,
}

impl<'a> Work<'a> {
    /// The work of formatting `files`, and each file's inner attributes (tokens, which stay on the
    /// thread that made them) for its head.
    pub fn new(files: Vec<(String, FileTokens<'a>)>) -> (Vec<TokenStream>, Work<'a>) {
        let mut inners = Vec::with_capacity(files.len());
        let mut makers = Vec::with_capacity(files.len());
        let mut chunks = Vec::new();
        for (file, (path, tokens)) in files.into_iter().enumerate() {
            inners.push(tokens.inner);
            let count = tokens.count;
            chunks.extend(
                (0..count)
                    .step_by(CHUNK)
                    .map(|start| (file, start..(start + CHUNK).min(count))),
            );
            makers.push((path, tokens.item));
        }
        let work = Work {
            files: makers,
            chunks,
            next: AtomicUsize::new(0),
        };
        (inners, work)
    }

    /// Each file's head (the header and its inner attributes), made on this thread once its share
    /// of the chunks is done: while a helper formats its last chunk, not before the helpers start.
    fn heads(&self, inners: Vec<TokenStream>, header: &str) -> Result<Vec<String>, Diagnostic> {
        self.files
            .iter()
            .zip(inners)
            .map(|((path, _), inner)| head(path, header, inner))
            .collect()
    }

    /// How many of `threads` the work is worth. A second thread costs its start and its own parse
    /// of the templates (see `emit::template`): more than a few chunks take, so a small crate is
    /// made on one, without asking for the cores.
    fn workers(&self, threads: crate::Threads) -> usize {
        let enough = self.chunks.len() / CHUNKS_PER_WORKER;
        if enough > 1 {
            threads.count().clamp(1, enough)
        } else {
            1
        }
    }

    /// Formats chunks until none is left.
    fn run(&self) -> Chunks {
        let mut done = Vec::new();
        loop {
            let index = self.next.fetch_add(1, Ordering::Relaxed);
            let Some((file, range)) = self.chunks.get(index) else {
                return done;
            };
            let text = match self.files.get(*file) {
                Some((path, make)) => render_run(path, make, range.clone()),
                None => Err(internal("a chunk of a file that is not in the work")),
            };
            done.push((index, text));
        }
    }

    /// Formats what is left with `helpers` more threads besides this one, then the heads of the
    /// files from `inners`.
    fn run_with(
        &self,
        helpers: usize,
        inners: Vec<TokenStream>,
        header: &str,
    ) -> Result<(Vec<String>, Chunks), Diagnostic> {
        std::thread::scope(|scope| {
            let (sender, received) = channel();
            for _ in 0..helpers {
                let sender = sender.clone();
                scope.spawn(move || help(&sender, || self.run()));
            }
            // Only the helpers' senders are left, so a helper that failed ends the wait.
            drop(sender);
            let mut done = self.run();
            let heads = self.heads(inners, header)?;
            for _ in 0..helpers {
                receive_into(&mut done, &received);
            }
            Ok((heads, done))
        })
    }

    /// The files, from their heads and the chunks every thread formatted.
    fn assemble(
        &self,
        heads: Vec<String>,
        mut chunks: Chunks,
    ) -> Result<Vec<GeneratedFile>, Diagnostic> {
        chunks.sort_by_key(|(index, _)| *index);
        let placed = chunks
            .into_iter()
            .map(|(index, chunk)| match self.chunks.get(index) {
                Some((file, _)) => chunk.map(|text| (*file, text)),
                None => chunk.and(Err(internal("a formatted chunk of no file"))),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut contents = heads;
        // Each file's text grown once to its size, not doubled chunk by chunk: most of a large
        // file's copies and fresh pages were that.
        let mut sizes: Vec<usize> = contents.iter().map(String::len).collect();
        for (file, text) in &placed {
            if let Some(size) = sizes.get_mut(*file) {
                *size += text.len();
            }
        }
        for (contents, size) in contents.iter_mut().zip(sizes) {
            contents.reserve_exact(size - contents.len());
        }
        for (file, text) in placed {
            let Some(contents) = contents.get_mut(file) else {
                return Err(internal("a formatted chunk of no file"));
            };
            contents.push_str(&text);
        }
        Ok(self
            .files
            .iter()
            .zip(contents)
            .map(|((path, _), contents)| GeneratedFile {
                path: path.clone(),
                contents,
                seed: false,
            })
            .collect())
    }
}

/// Runs a helper's share of the work and sends its chunks back. They are sent, not returned from
/// the thread, so that waiting for them is not waiting for the thread to end as well: its end
/// frees the templates it parsed and its allocator's heap (0.15 to 0.2 ms on the corpus's specs),
/// which then overlaps putting the files together and writing them. A panic (a generator bug)
/// drops the sender unsent, which the receiver reports as an error, as a failed join did.
fn help(sender: &Sender<Chunks>, share: impl FnOnce() -> Chunks) {
    if let Ok(chunks) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(share)) {
        // The receiver is gone only when this generation has already failed.
        let _ = sender.send(chunks);
    }
}

/// Adds what a helper formatted to `done`, or an error in its place when it failed (its sender
/// dropped without sending).
fn receive_into(done: &mut Chunks, received: &Receiver<Chunks>) {
    match received.recv() {
        Ok(chunks) => done.extend(chunks),
        Err(_) => done.push((usize::MAX, Err(internal("a formatting thread failed")))),
    }
}

/// Where a thread started before its work exists waits for it: the work once it is made, or
/// nothing when there is none for it (the spec failed, or the crate is small enough for one
/// thread).
#[derive(Default)]
pub struct Handoff<'a> {
    work: OnceLock<Option<Work<'a>>>,
    /// Whether `work` is set, with the signal that tells the waiting thread.
    ready: (Mutex<bool>, Condvar),
}

impl<'a> Handoff<'a> {
    /// Starts the thread that will wait on this handoff, and returns where its chunks will come
    /// back; `None` when the system refuses a thread.
    pub fn start<'scope, 'env>(
        &'env self,
        scope: &'scope Scope<'scope, 'env>,
    ) -> Option<Receiver<Chunks>> {
        let (sender, received) = channel();
        std::thread::Builder::new()
            .spawn_scoped(scope, move || {
                help(&sender, || self.wait().map_or_else(Vec::new, Work::run));
            })
            .ok()?;
        Some(received)
    }

    /// Lets a thread still waiting go without work. Called on every way out of the scope the
    /// thread runs in, which waits for it.
    pub fn release(&self) {
        self.hand_off(None);
    }

    /// Sets the work (the first time only) and wakes the waiting thread.
    fn hand_off(&self, work: Option<Work<'a>>) -> Option<&Work<'a>> {
        let _ = self.work.set(work);
        let (ready, signal) = &self.ready;
        *ready.lock().unwrap_or_else(PoisonError::into_inner) = true;
        signal.notify_all();
        self.work.get()?.as_ref()
    }

    /// The work, once it is handed off; `None` when it was released instead.
    fn wait(&self) -> Option<&Work<'a>> {
        let (ready, signal) = &self.ready;
        let mut set = ready.lock().unwrap_or_else(PoisonError::into_inner);
        while !*set {
            set = signal.wait(set).unwrap_or_else(PoisonError::into_inner);
        }
        self.work.get()?.as_ref()
    }

    /// Formats `files` on up to `threads` threads, the first of them `started` on this handoff
    /// (or on none: then every helper is started here).
    pub fn render(
        &self,
        files: Vec<(String, FileTokens<'a>)>,
        header: &str,
        threads: crate::Threads,
        started: Option<Receiver<Chunks>>,
    ) -> Result<Vec<GeneratedFile>, Diagnostic> {
        let (inners, work) = Work::new(files);
        let workers = work.workers(threads);
        // Only this thread hands work off or releases, so what it sees unset stays so.
        let helper = started.filter(|_| workers > 1 && self.work.get().is_none());
        let Some(helper) = helper else {
            self.release();
            let (heads, chunks) = work.run_with(workers - 1, inners, header)?;
            return work.assemble(heads, chunks);
        };
        let Some(work) = self.hand_off(Some(work)) else {
            return Err(internal(
                "the formatting work was released before it was handed off",
            ));
        };
        let (heads, mut chunks) = work.run_with(workers - 2, inners, header)?;
        receive_into(&mut chunks, &helper);
        work.assemble(heads, chunks)
    }
}
