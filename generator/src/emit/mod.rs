//! IR to syntax trees, or token streams for the rarer items. One module per kind of output; none of
//! them reads the spec, and none calls back into the module that calls it: `operations` uses
//! `builder`, `request`, `responses`, `result_types`, `collections`, `filters`, `sorts` and
//! `validation`, and all of them use only the leaf helpers `docs`, `types`, `paths`, `syntax`
//! (trees built directly) and `template` (trees copied from templates parsed once per thread).

mod builder;
mod collections;
mod crate_files;
mod deserialize;
pub mod docs;
mod enums;
mod features;
mod filters;
mod headers;
mod manifest;
mod models;
mod operations;
mod paths;
mod readme;
mod request;
mod responses;
mod result_types;
mod sorts;
mod syntax;
mod template;
mod types;
mod union_decoding;
mod unions;
mod validation;

pub use crate_files::{client, lib};
pub use deserialize::{deserializers, has_deserializers};
use features::feature_name;
pub use manifest::manifest;
pub use models::models;
pub use operations::{operations, operations_root};
pub use readme::readme;
pub use validation::{has_validation, validation};
