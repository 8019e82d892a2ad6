//! `oneOf`/`anyOf`: one variant per documented shape; a `discriminator` decodes by its tag; a union
//! beside `properties` (or inside an `allOf`) becomes a struct holding it flattened.

use super::Lowerer;
use crate::ir::{Discriminator, Docs, TypeId, TypeKind, TypeRef, Union, UnionVariant};
use crate::naming::{Case, Namespace, convert};
use crate::pointer::JsonPointer;
use crate::spec::{self, Schema};

/// A union as written: its variants, the keyword that holds them, and its discriminator.
pub(super) struct UnionView<'s> {
    pub variants: &'s [Schema],
    /// Where the list of variants is (`…/oneOf`).
    pub at: JsonPointer,
    pub discriminator: Option<&'s spec::Discriminator>,
}

impl<'s> UnionView<'s> {
    /// The union a schema declares with `oneOf` (preferred) or `anyOf`, at `at`.
    pub(super) fn of(schema: &'s Schema, at: &JsonPointer) -> Option<Self> {
        [("oneOf", &schema.one_of), ("anyOf", &schema.any_of)]
            .into_iter()
            .find_map(|(keyword, variants)| {
                let variants = variants.as_deref().filter(|list| !list.is_empty())?;
                Some(UnionView {
                    variants,
                    at: at.join(keyword),
                    discriminator: schema.discriminator.as_ref(),
                })
            })
    }

    /// Whether a variant says anything about the value's shape: `anyOf: [{required: [a]},
    /// {required: [b]}]` beside `properties` only says which properties must be present.
    pub(super) fn shapes_the_value(&self) -> bool {
        self.variants
            .iter()
            .any(|variant| variant.constrains_shape() && !variant.is_null_only())
    }
}

impl<'s> Lowerer<'s> {
    pub(super) fn build_union(&mut self, name: &str, union: UnionView<'s>) -> TypeKind {
        let mut names = Namespace::new(Case::Camel);
        let mut lowered: Vec<UnionVariant> = Vec::with_capacity(union.variants.len());
        // For each variant as written, the Rust variant that stands for it.
        let mut slots: Vec<Option<usize>> = Vec::with_capacity(union.variants.len());
        for (index, variant) in union.variants.iter().enumerate() {
            if variant.is_null_only() {
                // Made the union nullable instead (see `lower_schema`).
                slots.push(None);
                continue;
            }
            let label = self.variant_label(variant, index);
            let hint = format!("{name}{}", convert(&label, Case::Camel));
            let ty = self.lower_schema(variant, &union.at.join(index), &hint).ty;
            // Two variants of one Rust type (`string` twice, say, with different patterns) would
            // decode identically, and make conflicting conversions: the first one stands for both.
            let resolved = self.resolve_alias_ref(&ty);
            if let Some(earlier) = lowered
                .iter()
                .position(|earlier| self.resolve_alias_ref(&earlier.ty) == resolved)
            {
                slots.push(Some(earlier));
                continue;
            }
            slots.push(Some(lowered.len()));
            lowered.push(UnionVariant {
                rust_name: names.claim(&label),
                ty,
                boxed: false,
            });
        }
        let discriminator = union
            .discriminator
            .and_then(|declared| self.discriminator(declared, &union, &slots, &lowered, names));
        TypeKind::Union(Union {
            variants: lowered,
            discriminator,
        })
    }

    /// The tags of a discriminator: each `mapping` entry that names a variant, then the component
    /// name of each variant the mapping leaves out (OpenAPI's implicit mapping). `None` when no
    /// variant has a tag, or a tagged variant is not a named type, which a tag cannot select.
    fn discriminator(
        &mut self,
        declared: &spec::Discriminator,
        union: &UnionView<'s>,
        slots: &[Option<usize>],
        lowered: &[UnionVariant],
        // Holds the variants' names already.
        mut names: Namespace,
    ) -> Option<Discriminator> {
        let component_of = |lowerer: &Self, reference: &str| -> Option<TypeId> {
            lowerer.component_id(reference).or_else(|| {
                // A mapping may name the schema alone (`Cat`) instead of referencing it.
                lowerer
                    .spec
                    .components
                    .schemas
                    .get_index_of(reference)
                    .map(TypeId)
            })
        };
        let variant_slot = |lowerer: &Self, target: TypeId| {
            union
                .variants
                .iter()
                .zip(slots)
                .find(|(variant, _)| {
                    variant
                        .reference
                        .as_deref()
                        .and_then(|reference| lowerer.component_id(reference))
                        == Some(target)
                })
                .and_then(|(_, slot)| *slot)
        };
        let mut tags: Vec<(String, usize)> = Vec::new();
        let mapping_at = union
            .at
            .parent_or_root()
            .join("discriminator")
            .join("mapping");
        for (tag, target) in &declared.mapping {
            match component_of(self, target).and_then(|id| variant_slot(self, id)) {
                Some(slot) => tags.push((tag.clone(), slot)),
                None => self.tolerate(
                    mapping_at.join(tag),
                    format!(
                        "`{target}` is not one of the union's variants: an object tagged `{tag}` \
                         is kept as it came, in the unknown variant"
                    ),
                ),
            }
        }
        for (variant, slot) in union.variants.iter().zip(slots) {
            let (Some(reference), Some(slot)) = (variant.reference.as_deref(), *slot) else {
                continue;
            };
            let mapped = tags.iter().any(|(_, tagged)| *tagged == slot);
            let implicit = self
                .component_id(reference)
                .and_then(|id| self.spec.components.schemas.get_index(id.0))
                .map(|(name, _)| name.clone());
            if let Some(implicit) =
                implicit.filter(|tag| !mapped && !tags.iter().any(|(t, _)| t == tag))
            {
                tags.push((implicit, slot));
            }
        }
        let all_named = tags
            .iter()
            .all(|(_, slot)| matches!(lowered[*slot].ty, TypeRef::Named(_)));
        if tags.is_empty() || !all_named {
            return None;
        }
        let untagged = (0..lowered.len())
            .filter(|slot| !tags.iter().any(|(_, tagged)| tagged == slot))
            .collect();
        Some(Discriminator {
            property: declared.property_name.clone(),
            tags,
            untagged,
            unknown_variant: names.claim("Unknown"),
        })
    }

    /// The union beside an object's properties, declared as `{Struct}Variant`. Its variants must
    /// be objects, since the value also has the properties.
    pub(super) fn flattened_union(&mut self, struct_name: &str, union: UnionView<'s>) -> TypeRef {
        if let Some(&id) = self.inline_types.get(&union.at) {
            return TypeRef::Named(id);
        }
        for (index, variant) in union.variants.iter().enumerate() {
            if let Some(kind) = self.non_object_kind(variant) {
                self.error(
                    union.at.join(index),
                    format!(
                        "a variant beside `properties` must be an object, since the value has \
                         properties too; this one is `{kind}`"
                    ),
                );
            }
        }
        let id = self.declare(&format!("{struct_name}Variant"));
        self.inline_types.insert(union.at.clone(), id);
        let name = self.name_of(id).to_owned();
        let at = union.at.clone();
        let kind = self.build_union(&name, union);
        let docs = Docs {
            description: Some(format!(
                "The shapes a [`{struct_name}`] takes beside its named fields."
            )),
            ..Docs::default()
        };
        self.fill(id, at, docs, kind);
        TypeRef::Named(id)
    }

    /// The declared `type` of a schema, followed through `$ref`s, when it is not `object`.
    fn non_object_kind(&self, schema: &Schema) -> Option<String> {
        let mut current = schema;
        for _ in 0..16 {
            match current.reference.as_deref() {
                Some(reference) => {
                    let id = self.component_id(reference)?;
                    current = self.spec.components.schemas.get_index(id.0)?.1;
                }
                None => break,
            }
        }
        if current.is_null_only() {
            return None;
        }
        current.kind.clone().filter(|kind| kind != "object")
    }

    /// A variant's name: its title, the schema it references, or its JSON type.
    fn variant_label(&self, variant: &Schema, index: usize) -> String {
        if let Some(title) = &variant.title {
            return title.clone();
        }
        if let Some(id) = variant
            .reference
            .as_deref()
            .and_then(|r| self.component_id(r))
        {
            return self.name_of(id).to_owned();
        }
        match variant.kind.as_deref() {
            Some(kind) => kind.to_owned(),
            None => format!("variant{index}"),
        }
    }
}
