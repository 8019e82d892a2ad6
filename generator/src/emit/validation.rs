//! Checks before sending, from the spec's bounds: `minimum`/`maximum`, `minLength`/`maxLength` and
//! `minItems`/`maxItems` (not `pattern`, which would need a regex engine in the SDK). Models whose
//! fields, at any depth, carry a bound get a `Validate` impl in the validation file; operations check
//! their parameters and body with the same pieces.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::operations::runtime;
use super::types::ident;
use crate::ir::{Api, Constraints, Field, TypeDef, TypeId, TypeKind, TypeRef};
use crate::render::FileTokens;

/// Which named types need validation: those with a bounded field, and those that hold one of
/// those at any depth. Worked out once per API, to a fixpoint, so cycles are answered right.
pub struct Needs {
    by_type: Vec<bool>,
}

impl Needs {
    pub fn new(api: &Api) -> Self {
        let mut by_type: Vec<bool> = api.types.iter().map(|def| own_bounds(&def.kind)).collect();
        let mut changed = true;
        while changed {
            changed = false;
            for (index, def) in api.types.iter().enumerate() {
                if !by_type[index] && held_types(&def.kind).iter().any(|id| by_type[id.0]) {
                    by_type[index] = true;
                    changed = true;
                }
            }
        }
        Needs { by_type }
    }

    /// Whether a value of `ty` holds a bound somewhere.
    pub fn of(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named(id) => self.named(*id),
            TypeRef::Vec(inner) | TypeRef::Map(inner) => self.of(inner),
            _ => false,
        }
    }

    fn named(&self, id: TypeId) -> bool {
        self.by_type.get(id.0).copied().unwrap_or(false)
    }
}

fn own_bounds(kind: &TypeKind) -> bool {
    match kind {
        TypeKind::Struct(body) => body
            .fields
            .iter()
            .any(|field| has_bounds(&field.constraints)),
        _ => false,
    }
}

/// The named types a definition holds, at any depth of `Vec`s and maps.
fn held_types(kind: &TypeKind) -> Vec<TypeId> {
    fn named(ty: &TypeRef, out: &mut Vec<TypeId>) {
        match ty {
            TypeRef::Named(id) => out.push(*id),
            TypeRef::Vec(inner) | TypeRef::Map(inner) => named(inner, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    match kind {
        TypeKind::Struct(body) => body
            .fields
            .iter()
            .for_each(|field| named(&field.ty, &mut out)),
        TypeKind::Union(body) => body
            .variants
            .iter()
            .for_each(|variant| named(&variant.ty, &mut out)),
        TypeKind::Alias(ty) => named(ty, &mut out),
        TypeKind::Newtype(body) => named(&body.ty, &mut out),
        TypeKind::Enum(_) => {}
    }
    out
}

/// Whether the constraints hold a bound the SDK checks.
pub fn has_bounds(constraints: &Constraints) -> bool {
    let Constraints {
        minimum,
        maximum,
        min_length,
        max_length,
        min_items,
        max_items,
        ..
    } = constraints;
    minimum.is_some()
        || maximum.is_some()
        || min_length.is_some()
        || max_length.is_some()
        || min_items.is_some()
        || max_items.is_some()
}

/// The checks of one value: `value` is an expression of type `&T`, `at` one of type `&str`.
pub fn checks(
    value: &TokenStream,
    ty: &TypeRef,
    constraints: &Constraints,
    at: &TokenStream,
    needs: &Needs,
) -> TokenStream {
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
    let is_number = matches!(
        ty,
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64
    );
    if is_number && (constraints.minimum.is_some() || constraints.maximum.is_some()) {
        let minimum = bound(constraints.minimum, constraints.exclusive_minimum);
        let maximum = bound(constraints.maximum, constraints.exclusive_maximum);
        checks
            .push(quote!(crate::runtime::check_number(#at, *#value as f64, #minimum, #maximum)?;));
    }
    if ty == &TypeRef::String
        && (constraints.min_length.is_some() || constraints.max_length.is_some())
    {
        let (minimum, maximum) = (count(constraints.min_length), count(constraints.max_length));
        checks.push(quote!(crate::runtime::check_count(#at, "characters", #value.chars().count(), #minimum, #maximum)?;));
    }
    if matches!(ty, TypeRef::Vec(_))
        && (constraints.min_items.is_some() || constraints.max_items.is_some())
    {
        let (minimum, maximum) = (count(constraints.min_items), count(constraints.max_items));
        checks.push(
            quote!(crate::runtime::check_count(#at, "items", #value.len(), #minimum, #maximum)?;),
        );
    }
    if needs.of(ty) {
        checks.push(quote!(crate::runtime::Validate::validate(#value, #at)?;));
    }
    quote!(#(#checks)*)
}

/// The checks of one struct field, under the path `{at}.{wire name}`.
fn field_checks(field: &Field, needs: &Needs) -> TokenStream {
    let name = ident(&field.rust_name);
    let path = format!("{{at}}.{}", field.wire_name);
    let at = quote!(&format!(#path));
    let value = quote!(value);
    let body = checks(&value, &field.ty, &field.constraints, &at, needs);
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

/// The validation file: a `Validate` impl for each model that holds a bound (aliases are checked as
/// the type they name; enums hold none).
pub fn validation(api: &Api) -> FileTokens<'_> {
    let needs = Needs::new(api);
    let needed: Vec<&TypeDef> = api
        .types
        .iter()
        .enumerate()
        .filter(|(index, def)| {
            needs.named(TypeId(*index))
                && !matches!(def.kind, TypeKind::Alias(_) | TypeKind::Enum(_))
        })
        .map(|(_, def)| def)
        .collect();
    let models = runtime::models;
    FileTokens {
        inner: quote! {
            //! Checks of the models' bounds, run before a request is sent.
        },
        count: needed.len(),
        item: Box::new(move |index| {
            let def = needed[index];
            let models = models();

            let name = ident(&def.name);
            let body = match &def.kind {
                TypeKind::Struct(body) => {
                    let fields: Vec<TokenStream> = body
                        .fields
                        .iter()
                        .map(|field| field_checks(field, &needs))
                        .collect();
                    quote!(#(#fields)*)
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
                                &needs,
                            );
                            if check.is_empty() {
                                quote!(Self::#variant_name(_) => {})
                            } else {
                                quote!(Self::#variant_name(value) => { #check })
                            }
                        })
                        .collect();
                    quote!(match self { #(#arms)* })
                }
                TypeKind::Newtype(body) => checks(
                    &quote!(&self.0),
                    &body.ty,
                    &Constraints::default(),
                    &quote!(at),
                    &needs,
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
            quote! {
                impl crate::runtime::Validate for #models #name {
                    fn validate(&self, at: &str) -> Result<(), crate::runtime::Violation> {
                        #unused
                        #body
                        Ok(())
                    }
                }
            }
        }),
    }
}
