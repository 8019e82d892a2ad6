//! Typed filters in the API's declared syntax: the builder's `filter` setter, a type per operation
//! with a starting function per field, and a type per field with a method per operator it allows.
//! A filtered list operation has a method for every field and operator, so each is a copy of a
//! template (see [`template`]) named by the operator's form.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::paths;
use super::template::{self, Holes};
use super::types::ident;
use crate::ir::{Api, FilterOperator, FilterSpec, Operation, OperatorForm};

/// The `filter` setter on the request builder.
pub fn filter_setter(operation: &Operation, filter: &FilterSpec) -> Result<syn::ImplItem, String> {
    let input = &operation.inputs[filter.input];
    let setter_docs = docs::attribute_trees(&format!(
        "Sets `{}` from a typed filter, built with [`{}`].",
        input.wire_name, filter.type_name
    ));
    template::fill(
        "filter setter",
        || {
            let runtime_filter = paths::runtime("Filter");
            quote! {
                #[__docs]
                pub fn filter(mut self, filter: #runtime_filter<__Marker>) -> Self {
                    self.__field = Some(filter.to_string());
                    self
                }
            }
        },
        Holes::default()
            .attributes("__docs", setter_docs)
            .ident("__field", ident(&input.rust_name))
            .ident("__Marker", ident(&filter.type_name)),
    )
}

/// A struct `name` that holds nothing (with one `()` field when `unit_field`, so only this crate
/// makes it), deriving `Clone, Copy, Debug`, under `docs`.
fn marker_struct(
    name: &str,
    unit_field: bool,
    docs: Vec<syn::Attribute>,
) -> Result<syn::Item, String> {
    let holes = Holes::default().ident("__Name", ident(name));
    let mut item: syn::Item = if unit_field {
        template::fill(
            "filter field type",
            || {
                quote!(
                    #[derive(Clone, Copy, Debug)]
                    pub struct __Name(());
                )
            },
            holes,
        )?
    } else {
        template::fill(
            "filter type",
            || {
                quote!(
                    #[derive(Clone, Copy, Debug)]
                    pub struct __Name;
                )
            },
            holes,
        )?
    };
    if let syn::Item::Struct(definition) = &mut item {
        definition.attrs.splice(0..0, docs);
    }
    Ok(item)
}

/// `impl name { methods }`.
fn methods_impl(name: &str, methods: Vec<syn::ImplItem>) -> Result<syn::Item, String> {
    template::fill(
        "filter methods",
        || quote!(impl __Name { __methods!(); }),
        Holes::default()
            .ident("__Name", ident(name))
            .impl_items("__methods", methods),
    )
}

/// The filter's types: one with a starting function per field, and one per field with a method per
/// operator the field allows.
pub fn filter_types(
    operation: &Operation,
    filter: &FilterSpec,
    api: &Api,
) -> Result<Vec<syn::Item>, String> {
    let Some(grammar) = &api.profile.filter else {
        return Ok(Vec::new());
    };
    let mut starts = Vec::with_capacity(filter.fields.len());
    for field in &filter.fields {
        let allowed: Vec<&str> = field
            .operators
            .iter()
            .map(|&index| grammar.operators[index].wire.as_str())
            .collect();
        let start_docs = docs::attribute_trees(&format!(
            "A filter on `{}`, which allows: {}.",
            field.wire_name,
            allowed.join(", ")
        ));
        starts.push(template::fill(
            "filter start",
            || {
                quote! {
                    #[__docs]
                    pub fn __method() -> __Field {
                        __Field(())
                    }
                }
            },
            Holes::default()
                .attributes("__docs", start_docs)
                .ident("__method", ident(&field.method))
                .ident("__Field", ident(&field.type_name)),
        )?);
    }
    let type_docs = docs::attribute_trees(&format!(
        "Filters for `{}`: only the fields and operators it documents, making a `Filter<{}>` that no \
         other operation takes. Values are quoted and escaped, so no value can change the filter's \
         meaning; combine filters with `and` and `or`.",
        operation.id, filter.type_name
    ));
    let mut items = vec![
        marker_struct(&filter.type_name, false, type_docs)?,
        methods_impl(&filter.type_name, starts)?,
    ];
    for field in &filter.fields {
        let wire = &field.wire_name;
        let type_docs = docs::attribute_trees(&format!(
            "The operators `{}` allows on `{wire}`.",
            operation.id
        ));
        let mut methods = Vec::with_capacity(field.operators.len());
        for &index in &field.operators {
            methods.push(operator_method(
                wire,
                &grammar.operators[index],
                &filter.type_name,
            )?);
        }
        items.push(marker_struct(&field.type_name, true, type_docs)?);
        items.push(methods_impl(&field.type_name, methods)?);
    }
    Ok(items)
}

/// One operator's method, making a filter that only `marker`'s operation takes.
fn operator_method(
    wire: &str,
    operator: &FilterOperator,
    marker: &str,
) -> Result<syn::ImplItem, String> {
    let op = &operator.wire;
    let (name, docs_text, tokens): (&str, String, fn() -> TokenStream) = match operator.form {
        OperatorForm::Value => (
            "filter operator: a value",
            format!("`{wire} {op} \"value\"`"),
            || {
                let filter = paths::runtime("Filter");
                quote! {
                    #[__docs]
                    pub fn __method(self, value: impl AsRef<str>) -> #filter<__Marker> {
                        #filter::compare(&crate::client::FILTER_GRAMMAR, "__WIRE", "__OP", value.as_ref())
                    }
                }
            },
        ),
        OperatorForm::List => (
            "filter operator: a list",
            format!("`{wire} {op} (\"a\",\"b\")`"),
            || {
                let filter = paths::runtime("Filter");
                quote! {
                    #[__docs]
                    pub fn __method<I, S>(self, values: I) -> #filter<__Marker>
                    where
                        I: IntoIterator<Item = S>,
                        S: AsRef<str>,
                    {
                        #filter::list(&crate::client::FILTER_GRAMMAR, "__WIRE", "__OP", values)
                    }
                }
            },
        ),
        OperatorForm::Prefix => (
            "filter operator: before the field",
            format!("`{op} {wire}`"),
            || {
                let filter = paths::runtime("Filter");
                quote! {
                    #[__docs]
                    pub fn __method(self) -> #filter<__Marker> {
                        #filter::prefix(&crate::client::FILTER_GRAMMAR, "__WIRE", "__OP")
                    }
                }
            },
        ),
        OperatorForm::Postfix => (
            "filter operator: after the field",
            format!("`{wire} {op}`"),
            || {
                let filter = paths::runtime("Filter");
                quote! {
                    #[__docs]
                    pub fn __method(self) -> #filter<__Marker> {
                        #filter::postfix(&crate::client::FILTER_GRAMMAR, "__WIRE", "__OP")
                    }
                }
            },
        ),
    };
    template::fill(
        name,
        tokens,
        Holes::default()
            .attributes("__docs", docs::attribute_trees(&docs_text))
            .ident("__method", ident(&operator.method))
            .ident("__Marker", ident(marker))
            .text("__WIRE", wire)
            .text("__OP", op),
    )
}
