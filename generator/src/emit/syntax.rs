//! Syntax trees built directly, for the pieces every item repeats (paths, types, attributes): a
//! tree made here needs no parse, which is most of what formatting a token stream costs.
//!
//! Each tree is the one syn would parse from the same code, so prettyplease prints it the same.

use proc_macro2::{Span, TokenStream};
use syn::punctuated::Punctuated;

use super::types::ident;

/// `a::b::c`, or `::a::b::c` when `absolute`.
pub fn path(absolute: bool, segments: &[&str]) -> syn::Path {
    syn::Path {
        leading_colon: absolute.then(Default::default),
        segments: segments
            .iter()
            .map(|segment| syn::PathSegment::from(ident(segment)))
            .collect(),
    }
}

/// `path` with `arguments` on its last segment: `Vec<T>`, `BTreeMap<K, V>`.
pub fn with_arguments(mut path: syn::Path, arguments: Vec<syn::Type>) -> syn::Path {
    if let Some(last) = path.segments.last_mut() {
        last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: arguments
                .into_iter()
                .map(syn::GenericArgument::Type)
                .collect(),
            gt_token: Default::default(),
        });
    }
    path
}

/// The type a path names.
pub fn path_type(path: syn::Path) -> syn::Type {
    syn::Type::Path(syn::TypePath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// An outer attribute: `#[meta]`.
pub fn attribute(meta: syn::Meta) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

/// `#[name]`, or `#[::a::b]` for a path.
pub fn word_attribute(path: syn::Path) -> syn::Attribute {
    attribute(syn::Meta::Path(path))
}

/// `#[name(tokens)]`: what is inside the parentheses is kept as tokens, as syn keeps it.
pub fn list_attribute(name: &str, tokens: TokenStream) -> syn::Attribute {
    attribute(syn::Meta::List(syn::MetaList {
        path: path(false, &[name]),
        delimiter: syn::MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

/// `#[doc = "text"]`, the attribute a `///` line is.
pub fn doc_attribute(text: &str) -> syn::Attribute {
    attribute(syn::Meta::NameValue(syn::MetaNameValue {
        path: path(false, &["doc"]),
        eq_token: Default::default(),
        value: string_expression(text),
    }))
}

/// A string literal as an expression.
pub fn string_expression(text: &str) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Str(syn::LitStr::new(text, Span::call_site())),
    })
}

/// A literal as an expression: `0.5`, `true`.
pub fn literal_expression(lit: syn::Lit) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit,
    })
}

/// A path as an expression: `None`, `value`.
pub fn path_expression(path: syn::Path) -> syn::Expr {
    syn::Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// The expression that is the one name `name`: `value`, `None`.
pub fn name_expression(name: &str) -> syn::Expr {
    path_expression(path(false, &[name]))
}

/// The type that is the one name `name`: a type of the file it is in.
pub fn named_type(name: &str) -> syn::Type {
    path_type(path(false, &[name]))
}

/// `&expr`.
pub fn reference(expr: syn::Expr) -> syn::Expr {
    syn::Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(expr),
    })
}

/// `[a, b, c]`.
pub fn array_expression(elems: impl IntoIterator<Item = syn::Expr>) -> syn::Expr {
    syn::Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `#[non_exhaustive]`.
pub fn non_exhaustive() -> syn::Attribute {
    word_attribute(path(false, &["non_exhaustive"]))
}

/// `#[::serde_with::serde_as]`, on a type one of whose fields is read and written through an
/// adapter.
pub fn serde_as_attribute() -> syn::Attribute {
    word_attribute(path(true, &["serde_with", "serde_as"]))
}

/// `pub`.
pub fn public() -> syn::Visibility {
    syn::Visibility::Public(Default::default())
}

/// `pub name: ty,` under `attrs`, in a struct with named fields.
pub fn named_field(attrs: Vec<syn::Attribute>, name: &str, ty: syn::Type) -> syn::Field {
    syn::Field {
        attrs,
        vis: public(),
        ..private_field(name, ty)
    }
}

/// `name: ty,`, private, in a struct with named fields.
pub fn private_field(name: &str, ty: syn::Type) -> syn::Field {
    syn::Field {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: syn::FieldModifiers::default(),
        ident: Some(ident(name)),
        colon_token: Some(Default::default()),
        ty,
        default: None,
    }
}

/// `pub struct name { fields }` under `attrs`.
pub fn named_struct(
    attrs: Vec<syn::Attribute>,
    name: &str,
    fields: Vec<syn::Field>,
) -> syn::ItemStruct {
    syn::ItemStruct {
        attrs,
        vis: public(),
        struct_token: Default::default(),
        ident: ident(name),
        generics: syn::Generics::default(),
        fields: syn::Fields::Named(syn::FieldsNamed {
            brace_token: Default::default(),
            named: fields.into_iter().collect::<Punctuated<_, _>>(),
        }),
        semi_token: None,
    }
}

/// `impl name { items }`.
pub fn inherent_impl(name: &str, items: Vec<syn::ImplItem>) -> syn::ItemImpl {
    syn::ItemImpl {
        attrs: Vec::new(),
        modifiers: syn::ImplModifiers::default(),
        unsafety: None,
        impl_token: Default::default(),
        generics: syn::Generics::default(),
        trait_: None,
        self_ty: Box::new(path_type(path(false, &[name]))),
        brace_token: Default::default(),
        items,
    }
}

/// A variant: `name` alone, or `name(ty)`.
pub fn variant(attrs: Vec<syn::Attribute>, name: &str, ty: Option<syn::Type>) -> syn::Variant {
    let fields = match ty {
        None => syn::Fields::Unit,
        Some(ty) => syn::Fields::Unnamed(syn::FieldsUnnamed {
            paren_token: Default::default(),
            unnamed: Punctuated::from_iter([syn::Field {
                attrs: Vec::new(),
                vis: syn::Visibility::Inherited,
                modifiers: syn::FieldModifiers::default(),
                ident: None,
                colon_token: None,
                ty,
                default: None,
            }]),
        }),
    };
    syn::Variant {
        attrs,
        ident: ident(name),
        fields,
        discriminant: None,
    }
}

/// `pub enum name { variants }` under `attrs`.
pub fn public_enum(
    attrs: Vec<syn::Attribute>,
    name: &str,
    variants: Vec<syn::Variant>,
) -> syn::ItemEnum {
    syn::ItemEnum {
        attrs,
        vis: public(),
        enum_token: Default::default(),
        ident: ident(name),
        generics: syn::Generics::default(),
        brace_token: Default::default(),
        variants: variants.into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{ToTokens, quote};

    /// The file `tokens` are, parsed and printed.
    fn printed(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).expect("the code parses"))
    }

    /// `wrap` around the tree prints as `wrap` around the code it stands for.
    fn same<T: ToTokens>(tree: &T, code: TokenStream, wrap: fn(TokenStream) -> TokenStream) {
        assert_eq!(printed(wrap(tree.to_token_stream())), printed(wrap(code)));
    }

    #[test]
    fn trees_print_as_the_code_they_stand_for() {
        let as_item = |tokens| tokens;
        let as_type = |tokens| quote!(type Probe = #tokens;);
        let as_attribute = |tokens| quote!(#tokens struct Probe;);
        let map = with_arguments(
            path(true, &["std", "collections", "BTreeMap"]),
            vec![
                path_type(path(false, &["String"])),
                path_type(path(false, &["r#type"])),
            ],
        );
        same(
            &path_type(map),
            quote!(::std::collections::BTreeMap<String, r#type>),
            as_type,
        );
        same(
            &doc_attribute(" Sets `x`."),
            quote!(#[doc = " Sets `x`."]),
            as_attribute,
        );
        same(
            &list_attribute("serde", quote!(flatten)),
            quote!(#[serde(flatten)]),
            as_attribute,
        );
        same(
            &word_attribute(path(true, &["serde_with", "serde_as"])),
            quote!(#[::serde_with::serde_as]),
            as_attribute,
        );
        let field = named_field(
            vec![doc_attribute(" A field.")],
            "r#type",
            path_type(path(false, &["i64"])),
        );
        same(
            &named_struct(vec![], "Thing", vec![field]),
            quote!(
                pub struct Thing {
                    #[doc = " A field."]
                    pub r#type: i64,
                }
            ),
            as_item,
        );
        same(
            &inherent_impl("Thing", vec![]),
            quote!(impl Thing {}),
            as_item,
        );
    }
}
