//! What an operation offers over a paged list: `into_stream`, which fetches the pages as it is
//! read (the typed filter and sort are in `filters` and `sorts`).

use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;

use super::docs;
use super::paths;
use super::syntax;
use super::template::{self, Holes};
use super::types::{ModelPath, ident, type_tree};
use crate::ir::{Api, Operation, Pagination, TypeRef};

/// `into_stream` on the request builder: a copy of one template (see [`template`]), since every
/// paged operation has one.
pub fn stream_method(
    operation: &Operation,
    pagination: &Pagination,
    error: &proc_macro2::Ident,
    api: &Api,
) -> Result<syn::ImplItem, String> {
    let ask_count = pagination.count.is_some();
    let mut set_count = Vec::new();
    if let Some(index) = pagination.count {
        set_count.push(template::fill(
            "stream: ask for the total",
            || {
                quote!(if page.count {
                    request.__count = Some(true);
                })
            },
            Holes::default().ident("__count", ident(&operation.inputs[index].rust_name)),
        )?);
    }
    let total_header = match &pagination.total_header {
        Some(name) => template::fill(
            "stream: the total's header",
            || quote!(Some("__HEADER")),
            Holes::default().text("__HEADER", name),
        )?,
        None => syntax::name_expression("None"),
    };
    let stream_docs = docs::attribute_trees(&format!(
        "Every item of the list, as a stream that fetches pages as it is read: from the offset set \
         (or 0), {} at a time (or the limit set), stopping at the end.{}",
        pagination.page_size,
        if ask_count && pagination.total_header.is_some() {
            " The first page asks for the total, then available from `total_count`."
        } else {
            ""
        }
    ));
    let page_size = syn::LitInt::new(
        &Literal::i64_unsuffixed(pagination.page_size).to_string(),
        Span::call_site(),
    );
    let holes = Holes::default()
        .attributes("__docs", stream_docs)
        .ty(
            "__Item",
            type_tree(&pagination.item, api, ModelPath::Imported),
        )
        .ty("__Error", syntax::path_type(syn::Path::from(error.clone())))
        .ident(
            "__offset",
            ident(&operation.inputs[pagination.offset].rust_name),
        )
        .ident(
            "__limit",
            ident(&operation.inputs[pagination.limit].rust_name),
        )
        .expr(
            "__offset_i64",
            to_i64(&operation.inputs[pagination.offset].ty)?,
        )
        .expr(
            "__limit_i64",
            to_i64(&operation.inputs[pagination.limit].ty)?,
        )
        .expr(
            "__page_size",
            syntax::literal_expression(syn::Lit::Int(page_size)),
        )
        .text("__ID", &operation.id)
        .expr(
            "__ask_count",
            syntax::literal_expression(syn::Lit::Bool(syn::LitBool::new(
                ask_count,
                Span::call_site(),
            ))),
        )
        .expr("__total_header", total_header)
        .statements("__set_count", set_count);
    template::fill("stream method", stream_template, holes)
}

fn stream_template() -> TokenStream {
    let paginated = paths::runtime("Paginated");
    let paging = paths::imported_codegen("Paging");
    let page_request = paths::runtime("PageRequest");
    quote! {
        #[__docs]
        pub fn into_stream(self) -> #paginated<__Item, __Error> {
            let offset = self.__offset.map_or(0, __offset_i64);
            let page_size = self.__limit.map_or(__page_size, __limit_i64);
            let paging = #paging {
                operation: "__ID",
                offset,
                page_size,
                ask_count: __ask_count,
                total_header: __total_header,
            };
            let prepare = |request: &mut Self, page: #page_request| {
                request.__offset = Some(page.offset()?);
                request.__limit = Some(page.limit()?);
                __set_count!();
                Ok(())
            };
            #paginated::new(paging, self, prepare, Self::prepare, Self::decode)
        }
    }
}

/// A function from an integer input's type to `i64`, saturating where it cannot be exact.
fn to_i64(ty: &TypeRef) -> Result<syn::Expr, String> {
    match ty {
        TypeRef::U64 => template::fill(
            "stream: u64 to i64",
            || quote!(|value: u64| i64::try_from(value).unwrap_or(i64::MAX)),
            Holes::default(),
        ),
        _ => template::fill("stream: to i64", || quote!(i64::from), Holes::default()),
    }
}
