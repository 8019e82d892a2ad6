//! Features per module: the `#[cfg]` that compiles an item only under the features whose
//! operations need it, and the names of those features.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Gate, Module};

/// A module's feature: its Rust name, as Cargo features take it.
pub fn feature_name(module: &Module) -> &str {
    module.name.trim_start_matches("r#")
}

/// `#[cfg(...)]` for a type's gate; `None` when it is always compiled.
pub fn type_cfg(api: &Api, index: usize) -> Option<TokenStream> {
    match &api.types.get(index)?.gate {
        Gate::Always => None,
        Gate::Modules(modules) => {
            let names: Vec<&str> = modules
                .iter()
                .filter_map(|&module| api.modules.get(module).map(feature_name))
                .collect();
            Some(match names.as_slice() {
                [one] => quote!(#[cfg(feature = #one)]),
                _ => quote!(#[cfg(any(#(feature = #names),*))]),
            })
        }
    }
}
