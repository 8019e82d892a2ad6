//! Syntax trees for the most repeated items, made without parsing each one: a template is parsed
//! once per thread, with placeholders, and each use is a clone of it with the placeholders filled.
//!
//! syn's parser is most of what formatting costs (about 100 µs for a 40-line impl, against 15 µs
//! to clone the tree it makes), so an item written thousands of times is cheaper cloned and
//! filled. The output is the same: prettyplease prints the filled tree as it would the parsed one.
//!
//! Placeholders are identifiers, string literals, types, expressions and struct-expression paths that the
//! templates name with a leading `__` (`__slot`, `"__WIRE"`, `__Ty`), plus three list holes: a statement `name!();` in a block, an arm `name => {}` in a
//! `match`, and a field `name: ()` in a struct expression, each replaced by a list. What is filled
//! in is never visited again, so text from a spec cannot be mistaken for a placeholder.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::{Ident, Span, TokenStream};
use syn::parse::Parse;
use syn::visit_mut::{self, VisitMut};

thread_local! {
    /// The templates this thread has parsed, by name. Syntax trees hold proc-macro2 values, which
    /// stay on the thread that made them.
    static PARSED: RefCell<HashMap<String, Box<dyn Any>>> = RefCell::new(HashMap::new());
}

/// A copy of template `name` (whose tokens `tokens` makes, parsed the first time on this
/// thread) with `holes` filled. The name says everything the tokens depend on (a template that
/// writes prelude names differently when a model shadows them has a name for each way). An error
/// naming the template when it is not valid Rust of kind `T`: a generator bug, which the caller
/// reports.
pub fn fill<T: Parse + Clone + 'static>(
    name: &str,
    tokens: impl FnOnce() -> TokenStream,
    mut holes: Holes,
) -> Result<T, String>
where
    Holes: Fills<T>,
{
    let copy: Option<T> = PARSED.with(|parsed| {
        let mut parsed = parsed.borrow_mut();
        if !parsed.contains_key(name) {
            let tree: T = syn::parse2(tokens()).ok()?;
            parsed.insert(name.to_owned(), Box::new(tree));
        }
        parsed.get(name)?.downcast_ref::<T>().cloned()
    });
    let mut copy = copy.ok_or_else(|| format!("the template `{name}`"))?;
    holes.fill_in(&mut copy);
    Ok(copy)
}

/// What goes where a template has a placeholder.
#[derive(Default)]
pub struct Holes {
    idents: Vec<(&'static str, Ident)>,
    texts: Vec<(&'static str, String)>,
    types: Vec<(&'static str, syn::Type)>,
    paths: Vec<(&'static str, syn::Path)>,
    exprs: Vec<(&'static str, syn::Expr)>,
    statements: Vec<(&'static str, Vec<syn::Stmt>)>,
    arms: Vec<(&'static str, Vec<syn::Arm>)>,
    fields: Vec<(&'static str, Vec<syn::FieldValue>)>,
    impl_items: Vec<(&'static str, Vec<syn::ImplItem>)>,
    arguments: Vec<(&'static str, Vec<syn::FnArg>)>,
    attributes: Vec<(&'static str, Vec<syn::Attribute>)>,
}

impl Holes {
    pub fn ident(mut self, hole: &'static str, ident: Ident) -> Self {
        self.idents.push((hole, ident));
        self
    }

    /// A string literal whose value is `hole`.
    pub fn text(mut self, hole: &'static str, text: &str) -> Self {
        self.texts.push((hole, text.to_owned()));
        self
    }

    /// A type written as the single identifier `hole`.
    pub fn ty(mut self, hole: &'static str, ty: syn::Type) -> Self {
        self.types.push((hole, ty));
        self
    }

    /// The path of a struct expression written as the single identifier `hole`.
    pub fn path(mut self, hole: &'static str, path: syn::Path) -> Self {
        self.paths.push((hole, path));
        self
    }

    /// An expression written as the single identifier `hole`.
    pub fn expr(mut self, hole: &'static str, expr: syn::Expr) -> Self {
        self.exprs.push((hole, expr));
        self
    }

    pub fn statements(mut self, hole: &'static str, statements: Vec<syn::Stmt>) -> Self {
        self.statements.push((hole, statements));
        self
    }

    pub fn arms(mut self, hole: &'static str, arms: Vec<syn::Arm>) -> Self {
        self.arms.push((hole, arms));
        self
    }

    pub fn fields(mut self, hole: &'static str, fields: Vec<syn::FieldValue>) -> Self {
        self.fields.push((hole, fields));
        self
    }

    pub fn impl_items(mut self, hole: &'static str, items: Vec<syn::ImplItem>) -> Self {
        self.impl_items.push((hole, items));
        self
    }

    pub fn arguments(mut self, hole: &'static str, arguments: Vec<syn::FnArg>) -> Self {
        self.arguments.push((hole, arguments));
        self
    }

    pub fn attributes(mut self, hole: &'static str, attributes: Vec<syn::Attribute>) -> Self {
        self.attributes.push((hole, attributes));
        self
    }
}

impl Holes {
    /// `items` with each list hole among them replaced by its list (not visited: what is filled
    /// in is never a placeholder) and every other item visited.
    fn splice<T, Out: Default + Extend<T>>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        list_for: fn(&mut Self, &T) -> Option<Vec<T>>,
        visit: fn(&mut Self, &mut T),
    ) -> Out {
        let mut out = Out::default();
        for mut item in items {
            match list_for(self, &item) {
                Some(list) => out.extend(list),
                None => {
                    visit(self, &mut item);
                    out.extend([item]);
                }
            }
        }
        out
    }

    /// The statements for a statement `name!();`.
    fn statement_list(&mut self, statement: &syn::Stmt) -> Option<Vec<syn::Stmt>> {
        let syn::Stmt::Macro(call) = statement else {
            return None;
        };
        take(&mut self.statements, call.mac.path.get_ident()?)
    }

    /// The arms for an arm `name => {}`.
    fn arm_list(&mut self, arm: &syn::Arm) -> Option<Vec<syn::Arm>> {
        let syn::Pat::Ident(pattern) = &arm.pat else {
            return None;
        };
        take(&mut self.arms, &pattern.ident)
    }

    /// The items for an item `name!();` in an impl.
    fn impl_item_list(&mut self, item: &syn::ImplItem) -> Option<Vec<syn::ImplItem>> {
        let syn::ImplItem::Macro(call) = item else {
            return None;
        };
        take(&mut self.impl_items, call.mac.path.get_ident()?)
    }

    /// The arguments for an argument `name: ()`.
    fn argument_list(&mut self, argument: &syn::FnArg) -> Option<Vec<syn::FnArg>> {
        let syn::FnArg::Typed(typed) = argument else {
            return None;
        };
        let syn::Pat::Ident(pattern) = &*typed.pat else {
            return None;
        };
        take(&mut self.arguments, &pattern.ident)
    }

    /// The attributes for an attribute `#[name]`.
    fn attribute_list(&mut self, attribute: &syn::Attribute) -> Option<Vec<syn::Attribute>> {
        let syn::Meta::Path(path) = &attribute.meta else {
            return None;
        };
        take(&mut self.attributes, path.get_ident()?)
    }

    /// The fields for a field `name: ()`.
    fn field_list(&mut self, field: &syn::FieldValue) -> Option<Vec<syn::FieldValue>> {
        let syn::Member::Named(name) = &field.member else {
            return None;
        };
        take(&mut self.fields, name)
    }
}

/// Filling the holes of one kind of tree.
pub trait Fills<T> {
    fn fill_in(&mut self, tree: &mut T);
}

impl Fills<syn::Item> for Holes {
    fn fill_in(&mut self, tree: &mut syn::Item) {
        self.visit_item_mut(tree);
    }
}

impl Fills<syn::File> for Holes {
    fn fill_in(&mut self, tree: &mut syn::File) {
        self.visit_file_mut(tree);
    }
}

impl Fills<syn::ImplItem> for Holes {
    fn fill_in(&mut self, tree: &mut syn::ImplItem) {
        self.visit_impl_item_mut(tree);
    }
}

impl Fills<syn::FnArg> for Holes {
    fn fill_in(&mut self, tree: &mut syn::FnArg) {
        self.visit_fn_arg_mut(tree);
    }
}

impl Fills<syn::Stmt> for Holes {
    fn fill_in(&mut self, tree: &mut syn::Stmt) {
        self.visit_stmt_mut(tree);
    }
}

impl Fills<syn::Expr> for Holes {
    fn fill_in(&mut self, tree: &mut syn::Expr) {
        self.visit_expr_mut(tree);
    }
}

impl Fills<syn::Block> for Holes {
    fn fill_in(&mut self, tree: &mut syn::Block) {
        self.visit_block_mut(tree);
    }
}

impl Fills<syn::Arm> for Holes {
    fn fill_in(&mut self, tree: &mut syn::Arm) {
        self.visit_arm_mut(tree);
    }
}

impl Fills<syn::FieldValue> for Holes {
    fn fill_in(&mut self, tree: &mut syn::FieldValue) {
        self.visit_field_value_mut(tree);
    }
}

fn take<T>(holes: &mut [(&'static str, Vec<T>)], name: &Ident) -> Option<Vec<T>> {
    holes
        .iter_mut()
        .find(|(hole, _)| name == hole)
        .map(|(_, list)| std::mem::take(list))
}

impl VisitMut for Holes {
    fn visit_ident_mut(&mut self, ident: &mut Ident) {
        if let Some((_, with)) = self.idents.iter().find(|(hole, _)| ident == hole) {
            *ident = with.clone();
        }
    }

    fn visit_lit_str_mut(&mut self, literal: &mut syn::LitStr) {
        if self.texts.is_empty() {
            return;
        }
        let value = literal.value();
        if let Some((_, with)) = self.texts.iter().find(|(hole, _)| *hole == value) {
            *literal = syn::LitStr::new(with, Span::call_site());
        }
    }

    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        if let syn::Type::Path(path) = ty
            && path.qself.is_none()
            && let Some(name) = path.path.get_ident()
            && let Some((_, with)) = self.types.iter().find(|(hole, _)| name == hole)
        {
            *ty = with.clone();
            return;
        }
        visit_mut::visit_type_mut(self, ty);
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if let syn::Expr::Path(path) = expr
            && path.qself.is_none()
            && path.attrs.is_empty()
            && let Some(name) = path.path.get_ident()
            && let Some((_, with)) = self.exprs.iter().find(|(hole, _)| name == hole)
        {
            *expr = with.clone();
            return;
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let statements = std::mem::take(&mut block.stmts);
        block.stmts = self.splice(statements, Self::statement_list, Self::visit_stmt_mut);
    }

    fn visit_expr_match_mut(&mut self, expr: &mut syn::ExprMatch) {
        self.visit_expr_mut(&mut expr.expr);
        let arms = std::mem::take(&mut expr.arms);
        expr.arms = self.splice(arms, Self::arm_list, Self::visit_arm_mut);
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        let items = std::mem::take(&mut item.items);
        item.items = self.splice(items, Self::impl_item_list, Self::visit_impl_item_mut);
        let attrs = std::mem::take(&mut item.attrs);
        item.attrs = self.splice(attrs, Self::attribute_list, Self::visit_attribute_mut);
        self.visit_generics_mut(&mut item.generics);
        if let Some((path, _)) = &mut item.trait_ {
            self.visit_path_mut(path);
        }
        self.visit_type_mut(&mut item.self_ty);
    }

    fn visit_impl_item_fn_mut(&mut self, function: &mut syn::ImplItemFn) {
        let attrs = std::mem::take(&mut function.attrs);
        function.attrs = self.splice(attrs, Self::attribute_list, Self::visit_attribute_mut);
        self.visit_signature_mut(&mut function.sig);
        self.visit_block_mut(&mut function.block);
    }

    fn visit_signature_mut(&mut self, signature: &mut syn::Signature) {
        let inputs = std::mem::take(&mut signature.inputs);
        signature.inputs = self.splice(inputs, Self::argument_list, Self::visit_fn_arg_mut);
        self.visit_ident_mut(&mut signature.ident);
        self.visit_generics_mut(&mut signature.generics);
        self.visit_return_type_mut(&mut signature.output);
    }

    fn visit_expr_struct_mut(&mut self, expr: &mut syn::ExprStruct) {
        if let Some(name) = expr.path.get_ident()
            && let Some((_, with)) = self.paths.iter().find(|(hole, _)| name == hole)
        {
            expr.path = with.clone();
        }
        let fields = std::mem::take(&mut expr.fields);
        expr.fields = self.splice(fields, Self::field_list, Self::visit_field_value_mut);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn print(item: syn::Item) -> String {
        let mut file: syn::File = syn::parse2(TokenStream::new()).unwrap();
        file.items.push(item);
        prettyplease::unparse(&file)
    }

    #[test]
    fn a_filled_template_prints_as_the_same_code_parsed() {
        let ty: syn::Type = syn::parse2(quote!(Vec<models::Thing>)).unwrap();
        let path: syn::Path = syn::parse2(quote!(models::Thing)).unwrap();
        let value: syn::FieldValue = syn::parse2(quote!(a: 1)).unwrap();
        let statement: syn::Stmt = syn::parse2(quote!(let b = 2;)).unwrap();
        let arm: syn::Arm = syn::parse2(quote!("x" => 3,)).unwrap();
        let holes = Holes::default()
            .ident("__NAME", Ident::new("made", Span::call_site()))
            .text("__TEXT", "__TEXT and \"quotes\"")
            .ty("__Ty", ty)
            .path("__Path", path)
            .fields("__fields", vec![value])
            .statements("__statements", vec![statement])
            .arms("__arms", vec![arm])
            .expr("__value", syn::parse2(quote!(&[&["a"]])).unwrap());
        let filled: syn::Item = fill(
            "test",
            || {
                quote! {
                    fn __NAME(key: &str) -> __Ty {
                        __statements!();
                        let _ = __Path { __fields: () };
                        let _ = (__value, __value.len());
                        match key { __arms => {} _ => "__TEXT" }
                    }
                }
            },
            holes,
        )
        .unwrap();
        let parsed: syn::Item = syn::parse2(quote! {
            fn made(key: &str) -> Vec<models::Thing> {
                let b = 2;
                let _ = models::Thing { a: 1 };
                // An expression filled in where it binds less tightly than its place is
                // printed in parentheses.
                let _ = (&[&["a"]], (&[&["a"]]).len());
                match key { "x" => 3, _ => "__TEXT and \"quotes\"" }
            }
        })
        .unwrap();
        assert_eq!(print(filled), print(parsed));
    }

    #[test]
    fn impl_items_arguments_and_attributes_fill_their_holes() {
        let method: syn::ImplItem = syn::parse2(quote!(
            fn made(&self) {}
        ))
        .unwrap();
        let argument: syn::FnArg = syn::parse2(quote!(count: u32)).unwrap();
        let doc: syn::Attribute = syn::parse_quote!(#[doc = " Made."]);
        let holes = Holes::default()
            .impl_items("__items", vec![method])
            .arguments("__arguments", vec![argument])
            .attributes("__docs", vec![doc.clone(), doc]);
        let filled: syn::Item = fill(
            "test impl",
            || {
                quote! {
                    impl Thing {
                        __items!();
                        #[__docs]
                        fn first(__arguments: (), last: bool) {}
                        __empty!();
                    }
                }
            },
            holes,
        )
        .unwrap();
        let parsed: syn::Item = syn::parse2(quote! {
            impl Thing {
                fn made(&self) {}
                /// Made.
                /// Made.
                fn first(count: u32, last: bool) {}
                __empty!();
            }
        })
        .unwrap();
        // A hole nothing fills is left as written, so the generated crate fails to compile
        // rather than losing code.
        assert_eq!(print(filled), print(parsed));
    }

    #[test]
    fn a_template_that_is_not_rust_of_its_kind_is_an_error_naming_it() {
        let filled: Result<syn::Item, String> =
            fill("broken", || quote!(let x = 1;), Holes::default());
        assert_eq!(filled.err().as_deref(), Some("the template `broken`"));
    }
}
