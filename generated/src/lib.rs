//! Rust SDK for the Governance Groups (workgroups) API of SailPoint Identity Security Cloud, v2024.
//!
//! The [`models`] are generated from `spec/workgroups.yaml` by `cargo xtask codegen`; the rest of the
//! crate is written by hand.

// Formatted by the generator (prettyplease), not by rustfmt.
#[rustfmt::skip]
mod generated;

pub use generated::models;
