//! `allOf`: parts that only document are dropped; one shaping part stands for the whole; object
//! parts, followed through `$ref`s and nested `allOf`s, are merged into one struct.

use super::Lowerer;
use super::schema::{Class, ObjectView};
use super::unions::UnionView;
use crate::ir::{TypeId, TypeRef};
use crate::pointer::JsonPointer;
use crate::spec::{AdditionalProperties, Schema};

impl<'s> Lowerer<'s> {
    /// `allOf`: parts that only document are dropped; one shaping part stands for the whole; object
    /// parts are merged into one struct. Non-object parts (a `$ref` to a string schema refined by
    /// `type: string`) narrow one value rather than add fields: the first of them, preferring a `$ref`,
    /// stands for the whole.
    pub(super) fn classify_all_of(&mut self, parts: &'s [Schema], at: &JsonPointer) -> Class<'s> {
        let shaping: Vec<(usize, &'s Schema)> = parts
            .iter()
            .enumerate()
            .filter(|(_, part)| part.constrains_shape())
            .collect();
        // Two unions cannot stand for the whole: merged, the second is reported.
        let unions = shaping
            .iter()
            .filter(|(_, part)| part.one_of.is_some() || part.any_of.is_some())
            .count();
        let any_object = unions > 1 || shaping.iter().any(|(_, part)| self.is_object_like(part, 0));
        match shaping.as_slice() {
            [] => Class::Plain(TypeRef::Any),
            [(index, part)] => self.classify(part, &at.join(index)),
            _ if !any_object => {
                let (index, part) = shaping
                    .iter()
                    .find(|(_, part)| part.reference.is_some())
                    .copied()
                    .unwrap_or(shaping[0]);
                self.classify(part, &at.join(index))
            }
            _ => {
                let mut view = ObjectView::default();
                let mut visiting = Vec::new();
                for (index, part) in shaping {
                    self.gather(part, &at.join(index), &mut view, &mut visiting, None);
                }
                Class::Struct(view)
            }
        }
    }

    /// Whether a schema describes an object with fields, following `$ref`s to a bounded depth.
    fn is_object_like(&self, schema: &Schema, depth: usize) -> bool {
        if depth > 16 {
            return false;
        }
        if let Some(target) = schema
            .reference
            .as_deref()
            .and_then(|r| self.component_id(r))
        {
            let target = self.spec.components.schemas.get_index(target.0);
            return target.is_some_and(|(_, target)| self.is_object_like(target, depth + 1));
        }
        !schema.properties.is_empty()
            || schema.kind.as_deref() == Some("object")
            || schema
                .all_of
                .iter()
                .flatten()
                .any(|part| self.is_object_like(part, depth + 1))
    }

    /// Adds the properties of an object schema to `view`, following `$ref`s and nested `allOf`s.
    pub(super) fn gather(
        &mut self,
        schema: &'s Schema,
        at: &JsonPointer,
        view: &mut ObjectView<'s>,
        visiting: &mut Vec<TypeId>,
        component: Option<TypeId>,
    ) {
        if let Some(reference) = &schema.reference {
            let Some(id) = self.resolve_schema_ref(reference, at) else {
                return;
            };
            if visiting.contains(&id) {
                self.error(
                    at.join("$ref"),
                    format!("`allOf` includes `{reference}` inside itself"),
                );
                return;
            }
            let Some((name, target)) = self.spec.components.schemas.get_index(id.0) else {
                return;
            };
            let target_at = JsonPointer::root()
                .join("components")
                .join("schemas")
                .join(name);
            visiting.push(id);
            self.gather(target, &target_at, view, visiting, Some(id));
            visiting.pop();
            return;
        }
        if let Some(parts) = &schema.all_of {
            for (index, part) in parts
                .iter()
                .enumerate()
                .filter(|(_, p)| p.constrains_shape())
            {
                self.gather(
                    part,
                    &at.join("allOf").join(index),
                    view,
                    visiting,
                    component,
                );
            }
        }
        let is_object = schema.kind.as_deref().is_none_or(|kind| kind == "object");
        if !is_object || schema.enumeration.is_some() {
            self.error(
                at.clone(),
                "`allOf` can merge only object schemas; this part is not an object".to_owned(),
            );
            return;
        }
        let properties = at.join("properties");
        for (wire, property) in &schema.properties {
            let place = properties.join(wire);
            view.properties.insert(wire, (property, place, component));
        }
        view.required
            .extend(schema.required.iter().map(String::as_str));
        if let Some(AdditionalProperties::Schema(values)) = &schema.additional_properties {
            view.additional = Some((values, at.join("additionalProperties")));
        }
        let union = UnionView::of(schema, at).filter(UnionView::shapes_the_value);
        if let Some(union) = union {
            if view.union.is_some() {
                self.error(
                    union.at,
                    "a second `oneOf`/`anyOf` in one object is not supported: write the \
                     combinations as the variants of one",
                );
            } else {
                view.union = Some(union);
            }
        }
    }
}
