//! Breaks the cycles Rust cannot represent: a type that contains itself by value gets a `Box` on each
//! field that closes a loop, and an alias that would expand into itself becomes a newtype.

use crate::ir::{Newtype, TypeDef, TypeId, TypeKind, TypeRef};

pub fn break_cycles(types: &mut [TypeDef]) {
    turn_recursive_aliases_into_newtypes(types);
    box_values_that_close_loops(types);
    box_values_nested_too_deep(types);
}

/// How many types deep one value may hold the next by value. rustc's drop check walks the nesting
/// and gives up at its recursion limit (128): a chain of structs about that deep does not compile.
const MAX_BY_VALUE_DEPTH: usize = 32;

/// Boxes the field (or variant) at which a chain of types held by value would pass
/// [`MAX_BY_VALUE_DEPTH`], so no value nests deeper by value than that. The loops are broken
/// already, so the chains end; a type is measured once, children first, without recursion.
fn box_values_nested_too_deep(types: &mut [TypeDef]) {
    const UNSEEN: usize = usize::MAX;
    let mut depth = vec![UNSEEN; types.len()];
    for root in 0..types.len() {
        let mut stack = vec![(root, false)];
        while let Some((index, children_done)) = stack.pop() {
            if depth[index] != UNSEEN && !children_done {
                continue;
            }
            let held = held_by_value(&types[index].kind);
            if !children_done {
                // Provisional, so a loop that is left (through aliases) ends here.
                depth[index] = 0;
                stack.push((index, true));
                stack.extend(
                    held.iter()
                        .filter(|(_, child)| depth[child.0] == UNSEEN)
                        .map(|(_, child)| (child.0, false)),
                );
                continue;
            }
            let transparent = matches!(types[index].kind, TypeKind::Alias(_));
            let mut deepest = 0;
            for (slot, child) in held {
                let below = depth[child.0];
                if !transparent && below + 1 > MAX_BY_VALUE_DEPTH {
                    box_slot(&mut types[index].kind, slot);
                } else {
                    deepest = deepest.max(below);
                }
            }
            depth[index] = if transparent { deepest } else { deepest + 1 };
        }
    }
}

/// The named types a definition holds by value and not yet boxed.
fn held_by_value(kind: &TypeKind) -> Vec<(usize, TypeId)> {
    let boxed = |slot: usize| match kind {
        TypeKind::Struct(def) => def
            .fields
            .get(slot)
            .map_or_else(|| def.union.as_ref().is_some_and(|u| u.boxed), |f| f.boxed),
        TypeKind::Union(def) => def.variants[slot].boxed,
        TypeKind::Newtype(def) => def.boxed,
        TypeKind::Enum(_) | TypeKind::Alias(_) => false,
    };
    by_value(kind)
        .into_iter()
        .filter(|(slot, _)| !boxed(*slot))
        .collect()
}

fn box_slot(kind: &mut TypeKind, slot: usize) {
    match kind {
        // The slot after the last field is the flattened union.
        TypeKind::Struct(def) => match def.fields.get_mut(slot) {
            Some(field) => field.boxed = true,
            None => {
                if let Some(union) = &mut def.union {
                    union.boxed = true;
                }
            }
        },
        TypeKind::Union(def) => def.variants[slot].boxed = true,
        TypeKind::Newtype(def) => def.boxed = true,
        TypeKind::Enum(_) | TypeKind::Alias(_) => {}
    }
}

/// `type A = Vec<A>` does not compile: a type alias may not mention itself at any depth.
fn turn_recursive_aliases_into_newtypes(types: &mut [TypeDef]) {
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Alias(ty) => {
                let mut named = Vec::new();
                ty.collect_named(&mut named);
                named
                    .into_iter()
                    .filter(|id| matches!(types[id.0].kind, TypeKind::Alias(_)))
                    .map(|id| id.0)
                    .collect()
            }
            _ => Vec::new(),
        })
        .collect();
    let component = strongly_connected(&edges);
    for (index, targets) in edges.iter().enumerate() {
        let in_cycle = targets
            .iter()
            .any(|&target| component[target] == component[index]);
        if in_cycle {
            if let TypeKind::Alias(ty) = &types[index].kind {
                let ty = ty.clone();
                types[index].kind = TypeKind::Newtype(Newtype { ty, boxed: false });
            }
        }
    }
}

/// A struct that holds itself by value (directly or through other types, `Option` included) has
/// infinite size; `Vec` and maps already hold their items on the heap.
fn box_values_that_close_loops(types: &mut [TypeDef]) {
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|def| {
            by_value(&def.kind)
                .into_iter()
                .map(|(_, id)| id.0)
                .collect()
        })
        .collect();
    let component = strongly_connected(&edges);
    for index in 0..types.len() {
        let loops: Vec<usize> = by_value(&types[index].kind)
            .into_iter()
            .filter(|(_, target)| component[target.0] == component[index])
            .map(|(slot, _)| slot)
            .collect();
        for slot in loops {
            box_slot(&mut types[index].kind, slot);
        }
    }
}

/// The named types a definition holds by value, each with the field or variant that holds it.
fn by_value(kind: &TypeKind) -> Vec<(usize, TypeId)> {
    let direct = |ty: &TypeRef| match ty {
        TypeRef::Named(id) => Some(*id),
        _ => None,
    };
    match kind {
        TypeKind::Struct(def) => def
            .fields
            .iter()
            .enumerate()
            .map(|(slot, f)| (slot, &f.ty))
            .chain(def.union.iter().map(|u| (def.fields.len(), &u.ty)))
            .filter_map(|(slot, ty)| direct(ty).map(|id| (slot, id)))
            .collect(),
        TypeKind::Union(def) => def
            .variants
            .iter()
            .enumerate()
            .filter_map(|(slot, v)| direct(&v.ty).map(|id| (slot, id)))
            .collect(),
        TypeKind::Alias(ty) => direct(ty).map(|id| (0, id)).into_iter().collect(),
        TypeKind::Newtype(def) => direct(&def.ty).map(|id| (0, id)).into_iter().collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Tarjan's algorithm, iterative so a long chain of types cannot overflow the stack. Returns, for
/// each node, the index of its strongly connected component.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let count = edges.len();
    let mut index_of = vec![UNVISITED; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNVISITED; count];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;

    for root in 0..count {
        if index_of[root] != UNVISITED {
            continue;
        }
        // Each frame: a node and how many of its edges have been followed.
        let mut frames = vec![(root, 0)];
        index_of[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut followed)) = frames.last_mut() {
            if let Some(&target) = edges[node].get(*followed) {
                *followed += 1;
                if index_of[target] == UNVISITED {
                    index_of[target] = next_index;
                    low[target] = next_index;
                    next_index += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    frames.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(index_of[target]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index_of[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_components() {
        // 0 -> 1 -> 2 -> 0 is a loop; 3 -> 3 loops on itself; 4 stands alone.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let component = strongly_connected(&edges);
        assert_eq!(component[0], component[1]);
        assert_eq!(component[1], component[2]);
        assert_ne!(component[3], component[0]);
        assert_ne!(component[4], component[0]);
        assert_ne!(component[4], component[3]);
    }
}
