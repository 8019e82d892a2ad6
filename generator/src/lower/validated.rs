//! Which types are checked before a request is sent: those with a bounded field, and those that
//! hold one of those at any depth. Worked out once, to a fixpoint, so cycles are answered right.

use crate::ir::{Constraints, TypeDef, TypeId, TypeKind};

pub fn validated_types(types: &[TypeDef]) -> Vec<bool> {
    let mut validated: Vec<bool> = types.iter().map(|def| own_bounds(&def.kind)).collect();
    let mut changed = true;
    while changed {
        changed = false;
        for (index, def) in types.iter().enumerate() {
            if !validated[index] && held_types(&def.kind).iter().any(|id| validated[id.0]) {
                validated[index] = true;
                changed = true;
            }
        }
    }
    validated
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
    let mut out = Vec::new();
    match kind {
        TypeKind::Struct(body) => {
            body.fields
                .iter()
                .for_each(|field| field.ty.collect_named(&mut out));
            body.union
                .iter()
                .for_each(|union| union.ty.collect_named(&mut out));
        }
        TypeKind::Union(body) => body
            .variants
            .iter()
            .for_each(|variant| variant.ty.collect_named(&mut out)),
        TypeKind::Alias(ty) => ty.collect_named(&mut out),
        TypeKind::Newtype(body) => body.ty.collect_named(&mut out),
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
