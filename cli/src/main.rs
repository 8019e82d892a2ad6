//! `sdkgen`: see `sdkgen --help`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use sdkgen_cli::{Arguments, Stage, run};

// Generation builds and drops millions of small token-stream allocations; mimalloc makes it about
// 30% faster than the system allocator (see the generator benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let arguments = match Arguments::try_parse() {
        Ok(arguments) => arguments,
        // `--help` and `--version` are not errors; clap knows which is which.
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let job = match arguments.job() {
        Ok(job) => job,
        Err(message) => {
            to_stderr(format_args!(
                "error: {message}\n\nFor more information, try '--help'."
            ));
            return ExitCode::from(2);
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
            ExitCode::SUCCESS
        }
        Err(failure) => {
            to_stderr(format_args!("{failure}"));
            ExitCode::from(failure.exit_code())
        }
    }
}

/// A line on stderr, and nothing when stderr is closed: `eprintln!` would panic there.
fn to_stderr(line: std::fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr(), "{line}");
}
