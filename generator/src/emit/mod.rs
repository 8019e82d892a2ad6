//! IR to token streams. One module per kind of output; none of them reads the spec.

pub mod docs;
mod enums;
mod models;
mod types;

pub use models::models;
