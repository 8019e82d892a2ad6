//! The order a reader meets the types in: each inline type right after the type it is written
//! inside (its owner, the type whose place in the spec is the nearest above its own), at any
//! depth; types with no owner (components, and the inline types of operations) in the order they
//! were declared.

use std::collections::HashMap;

use crate::ir::TypeDef;

/// Indexes into `types`, owners first, each followed by what it owns.
pub fn reading_order(types: &[TypeDef]) -> Vec<usize> {
    // For lookups only: never iterated, so its order cannot reach the output.
    let by_origin: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(index, def)| (def.origin.as_str(), index))
        .collect();
    let owner = |index: usize| {
        let mut place = types[index].origin.clone();
        loop {
            let up = place.parent_or_root();
            if up == place {
                return None;
            }
            if let Some(&owner) = by_origin.get(up.as_str()) {
                return Some(owner);
            }
            place = up;
        }
    };
    let mut owned: Vec<Vec<usize>> = vec![Vec::new(); types.len()];
    let mut roots = Vec::new();
    for index in 0..types.len() {
        // An owner's place is strictly above its own, so owners form no loop.
        match owner(index) {
            Some(owner) => owned[owner].push(index),
            None => roots.push(index),
        }
    }
    let mut order = Vec::with_capacity(types.len());
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(index) = stack.pop() {
        order.push(index);
        stack.extend(owned[index].iter().rev());
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Docs, TypeKind, TypeRef};
    use crate::pointer::JsonPointer;

    fn def(name: &str, origin: &str) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            origin: JsonPointer::from_fragment(origin).unwrap(),
            docs: Docs::default(),
            kind: TypeKind::Alias(TypeRef::Any),
            validated: false,
            gate: crate::ir::Gate::Always,
        }
    }

    #[test]
    fn inline_types_follow_their_owner_at_any_depth() {
        let types = [
            def("A", "#/components/schemas/A"),
            def("B", "#/components/schemas/B"),
            def(
                "Body",
                "#/paths/~1x/post/requestBody/content/application~1json/schema",
            ),
            def("AOwner", "#/components/schemas/A/properties/owner"),
            def("BItem", "#/components/schemas/B/items"),
            def(
                "AOwnerTag",
                "#/components/schemas/A/properties/owner/properties/tag",
            ),
        ];
        let names: Vec<&str> = reading_order(&types)
            .into_iter()
            .map(|index| types[index].name.as_str())
            .collect();
        assert_eq!(names, ["A", "AOwner", "AOwnerTag", "B", "BItem", "Body"]);
    }
}
