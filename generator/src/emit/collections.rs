//! What an operation offers over a collection: `into_stream` for paged lists, and typed filter and
//! sort builders from the spec's `x-filterable-fields` and `x-sortable-fields`.

use proc_macro2::TokenStream;
use quote::quote;

use super::operations::runtime;
use super::types::{ident, rust_type};
use crate::ir::{Api, FilterOperator, FilterSpec, Operation, Pagination, SortSpec};

/// `into_stream` on the request builder.
pub fn stream_method(
    operation: &Operation,
    pagination: &Pagination,
    error: &proc_macro2::Ident,
    api: &Api,
) -> TokenStream {
    let item = rust_type(&pagination.item, api, &runtime::models());
    let offset = ident(&operation.params[pagination.offset].rust_name);
    let limit = ident(&operation.params[pagination.limit].rust_name);
    let ask_count = pagination.count.is_some();
    let set_count = pagination.count.map(|index| {
        let count = ident(&operation.params[index].rust_name);
        quote!(if page.count { request.#count = Some(true); })
    });
    let id = &operation.id;
    let page_size = proc_macro2::Literal::i64_unsuffixed(pagination.page_size);
    let docs = format!(
        " Every item of the list, as a stream that fetches pages as it is read: from the offset set \
         (or 0), {} at a time (or the limit set), stopping at the end.{}",
        pagination.page_size,
        if ask_count {
            " The first page asks for the total, then available from `total_count`."
        } else {
            ""
        }
    );
    quote! {
        #[doc = #docs]
        pub fn into_stream(self) -> crate::runtime::Paginated<#item, #error> {
            let offset = self.#offset.map_or(0, i64::from);
            let page_size = self.#limit.map_or(#page_size, i64::from);
            crate::runtime::Paginated::new(#id, offset, page_size, #ask_count, move |page| {
                let mut request = self.clone();
                Box::pin(async move {
                    request.#offset = Some(page.offset()?);
                    request.#limit = Some(page.limit()?);
                    #set_count
                    request.send_with_metadata().await
                })
            })
        }
    }
}

/// The `filter` setter on the request builder.
pub fn filter_setter(operation: &Operation, filter: &FilterSpec) -> TokenStream {
    let field = ident(&operation.params[filter.param].rust_name);
    let docs = format!(
        " Sets `{}` from a typed filter, built with [`{}`].",
        operation.params[filter.param].wire_name, filter.type_name
    );
    quote! {
        #[doc = #docs]
        pub fn filter(mut self, filter: crate::runtime::Filter) -> Self {
            self.#field = Some(filter.into());
            self
        }
    }
}

/// The filter's types: one with a starting function per field, and one per field with a method per
/// operator the field allows.
pub fn filter_types(operation: &Operation, filter: &FilterSpec) -> TokenStream {
    let filter_type = ident(&filter.type_name);
    let starts = filter.fields.iter().map(|field| {
        let method = ident(&field.method);
        let field_type = ident(&field.type_name);
        let allowed: Vec<&str> = field
            .operators
            .iter()
            .map(|operator| operator.wire())
            .collect();
        let docs = format!(
            " A filter on `{}`, which allows: {}.",
            field.wire_name,
            allowed.join(", ")
        );
        quote! {
            #[doc = #docs]
            pub fn #method() -> #field_type {
                #field_type(())
            }
        }
    });
    let field_types = filter.fields.iter().map(|field| {
        let field_type = ident(&field.type_name);
        let wire = &field.wire_name;
        let docs = format!(" The operators `{}` allows on `{wire}`.", operation.id);
        let methods = field
            .operators
            .iter()
            .map(|operator| operator_method(wire, *operator));
        quote! {
            #[doc = #docs]
            #[derive(Clone, Copy, Debug)]
            pub struct #field_type(());

            impl #field_type {
                #(#methods)*
            }
        }
    });
    let docs = format!(
        " Filters for `{}`: only the fields and operators it documents. Values are quoted and escaped, \
         so no value can change the filter's meaning; combine filters with `and` and `or`.",
        operation.id
    );
    quote! {
        #[doc = #docs]
        #[derive(Clone, Copy, Debug)]
        pub struct #filter_type;

        impl #filter_type {
            #(#starts)*
        }

        #(#field_types)*
    }
}

/// What a filter operator takes besides the field.
enum Operand {
    /// One value: `name eq "x"`.
    Value,
    /// A list of values: `id in ("a","b")`.
    List,
    /// Nothing: `pr owner`.
    Unary,
}

fn operator_method(wire: &str, operator: FilterOperator) -> TokenStream {
    let op = operator.wire();
    let (name, kind) = match operator {
        FilterOperator::Eq => ("equals", Operand::Value),
        FilterOperator::Ne => ("not_equals", Operand::Value),
        FilterOperator::Gt => ("greater_than", Operand::Value),
        FilterOperator::Ge => ("at_least", Operand::Value),
        FilterOperator::Lt => ("less_than", Operand::Value),
        FilterOperator::Le => ("at_most", Operand::Value),
        FilterOperator::Sw => ("starts_with", Operand::Value),
        FilterOperator::Co => ("contains", Operand::Value),
        FilterOperator::In => ("is_in", Operand::List),
        FilterOperator::Ca => ("contains_all", Operand::List),
        FilterOperator::Pr => ("is_present", Operand::Unary),
        FilterOperator::Isnull => ("is_null", Operand::Unary),
    };
    let method = ident(name);
    match kind {
        Operand::Value => {
            let docs = format!(" `{wire} {op} \"value\"`");
            quote! {
                #[doc = #docs]
                pub fn #method(self, value: impl AsRef<str>) -> crate::runtime::Filter {
                    crate::runtime::Filter::compare(#wire, #op, value.as_ref())
                }
            }
        }
        Operand::List => {
            let docs = format!(" `{wire} {op} (\"a\",\"b\")`");
            quote! {
                #[doc = #docs]
                pub fn #method<I, S>(self, values: I) -> crate::runtime::Filter
                where
                    I: IntoIterator<Item = S>,
                    S: AsRef<str>,
                {
                    crate::runtime::Filter::list(#wire, #op, values)
                }
            }
        }
        Operand::Unary => {
            let docs = format!(" `{op} {wire}`");
            quote! {
                #[doc = #docs]
                pub fn #method(self) -> crate::runtime::Filter {
                    crate::runtime::Filter::unary(#wire, #op)
                }
            }
        }
    }
}

/// The `sort_by` setter on the request builder.
pub fn sort_setter(operation: &Operation, sort: &SortSpec) -> TokenStream {
    let field = ident(&operation.params[sort.param].rust_name);
    let sort_type = ident(&sort.type_name);
    let docs = format!(
        " Sets `{}` from sort keys, in order: `{}::Name.ascending()` (with `SortField` in scope).",
        operation.params[sort.param].wire_name, sort.type_name
    );
    quote! {
        #[doc = #docs]
        pub fn sort_by(mut self, keys: impl IntoIterator<Item = crate::runtime::Sorter<#sort_type>>) -> Self {
            self.#field = Some(crate::runtime::sorters_text(keys));
            self
        }
    }
}

/// The enum of the fields an operation sorts by.
pub fn sort_type(operation: &Operation, sort: &SortSpec) -> TokenStream {
    let sort_type = ident(&sort.type_name);
    let variants: Vec<_> = sort
        .fields
        .iter()
        .map(|(_, variant)| ident(variant))
        .collect();
    let wires: Vec<&str> = sort.fields.iter().map(|(wire, _)| wire.as_str()).collect();
    let variant_docs = wires.iter().map(|wire| format!(" `{wire}`"));
    let docs = format!(" The fields `{}` sorts by.", operation.id);
    quote! {
        #[doc = #docs]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum #sort_type {
            #( #[doc = #variant_docs] #variants, )*
        }

        impl crate::runtime::SortField for #sort_type {
            fn wire_name(self) -> &'static str {
                match self {
                    #( Self::#variants => #wires, )*
                }
            }
        }
    }
}
