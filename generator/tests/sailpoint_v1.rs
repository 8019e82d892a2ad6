//! SailPoint's versioned Governance Groups partition, as published (many files, no security schemes)
//! plus the repository's overlay, against the hand-written v2024 spec: the same ten operations, with
//! the same inputs and response types, but for the differences the v1 API has, each named here.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use generator::ir::{Api, BodyKind, Operation, Place, TypeKind, TypeRef};
use generator::{Input, SpecSource, Strictness};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn load(spec: &str, overlays: &[&str]) -> Api {
    let read = |relative: &str| {
        let name = root().join(relative).display().to_string();
        (name.clone(), fs::read_to_string(name).unwrap())
    };
    let spec = read(spec);
    let overlays: Vec<(String, String)> = overlays.iter().map(|o| read(o)).collect();
    let input = Input {
        spec: SpecSource {
            name: &spec.0,
            text: &spec.1,
        },
        overlays: overlays
            .iter()
            .map(|(name, text)| SpecSource { name, text })
            .collect(),
        read: &generator::read_file,
    };
    generator::load(input, Strictness::Strict)
        .unwrap_or_else(|problems| panic!("{problems}"))
        .0
}

/// A type as a comparable text: its shape, not its name (v1's files name inline and shared types
/// after themselves, `workgroupdto.yaml`, where v2024 names them `WorkgroupDto`): fields with their
/// wire names, types and whether they are required, enum values, union variants.
fn type_text(api: &Api, ty: &TypeRef) -> String {
    shape(api, ty, 0)
}

fn shape(api: &Api, ty: &TypeRef, depth: usize) -> String {
    if depth > 6 {
        return "...".to_owned();
    }
    match ty {
        TypeRef::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Struct(fields) => {
                let fields: Vec<String> = fields
                    .fields
                    .iter()
                    .map(|field| {
                        let mark = if field.required { "" } else { "?" };
                        format!(
                            "{}{mark}: {}",
                            field.wire_name,
                            shape(api, &field.ty, depth + 1)
                        )
                    })
                    .collect();
                format!("{{{}}}", fields.join(", "))
            }
            TypeKind::Enum(values) => {
                let values: Vec<&str> = values
                    .variants
                    .iter()
                    .map(|v| v.wire_value.as_str())
                    .collect();
                format!("enum({})", values.join("|"))
            }
            TypeKind::Union(union) => {
                let variants: Vec<String> = union
                    .variants
                    .iter()
                    .map(|variant| shape(api, &variant.ty, depth + 1))
                    .collect();
                format!("one of({})", variants.join(" | "))
            }
            TypeKind::Alias(target) => shape(api, target, depth),
            TypeKind::Newtype(inner) => shape(api, &inner.ty, depth),
        },
        TypeRef::Vec(item) => format!("[{}]", shape(api, item, depth + 1)),
        TypeRef::Map(value) => format!("map<{}>", shape(api, value, depth + 1)),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// What a user of the operation sees, one line a fact, with `v1` taken out of its path.
fn facts(api: &Api, operation: &Operation) -> BTreeSet<String> {
    let path = operation.path.replacen("/v1", "", 1);
    let mut facts = BTreeSet::from([format!("{} {path}", operation.method.as_str())]);
    for input in &operation.inputs {
        let place = match &input.place {
            Place::Body { content_type, .. } => format!("body {content_type}"),
            other => other.describe().to_owned(),
        };
        let maximum = input
            .constraints
            .maximum
            .map(|max| format!(" max {max}"))
            .unwrap_or_default();
        facts.insert(format!(
            "input {place} {} {}{} {}",
            input.wire_name,
            if input.required {
                "required"
            } else {
                "optional"
            },
            maximum,
            type_text(api, &input.ty),
        ));
    }
    for response in &operation.responses {
        let body = match &response.body {
            BodyKind::Json(ty) => type_text(api, ty),
            other => format!("{other:?}").to_lowercase(),
        };
        facts.insert(format!("response {:?} {body}", response.status));
    }
    facts
}

#[test]
fn the_v1_partition_has_the_ten_v2024_operations_but_for_named_differences() {
    let v2024 = load("spec/workgroups.yaml", &[]);
    let v1 = load(
        "spec/sailpoint-idn/idn/apis/governance-groups/openapi.yaml",
        &["spec/overlays/sailpoint-idn-v1.yaml"],
    );
    assert_eq!(v1.operations.len(), 10);
    let mut differences = Vec::new();
    for old in &v2024.operations {
        let new_id = format!("{}V1", old.id);
        let new = v1
            .operations
            .iter()
            .find(|op| op.id == new_id)
            .unwrap_or_else(|| panic!("v1 has no {new_id}"));
        differences.push(format!(
            "{}: renamed {new_id}, at {} {} instead of {}",
            old.id,
            new.method.as_str(),
            new.path,
            old.path
        ));
        let (old_facts, new_facts) = (facts(&v2024, old), facts(&v1, new));
        for gone in old_facts.difference(&new_facts) {
            differences.push(format!("{}: only v2024: {gone}", old.id));
        }
        for added in new_facts.difference(&old_facts) {
            differences.push(format!("{}: only v1: {added}", old.id));
        }
        assert_eq!(old.security, new.security, "{}", old.id);
        assert_eq!(
            old.pagination.is_some(),
            new.pagination.is_some(),
            "{}",
            old.id
        );
        assert_eq!(old.filter.is_some(), new.filter.is_some(), "{}", old.id);
        assert_eq!(old.sort.is_some(), new.sort.is_some(), "{}", old.id);
    }
    insta::assert_snapshot!(differences.join("\n"));
}
