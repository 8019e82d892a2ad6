//! Spec model to IR: decides every name, resolves every `$ref`, classifies every schema, and collects
//! each problem with its place instead of stopping at the first.
//!
//! `impl Lowerer` is spread over the modules by what each part makes; to find a method, look under
//! what it makes:
//!
//! | makes | module | its `Lowerer` methods |
//! | --- | --- | --- |
//! | the order of the whole, the document's checks, type slots | this file | `check_document`, `declare`, `fill`, `register_components`, `define_components`, `finish` |
//! | **schemas**: a schema's type | `schema` | `define_component`, `lower_schema`, `classify`, `build_struct`, `constraints_of`, `resolve_alias_ref` |
//! | `allOf` merged into one object | `all_of` | `classify_all_of` |
//! | `oneOf`/`anyOf` unions and their discriminator | `unions` | `build_union`, `flattened_union` |
//! | `$ref`s followed, with suggestions when one does not resolve | `refs` | `resolve_schema_ref`, `follow` |
//! | inline schemas of one shape sharing a type | `shape` | (free functions) |
//! | loops broken by boxes and newtypes | `cycles` | (free functions, on the finished types) |
//! | what is validated, what each type is gated under, the reading order | `validated`, `gates`, `order` | (free functions, on the finished types) |
//! | **operations**: inputs, path pieces, the whole operation in one pass | `operations` | `lower_operations`, `lower_operation`, `lower_params`, `path_pieces` |
//! | request bodies: JSON, text, binary, forms, multipart parts | `bodies` | `lower_body`, `form_fields`, `multipart_parts` |
//! | how each input is written as text | `encoding` | `param_encoding`, `part_encoding` |
//! | responses: statuses, variants, bodies | `responses` | `lower_responses` |
//! | error enums shared between operations | `errors` | (free functions, on the finished operations) |
//! | paging, typed filters and sorts | `collections` | `pagination`, `filter_spec`, `sort_spec` |
//! | modules (one per tag) | `modules` | `module_of` |
//! | webhooks' payload types | `webhooks` | `lower_webhooks` |
//! | **profile**: the spec's declared conventions (`x-sdk`) | `profile` | `lower_profile`, `lower_settings`, `lower_filter_grammar` |
//! | **security**: schemes, and each operation's requirements | `profile` | `lower_security_schemes`, `operation_security` |
//! | media types and header names | `http` | (free functions) |

mod all_of;
mod bodies;
mod collections;
mod cycles;
mod encoding;
mod errors;
mod gates;
mod http;
mod modules;
mod operations;
mod order;
mod profile;
mod refs;
mod responses;
mod schema;
mod shape;
mod unions;
mod validated;
mod webhooks;

use std::collections::HashMap;

use crate::diagnostics::Diagnostic;
use crate::ir::{
    Api, Docs, Module, Profile, Server, ServerVariable, TypeDef, TypeId, TypeKind, TypeRef,
};
use crate::naming::{Case, Namespace};
use crate::pointer::JsonPointer;
use crate::spec::OpenApi;

/// Lowers a parsed spec. Returns the API together with every problem found: where there is one, the
/// construct fell back (a schema to any JSON value, an operation left out), so callers that accept
/// problems still get everything else.
pub fn lower(spec: &OpenApi) -> (Api, Vec<Diagnostic>) {
    let mut lowerer = Lowerer::new(spec);
    lowerer.check_document();
    lowerer.profile = lowerer.lower_profile();
    lowerer.register_components();
    lowerer.define_components();
    let operations = lowerer.lower_operations();
    lowerer.lower_webhooks();
    lowerer.finish(operations)
}

/// The OpenAPI versions the generator reads. They differ in a few spellings, which the spec model
/// settles; what one version does not define is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Version {
    V30,
    V31,
}

/// The state of one lowering: the types declared so far and the problems found so far.
struct Lowerer<'s> {
    spec: &'s OpenApi,
    /// Slots in declaration order; a slot is filled once its schema is classified. Registering before
    /// defining lets `$ref`s resolve in any order and through cycles.
    types: Vec<Slot>,
    type_names: Namespace,
    /// The type declared for each inline schema, by its place in the spec.
    inline_types: HashMap<JsonPointer, TypeId>,
    /// The first type declared for each shape of schema, so an inline copy reuses it.
    shapes: HashMap<String, TypeId>,
    /// The builder, error, output, filter and sort types of every operation: they are re-exported
    /// from one module, so they share one namespace.
    operation_types: Namespace,
    profile: Profile,
    modules: Vec<Module>,
    module_names: Namespace,
    diagnostics: Vec<Diagnostic>,
    /// How many of the problems leave the construct they stand in usable, so a lenient run keeps
    /// it (an undeclared security scheme: the operation is generated without that requirement).
    tolerated: usize,
}

/// A declared type: its Rust name is fixed at once, its definition comes when its schema is lowered.
struct Slot {
    name: String,
    definition: Option<(JsonPointer, Docs, TypeKind)>,
}

impl<'s> Lowerer<'s> {
    fn new(spec: &'s OpenApi) -> Self {
        Lowerer {
            spec,
            types: Vec::new(),
            type_names: Namespace::new(Case::Camel),
            inline_types: HashMap::new(),
            shapes: HashMap::new(),
            operation_types: Namespace::new(Case::Camel),
            profile: Profile::default(),
            modules: Vec::new(),
            module_names: Namespace::new(Case::Snake),
            diagnostics: Vec::new(),
            tolerated: 0,
        }
    }

    fn error(&mut self, pointer: JsonPointer, message: impl Into<String>) {
        let problem = Diagnostic::new(pointer, message);
        // A schema reached from several places is reported once.
        if !self.diagnostics.contains(&problem) {
            self.diagnostics.push(problem);
        }
    }

    /// The document's version and the two objects OpenAPI requires.
    fn check_document(&mut self) {
        self.check_version();
        self.check_dialect();
        if self.spec.info.is_none() {
            self.error(
                JsonPointer::root(),
                "the document has no `info`: expected `info` with a `title` and a `version`",
            );
        }
        if self.spec.paths.is_none() && self.version() == Some(Version::V30) {
            self.error(
                JsonPointer::root(),
                "the document has no `paths`: expected `paths` (it may be empty, `paths: {}`)",
            );
        }
    }

    /// The OpenAPI version the document declares, when it is one the generator reads.
    fn version(&self) -> Option<Version> {
        let version = self.spec.openapi.as_deref()?;
        let minor = |prefix: &str| version == prefix || version.starts_with(&format!("{prefix}."));
        if minor("3.0") {
            Some(Version::V30)
        } else if minor("3.1") {
            Some(Version::V31)
        } else {
            None
        }
    }

    /// Schemas are read as JSON Schema 2020-12 with OpenAPI's vocabulary; another default dialect
    /// may give keywords other meanings, so it is named, but the schemas are still read.
    fn check_dialect(&mut self) {
        const READ: &[&str] = &[
            "https://spec.openapis.org/oas/3.1/dialect/base",
            "https://spec.openapis.org/oas/3.1/dialect/2024-10-25",
            "https://spec.openapis.org/oas/3.1/dialect/2024-11-10",
            "https://json-schema.org/draft/2020-12/schema",
        ];
        if let Some(dialect) = &self.spec.json_schema_dialect {
            let known = READ
                .iter()
                .any(|read| dialect.trim_end_matches('#') == *read);
            if !known {
                let message = format!(
                    "`jsonSchemaDialect` is `{dialect}`: schemas are read as JSON Schema 2020-12 \
                     with OpenAPI's vocabulary (`{}`), whose keywords may mean something else here",
                    READ[0]
                );
                self.tolerate(JsonPointer::root().join("jsonSchemaDialect"), message);
            }
        }
    }

    fn check_version(&mut self) {
        if self.version().is_none() {
            let (key, found) = match (&self.spec.openapi, &self.spec.swagger) {
                (Some(version), _) => ("openapi", version.clone()),
                (None, Some(version)) => ("swagger", version.clone()),
                (None, None) => ("openapi", "nothing".to_owned()),
            };
            self.error(
                JsonPointer::root().join(key),
                format!("expected `openapi: 3.0.x` or `openapi: 3.1.x`, found {key} {found}"),
            );
        }
    }

    /// A problem that leaves its construct usable (see [`Lowerer::tolerated`]): listed, but a
    /// lenient run keeps the operation it stands in.
    fn tolerate(&mut self, pointer: JsonPointer, message: impl Into<String>) {
        let before = self.diagnostics.len();
        self.error(pointer, message);
        self.tolerated += self.diagnostics.len() - before;
    }

    /// Claims a type name and an empty slot for it.
    fn declare(&mut self, wanted_name: &str) -> TypeId {
        let name = self.type_names.claim(wanted_name);
        self.types.push(Slot {
            name,
            definition: None,
        });
        TypeId(self.types.len() - 1)
    }

    fn name_of(&self, id: TypeId) -> &str {
        &self.types[id.0].name
    }

    /// The definition of a type, once its schema has been lowered.
    fn kind_of(&self, id: TypeId) -> Option<&TypeKind> {
        self.types
            .get(id.0)?
            .definition
            .as_ref()
            .map(|(_, _, kind)| kind)
    }

    fn fill(&mut self, id: TypeId, origin: JsonPointer, docs: Docs, kind: TypeKind) {
        self.types[id.0].definition = Some((origin, docs, kind));
    }

    /// Declares every component schema before any is defined, so the i-th component schema is
    /// `TypeId(i)` and `$ref`s resolve by index.
    fn register_components(&mut self) {
        debug_assert!(self.types.is_empty(), "components are declared first");
        for (name, schema) in &self.spec.components.schemas {
            let id = self.declare(name);
            self.shapes.entry(shape::shape_key(schema)).or_insert(id);
        }
    }

    fn define_components(&mut self) {
        let schemas = JsonPointer::root().join("components").join("schemas");
        for (index, (name, schema)) in self.spec.components.schemas.iter().enumerate() {
            self.define_component(TypeId(index), schema, schemas.join(name));
        }
    }

    fn finish(mut self, mut operations: Vec<crate::ir::Operation>) -> (Api, Vec<Diagnostic>) {
        let modules = modules::keep_used(std::mem::take(&mut self.modules), &mut operations);
        self.share_errors(&modules, &mut operations);
        let mut diagnostics = self.diagnostics;
        // Each declaration is followed by its fill; a gap would be a generator bug, and is filled
        // with a placeholder so every later TypeId stays right.
        let mut types: Vec<TypeDef> = self
            .types
            .into_iter()
            .map(|Slot { name, definition }| {
                let (origin, docs, kind) = definition.unwrap_or_else(|| {
                    let message =
                        format!("internal error: type `{name}` was declared but never defined");
                    diagnostics.push(Diagnostic::new(JsonPointer::root(), message));
                    (
                        JsonPointer::root(),
                        Docs::default(),
                        TypeKind::Alias(TypeRef::Any),
                    )
                });
                TypeDef {
                    name,
                    origin,
                    docs,
                    kind,
                    validated: false,
                    gate: crate::ir::Gate::Always,
                }
            })
            .collect();
        cycles::break_cycles(&mut types);
        let servers = self
            .spec
            .servers
            .iter()
            .map(|server| Server {
                url: server.url.clone(),
                description: server.description.clone(),
                variables: server
                    .variables
                    .iter()
                    .map(|(name, variable)| ServerVariable {
                        name: name.clone(),
                        default: variable.default.clone(),
                        description: variable.description.clone(),
                        allowed: variable.allowed.clone(),
                    })
                    .collect(),
            })
            .collect();
        let shadowed_prelude = crate::ir::PRELUDE_NAMES
            .iter()
            .copied()
            .filter(|name| types.iter().any(|def| def.name == *name))
            .collect();
        let validated = validated::validated_types(&types);
        let gates = gates::gates(&types, &operations, modules.len());
        for ((def, validated), gate) in types.iter_mut().zip(validated).zip(gates) {
            def.validated = validated;
            def.gate = gate;
        }
        let reading_order = order::reading_order(&types);
        let info = self.spec.info.as_ref();
        let api = Api {
            shadowed_prelude,
            title: info.map(|info| info.title.clone()).unwrap_or_default(),
            version: info.map(|info| info.version.clone()).unwrap_or_default(),
            summary: info.and_then(|info| info.summary.clone()),
            description: info.and_then(|info| info.description.clone()),
            license: info
                .and_then(|info| info.license.as_ref())
                .and_then(|license| {
                    let name = license.identifier.as_ref().or(license.name.as_ref())?;
                    Some((name.clone(), license.url.clone()))
                }),
            servers,
            types,
            reading_order,
            operations,
            modules,
            profile: self.profile,
        };
        (api, diagnostics)
    }
}
