//! What an operation offers over a paged list: `into_stream`, which fetches the pages as it is
//! read (the typed filter and sort are in `filters` and `sorts`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use super::paths;
use super::types::{ModelPath, ident, rust_type};
use crate::ir::{Api, Operation, Pagination, TypeRef};

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
