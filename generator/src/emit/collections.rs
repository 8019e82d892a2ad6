//! What an operation offers over a collection: `into_stream` for paged lists, and typed filter and
//! sort builders in the API's declared syntax.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use super::paths;
use super::types::{ModelPath, ident, rust_type};
use crate::ir::{
    Api, FilterOperator, FilterSpec, Operation, OperatorForm, Pagination, SortSpec, TypeRef,
};

/// `into_stream` on the request builder.
pub fn stream_method(
    operation: &Operation,
    pagination: &Pagination,
    error: &proc_macro2::Ident,
    api: &Api,
) -> TokenStream {
    let paginated = paths::runtime("Paginated");
    let item = rust_type(&pagination.item, api, ModelPath::Imported);
    let offset = ident(&operation.inputs[pagination.offset].rust_name);
    let limit = ident(&operation.inputs[pagination.limit].rust_name);
    let ask_count = pagination.count.is_some();
    let set_count = pagination.count.map(|index| {
        let count = ident(&operation.inputs[index].rust_name);
        quote!(if page.count { request.#count = Some(true); })
    });
    let paging = paths::imported_codegen("Paging");
    let page_request = paths::runtime("PageRequest");
    let total_header = match &pagination.total_header {
        Some(name) => quote!(Some(#name)),
        None => quote!(None),
    };
    let id = &operation.id;
    let page_size = Literal::i64_unsuffixed(pagination.page_size);
    let stream_docs = docs::attributes(&format!(
        "Every item of the list, as a stream that fetches pages as it is read: from the offset set \
         (or 0), {} at a time (or the limit set), stopping at the end.{}",
        pagination.page_size,
        if ask_count && pagination.total_header.is_some() {
            " The first page asks for the total, then available from `total_count`."
        } else {
            ""
        }
    ));
    let offset_i64 = to_i64(&operation.inputs[pagination.offset].ty);
    let limit_i64 = to_i64(&operation.inputs[pagination.limit].ty);
    quote! {
        #stream_docs
        pub fn into_stream(self) -> #paginated<#item, #error> {
            let offset = self.#offset.map_or(0, #offset_i64);
            let page_size = self.#limit.map_or(#page_size, #limit_i64);
            let paging = #paging {
                operation: #id,
                offset,
                page_size,
                ask_count: #ask_count,
                total_header: #total_header,
            };
            let prepare = |request: &mut Self, page: #page_request| {
                request.#offset = Some(page.offset()?);
                request.#limit = Some(page.limit()?);
                #set_count
                Ok(())
            };
            #paginated::new(paging, self, prepare, Self::prepare, Self::decode)
        }
    }
}

/// A function from an integer input's type to `i64`, saturating where it cannot be exact.
fn to_i64(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::U64 => quote!(|value: u64| i64::try_from(value).unwrap_or(i64::MAX)),
        _ => quote!(i64::from),
    }
}

/// The `filter` setter on the request builder.
pub fn filter_setter(operation: &Operation, filter: &FilterSpec) -> TokenStream {
    let input = &operation.inputs[filter.input];
    let field = ident(&input.rust_name);
    let runtime_filter = paths::runtime("Filter");
    let marker = ident(&filter.type_name);
    let filter_type = quote!(#runtime_filter<#marker>);
    let setter_docs = docs::attributes(&format!(
        "Sets `{}` from a typed filter, built with [`{}`].",
        input.wire_name, filter.type_name
    ));
    quote! {
        #setter_docs
        pub fn filter(mut self, filter: #filter_type) -> Self {
            self.#field = Some(filter.to_string());
            self
        }
    }
}

/// The filter's types: one with a starting function per field, and one per field with a method per
/// operator the field allows.
pub fn filter_types(operation: &Operation, filter: &FilterSpec, api: &Api) -> TokenStream {
    let Some(grammar) = &api.profile.filter else {
        return TokenStream::new();
    };
    let filter_type = ident(&filter.type_name);
    let starts = filter.fields.iter().map(|field| {
        let method = ident(&field.method);
        let field_type = ident(&field.type_name);
        let allowed: Vec<&str> = field
            .operators
            .iter()
            .map(|&index| grammar.operators[index].wire.as_str())
            .collect();
        let start_docs = docs::attributes(&format!(
            "A filter on `{}`, which allows: {}.",
            field.wire_name,
            allowed.join(", ")
        ));
        quote! {
            #start_docs
            pub fn #method() -> #field_type {
                #field_type(())
            }
        }
    });
    let field_types = filter.fields.iter().map(|field| {
        let field_type = ident(&field.type_name);
        let wire = &field.wire_name;
        let type_docs = docs::attributes(&format!(
            "The operators `{}` allows on `{wire}`.",
            operation.id
        ));
        let methods = field
            .operators
            .iter()
            .map(|&index| operator_method(wire, &grammar.operators[index], &filter_type));
        quote! {
            #type_docs
            #[derive(Clone, Copy, Debug)]
            pub struct #field_type(());

            impl #field_type {
                #(#methods)*
            }
        }
    });
    let type_docs = docs::attributes(&format!(
        "Filters for `{}`: only the fields and operators it documents, making a `Filter<{}>` that no \
         other operation takes. Values are quoted and escaped, so no value can change the filter's \
         meaning; combine filters with `and` and `or`.",
        operation.id, filter.type_name
    ));
    quote! {
        #type_docs
        #[derive(Clone, Copy, Debug)]
        pub struct #filter_type;

        impl #filter_type {
            #(#starts)*
        }

        #(#field_types)*
    }
}

/// One operator's method, making a filter that only `marker`'s operation takes.
fn operator_method(
    wire: &str,
    operator: &FilterOperator,
    marker: &proc_macro2::Ident,
) -> TokenStream {
    let runtime_filter = paths::runtime("Filter");
    let filter = quote!(#runtime_filter<#marker>);
    let op = &operator.wire;
    let method = ident(&operator.method);
    let grammar = quote!(&crate::client::FILTER_GRAMMAR);
    match operator.form {
        OperatorForm::Value => {
            let method_docs = docs::attributes(&format!("`{wire} {op} \"value\"`"));
            quote! {
                #method_docs
                pub fn #method(self, value: impl AsRef<str>) -> #filter {
                    #runtime_filter::compare(#grammar, #wire, #op, value.as_ref())
                }
            }
        }
        OperatorForm::List => {
            let method_docs = docs::attributes(&format!("`{wire} {op} (\"a\",\"b\")`"));
            quote! {
                #method_docs
                pub fn #method<I, S>(self, values: I) -> #filter
                where
                    I: IntoIterator<Item = S>,
                    S: AsRef<str>,
                {
                    #runtime_filter::list(#grammar, #wire, #op, values)
                }
            }
        }
        OperatorForm::Prefix => {
            let method_docs = docs::attributes(&format!("`{op} {wire}`"));
            quote! {
                #method_docs
                pub fn #method(self) -> #filter {
                    #runtime_filter::prefix(#grammar, #wire, #op)
                }
            }
        }
        OperatorForm::Postfix => {
            let method_docs = docs::attributes(&format!("`{wire} {op}`"));
            quote! {
                #method_docs
                pub fn #method(self) -> #filter {
                    #runtime_filter::postfix(#grammar, #wire, #op)
                }
            }
        }
    }
}

/// The `sort_by` setter on the request builder.
pub fn sort_setter(operation: &Operation, sort: &SortSpec) -> TokenStream {
    let input = &operation.inputs[sort.input];
    let field = ident(&input.rust_name);
    let sort_type = ident(&sort.type_name);
    let sorter = paths::runtime("Sorter");
    let sorters_text = paths::imported_codegen("sorters_text");
    let setter_docs = docs::attributes(&format!(
        "Sets `{}` from sort keys, in order: `{}::Name.ascending()`.",
        input.wire_name, sort.type_name
    ));
    quote! {
        #setter_docs
        pub fn sort_by(mut self, keys: impl IntoIterator<Item = #sorter<#sort_type>>) -> Self {
            self.#field = Some(#sorters_text(&crate::client::SORT_GRAMMAR, keys));
            self
        }
    }
}

/// The enum of the fields an operation sorts by.
pub fn sort_type(operation: &Operation, sort: &SortSpec) -> TokenStream {
    let sort_type = ident(&sort.type_name);
    let sort_field = paths::runtime("SortField");
    let sorter = paths::runtime("Sorter");
    let variants: Vec<_> = sort
        .fields
        .iter()
        .map(|(_, variant)| ident(variant))
        .collect();
    let wires: Vec<&str> = sort.fields.iter().map(|(wire, _)| wire.as_str()).collect();
    let variant_docs = wires
        .iter()
        .map(|wire| docs::attributes(&format!("`{wire}`")));
    let type_docs = docs::attributes(&format!("The fields `{}` sorts by.", operation.id));
    quote! {
        #type_docs
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum #sort_type {
            #( #variant_docs #variants, )*
        }

        impl #sort_type {
            /// Sorts by this field, ascending.
            pub fn ascending(self) -> #sorter<Self> {
                <Self as #sort_field>::ascending(self)
            }
            /// Sorts by this field, descending.
            pub fn descending(self) -> #sorter<Self> {
                <Self as #sort_field>::descending(self)
            }
        }

        impl #sort_field for #sort_type {
            fn wire_name(self) -> &'static str {
                match self {
                    #( Self::#variants => #wires, )*
                }
            }
        }
    }
}
