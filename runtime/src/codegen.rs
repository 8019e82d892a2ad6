//! What generated code calls: the description of an API, requests as operations build them,
//! responses before decoding, and the helpers of written-out models. Hidden from the docs and
//! not a stable interface: it changes with the generator that writes the calls.

pub mod de;
pub mod encode;
pub use crate::client::{into_body, send};
pub use crate::description::{
    ApiDescription, KeyLocation, SchemeKind, Security, SecurityScheme, ServerVariable, Setting,
    SettingSource, Settings,
};
pub use crate::filter::{FilterGrammar, SortGrammar, sorters_text};
pub use crate::header::decode as header;
pub use crate::paginate::Paging;
pub use crate::request::RequestSpec;
pub use crate::response::RawResponse;
pub use crate::validate::{check_count, check_number};
