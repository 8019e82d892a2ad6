//! Where the time of one generation goes, phase by phase: parse, resolve (a spec of many files),
//! lower, locate, emit, format, write. Each phase is timed on the output of the one before, made
//! once outside the timing.
//!
//! `cargo bench -p generator --bench phases`
//!
//! Locating is also timed with one problem and with all of them, on YAML and on JSON, to show it
//! costs with the number of problems and not with the spec's size beyond one pass.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use generator::{Input, SpecSource, phases};

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(relative: &str) -> Option<String> {
    std::fs::read_to_string(root().join(relative)).ok()
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// Every phase of one spec of one file.
fn each_phase(c: &mut Criterion, label: &str, text: &str) {
    let options = generator::CrateOptions::new("bench");
    let mut group = c.benchmark_group(label);
    group.sample_size(10);
    group.bench_function("parse", |b| {
        b.iter(|| phases::parse(black_box(text)).expect("the spec parses"))
    });
    let spec = phases::parse(text).expect("the spec parses");
    group.bench_function("lower", |b| b.iter(|| phases::lower(black_box(&spec))));
    let (api, problems) = phases::lower(&spec);
    let pointers: Vec<_> = problems.iter().map(|problem| &problem.pointer).collect();
    group.bench_function(format!("locate ({} problems)", pointers.len()), |b| {
        b.iter(|| phases::locate(black_box(text), &pointers))
    });
    group.bench_function("emit (token streams)", |b| {
        b.iter(|| phases::emit(black_box(&api), &options))
    });
    group.bench_function("format (syntax trees, prettyplease)", |b| {
        b.iter_batched(
            || phases::emit(&api, &options),
            |tokens| phases::format(tokens).expect("the tokens format"),
            criterion::BatchSize::PerIteration,
        )
    });
    group.bench_function("emit and format, all cores, as generation runs", |b| {
        b.iter(|| phases::emit_and_format(black_box(&api), &options, cores()).expect("formats"))
    });
    let files = phases::emit_and_format(&api, &options, 1).expect("the tokens format");
    let folder = std::env::temp_dir().join(format!("sdkgen-bench-{}", std::process::id()));
    group.bench_function("write", |b| {
        b.iter(|| phases::write(black_box(&files), &folder).expect("the files are written"))
    });
    let _ = std::fs::remove_dir_all(&folder);
    group.finish();
}

/// The spec of many files: assembling it into one document.
fn resolve(c: &mut Criterion) {
    let name = root().join("spec/sailpoint-idn/idn/apis/governance-groups/openapi.yaml");
    let name = name.to_string_lossy().into_owned();
    let Ok(text) = std::fs::read_to_string(&name) else {
        return;
    };
    let read = |path: &str| generator::read_file(path);
    let input = Input {
        spec: SpecSource {
            name: &name,
            text: &text,
        },
        overlays: Vec::new(),
        read: &read,
    };
    c.bench_function("workgroups/v1 (many files)/resolve", |b| {
        b.iter(|| phases::resolve(black_box(&input)).expect("the spec resolves"))
    });
}

/// Locating one problem against all of them, in YAML, in JSON and in JSON on one line (minified).
fn locate(c: &mut Criterion, yaml: &str) {
    let Ok(document) = serde_yaml::from_str::<serde_json::Value>(yaml) else {
        return;
    };
    let json = serde_json::to_string_pretty(&document).expect("a tree prints as JSON");
    let minified = serde_json::to_string(&document).expect("a tree prints as JSON");
    let spec = phases::parse(yaml).expect("the spec parses");
    let (_, problems) = phases::lower(&spec);
    let pointers: Vec<_> = problems.iter().map(|problem| &problem.pointer).collect();
    let mut group = c.benchmark_group("locate");
    group.sample_size(10);
    let formats = [
        ("yaml", yaml),
        ("json", json.as_str()),
        ("json on one line", minified.as_str()),
    ];
    for (format, text) in formats {
        group.bench_function(format!("{format}, 1 problem"), |b| {
            b.iter(|| phases::locate(black_box(text), &pointers[..1]))
        });
        group.bench_function(format!("{format}, {} problems", pointers.len()), |b| {
            b.iter(|| phases::locate(black_box(text), &pointers))
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let fragment =
        read("spec/workgroups.yaml").expect("spec/workgroups.yaml is part of the repository");
    each_phase(c, "workgroups.yaml", &fragment);
    resolve(c);
    let Some(reference) = read("generator/tests/corpus/sailpoint-api.v2024.yaml") else {
        eprintln!("tests/corpus/sailpoint-api.v2024.yaml not found; skipping the full-spec phases");
        return;
    };
    each_phase(c, "reference", &reference);
    locate(c, &reference);
}

criterion_group!(phases_benches, benches);
criterion_main!(phases_benches);
