//! Which Cargo features a type is compiled under. With operations in several modules (one per
//! tag), each module is a feature, and a type is compiled when a feature whose operations reach it
//! (through fields, variants and aliases, at any depth) is on, so a user who enables one tag
//! compiles its operations and the models they use. A type no operation reaches (a webhook's
//! payload, an unused component) is always compiled, as is every type of an API with one module.

use crate::ir::{BodyKind, Gate, Operation, TypeDef, TypeId, TypeKind};

pub fn gates(types: &[TypeDef], operations: &[Operation], modules: usize) -> Vec<Gate> {
    if modules < 2 {
        return vec![Gate::Always; types.len()];
    }
    // For each type, which modules reach it: a bit per module, set by a walk from each operation.
    let mut reached: Vec<Vec<bool>> = vec![vec![false; modules]; types.len()];
    let mut stack: Vec<TypeId> = Vec::new();
    for operation in operations {
        let module = operation.module;
        roots(operation, &mut stack);
        while let Some(id) = stack.pop() {
            let Some(seen) = reached.get_mut(id.0).and_then(|bits| bits.get_mut(module)) else {
                continue;
            };
            if *seen {
                continue;
            }
            *seen = true;
            if let Some(def) = types.get(id.0) {
                held(&def.kind, &mut stack);
            }
        }
    }
    let mut gates: Vec<Gate> = reached
        .into_iter()
        .map(|bits| {
            let modules: Vec<usize> = (0..bits.len()).filter(|&module| bits[module]).collect();
            if modules.is_empty() || modules.len() == bits.len() {
                Gate::Always
            } else {
                Gate::Modules(modules)
            }
        })
        .collect();
    // What an always-compiled type holds is always compiled too.
    let mut stack: Vec<TypeId> = Vec::new();
    for (index, def) in types.iter().enumerate() {
        if gates[index] == Gate::Always {
            held(&def.kind, &mut stack);
        }
    }
    while let Some(id) = stack.pop() {
        let Some(gate) = gates.get_mut(id.0) else {
            continue;
        };
        if *gate != Gate::Always {
            *gate = Gate::Always;
            if let Some(def) = types.get(id.0) {
                held(&def.kind, &mut stack);
            }
        }
    }
    gates
}

/// The named types an operation names itself: its inputs, bodies, headers and paged items.
fn roots(operation: &Operation, out: &mut Vec<TypeId>) {
    for input in &operation.inputs {
        input.ty.collect_named(out);
    }
    for response in &operation.responses {
        if let BodyKind::Json(ty) = &response.body {
            ty.collect_named(out);
        }
        for header in &response.headers {
            header.ty.collect_named(out);
        }
    }
    if let Some(pagination) = &operation.pagination {
        pagination.item.collect_named(out);
    }
}

/// The named types a definition holds, at any depth of lists and maps.
fn held(kind: &TypeKind, out: &mut Vec<TypeId>) {
    match kind {
        TypeKind::Struct(body) => {
            body.fields
                .iter()
                .for_each(|field| field.ty.collect_named(out));
            body.union
                .iter()
                .for_each(|union| union.ty.collect_named(out));
            body.additional
                .iter()
                .for_each(|extra| extra.value.collect_named(out));
        }
        TypeKind::Union(body) => body
            .variants
            .iter()
            .for_each(|variant| variant.ty.collect_named(out)),
        TypeKind::Alias(ty) => ty.collect_named(out),
        TypeKind::Newtype(body) => body.ty.collect_named(out),
        TypeKind::Enum(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, Gate};

    fn api(text: &str) -> Api {
        let spec: crate::spec::OpenApi =
            crate::parse::parse(text).unwrap_or_else(|problem| panic!("{problem:?}"));
        let (api, problems) = super::super::lower(&spec);
        assert!(problems.is_empty(), "{problems:?}");
        api
    }

    fn api_of_one() -> Api {
        api(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {x: {type: string}}}}}}\n",
        )
    }

    fn gate<'a>(api: &'a Api, name: &str) -> &'a Gate {
        let index = api
            .types
            .iter()
            .position(|def| def.name == name)
            .unwrap_or_else(|| panic!("no {name}"));
        &api.types[index].gate
    }

    #[test]
    fn a_type_is_gated_by_the_tags_that_reach_it_and_what_nothing_reaches_is_always_there() {
        let api = api(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      tags: [alpha]\n      operationId: getA\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}\n  /b:\n    get:\n      tags: [beta]\n      operationId: getB\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/B'}}}}\n  /c:\n    get:\n      tags: [gamma]\n      operationId: getC\n      responses:\n        '204': {description: none}\ncomponents:\n  schemas:\n    A: {type: object, properties: {shared: {$ref: '#/components/schemas/Shared'}, deep: {$ref: '#/components/schemas/Deep'}}}\n    B: {type: object, properties: {shared: {$ref: '#/components/schemas/Shared'}}}\n    Shared: {type: object, properties: {x: {type: string}}}\n    Deep: {type: array, items: {$ref: '#/components/schemas/Leaf'}}\n    Leaf: {type: object, properties: {y: {type: string}}}\n    Unused: {type: object, properties: {lone: {$ref: '#/components/schemas/Lone'}}}\n    Lone: {type: object, properties: {z: {type: string}}}\n",
        );
        assert!(api.has_features());
        assert_eq!(gate(&api, "A"), &Gate::Modules(vec![0]));
        // Reached through an alias of a list, at depth.
        assert_eq!(gate(&api, "Leaf"), &Gate::Modules(vec![0]));
        assert_eq!(gate(&api, "Shared"), &Gate::Modules(vec![0, 1]));
        // An API of one module has no features.
        let single = api_of_one();
        assert!(!single.has_features());
        assert!(single.types.iter().all(|def| def.gate == Gate::Always));
        // No operation reaches it, so it is always compiled, and so is what it holds.
        assert_eq!(gate(&api, "B"), &Gate::Modules(vec![1]));
        assert_eq!(gate(&api, "Unused"), &Gate::Always);
        assert_eq!(gate(&api, "Lone"), &Gate::Always);
    }
}
