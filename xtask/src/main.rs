//! `cargo xtask codegen [--check] [--spec PATH --out DIR]`: regenerates the SDK's generated code.

mod codegen;

// Generation builds and drops millions of small token-stream allocations; mimalloc makes
// `cargo xtask codegen` about 30% faster than the system allocator (see the generator benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--lenient] [--spec PATH] [--out DIR]

  codegen          regenerate the files the generator owns in generated/src/generated
  --check          change nothing; fail with a diff when the files are stale
  --spec PATH      generate from another spec (default: spec/workgroups.yaml)
  --out DIR        write into another folder (default: generated/src/generated)
  --lenient        go past problems in the spec: list each, and generate the rest (a schema with a
                   problem becomes any JSON value, an operation with one is left out)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_args(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match codegen::run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(args: &[String]) -> Result<codegen::Options, String> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("codegen") => {}
        Some("--help" | "-h") | None => return Err("no task given".to_owned()),
        Some(other) => return Err(format!("unknown task `{other}`")),
    }
    let mut options = codegen::Options::default_for(&codegen::workspace_root());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => options.check = true,
            "--lenient" => options.lenient = true,
            "--spec" => options.spec = PathBuf::from(args.next().ok_or("--spec needs a path")?),
            "--out" => options.out = PathBuf::from(args.next().ok_or("--out needs a folder")?),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(options)
}
