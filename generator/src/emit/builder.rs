//! An operation's request builder as syntax trees: the client method that starts it, the struct,
//! and its impl (setters, `send`, `prepare`, `decode`). There is one of each for every operation,
//! so the parts every builder shares are copies of templates (see [`template`]) and what differs
//! from one operation to the next comes as trees (the statements that build the request and read
//! the response, the methods for filter, sort, checks and paging).

use proc_macro2::TokenStream;
use quote::quote;

use super::paths;
use super::syntax;
use super::template::{self, Holes};
use super::types::ident;

/// What the builder of one operation is made of; the emitter of the operations file fills it.
pub struct Builder<'a> {
    /// The request type's name.
    pub request: &'a str,
    /// The client method's name.
    pub method: &'a str,
    pub method_docs: Vec<syn::Attribute>,
    pub request_docs: Vec<syn::Attribute>,
    /// Each input: its field, its type, and whether the method takes it (else a setter sets it).
    pub inputs: Vec<BuilderInput>,
    /// The result type of `send`, and the error type of the operation.
    pub output: syn::Type,
    pub error: syn::Type,
    /// Methods between `with_options` and `send` (filter, sort, validate).
    pub helpers: Vec<syn::ImplItem>,
    pub metadata_docs: Vec<syn::Attribute>,
    /// The statements of `prepare` before the request is finished: the checks, then the request
    /// built into `request`.
    pub prepare: Vec<syn::Stmt>,
    /// The body of `decode`.
    pub decode: syn::Stmt,
    /// Methods after `decode` (the stream of pages).
    pub extra: Option<syn::ImplItem>,
}

pub struct BuilderInput {
    pub field: String,
    pub ty: syn::Type,
    pub argument: bool,
    pub docs: Vec<syn::Attribute>,
}

impl Builder<'_> {
    /// The client method, the request struct and its impl.
    pub fn items(self) -> Result<Vec<syn::Item>, String> {
        let request_type = syntax::named_type(self.request);
        let mut arguments = Vec::new();
        let mut initial = Vec::new();
        let mut fields = vec![
            syntax::private_field("client", runtime_type("Client")),
            syntax::private_field("options", runtime_type("RequestOptions")),
        ];
        let mut setters = Vec::new();
        for input in self.inputs {
            let holes = || {
                Holes::default()
                    .ident("__field", ident(&input.field))
                    .ty("__Ty", input.ty.clone())
            };
            if input.argument {
                arguments.push(template::fill(
                    "builder argument",
                    || quote!(__field: impl Into<__Ty>),
                    holes(),
                )?);
                initial.push(template::fill(
                    "builder argument, stored",
                    || quote!(__field: __field.into()),
                    holes(),
                )?);
                fields.push(syntax::private_field(&input.field, input.ty));
            } else {
                initial.push(template::fill(
                    "builder option, unset",
                    || quote!(__field: None),
                    holes(),
                )?);
                let setter = template::fill("builder setter", setter_template, holes())?;
                setters.push(with_docs(setter, input.docs));
                let optional =
                    syntax::with_arguments(syntax::path(false, &["Option"]), vec![input.ty]);
                fields.push(syntax::private_field(
                    &input.field,
                    syntax::path_type(optional),
                ));
            }
        }
        let method_holes = Holes::default()
            .ty("__Request", request_type.clone())
            .path("__Request", syntax::path(false, &[self.request]))
            .ident("__method", ident(self.method))
            .attributes("__docs", self.method_docs)
            .arguments("__arguments", arguments)
            .fields("__initial", initial);
        let method: syn::Item = template::fill("client method", method_template, method_holes)?;

        let mut attrs = self.request_docs;
        attrs.push(syntax::list_attribute("derive", quote!(Clone, Debug)));
        attrs.push(syntax::attribute(syn::Meta::NameValue(
            syn::MetaNameValue {
                path: syntax::path(false, &["must_use"]),
                eq_token: Default::default(),
                value: syntax::string_expression("a request does nothing until it is sent"),
            },
        )));
        let definition = syntax::named_struct(attrs, self.request, fields);

        let impl_holes = Holes::default()
            .ty("__Request", request_type)
            .ty("__Output", self.output)
            .ty("__Error", self.error)
            .impl_items("__setters", setters)
            .impl_items("__helpers", self.helpers)
            .attributes("__metadata_docs", self.metadata_docs)
            .statements("__prepare", self.prepare)
            .statements("__decode", vec![self.decode])
            .impl_items("__extra", self.extra.into_iter().collect());
        let methods: syn::Item = template::fill("builder impl", impl_template, impl_holes)?;
        Ok(vec![method, syn::Item::Struct(definition), methods])
    }
}

fn runtime_type(item: &str) -> syn::Type {
    syntax::path_type(syntax::path(true, &[paths::RUNTIME_CRATE, item]))
}

/// `item` (a function) with `docs` as its attributes.
fn with_docs(mut item: syn::ImplItem, docs: Vec<syn::Attribute>) -> syn::ImplItem {
    if let syn::ImplItem::Fn(function) = &mut item {
        function.attrs = docs;
    }
    item
}

fn setter_template() -> TokenStream {
    quote! {
        pub fn __field(mut self, __field: impl Into<__Ty>) -> Self {
            self.__field = Some(__field.into());
            self
        }
    }
}

fn method_template() -> TokenStream {
    let client = paths::client();
    let options = paths::runtime("RequestOptions");
    quote! {
        impl #client {
            #[__docs]
            pub fn __method(&self, __arguments: ()) -> __Request {
                __Request {
                    client: Clone::clone(self.runtime()),
                    options: #options::new(),
                    __initial: (),
                }
            }
        }
    }
}

fn impl_template() -> TokenStream {
    let runtime_client = paths::runtime("Client");
    let error_wrapper = paths::runtime("Error");
    let response = paths::runtime("ApiResponse");
    let options = paths::runtime("RequestOptions");
    let invalid_input = paths::runtime("InvalidInput");
    let into_body = paths::imported_codegen("into_body");
    // `send` and `send_with_metadata` return futures made by generic runtime functions, so the
    // crate compiles no future of its own per operation: only the sync `prepare` and `decode`.
    let send_prepared = paths::imported_codegen("send");
    let request_spec = paths::imported_codegen("RequestSpec");
    let raw_response = paths::imported_codegen("RawResponse");
    quote! {
        impl __Request {
            __setters!();

            /// Settings for this call over the client's: extra headers, a timeout, a retry policy,
            /// a response size limit.
            pub fn with_options(mut self, options: #options) -> Self {
                self.options = options;
                self
            }

            __helpers!();

            /// Sends the request and returns the decoded body.
            pub fn send(self) -> impl ::std::future::Future<Output = Result<__Output, #error_wrapper<__Error>>> {
                #into_body(self.send_with_metadata())
            }

            #[__metadata_docs]
            pub fn send_with_metadata(self) -> impl ::std::future::Future<Output = Result<#response<__Output>, #error_wrapper<__Error>>> {
                #send_prepared(self.prepare(), Self::decode)
            }

            /// The client and the request to send, once every input is checked.
            fn prepare(self) -> Result<(#runtime_client, #request_spec), #invalid_input> {
                __prepare!();
                request.options = self.options;
                Ok((self.client, request))
            }

            /// The operation's result, from the response's status and body.
            fn decode(response: #raw_response) -> Result<#response<__Output>, #error_wrapper<__Error>> {
                __decode!();
            }

            __extra!();
        }
    }
}
