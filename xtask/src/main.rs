//! `cargo xtask codegen`: regenerates the SDK crate, or generates one from any spec;
//! `cargo xtask install`: installs `sdkgen` from this clone.

mod codegen;
mod install;

// Generation builds and drops millions of small token-stream allocations; mimalloc makes
// `cargo xtask codegen` about 30% faster than the system allocator (see the generator benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--lenient] [--spec PATH --out DIR --crate NAME] [--overlay FILE]...
       cargo xtask install [CARGO-INSTALL-OPTIONS]...

  codegen          regenerate generated/ (the SailPoint SDK) from spec/workgroups.yaml,
                   generated-v1/ from SailPoint's v1 partition (spec/sailpoint-idn) and its overlay,
                   and generated-bodies/ from generator/tests/fixtures/bodies.yaml
  --check          change nothing; fail with a diff when the files are stale
  --spec PATH      generate from another spec ...
  --out DIR        ... into a crate folder of its own ...
  --crate NAME     ... named NAME (default: the folder's name); it depends on this
                   workspace's runtime crate by path
  --overlay FILE   apply an OpenAPI Overlay 1.0 document to the spec before generating (repeatable,
                   applied in order), to add what the spec lacks without editing it
  --lenient        go past problems in the spec: list each, and generate the rest (a schema with a
                   problem becomes any JSON value, an operation with one is left out)

The generator owns only the files it wrote (listed in DIR/.generated-files, or carrying its
header): it never overwrites or removes anything else, and writes Cargo.toml and README.md only
when they are missing. For crates outside this repository, install `sdkgen` (the cli/ crate):

  install          `cargo install` of `sdkgen` from this clone (options such as --root DIR are
                   passed on); on x86-64 Linux with glibc it is linked statically, which starts
                   about 0.4 ms sooner on every run";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("install") {
        return match install::run(&codegen::workspace_root(), &args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{message}");
                ExitCode::FAILURE
            }
        };
    }
    let options = match parse_args(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    for job in &options {
        if let Err(failure) = codegen::run(job) {
            eprintln!("{failure}");
            return ExitCode::from(failure.exit_code());
        }
    }
    ExitCode::SUCCESS
}

fn parse_args(args: &[String]) -> Result<Vec<sdkgen_cli::Job>, String> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("codegen") => {}
        Some("--help" | "-h") | None => return Err("no task given".to_owned()),
        Some(other) => return Err(format!("unknown task `{other}`")),
    }
    let (mut check, mut lenient) = (false, false);
    let (mut spec, mut out, mut name): (Option<PathBuf>, Option<PathBuf>, Option<String>) =
        (None, None, None);
    let mut overlays: Vec<PathBuf> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--lenient" => lenient = true,
            "--spec" => spec = Some(PathBuf::from(args.next().ok_or("--spec needs a path")?)),
            "--out" => out = Some(PathBuf::from(args.next().ok_or("--out needs a folder")?)),
            "--crate" => name = Some(args.next().ok_or("--crate needs a name")?.clone()),
            "--overlay" => {
                overlays.push(PathBuf::from(args.next().ok_or("--overlay needs a path")?))
            }
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    let mut options = match (spec, out) {
        (None, None) if name.is_none() && overlays.is_empty() => {
            codegen::project_crates(&codegen::workspace_root())
        }
        (Some(spec), Some(out)) => {
            let name = match name {
                Some(name) => name,
                None => sdkgen_cli::arguments::folder_name(&out)?,
            };
            sdkgen_cli::arguments::check_crate_name(&name)?;
            let mut options = codegen::for_crate(spec, out, name);
            options.overlays = overlays;
            vec![options]
        }
        _ => return Err("--spec, --out (and --crate) go together".to_owned()),
    };
    for options in &mut options {
        options.check = check;
        options.lenient = lenient;
    }
    Ok(options)
}
