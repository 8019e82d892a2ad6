//! The intermediate representation: what the emitters need, with every name decided, every `$ref`
//! resolved and every type classified. Nothing here refers back to the spec model, so emitters never
//! read raw YAML.

mod operation;
mod profile;

pub use operation::*;
pub use profile::*;


use serde_json::Value;

use crate::pointer::JsonPointer;

/// A whole API, ready to emit.
#[derive(Debug)]
pub struct Api {
    pub title: String,
    pub version: String,
    /// A one-line summary of the API (3.1 `info.summary`).
    pub summary: Option<String>,
    pub description: Option<String>,
    /// The API's licence: its SPDX identifier when given, else its name, and its URL.
    pub license: Option<(String, Option<String>)>,
    pub servers: Vec<Server>,
    /// Every type the SDK declares, in emission order: component schemas in spec order, then the
    /// inline schemas that needed a type, in the order they were found.
    pub types: Vec<TypeDef>,
    /// Indexes into `types` in the order the models file shows them: each inline type right after
    /// its owner.
    pub reading_order: Vec<usize>,
    pub operations: Vec<Operation>,
    /// The modules operations are emitted in: one per tag (or first path segment), in the order
    /// first met.
    pub modules: Vec<Module>,
    /// The names of [`PRELUDE_NAMES`] that a model of the API takes (a schema named `Option`), so
    /// generated code names them by their full paths.
    pub shadowed_prelude: Vec<&'static str>,
    /// The conventions the spec declares for itself (`x-sdk`) and its security schemes.
    pub profile: Profile,
}

/// The prelude's names that generated models use short unless a model takes one.
pub const PRELUDE_NAMES: &[&str] = &["Option", "Some", "None", "String", "Vec", "Box", "Into"];

/// When a type is compiled: always, or when one of these modules' features is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gate {
    Always,
    /// Indexes into [`Api::modules`], ascending.
    Modules(Vec<usize>),
}

impl Api {
    /// Whether each module of operations is a Cargo feature: when there are several.
    pub fn has_features(&self) -> bool {
        self.modules.len() > 1
    }

    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// Whether a value of `ty` holds a bound somewhere, so it is checked before sending.
    pub fn is_validated(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named(id) => self.types.get(id.0).is_some_and(|def| def.validated),
            TypeRef::Vec(inner) | TypeRef::Map(inner) => self.is_validated(inner),
            _ => false,
        }
    }

    /// The type an alias stands for, followed through aliases.
    pub fn resolve_alias<'a>(&'a self, ty: &'a TypeRef) -> &'a TypeRef {
        follow_aliases(ty, |id| self.types.get(id.0).map(|def| &def.kind))
    }

    /// Whether a model of the API takes this prelude name, which generated code then writes in
    /// full.
    pub fn shadows(&self, prelude_name: &str) -> bool {
        self.shadowed_prelude.contains(&prelude_name)
    }
}

/// The type `ty` stands for, aliases followed, with `kind_of` telling each named type's kind (none
/// while it is not yet lowered). The one walker of aliases: lowering uses it on types it is still
/// making, where an alias loop is possible until cycles are broken, hence the bound; in the
/// finished IR a loop of aliases is a newtype, so the bound is never reached.
pub fn follow_aliases<'a>(
    ty: &'a TypeRef,
    kind_of: impl Fn(TypeId) -> Option<&'a TypeKind>,
) -> &'a TypeRef {
    let mut current = ty;
    for _ in 0..32 {
        match current {
            TypeRef::Named(id) => match kind_of(*id) {
                Some(TypeKind::Alias(target)) => current = target,
                _ => return current,
            },
            _ => return current,
        }
    }
    current
}

/// A module of operations.
#[derive(Debug)]
pub struct Module {
    /// The Rust module name, unique.
    pub name: String,
    /// The tag (or path segment) it groups.
    pub title: String,
    pub description: Option<String>,
}

#[derive(Debug)]
pub struct Server {
    /// The URL template, e.g. `https://{tenant}.example.com/v1`.
    pub url: String,
    pub description: Option<String>,
    pub variables: Vec<ServerVariable>,
}

#[derive(Debug)]
pub struct ServerVariable {
    pub name: String,
    pub default: String,
    pub description: Option<String>,
    /// The values the spec allows (`enum`); any when empty.
    pub allowed: Vec<String>,
}

/// Index of a type in [`Api::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// Documentation carried from the spec to rustdoc.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Docs {
    pub title: Option<String>,
    pub description: Option<String>,
    pub example: Option<Value>,
    pub deprecated: bool,
    /// What a string holds when it is not text (`format: byte`/`binary`, `contentMediaType`).
    pub content: Option<String>,
}

/// A named Rust type.
#[derive(Debug)]
pub struct TypeDef {
    /// The Rust identifier, unique in the crate.
    pub name: String,
    /// Where the schema is in the spec.
    pub origin: JsonPointer,
    pub docs: Docs,
    pub kind: TypeKind,
    /// A value of it holds a bound the SDK checks before sending (its own, or a field's at any
    /// depth). Decided once every type is made.
    pub validated: bool,
    /// The features (modules) it is compiled under. Decided once every operation is made.
    pub gate: Gate,
}

#[derive(Debug)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum that also accepts values this version does not know.
    Enum(StringEnum),
    /// `oneOf`/`anyOf`: one variant per documented shape, decoded by its `discriminator` when it
    /// has one, else by trying each in order.
    Union(Union),
    /// A schema that names another type, e.g. an array of a model: `pub type X = Vec<Y>;`.
    Alias(TypeRef),
    /// An alias that would contain itself, which Rust aliases cannot: `pub struct X(pub Vec<X>);`.
    Newtype(Newtype),
}

#[derive(Debug)]
pub struct Newtype {
    pub ty: TypeRef,
    pub boxed: bool,
}

#[derive(Debug)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` beside named properties: the map that keeps the extra keys.
    pub additional: Option<AdditionalField>,
    /// `oneOf`/`anyOf` beside the properties (or inside an `allOf`): the union the rest of the
    /// object is, held flattened next to the named fields.
    pub union: Option<UnionField>,
}

/// The union part of an object that has both properties and `oneOf`/`anyOf`.
#[derive(Debug)]
pub struct UnionField {
    pub rust_name: String,
    /// A named union type.
    pub ty: TypeRef,
    /// Set by cycle breaking, as for a field.
    pub boxed: bool,
}

#[derive(Debug)]
pub struct AdditionalField {
    pub rust_name: String,
    pub value: TypeRef,
}

#[derive(Debug)]
pub struct Field {
    pub rust_name: String,
    /// The builder method that sets it when it is optional: `with_` and its name.
    pub setter: String,
    pub wire_name: String,
    pub ty: TypeRef,
    pub required: bool,
    /// `null` is a valid value on the wire.
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    /// Set by cycle breaking: the field holds its type behind a `Box`.
    pub boxed: bool,
    pub docs: Docs,
    pub constraints: Constraints,
}

impl Field {
    /// `Option<T>` in Rust: absent allowed, or `null` allowed.
    pub fn is_optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// Bounds from the spec that the SDK can check before sending.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    /// `uniqueItems`: documented, not checked (it would need the items to be comparable).
    pub unique_items: bool,
}

#[derive(Debug)]
pub struct StringEnum {
    pub variants: Vec<EnumVariant>,
    /// The name of the variant that holds unknown values; unique among the variants.
    pub unknown_variant: String,
}

#[derive(Debug)]
pub struct EnumVariant {
    pub rust_name: String,
    pub wire_value: String,
}

#[derive(Debug)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    /// Decoding by a tag property instead of by trying each variant.
    pub discriminator: Option<Discriminator>,
}

/// A union's `discriminator`: the property whose value says which variant an object is.
#[derive(Debug)]
pub struct Discriminator {
    pub property: String,
    /// Each tag value, in spec order, with the index of the variant it selects.
    pub tags: Vec<(String, usize)>,
    /// Variants no tag selects: tried in order when the tag is unknown.
    pub untagged: Vec<usize>,
    /// The variant that keeps an object whose tag this version does not know.
    pub unknown_variant: String,
}

#[derive(Debug)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    pub boxed: bool,
}

/// The type of a value, as used in a field, a variant, a parameter or a body.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    U32,
    U64,
    F32,
    F64,
    /// An RFC 3339 date-time that keeps its UTC offset.
    DateTime,
    /// Any JSON value.
    Any,
    /// Content to upload as a body: bytes, a file or a stream (`sdkgen_runtime::Upload`).
    Upload,
    /// A file part of a multipart body: its content, file name and media type
    /// (`sdkgen_runtime::FilePart`).
    File,
    /// A `multipart/form-data` body whose parts the spec does not list, built by the caller
    /// (`sdkgen_runtime::Multipart`).
    Multipart,
    /// A JSON object with any keys and values.
    Object,
    Named(TypeId),
    Vec(Box<TypeRef>),
    /// A JSON object whose values all have one type.
    Map(Box<TypeRef>),
}

impl TypeRef {
    /// Pushes every named type this one mentions, through lists and maps.
    pub fn collect_named(&self, out: &mut Vec<TypeId>) {
        match self {
            TypeRef::Named(id) => out.push(*id),
            TypeRef::Vec(inner) | TypeRef::Map(inner) => inner.collect_named(out),
            _ => {}
        }
    }
}
