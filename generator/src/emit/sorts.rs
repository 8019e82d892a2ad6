//! Typed sorting in the API's declared syntax: the builder's `sort_by` setter and an enum per
//! operation of the fields it sorts by, built as a syntax tree with its impls copied from one
//! template (see [`template`]).

use quote::quote;

use super::docs;
use super::paths;
use super::syntax;
use super::template::{self, Holes};
use super::types::ident;
use crate::ir::{Operation, SortSpec};

/// The `sort_by` setter on the request builder.
pub fn sort_setter(operation: &Operation, sort: &SortSpec) -> Result<syn::ImplItem, String> {
    let input = &operation.inputs[sort.input];
    let setter_docs = docs::attribute_trees(&format!(
        "Sets `{}` from sort keys, in order: `{}::Name.ascending()`.",
        input.wire_name, sort.type_name
    ));
    template::fill(
        "sort setter",
        || {
            let sorter = paths::runtime("Sorter");
            let sorters_text = paths::imported_codegen("sorters_text");
            quote! {
                #[__docs]
                pub fn sort_by(mut self, keys: impl IntoIterator<Item = #sorter<__Sort>>) -> Self {
                    self.__field = Some(#sorters_text(&crate::client::SORT_GRAMMAR, keys));
                    self
                }
            }
        },
        Holes::default()
            .attributes("__docs", setter_docs)
            .ident("__field", ident(&input.rust_name))
            .ident("__Sort", ident(&sort.type_name)),
    )
}

/// The enum of the fields an operation sorts by, and its impls.
pub fn sort_type(operation: &Operation, sort: &SortSpec) -> Result<Vec<syn::Item>, String> {
    let variants = sort
        .fields
        .iter()
        .map(|(wire, variant)| {
            syntax::variant(docs::attribute_trees(&format!("`{wire}`")), variant, None)
        })
        .collect();
    let mut attrs = docs::attribute_trees(&format!("The fields `{}` sorts by.", operation.id));
    attrs.push(syntax::list_attribute(
        "derive",
        quote!(Clone, Copy, Debug, PartialEq, Eq, Hash),
    ));
    let definition = syntax::public_enum(attrs, &sort.type_name, variants);
    let mut arms = Vec::with_capacity(sort.fields.len());
    for (wire, variant) in &sort.fields {
        arms.push(template::fill(
            "sort field, its wire name",
            || quote!(Self::__Variant => "__WIRE",),
            Holes::default()
                .ident("__Variant", ident(variant))
                .text("__WIRE", wire),
        )?);
    }
    let impls: syn::File = template::fill(
        "sort impls",
        || {
            let sort_field = paths::runtime("SortField");
            let sorter = paths::runtime("Sorter");
            quote! {
                impl __Sort {
                    /// Sorts by this field, ascending.
                    pub fn ascending(self) -> #sorter<Self> {
                        <Self as #sort_field>::ascending(self)
                    }
                    /// Sorts by this field, descending.
                    pub fn descending(self) -> #sorter<Self> {
                        <Self as #sort_field>::descending(self)
                    }
                }

                impl #sort_field for __Sort {
                    fn wire_name(self) -> &'static str {
                        match self {
                            __arms => {}
                        }
                    }
                }
            }
        },
        Holes::default()
            .ty("__Sort", syntax::named_type(&sort.type_name))
            .arms("__arms", arms),
    )?;
    let mut items = vec![syn::Item::Enum(definition)];
    items.extend(impls.items);
    Ok(items)
}
