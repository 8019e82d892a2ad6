//! Checks before sending, from the spec's bounds: `minimum`/`maximum`, `minLength`/`maxLength` and
//! `minItems`/`maxItems` (not `pattern`, which would need a regex engine in the SDK). Models whose
//! fields, at any depth, carry a bound get a `Validate` impl in the validation file; operations check
//! their parameters and body with the same pieces.
//!
//! A crate has a check for every bounded field and input, so the checks and the impls holding them
//! are copies of templates (see [`template`]), each named by the check it makes.

use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;

use super::features;
use super::paths;
use super::syntax;
use super::template::{self, Holes};
use super::types::ident;
use crate::ir::{Api, Constraints, Field, TypeDef, TypeKind, TypeRef};
use crate::render::{FileTokens, ItemTokens};

/// The checks of one value: `value` is an expression of type `&T`, `at` one of type `&str`.
pub fn check_statements(
    value: &syn::Expr,
    ty: &TypeRef,
    constraints: &Constraints,
    at: &syn::Expr,
    api: &Api,
) -> Result<Vec<syn::Stmt>, String> {
    let holes = || {
        Holes::default()
            .expr("__value", value.clone())
            .expr("__at", at.clone())
    };
    let mut checks = Vec::new();
    // A named alias of a number, string or list (`Size = i64`) is checked as what it stands for.
    let plain = api.resolve_alias(ty);
    let is_number = matches!(
        plain,
        TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 | TypeRef::F32 | TypeRef::F64
    );
    if is_number && (constraints.minimum.is_some() || constraints.maximum.is_some()) {
        let holes = holes()
            .expr(
                "__minimum",
                number_bound(constraints.minimum, constraints.exclusive_minimum)?,
            )
            .expr(
                "__maximum",
                number_bound(constraints.maximum, constraints.exclusive_maximum)?,
            );
        checks.push(template::fill(
            "check: a number's bounds",
            || quote!(codegen::check_number(__at, *__value as f64, __minimum, __maximum)?;),
            holes,
        )?);
    }
    if plain == &TypeRef::String
        && (constraints.min_length.is_some() || constraints.max_length.is_some())
    {
        let holes = holes()
            .expr("__minimum", count_bound(constraints.min_length)?)
            .expr("__maximum", count_bound(constraints.max_length)?);
        checks.push(template::fill(
            "check: a text's length",
            || {
                quote!(codegen::check_count(__at, "characters", __value.chars().count(), __minimum, __maximum)?;)
            },
            holes,
        )?);
    }
    if matches!(plain, TypeRef::Vec(_))
        && (constraints.min_items.is_some() || constraints.max_items.is_some())
    {
        let holes = holes()
            .expr("__minimum", count_bound(constraints.min_items)?)
            .expr("__maximum", count_bound(constraints.max_items)?);
        checks.push(template::fill(
            "check: a list's length",
            || quote!(codegen::check_count(__at, "items", __value.len(), __minimum, __maximum)?;),
            holes,
        )?);
    }
    if api.is_validated(ty) {
        checks.push(template::fill(
            "check: a model's own checks",
            || {
                let validate = paths::runtime("Validate");
                quote!(#validate::validate(__value, __at)?;)
            },
            holes(),
        )?);
    }
    Ok(checks)
}

/// [`check_statements`] as tokens, for the rare items still written as tokens.
pub fn checks(
    value: &syn::Expr,
    ty: &TypeRef,
    constraints: &Constraints,
    at: &syn::Expr,
    api: &Api,
) -> Result<TokenStream, String> {
    let statements = check_statements(value, ty, constraints, at, api)?;
    Ok(quote!(#(#statements)*))
}

/// `Some((bound, exclusive))`, or `None`.
fn number_bound(value: Option<f64>, exclusive: bool) -> Result<syn::Expr, String> {
    let Some(value) = value else {
        return Ok(syntax::name_expression("None"));
    };
    let bound = syntax::literal_expression(syn::Lit::Float(syn::LitFloat::new(
        &Literal::f64_unsuffixed(value).to_string(),
        Span::call_site(),
    )));
    let exclusive = syntax::literal_expression(syn::Lit::Bool(syn::LitBool::new(
        exclusive,
        Span::call_site(),
    )));
    template::fill(
        "check: a number's bound",
        || quote!(Some((__bound, __exclusive))),
        Holes::default()
            .expr("__bound", bound)
            .expr("__exclusive", exclusive),
    )
}

/// `Some(count)`, or `None`.
fn count_bound(value: Option<u64>) -> Result<syn::Expr, String> {
    let Some(value) = value else {
        return Ok(syntax::name_expression("None"));
    };
    let count = syntax::literal_expression(syn::Lit::Int(syn::LitInt::new(
        &Literal::u64_unsuffixed(value).to_string(),
        Span::call_site(),
    )));
    template::fill(
        "check: a count's bound",
        || quote!(Some(__count)),
        Holes::default().expr("__count", count),
    )
}

/// `&format!("{at}.wire")`: where a field's value is, for its checks' messages. A brace in the wire
/// name is doubled: `format!` would read it as an argument (`a{b}` names a variable `b`).
fn field_path(wire: &str) -> syn::Expr {
    let wire = wire.replace('{', "{{").replace('}', "}}");
    let text = format!("{{at}}.{wire}");
    syntax::reference(syn::Expr::Macro(syn::ExprMacro {
        attrs: Vec::new(),
        mac: syn::Macro {
            path: syntax::path(false, &["format"]),
            bang_token: Default::default(),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens: quote!(#text),
        },
    }))
}

/// The checks of one struct field, under the path `{at}.{wire name}`.
fn field_checks(field: &Field, api: &Api) -> Result<Vec<syn::Stmt>, String> {
    let body = check_statements(
        &syntax::name_expression("value"),
        &field.ty,
        &field.constraints,
        &field_path(&field.wire_name),
        api,
    )?;
    if body.is_empty() {
        return Ok(body);
    }
    // A boxed field holds `Box<T>`: the checks see the `T`.
    let (name, tokens): (&str, fn() -> TokenStream) = match (field.is_optional(), field.boxed) {
        (true, true) => ("validate: an optional boxed field", || {
            quote!({
                if let Some(value) = self.__field.as_deref() {
                    __body!();
                }
            })
        }),
        (true, false) => ("validate: an optional field", || {
            quote!({
                if let Some(value) = self.__field.as_ref() {
                    __body!();
                }
            })
        }),
        (false, true) => ("validate: a boxed field", || {
            quote!({
                let value = self.__field.as_ref();
                __body!();
            })
        }),
        (false, false) => ("validate: a field", || {
            quote!({
                let value = &self.__field;
                __body!();
            })
        }),
    };
    let holes = Holes::default()
        .ident("__field", ident(&field.rust_name))
        .statements("__body", body);
    let block: syn::Block = template::fill(name, tokens, holes)?;
    Ok(block.stmts)
}

/// The checks of a model's union field, or a newtype's value: the model's own, if it has them.
fn inner_checks(value: syn::Expr, ty: &TypeRef, api: &Api) -> Result<Vec<syn::Stmt>, String> {
    check_statements(
        &value,
        ty,
        &Constraints::default(),
        &syntax::name_expression("at"),
        api,
    )
}

/// `self.name` as `&T`: `self.name.as_ref()` when it is boxed, `&self.name` when it is not.
fn own_field(name: &str, boxed: bool) -> Result<syn::Expr, String> {
    let holes = Holes::default().ident("__field", ident(name));
    if boxed {
        template::fill(
            "validate: a boxed value",
            || quote!(self.__field.as_ref()),
            holes,
        )
    } else {
        template::fill("validate: a value", || quote!(&self.__field), holes)
    }
}

/// The models with a `Validate` impl: those with bounds, or holding a model that has them.
fn validated(api: &Api) -> impl Iterator<Item = (usize, &TypeDef)> {
    api.types.iter().enumerate().filter(|(_, def)| {
        def.validated && !matches!(def.kind, TypeKind::Alias(_) | TypeKind::Enum(_))
    })
}

/// Whether the crate has a `validation` module: not when no model has a bound.
pub fn has_validation(api: &Api) -> bool {
    validated(api).next().is_some()
}

/// The statements of model `def`'s `validate`.
fn model_checks(def: &TypeDef, api: &Api) -> Result<Vec<syn::Stmt>, String> {
    match &def.kind {
        TypeKind::Struct(body) => {
            let mut checks = Vec::new();
            for field in &body.fields {
                checks.extend(field_checks(field, api)?);
            }
            if let Some(union) = &body.union {
                let value = own_field(&union.rust_name, union.boxed)?;
                checks.extend(inner_checks(value, &union.ty, api)?);
            }
            Ok(checks)
        }
        TypeKind::Union(body) => {
            let mut arms = Vec::new();
            for variant in &body.variants {
                let check = inner_checks(syntax::name_expression("value"), &variant.ty, api)?;
                let holes = Holes::default().ident("__Variant", ident(&variant.rust_name));
                arms.push(if check.is_empty() {
                    template::fill(
                        "validate: a union's unchecked variant",
                        || quote!(Self::__Variant(_) => {}),
                        holes,
                    )?
                } else {
                    template::fill(
                        "validate: a union's checked variant",
                        || quote!(Self::__Variant(value) => { __body!(); }),
                        holes.statements("__body", check),
                    )?
                });
            }
            // An object of a kind this version does not know has no bounds it knows.
            if let Some(discriminator) = &body.discriminator {
                arms.push(template::fill(
                    "validate: a union's unchecked variant",
                    || quote!(Self::__Variant(_) => {}),
                    Holes::default().ident("__Variant", ident(&discriminator.unknown_variant)),
                )?);
            }
            let matching: syn::Stmt = template::fill(
                "validate: a union's match",
                || {
                    quote!(match self {
                        __arms => {}
                    })
                },
                Holes::default().arms("__arms", arms),
            )?;
            Ok(vec![matching])
        }
        TypeKind::Newtype(body) => {
            let value = template::fill(
                "validate: a newtype's value",
                || quote!(&self.0),
                Holes::default(),
            )?;
            inner_checks(value, &body.ty, api)
        }
        // Aliases are checked as the type they name; enums hold no bounds.
        TypeKind::Alias(_) | TypeKind::Enum(_) => Ok(Vec::new()),
    }
}

/// Model `def`'s `Validate` impl.
fn validate_impl(def: &TypeDef, api: &Api) -> Result<syn::Item, String> {
    let mut body = model_checks(def, api)?;
    // A bound the SDK does not check on this type (a `minimum` on a string) leaves no check.
    if body.is_empty() {
        body.push(template::fill(
            "validate: nothing to check",
            || quote!(let _ = at;),
            Holes::default(),
        )?);
    }
    let holes = Holes::default()
        .ident("__Name", ident(&def.name))
        .statements("__body", body);
    template::fill("validate impl", impl_template, holes)
}

fn impl_template() -> TokenStream {
    let validate = paths::runtime("Validate");
    let violation = paths::runtime("Violation");
    let models = paths::imported_models();
    quote! {
        impl #validate for #models __Name {
            fn validate(&self, at: &str) -> ::std::result::Result<(), #violation> {
                __body!();
                ::std::result::Result::Ok(())
            }
        }
    }
}

/// The validation file: a `Validate` impl for each model that holds a bound (aliases are checked as
/// the type they name; enums hold none).
pub fn validation(api: &Api) -> FileTokens<'_> {
    let needed: Vec<(usize, &TypeDef)> = validated(api).collect();
    FileTokens {
        inner: quote! {
            //! Checks of the models' bounds, run before a request is sent.
        },
        // The imports, then the impls.
        count: if needed.is_empty() {
            0
        } else {
            needed.len() + 1
        },
        item: Box::new(move |index| {
            let Some(index) = index.checked_sub(1) else {
                return paths::imports().into();
            };
            let (type_index, def) = needed[index];
            let cfg = features::type_cfg(api, type_index);
            match validate_impl(def, api) {
                Ok(item) => ItemTokens {
                    tokens: TokenStream::new(),
                    trees: vec![item],
                    cfg,
                },
                // A generator bug, reported where the generated crate is compiled.
                Err(problem) => {
                    let message = format!("internal error: `{}`'s checks: {problem}", def.name);
                    quote!(::core::compile_error!(#message);).into()
                }
            }
        }),
    }
}
