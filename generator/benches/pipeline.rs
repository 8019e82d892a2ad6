//! The whole pipeline, spec text to formatted files, on the hand-written fragment and on SailPoint's
//! full v2024 spec (which has problems of its own, so it runs lenient and includes reporting them).
//!
//! `cargo bench -p generator --bench pipeline`
//!
//! It runs with the allocator `cargo xtask codegen` uses, mimalloc, so it measures what a spec edit
//! costs.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use generator::{SpecSource, Strictness};

fn read(relative: &str) -> Option<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join(relative)).ok()
}

fn pipeline(c: &mut Criterion) {
    let fragment =
        read("spec/workgroups.yaml").expect("spec/workgroups.yaml is part of the repository");
    c.bench_function("generate/workgroups.yaml", |b| {
        b.iter(|| {
            let source = SpecSource {
                name: "spec/workgroups.yaml",
                text: black_box(&fragment),
            };
            generator::generate(source, Strictness::Strict, &options())
                .expect("the fragment generates")
        })
    });

    let Some(reference) = read("generator/tests/corpus/sailpoint-api.v2024.yaml") else {
        eprintln!(
            "tests/corpus/sailpoint-api.v2024.yaml not found; skipping the full-spec benchmarks"
        );
        return;
    };
    let mut group = c.benchmark_group("reference");
    group.sample_size(10);
    group.bench_function("load (parse and lower)", |b| {
        b.iter(|| {
            let source = SpecSource {
                name: "reference",
                text: black_box(&reference),
            };
            generator::load(source, Strictness::Lenient).expect("the reference parses")
        })
    });
    group.bench_function("generate (parse to formatted files)", |b| {
        b.iter(|| {
            let source = SpecSource {
                name: "reference",
                text: black_box(&reference),
            };
            generator::generate(source, Strictness::Lenient, &options())
                .expect("the reference generates")
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);

/// The options of the benchmarked crate: only its name matters to the output's size.
fn options() -> generator::CrateOptions {
    generator::CrateOptions::new("bench")
}
