//! `sdkgen`: see `sdkgen --help`.

use std::io::{IsTerminal, Write};
use std::time::Instant;

use clap::Parser;
use sdkgen_cli::{Arguments, Stage, run};

// Generation builds and drops millions of small token-stream allocations; mimalloc makes it about
// 30% faster than the system allocator (see the generator benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = command();
    leave(code)
}

/// The whole command, from its arguments to its exit status.
fn command() -> u8 {
    let arguments = match Arguments::try_parse() {
        Ok(arguments) => arguments,
        // `--help` and `--version` are not errors; clap knows which is which.
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() { 2 } else { 0 };
        }
    };
    let job = match arguments.job() {
        Ok(job) => job,
        Err(message) => {
            to_stderr(format_args!(
                "error: {message}\n\nFor more information, try '--help'."
            ));
            return 2;
        }
    };
    // Progress only where someone watches it; a pipe or CI log gets the summary line alone.
    let live = !arguments.quiet && std::io::stderr().is_terminal();
    let started = Instant::now();
    let mut progress = |stage: Stage| {
        if live {
            let mut stderr = std::io::stderr();
            let _ = write!(
                stderr,
                "\r\x1b[2K{} ({:.1?})",
                stage.label(),
                started.elapsed()
            );
            let _ = stderr.flush();
        }
    };
    let result = run(&job, &mut progress);
    if live {
        let _ = write!(std::io::stderr(), "\r\x1b[2K");
    }
    match result {
        Ok(report) => {
            if let Some(problems) = report.problems_text() {
                to_stderr(format_args!("{problems}"));
            }
            // The crate is written whatever became of stdout (a pipe closed early, say).
            let _ = writeln!(std::io::stdout(), "{}", report.summary(&job));
            0
        }
        Err(failure) => {
            to_stderr(format_args!("{failure}"));
            failure.exit_code()
        }
    }
}

/// Ends the process with `code` once stdout and stderr are flushed, without the C library's exit
/// handlers: the files are written and closed by now, and the one handler there is, mimalloc's,
/// would hand each of its pages back to the system one `madvise` at a time just before the
/// process ends and the kernel takes them all (0.15 to 0.5 ms of a small spec's run). The build
/// that `cargo xtask install` profiles exits normally: its profile is written by an exit handler.
fn leave(code: u8) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    #[cfg(all(unix, not(sdkgen_profiling)))]
    signal_hook::low_level::exit(i32::from(code));
    #[cfg(any(not(unix), sdkgen_profiling))]
    std::process::exit(i32::from(code));
}

/// A line on stderr, and nothing when stderr is closed: `eprintln!` would panic there.
fn to_stderr(line: std::fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr(), "{line}");
}
