//! Links `sdkgen` as a position-dependent executable on Linux with the GNU toolchain.
//!
//! `sdkgen` is a short-lived process, and as a position-independent executable it applies about
//! nine thousand relocations (and copies the pages they touch) before `main` on every run: about
//! 0.45 ms, a tenth of a small spec's whole run (scripts/compare-generators.sh, paired runs).
//! Linked at a fixed address it has none; the libraries it loads are still placed at random.
//! `SDKGEN_PIE=1` at build time keeps the toolchain's default, for packagers whose policy is PIE.
//! A static build (`+crt-static`, as `cargo xtask install` makes) is left to rustc: it links
//! static-pie or, with `relocation-model=static`, position-dependent itself, and `-no-pie` on top
//! of static-pie makes a binary that crashes at start.

fn main() {
    println!("cargo::rerun-if-env-changed=SDKGEN_PIE");
    println!("cargo::rerun-if-env-changed=RUSTC_LINKER");
    // Set by `cargo xtask install` on the build it profiles (cli/src/main.rs).
    println!("cargo::rustc-check-cfg=cfg(sdkgen_profiling)");
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    let linux_gnu =
        target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ENV") == "gnu";
    // `-no-pie` is a flag of the C compiler drivers rustc links through by default; a linker set
    // to anything else may not know it.
    let driver = std::env::var("RUSTC_LINKER").map_or(true, |linker| {
        let name = linker
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .to_owned();
        ["cc", "gcc", "clang"]
            .iter()
            .any(|driver| name == *driver || name.ends_with(&format!("-{driver}")))
    });
    let static_crt = target("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|feature| feature == "crt-static");
    if linux_gnu && driver && !static_crt && std::env::var_os("SDKGEN_PIE").is_none() {
        println!("cargo::rustc-link-arg-bin=sdkgen=-no-pie");
    }
}
