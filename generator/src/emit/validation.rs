//! Checks before sending, from the spec's bounds: `minimum`/`maximum`, `minLength`/`maxLength` and
//! `minItems`/`maxItems` (not `pattern`, which would need a regex engine in the SDK). Models whose
//! fields, at any depth, carry a bound get a `Validate` impl in the validation file; operations check
//! their parameters and body with the same pieces.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::features;
use super::paths;
use super::types::ident;
use crate::ir::{Api, Constraints, Field, TypeDef, TypeKind, TypeRef};
use crate::render::{FileTokens, ItemTokens};

/// The checks of one value: `value` is an expression of type `&T`, `at` one of type `&str`.
pub fn checks(
    value: &TokenStream,
    ty: &TypeRef,
    constraints: &Constraints,
    at: &TokenStream,
    api: &Api,
) -> TokenStream {
    let check_number = paths::imported_codegen("check_number");
    let check_count = paths::imported_codegen("check_count");
    let validate = paths::runtime("Validate");
    let mut checks = Vec::new();
    let bound = |value: Option<f64>, exclusive: bool| match value {
        Some(value) => {
            let value = Literal::f64_unsuffixed(value);
            quote!(Some((#value, #exclusive)))
        }
        None => quote!(None),
    };
    let count = |value: Option<u64>| match value {
        Some(value) => {
            let value = Literal::u64_unsuffixed(value);
            quote!(Some(#value))
        }
        None => quote!(None),
    };
    // A named alias of a number, string or list (`Size = i64`) is checked as what it stands for.
    let plain = api.resolve_alias(ty);
    let is_number = matches!(
        plain,
        TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 | TypeRef::F32 | TypeRef::F64
    );
    if is_number && (constraints.minimum.is_some() || constraints.maximum.is_some()) {
        let minimum = bound(constraints.minimum, constraints.exclusive_minimum);
        let maximum = bound(constraints.maximum, constraints.exclusive_maximum);
        checks.push(quote!(#check_number(#at, *#value as f64, #minimum, #maximum)?;));
    }
    if plain == &TypeRef::String
        && (constraints.min_length.is_some() || constraints.max_length.is_some())
    {
        let (minimum, maximum) = (count(constraints.min_length), count(constraints.max_length));
        checks.push(
            quote!(#check_count(#at, "characters", #value.chars().count(), #minimum, #maximum)?;),
        );
    }
    if matches!(plain, TypeRef::Vec(_))
        && (constraints.min_items.is_some() || constraints.max_items.is_some())
    {
        let (minimum, maximum) = (count(constraints.min_items), count(constraints.max_items));
        checks.push(quote!(#check_count(#at, "items", #value.len(), #minimum, #maximum)?;));
    }
    if api.is_validated(ty) {
        checks.push(quote!(#validate::validate(#value, #at)?;));
    }
    quote!(#(#checks)*)
}

/// The checks of one struct field, under the path `{at}.{wire name}`.
fn field_checks(field: &Field, api: &Api) -> TokenStream {
    let name = ident(&field.rust_name);
    let path = format!("{{at}}.{}", field.wire_name);
    let at = quote!(&format!(#path));
    let value = quote!(value);
    let body = checks(&value, &field.ty, &field.constraints, &at, api);
    if body.is_empty() {
        return body;
    }
    // A boxed field holds `Box<T>`: the checks see the `T`.
    let value = if field.boxed {
        quote!(self.#name.as_ref())
    } else {
        quote!(&self.#name)
    };
    if field.is_optional() {
        let value = if field.boxed {
            quote!(self.#name.as_deref())
        } else {
            quote!(self.#name.as_ref())
        };
        quote! {
            if let Some(value) = #value {
                #body
            }
        }
    } else {
        quote! {
            let value = #value;
            #body
        }
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
            let models = paths::imported_models();
            let validate = paths::runtime("Validate");
            let violation = paths::runtime("Violation");

            let name = ident(&def.name);
            let body = match &def.kind {
                TypeKind::Struct(body) => {
                    let fields: Vec<TokenStream> = body
                        .fields
                        .iter()
                        .map(|field| field_checks(field, api))
                        .collect();
                    let union = body.union.as_ref().map(|union| {
                        let name = ident(&union.rust_name);
                        let value = if union.boxed {
                            quote!(self.#name.as_ref())
                        } else {
                            quote!(&self.#name)
                        };
                        checks(&value, &union.ty, &Constraints::default(), &quote!(at), api)
                    });
                    quote!(#(#fields)* #union)
                }
                TypeKind::Union(body) => {
                    let arms: Vec<TokenStream> = body
                        .variants
                        .iter()
                        .map(|variant| {
                            let variant_name = ident(&variant.rust_name);
                            let check = checks(
                                &quote!(value),
                                &variant.ty,
                                &Constraints::default(),
                                &quote!(at),
                                api,
                            );
                            if check.is_empty() {
                                quote!(Self::#variant_name(_) => {})
                            } else {
                                quote!(Self::#variant_name(value) => { #check })
                            }
                        })
                        .collect();
                    // An object of a kind this version does not know has no bounds it knows.
                    let unknown = body.discriminator.as_ref().map(|discriminator| {
                        let unknown = ident(&discriminator.unknown_variant);
                        quote!(Self::#unknown(_) => {})
                    });
                    quote!(match self { #(#arms)* #unknown })
                }
                TypeKind::Newtype(body) => checks(
                    &quote!(&self.0),
                    &body.ty,
                    &Constraints::default(),
                    &quote!(at),
                    api,
                ),
                // Aliases are checked as the type they name; enums hold no bounds.
                TypeKind::Alias(_) | TypeKind::Enum(_) => TokenStream::new(),
            };
            // A bound the SDK does not check on this type (a `minimum` on a string) leaves no check.
            let unused = if body.is_empty() {
                quote!(let _ = at;)
            } else {
                TokenStream::new()
            };
            let tokens = quote! {
                impl #validate for #models #name {
                    fn validate(&self, at: &str) -> ::std::result::Result<(), #violation> {
                        #unused
                        #body
                        ::std::result::Result::Ok(())
                    }
                }
            };
            ItemTokens {
                tokens,
                trees: Vec::new(),
                cfg,
            }
        }),
    }
}
