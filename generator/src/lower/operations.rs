//! Operations: `operationId`s checked and turned into method names, inputs in one ordered list with
//! their places, the path template cut into pieces, and the module each operation goes in.

use std::collections::HashMap;

use super::Lowerer;
use super::http::is_header_name;
use super::schema::docs_of;
use crate::ir::{Fallbacks, Input, Method, Operation, OperationNames, Output, PathPiece, Place};
use crate::naming::{Case, Namespace, convert};
use crate::pointer::JsonPointer;
use crate::spec::{self, MediaType, Parameter};

/// Names the generated builders use for themselves, so no input can take them.
const RESERVED_INPUT_NAMES: &[&str] = &[
    "client",
    "options",
    "with_options",
    "send",
    "send_with_metadata",
    "prepare",
    "decode",
    "into_stream",
    "validate",
    "request",
    "response",
    "value",
    "item",
];

/// Methods of the generated client that no operation may take.
const RESERVED_METHOD_NAMES: &[&str] = &[
    "builder",
    "from_env",
    "builder_from_env",
    "builder_from_settings",
    "runtime",
    "api_root",
    "clone",
    "fmt",
    "from",
    "into",
];

/// Where an operation is in the spec: what lowering it reads.
struct Site<'a, 's> {
    id: &'a str,
    method: Method,
    path: &'s str,
    /// The path item's parameters, which the operation's own override.
    shared: &'s [Parameter],
    operation: &'s spec::Operation,
    at: JsonPointer,
}

impl<'s> Lowerer<'s> {
    pub(super) fn lower_operations(&mut self) -> Vec<Operation> {
        let mut operations = Vec::new();
        let mut method_names = Namespace::new(Case::Snake);
        for reserved in RESERVED_METHOD_NAMES {
            method_names.reserve(reserved);
        }
        let mut seen_ids: HashMap<String, JsonPointer> = HashMap::new();
        let paths_at = JsonPointer::root().join("paths");
        let Some(paths) = &self.spec.paths else {
            return operations;
        };
        for (path, item) in paths {
            let path_at = paths_at.join(path);
            if item.reference.is_some() {
                self.error(
                    path_at.join("$ref"),
                    "a `$ref` path item is not supported: write the operations inline",
                );
                continue;
            }
            for (method, operation) in item.operations() {
                let at = path_at.join(method);
                // OpenAPI makes `operationId` optional: without one, the method and path name the
                // operation (`get /users/{id}` is `get_users_id`).
                let id: String = match operation.operation_id.as_deref() {
                    Some(id) => id.to_owned(),
                    None => format!("{method} {path}"),
                };
                let id = id.as_str();
                if let Some(first) = seen_ids.get(id) {
                    let message = format!("duplicate operationId `{id}`: already used at {first}");
                    self.error(at.join("operationId"), message);
                    continue;
                }
                seen_ids.insert(id.to_owned(), at.clone());
                let Some(method) = Method::parse(method) else {
                    continue;
                };
                let names = OperationNames {
                    method: method_names.claim(id),
                    request: self.operation_types.claim(&format!("{id}Request")),
                    error: self.operation_types.claim(&format!("{id}Error")),
                    output: self.operation_types.claim(&format!("{id}Output")),
                };
                let problems_before = self.diagnostics.len() - self.tolerated;
                let site = Site {
                    id,
                    method,
                    path,
                    shared: &item.parameters,
                    operation,
                    at,
                };
                let lowered = self.lower_operation(site, names);
                // An operation with a problem is left out rather than generated half right.
                if self.diagnostics.len() - self.tolerated == problems_before {
                    operations.push(lowered);
                }
            }
        }
        operations
    }

    /// The whole operation, every decision made here: inputs, path, body, responses, security,
    /// module, and what it offers over a collection.
    fn lower_operation(&mut self, site: Site<'_, 's>, names: OperationNames) -> Operation {
        let Site {
            id,
            method,
            path,
            shared,
            operation,
            at,
        } = site;
        let type_prefix = convert(id, Case::Camel);
        let mut input_names = Namespace::new(Case::Snake);
        for reserved in RESERVED_INPUT_NAMES {
            input_names.reserve(reserved);
        }
        // The typed filter and sort setters, in an API that declares their syntax.
        if self.profile.filter.is_some() {
            input_names.reserve("filter");
        }
        if self.profile.sort.is_some() {
            input_names.reserve("sort_by");
        }
        let (mut inputs, params): (Vec<Input>, Vec<Option<&'s Parameter>>) = self
            .lower_params(shared, operation, &at, &type_prefix, &mut input_names)
            .into_iter()
            .map(|(input, param)| (input, Some(param)))
            .unzip();
        let path_pieces = self.path_pieces(path, &inputs, &at);
        if let Some(body) = &operation.request_body {
            let body =
                self.lower_body(body, at.join("requestBody"), &type_prefix, &mut input_names);
            inputs.extend(body);
        }
        let responses = self.lower_responses(operation, &at, &type_prefix);
        let output = Output::of(&responses);
        let fallbacks = Fallbacks::of(&responses);
        let security = self.operation_security(operation, &at);
        let module = self.module_of(operation, path);
        let pagination = self.pagination(&inputs, &output, operation);
        let filter = self.filter_spec(id, &inputs, &params);
        let sort = self.sort_spec(id, &inputs, &params);
        let headers = self.documented_headers(id, &responses);
        Operation {
            id: id.to_owned(),
            names,
            method,
            path: path.to_owned(),
            path_pieces,
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            deprecated: operation.deprecated,
            module,
            inputs,
            responses,
            fallbacks,
            output,
            security,
            pagination,
            filter,
            sort,
            // Decided across the module's operations, once all are lowered.
            shared_error: None,
            headers,
        }
    }

    /// Path-level parameters, overridden by operation parameters with the same name and location.
    fn lower_params(
        &mut self,
        shared: &'s [Parameter],
        operation: &'s spec::Operation,
        at: &JsonPointer,
        type_prefix: &str,
        names: &mut Namespace,
    ) -> Vec<(Input, &'s Parameter)> {
        let path_at = at.parent_or_root();
        let mut resolved: Vec<(&'s Parameter, JsonPointer)> = Vec::new();
        let listed = shared
            .iter()
            .enumerate()
            .map(|(index, param)| (param, path_at.join("parameters").join(index)))
            .chain(
                operation
                    .parameters
                    .iter()
                    .enumerate()
                    .map(|(index, param)| (param, at.join("parameters").join(index))),
            );
        let spec = self.spec;
        for (param, param_at) in listed {
            let table = &spec.components.parameters;
            let Some((param, param_at)) = self.follow(param, param_at, "parameters", table, |p| {
                p.reference.as_deref()
            }) else {
                continue;
            };
            let key = (param.name.as_deref(), param.location.as_deref());
            resolved.retain(|(earlier, _)| {
                (earlier.name.as_deref(), earlier.location.as_deref()) != key
            });
            resolved.push((param, param_at));
        }
        resolved
            .into_iter()
            .filter_map(|(param, param_at)| {
                let input = self.lower_param(param, &param_at, names, type_prefix)?;
                Some((input, param))
            })
            .collect()
    }

    /// The path template as literal text and path inputs; every `{name}` must have a path
    /// parameter, and every path parameter must appear in the template.
    fn path_pieces(&mut self, path: &str, inputs: &[Input], at: &JsonPointer) -> Vec<PathPiece> {
        let mut pieces = Vec::new();
        let mut used = Vec::new();
        let mut rest = path;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|close| open + close) else {
                break;
            };
            if open > 0 {
                pieces.push(PathPiece::Literal(rest[..open].to_owned()));
            }
            let name = &rest[open + 1..close];
            let found = inputs
                .iter()
                .position(|input| input.place == Place::Path && input.wire_name == name);
            match found {
                Some(index) => {
                    used.push(index);
                    pieces.push(PathPiece::Input(index));
                }
                None => {
                    let declared: Vec<&str> = inputs
                        .iter()
                        .filter(|input| input.place == Place::Path)
                        .map(|input| input.wire_name.as_str())
                        .collect();
                    let declared = if declared.is_empty() {
                        "none".to_owned()
                    } else {
                        declared.join(", ")
                    };
                    let message = format!(
                        "the path has `{{{name}}}` but no path parameter is named `{name}` (path parameters: {declared})"
                    );
                    self.error(at.clone(), message);
                }
            }
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(PathPiece::Literal(rest.to_owned()));
        }
        for (index, input) in inputs.iter().enumerate() {
            if input.place == Place::Path && !used.contains(&index) {
                let message = format!(
                    "path parameter `{}` is not in the path template `{path}`: it would never be sent",
                    input.wire_name
                );
                self.error(input.origin.join("name"), message);
            }
        }
        pieces
    }

    fn lower_param(
        &mut self,
        param: &'s Parameter,
        at: &JsonPointer,
        names: &mut Namespace,
        type_prefix: &str,
    ) -> Option<Input> {
        let Some(wire_name) = param.name.as_deref() else {
            self.error(at.clone(), "the parameter has no `name`");
            return None;
        };
        let place = match param.location.as_deref() {
            Some("path") => Place::Path,
            Some("query") => Place::Query,
            Some("header") => Place::Header,
            Some("cookie") => Place::Cookie,
            other => {
                let found = other.map_or("nothing".to_owned(), |text| format!("`{text}`"));
                self.error(at.join("in"), format!("parameter `{wire_name}`: expected `in` to be path, query, header or cookie, found {found}"));
                return None;
            }
        };
        if place == Place::Header && !is_header_name(wire_name) {
            let message = format!(
                "`{}` is not a header name: expected letters, digits and `!#$%&'*+-.^_`|~`",
                wire_name.escape_debug()
            );
            self.error(at.join("name"), message);
            return None;
        }
        let (schema, schema_at) = match (&param.schema, param.content.first()) {
            (Some(schema), _) => (schema, at.join("schema")),
            (
                None,
                Some((
                    media,
                    MediaType {
                        schema: Some(schema),
                        ..
                    },
                )),
            ) => (schema, at.join("content").join(media).join("schema")),
            _ => {
                self.error(at.clone(), format!("parameter `{wire_name}` has no schema: expected `schema` (or `content` with a schema)"));
                return None;
            }
        };
        if place == Place::Path && !param.required {
            // Where `required` is absent, point at the parameter itself.
            let message = format!("path parameter `{wire_name}` must be `required: true`");
            self.error(at.clone(), message);
        }
        let hint = format!("{type_prefix}{}", convert(wire_name, Case::Camel));
        let ty = self.lower_schema(schema, &schema_at, &hint).ty;
        let encoding = self.param_encoding(param, &ty, &place, at);
        let mut docs = docs_of(schema);
        docs.description = param.description.clone().or(docs.description);
        docs.example = param.example.clone().or(docs.example);
        docs.deprecated |= param.deprecated;
        Some(Input {
            wire_name: wire_name.to_owned(),
            rust_name: names.claim(wire_name),
            place,
            required: param.required,
            ty,
            default: schema.default.clone(),
            constraints: self.constraints_of(schema, &schema_at),
            docs,
            encoding,
            origin: at.clone(),
        })
    }
}
