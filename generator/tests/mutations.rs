//! Specs mutated at random from real ones: no input panics the generator, and whatever it accepts
//! (leniently, so problems fall back rather than reject) compiles. Seeds are single-file specs
//! (3.0 and 3.1) and specs in many files with overlays; a mutation changes one of a seed's files,
//! the root, a referenced file or an overlay.
//!
//! CI runs a sample. For more: `MUTATION_CASES=5000 MUTATION_COMPILE=300 cargo test --release -p
//! generator --test mutations` (the README gives the counts last run).

#![allow(clippy::unwrap_used)]

#[path = "mutations/mutate.rs"]
mod mutate;
#[path = "mutations/seeds.rs"]
mod seeds;
mod support;

use std::collections::BTreeMap;

use generator::{GeneratedFile, Strictness};
use proptest::prelude::*;
use seeds::Seed;

fn cases(variable: &str, default: u32) -> u32 {
    std::env::var(variable)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// A seed's files as text after `mutations` of the one picked by `file`.
fn mutated(seed: &Seed, file: u64, mutations: &[(u8, u64, u64)]) -> BTreeMap<String, String> {
    let mut seed = seed.clone();
    let index = (file % seed.files.len() as u64) as usize;
    if let Some(document) = seed.files.values_mut().nth(index) {
        for &(kind, place, pick) in mutations {
            mutate::mutate(document, kind, place, pick);
        }
    }
    seed.texts()
}

fn generate(
    seed: &Seed,
    texts: &BTreeMap<String, String>,
    strictness: Strictness,
    name: &str,
) -> Result<Vec<GeneratedFile>, String> {
    seed.with_input(texts, |input| {
        generator::generate(input, strictness, &support::options(name))
            .map(|output| output.files)
            .map_err(|problems| problems.to_string())
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases("MUTATION_CASES", 128),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Whatever the input, the generator answers with files or located problems, never a panic.
    #[test]
    fn no_mutated_spec_panics_the_generator(
        seed in any::<prop::sample::Index>(),
        file in any::<u64>(),
        mutations in prop::collection::vec((any::<u8>(), any::<u64>(), any::<u64>()), 1..6),
    ) {
        let seeds = seeds::all_cached();
        let seed = seed.get(seeds);
        let texts = mutated(seed, file, &mutations);
        for strictness in [Strictness::Strict, Strictness::Lenient] {
            if let Err(report) = generate(seed, &texts, strictness, "gen-mutated") {
                prop_assert!(!report.is_empty());
                // Every problem names one of the spec's files and where in it.
                for line in report.lines() {
                    let named = seed.files.keys().any(|name| {
                        line.strip_prefix(name.as_str()).is_some_and(|rest| rest.starts_with(':'))
                    });
                    prop_assert!(named, "{line}");
                }
            }
        }
    }
}

/// A deterministic sample of mutated specs that the generator accepts leniently, each compiled as a
/// crate under `#![deny(warnings)]`.
#[test]
fn accepted_mutated_specs_compile() {
    let wanted = cases("MUTATION_COMPILE", 12) as usize;
    let seeds = seeds::all_cached();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        // xorshift64*: a fixed sequence, so the sample is the same on every run.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let mut crates = Vec::new();
    let mut tried = 0;
    while crates.len() < wanted && tried < wanted * 20 {
        tried += 1;
        let seed = &seeds[(next() % seeds.len() as u64) as usize];
        let count = 1 + (next() % 4) as usize;
        let mutations: Vec<(u8, u64, u64)> = (0..count)
            .map(|_| ((next() % 256) as u8, next(), next()))
            .collect();
        let texts = mutated(seed, next(), &mutations);
        let name = format!("gen-mutated-{tried}");
        if let Ok(files) = generate(seed, &texts, Strictness::Lenient, &name) {
            crates.push((name, files));
        }
    }
    assert_eq!(
        crates.len(),
        wanted,
        "only {} of {tried} mutated specs were accepted",
        crates.len()
    );
    support::check_crates("mutated-crates", &crates);
}
