//! Schemas to types: each schema is classified by its shape, and the shapes that need a Rust type of
//! their own (objects, string enums, `oneOf`/`anyOf`, merged `allOf`) are declared under a stable name
//! derived from where they stand (`{Parent}{Field}`, `{Parent}Inner` for array items,
//! `{Parent}Value` for map values).

use std::collections::HashSet;

use indexmap::IndexMap;
use serde_json::Value;

use super::Lowerer;
use super::unions::UnionView;
use crate::ir::{
    AdditionalField, Constraints, Docs, EnumVariant, Field, StringEnum, Struct, TypeId, TypeKind,
    TypeRef, UnionField,
};
use crate::naming::{Case, Namespace, convert};
use crate::pointer::JsonPointer;
use crate::spec::{AdditionalProperties, ExclusiveStyle, Schema};

/// A lowered schema: the type to use, and whether `null` is also a valid value.
pub(super) struct Lowered {
    pub ty: TypeRef,
    pub nullable: bool,
}

/// The shape of a schema, decided before anything is declared.
pub(super) enum Class<'s> {
    Ref(&'s str, JsonPointer),
    Struct(ObjectView<'s>),
    Enum(Vec<String>),
    Union(UnionView<'s>),
    Array(Option<&'s Schema>),
    Map(&'s Schema),
    Plain(TypeRef),
}

/// The properties of an object schema, or of all the parts of an `allOf` merged.
#[derive(Default)]
pub(super) struct ObjectView<'s> {
    /// Each property with its place and, when inherited through a `$ref`, the component it comes
    /// from: inline types inside it are named after that component, whichever struct lowers first.
    pub(super) properties: IndexMap<&'s str, (&'s Schema, JsonPointer, Option<TypeId>)>,
    pub(super) required: HashSet<&'s str>,
    pub(super) additional: Option<(&'s Schema, JsonPointer)>,
    /// A `oneOf`/`anyOf` beside the properties, or in one of the merged parts.
    pub(super) union: Option<UnionView<'s>>,
}

const TYPES: &str = "array, boolean, integer, number, object, string";

impl<'s> Lowerer<'s> {
    /// Defines a component schema under the name registered for it.
    pub(super) fn define_component(&mut self, id: TypeId, schema: &'s Schema, at: JsonPointer) {
        let name = self.name_of(id).to_owned();
        // Its bounds are checked where it is used; a problem in them is reported even when it is
        // not (reported once, at the component).
        self.own_constraints(schema, &at);
        let class = self.classify(schema, &at);
        let kind = self.build_kind(class, &name, &at);
        self.fill(id, at, docs_of(schema), kind);
    }

    /// The type of an inline schema; `hint` names the type when the schema needs one of its own.
    pub(super) fn lower_schema(
        &mut self,
        schema: &'s Schema,
        at: &JsonPointer,
        hint: &str,
    ) -> Lowered {
        let nullable = schema.nullable || has_null(schema) || self.ref_is_nullable(schema);
        let class = self.classify(schema, at);
        let ty = self.type_of(class, schema, at, hint);
        Lowered { ty, nullable }
    }

    /// The definition of a named type: its own shape, or an alias of a shape that needs no name.
    fn build_kind(&mut self, class: Class<'s>, name: &str, at: &JsonPointer) -> TypeKind {
        match class {
            Class::Struct(view) => self.build_struct(name, view),
            Class::Enum(values) => build_enum(values),
            Class::Union(union) => self.build_union(name, union),
            Class::Ref(..) | Class::Array(_) | Class::Map(_) | Class::Plain(_) => {
                TypeKind::Alias(self.type_of(class, &Schema::default(), at, name))
            }
        }
    }

    /// The type of a classified schema, declaring a new named type for shapes that need one.
    fn type_of(
        &mut self,
        class: Class<'s>,
        schema: &Schema,
        at: &JsonPointer,
        hint: &str,
    ) -> TypeRef {
        match class {
            Class::Ref(reference, ref_at) => self
                .resolve_schema_ref(reference, &ref_at)
                .map_or(TypeRef::Any, TypeRef::Named),
            Class::Array(Some(items)) => {
                let item = self.lower_schema(items, &at.join("items"), &format!("{hint}Inner"));
                TypeRef::Vec(Box::new(item.ty))
            }
            Class::Array(None) => TypeRef::Vec(Box::new(TypeRef::Any)),
            Class::Map(values) => {
                let value_at = at.join("additionalProperties");
                let value = self.lower_schema(values, &value_at, &format!("{hint}Value"));
                TypeRef::Map(Box::new(value.ty))
            }
            Class::Plain(ty) => ty,
            named @ (Class::Struct(_) | Class::Enum(_) | Class::Union(..)) => {
                // A schema reached again (a shared response, a property inherited through
                // `allOf`) is the type declared the first time.
                if let Some(&id) = self.inline_types.get(at) {
                    return TypeRef::Named(id);
                }
                // A copy of a schema declared before (a dereferenced spec copies components
                // wherever they are used) is that type.
                let shape = super::shape::shape_key(schema);
                if let Some(&id) = self.shapes.get(&shape) {
                    self.inline_types.insert(at.clone(), id);
                    return TypeRef::Named(id);
                }
                let id = self.declare(hint);
                self.inline_types.insert(at.clone(), id);
                self.shapes.insert(shape, id);
                let name = self.name_of(id).to_owned();
                let kind = self.build_kind(named, &name, at);
                self.fill(id, at.clone(), docs_of(schema), kind);
                TypeRef::Named(id)
            }
        }
    }

    pub(super) fn classify(&mut self, schema: &'s Schema, at: &JsonPointer) -> Class<'s> {
        if let Some(reference) = &schema.reference {
            return Class::Ref(reference, at.clone());
        }
        if let Some(parts) = &schema.all_of {
            return self.classify_all_of(parts, &at.join("allOf"));
        }
        if let Some(union) = UnionView::of(schema, at) {
            // `anyOf: [{$ref: X}, {type: "null"}]`, the 3.1 way to write a nullable reference:
            // the null variant makes the whole nullable, and one other variant is the type.
            let mut shaped = union
                .variants
                .iter()
                .enumerate()
                .filter(|(_, variant)| !variant.is_null_only());
            match (shaped.next(), shaped.next()) {
                (None, _) => return Class::Plain(TypeRef::Any),
                (Some((index, only)), None) if schema.properties.is_empty() => {
                    return self.classify(only, &union.at.join(index));
                }
                _ => {}
            }
            // Beside properties, the union is the rest of an object (see `gather`).
            if schema.properties.is_empty() {
                return Class::Union(union);
            }
        }
        if let Some(values) = string_enum(schema) {
            return Class::Enum(values);
        }
        if !schema.kinds.is_empty() {
            // Several types (`type: [string, integer]`): any JSON value of them.
            return Class::Plain(TypeRef::Any);
        }
        match schema.kind.as_deref() {
            Some("string") => Class::Plain(match schema.format.as_deref() {
                Some("date-time") => TypeRef::DateTime,
                _ => TypeRef::String,
            }),
            Some("integer") => Class::Plain(match schema.format.as_deref() {
                Some("int32" | "int16" | "int8") => TypeRef::I32,
                Some("uint32" | "uint16" | "uint8") => TypeRef::U32,
                Some("uint64" | "uint") => TypeRef::U64,
                _ => TypeRef::I64,
            }),
            Some("number") => Class::Plain(match schema.format.as_deref() {
                Some("float") => TypeRef::F32,
                _ => TypeRef::F64,
            }),
            Some("boolean") => Class::Plain(TypeRef::Bool),
            // A tuple (`prefixItems`) holds items of different types: any JSON values.
            Some("array") if schema.prefix_items.is_some() => Class::Array(None),
            Some("array") => Class::Array(schema.items.as_deref()),
            Some("object") => self.classify_object(schema, at),
            None if !schema.properties.is_empty() || schema.additional_properties.is_some() => {
                self.classify_object(schema, at)
            }
            None => Class::Plain(TypeRef::Any),
            Some(other) => {
                self.error(
                    at.join("type"),
                    format!("unknown type `{other}`: expected one of {TYPES}"),
                );
                Class::Plain(TypeRef::Any)
            }
        }
    }

    fn classify_object(&mut self, schema: &'s Schema, at: &JsonPointer) -> Class<'s> {
        let additional = match &schema.additional_properties {
            Some(AdditionalProperties::Schema(values)) => Some(values.as_ref()),
            _ => None,
        };
        if schema.properties.is_empty() {
            return match additional {
                Some(values) => Class::Map(values),
                None => Class::Plain(TypeRef::Object),
            };
        }
        let mut view = ObjectView::default();
        self.gather(schema, at, &mut view, &mut Vec::new(), None);
        Class::Struct(view)
    }

    fn build_struct(&mut self, name: &str, view: ObjectView<'s>) -> TypeKind {
        let mut names = Namespace::new(Case::Snake);
        let mut setters = Namespace::new(Case::Snake);
        let mut fields = Vec::with_capacity(view.properties.len());
        for (wire, (property, at, component)) in view.properties {
            let rust_name = names.claim(wire);
            let setter = setters.claim(&format!("with_{}", rust_name.trim_start_matches("r#")));
            let owner = component.map_or(name, |id| self.name_of(id)).to_owned();
            let hint = format!("{owner}{}", convert(wire, Case::Camel));
            let lowered = self.lower_schema(property, &at, &hint);
            fields.push(Field {
                rust_name,
                setter,
                wire_name: wire.to_owned(),
                ty: lowered.ty,
                required: view.required.contains(wire),
                nullable: lowered.nullable,
                read_only: property.read_only,
                write_only: property.write_only,
                boxed: false,
                docs: docs_of(property),
                constraints: self.constraints_of(property, &at),
            });
        }
        let additional = view.additional.map(|(values, at)| AdditionalField {
            rust_name: names.claim("additional_properties"),
            value: self.lower_schema(values, &at, &format!("{name}Value")).ty,
        });
        let union = view.union.map(|union| UnionField {
            rust_name: names.claim("variant"),
            ty: self.flattened_union(name, union),
            boxed: false,
        });
        TypeKind::Struct(Struct {
            fields,
            additional,
            union,
        })
    }

    /// A type with aliases followed as far as they are already defined.
    pub(super) fn resolve_alias_ref(&self, ty: &TypeRef) -> TypeRef {
        crate::ir::follow_aliases(ty, |id| self.kind_of(id)).clone()
    }

    /// Whether a `$ref` points at a schema that allows `null`.
    fn ref_is_nullable(&self, schema: &Schema) -> bool {
        let target = schema
            .reference
            .as_deref()
            .and_then(|r| self.component_id(r));
        let target = target.and_then(|id| self.spec.components.schemas.get_index(id.0));
        target.is_some_and(|(_, target)| target.nullable || has_null(target))
    }
}

fn build_enum(values: Vec<String>) -> TypeKind {
    let mut names = Namespace::new(Case::Camel);
    let variants: Vec<EnumVariant> = values
        .into_iter()
        .map(|wire_value| EnumVariant {
            rust_name: names.claim(&wire_value),
            wire_value,
        })
        .collect();
    TypeKind::Enum(StringEnum {
        variants,
        unknown_variant: names.claim("Unknown"),
    })
}

/// The values of a string enum, without `null` and without repeats; `None` if it is not one.
fn string_enum(schema: &Schema) -> Option<Vec<String>> {
    if schema.kind.as_deref().is_some_and(|kind| kind != "string") {
        return None;
    }
    let mut values: Vec<String> = Vec::new();
    for value in schema.enumeration.as_ref()? {
        match value {
            Value::String(text) if !values.contains(text) => values.push(text.clone()),
            Value::String(_) | Value::Null => {}
            _ => return None,
        }
    }
    (!values.is_empty()).then_some(values)
}

/// Whether `null` is among the values: in the `enum`, or as a variant of a union.
fn has_null(schema: &Schema) -> bool {
    let in_enum = schema
        .enumeration
        .as_ref()
        .is_some_and(|values| values.contains(&Value::Null));
    let in_union = [&schema.one_of, &schema.any_of]
        .into_iter()
        .flatten()
        .flatten()
        .any(Schema::is_null_only);
    in_enum || in_union
}

/// Whether a schema states a bound of its own.
fn has_bounds(schema: &Schema) -> bool {
    schema.minimum.is_some()
        || schema.maximum.is_some()
        || schema.multiple_of.is_some()
        || schema.min_length.is_some()
        || schema.max_length.is_some()
        || schema.pattern.is_some()
        || schema.min_items.is_some()
        || schema.max_items.is_some()
}

pub(super) fn docs_of(schema: &Schema) -> Docs {
    // A description on a documenting `allOf` part describes the whole.
    let part_description = || {
        schema
            .all_of
            .iter()
            .flatten()
            .filter(|part| part.reference.is_none())
            .find_map(|part| part.description.clone())
    };
    Docs {
        title: schema.title.clone(),
        description: schema.description.clone().or_else(part_description),
        example: schema.example.clone(),
        deprecated: schema.deprecated,
        content: content_of(schema),
    }
}

/// What a string schema holds, said in its docs, since in JSON it is still a `String`.
fn content_of(schema: &Schema) -> Option<String> {
    let media = schema
        .media_type
        .as_deref()
        .map(|media| format!(" (`{}`)", media.replace('`', "'")))
        .unwrap_or_default();
    match schema.format.as_deref()? {
        "byte" => Some(format!("Base64-encoded bytes{media}.")),
        "binary" => Some(format!("Binary content{media}.")),
        _ => None,
    }
}

impl Lowerer<'_> {
    /// An exclusive bound written in the form of the other OpenAPI version: its meaning is clear
    /// from its value, so it applies, but the document is not what its version says.
    fn check_exclusive_style(&mut self, schema: &Schema, at: &JsonPointer) {
        let expected = match self.version() {
            Some(super::Version::V30) => ExclusiveStyle::Boolean,
            Some(super::Version::V31) => ExclusiveStyle::Numeric,
            None => return,
        };
        let Some(found) = schema.exclusive_style.filter(|found| *found != expected) else {
            return;
        };
        let keyword = if schema.exclusive_minimum {
            "exclusiveMinimum"
        } else {
            "exclusiveMaximum"
        };
        let message = match found {
            ExclusiveStyle::Boolean => format!(
                "`{keyword}` is a boolean, the OpenAPI 3.0 form; in 3.1 it is the bound itself \
                 (`{keyword}: 5` instead of `minimum: 5, {keyword}: true`)"
            ),
            ExclusiveStyle::Numeric => format!(
                "`{keyword}` is a number, the OpenAPI 3.1 form; in 3.0 it is a boolean beside \
                 `minimum`/`maximum` (`minimum: 5, {keyword}: true`)"
            ),
        };
        self.error(at.join(keyword), message);
    }

    /// The bounds of a schema; a bound that is not a finite number, or that no value can meet, is
    /// a problem (and is dropped, so a lenient run generates no check that always fails).
    pub(super) fn constraints_of(&mut self, schema: &Schema, at: &JsonPointer) -> Constraints {
        self.constraints_through_refs(schema, at, 0)
    }

    /// The bounds of a schema, or, when it has none of its own, those of the schema it references
    /// (directly or as the one shaping part of an `allOf`): a bounded component is checked wherever
    /// it is used.
    fn constraints_through_refs(
        &mut self,
        schema: &Schema,
        at: &JsonPointer,
        depth: usize,
    ) -> Constraints {
        if !has_bounds(schema) && depth < 16 {
            let single_part = schema.all_of.as_deref().and_then(|parts| {
                let mut shaping = parts.iter().filter(|part| part.constrains_shape());
                shaping.next().filter(|_| shaping.next().is_none())
            });
            let referenced = schema
                .reference
                .as_deref()
                .or_else(|| single_part.and_then(|part| part.reference.as_deref()));
            if let Some(id) = referenced.and_then(|reference| self.component_id(reference)) {
                let spec = self.spec;
                if let Some((name, target)) = spec.components.schemas.get_index(id.0) {
                    let target_at = JsonPointer::root()
                        .join("components")
                        .join("schemas")
                        .join(name);
                    return self.constraints_through_refs(target, &target_at, depth + 1);
                }
            }
        }
        self.own_constraints(schema, at)
    }

    fn own_constraints(&mut self, schema: &Schema, at: &JsonPointer) -> Constraints {
        self.check_exclusive_style(schema, at);
        let mut finite = |keyword: &str, value: Option<f64>| match value {
            Some(number) if !number.is_finite() => {
                self.error(
                    at.join(keyword),
                    format!("`{keyword}` must be a finite number, found {number}"),
                );
                None
            }
            other => other,
        };
        let mut minimum = finite("minimum", schema.minimum);
        let mut maximum = finite("maximum", schema.maximum);
        let multiple_of = finite("multipleOf", schema.multiple_of);
        if multiple_of.is_some_and(|step| step <= 0.0) {
            self.error(
                at.join("multipleOf"),
                "`multipleOf` must be greater than 0: no number is a multiple of it",
            );
        }
        if let (Some(low), Some(high)) = (minimum, maximum) {
            let empty = low > high
                || (low == high && (schema.exclusive_minimum || schema.exclusive_maximum));
            if empty {
                self.error(
                    at.join("minimum"),
                    format!("`minimum` {low} and `maximum` {high} leave no value"),
                );
                (minimum, maximum) = (None, None);
            }
        }
        let mut counts = |low_key: &str, low: Option<u64>, high_key: &str, high: Option<u64>| match (
            low, high,
        ) {
            (Some(low), Some(high)) if low > high => {
                self.error(
                    at.join(low_key),
                    format!("`{low_key}` {low} is above `{high_key}` {high}: no value fits"),
                );
                (None, None)
            }
            bounds => bounds,
        };
        let (min_length, max_length) = counts(
            "minLength",
            schema.min_length,
            "maxLength",
            schema.max_length,
        );
        let (min_items, max_items) =
            counts("minItems", schema.min_items, "maxItems", schema.max_items);
        Constraints {
            minimum,
            maximum,
            exclusive_minimum: schema.exclusive_minimum,
            exclusive_maximum: schema.exclusive_maximum,
            min_length,
            max_length,
            pattern: schema.pattern.clone(),
            min_items,
            max_items,
            unique_items: schema.unique_items,
        }
    }
}
