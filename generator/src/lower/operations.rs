//! Operations: parameters, request bodies and responses, with `operationId`s checked and turned into
//! method names.

use std::collections::HashMap;

use super::Lowerer;
use super::collections::{pagination, sort_spec};
use super::schema::{constraints_of, docs_of};
use crate::ir::{
    Body, Constraints, Method, Operation, OperationNames, Param, ParamLocation, TypeRef,
};
use crate::naming::{Case, Namespace, convert};
use crate::pointer::JsonPointer;
use crate::spec::{self, MediaType, Parameter};

impl<'s> Lowerer<'s> {
    pub(super) fn lower_operations(&mut self) -> Vec<Operation> {
        let mut operations = Vec::new();
        let mut method_names = Namespace::new(Case::Snake);
        // The builder, error and output types of every operation share one module.
        let mut type_names = Namespace::new(Case::Camel);
        let mut seen_ids: HashMap<&'s str, JsonPointer> = HashMap::new();
        let paths = JsonPointer::root().join("paths");
        for (path, item) in &self.spec.paths {
            let path_at = paths.join(path);
            if item.reference.is_some() {
                self.error(
                    path_at.join("$ref"),
                    "a `$ref` path item is not supported: write the operations inline",
                );
                continue;
            }
            for (method, operation) in item.operations() {
                let at = path_at.join(method);
                let Some(id) = operation.operation_id.as_deref() else {
                    self.error(at, "the operation has no `operationId`: expected a unique operationId, the method name is made from it");
                    continue;
                };
                if let Some(first) = seen_ids.get(id) {
                    let message = format!("duplicate operationId `{id}`: already used at {first}");
                    self.error(at.join("operationId"), message);
                    continue;
                }
                seen_ids.insert(id, at.clone());
                let Some(method) = Method::parse(method) else {
                    continue;
                };
                let names = OperationNames {
                    method: method_names.claim(id),
                    request: type_names.claim(&format!("{id}Request")),
                    error: type_names.claim(&format!("{id}Error")),
                    output: type_names.claim(&format!("{id}Output")),
                };
                let problems_before = self.diagnostics.len();
                let shared = &item.parameters;
                let mut lowered =
                    self.lower_operation(id, names, method, path, shared, operation, at);
                lowered.pagination = pagination(&lowered);
                lowered.filter = self.filter_spec(&lowered, &mut type_names);
                lowered.sort = sort_spec(&lowered, &mut type_names);
                // An operation with a problem is left out rather than generated half right.
                if self.diagnostics.len() == problems_before {
                    operations.push(lowered);
                }
            }
        }
        operations
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_operation(
        &mut self,
        id: &str,
        names: OperationNames,
        method: Method,
        path: &str,
        shared: &'s [Parameter],
        operation: &'s spec::Operation,
        at: JsonPointer,
    ) -> Operation {
        let type_prefix = convert(id, Case::Camel);
        let mut input_names = Namespace::new(Case::Snake);
        // Builder methods and fields that a parameter must not take.
        for reserved in RESERVED_INPUT_NAMES {
            input_names.reserve(reserved);
        }
        let params =
            self.lower_params(shared, operation, path, &at, &type_prefix, &mut input_names);
        let body = operation.request_body.as_ref().and_then(|body| {
            let rust_name = input_names.claim("body");
            self.lower_body(body, at.join("requestBody"), &type_prefix, rust_name)
        });
        let responses = self.lower_responses(operation, &at, &type_prefix);
        Operation {
            id: id.to_owned(),
            names,
            method,
            path: path.to_owned(),
            origin: at,
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            deprecated: operation.deprecated,
            tags: operation.tags.clone(),
            params,
            body,
            responses,
            pagination: None,
            filter: None,
            sort: None,
        }
    }

    /// Path-level parameters, overridden by operation parameters with the same name and location.
    fn lower_params(
        &mut self,
        shared: &'s [Parameter],
        operation: &'s spec::Operation,
        path: &str,
        at: &JsonPointer,
        type_prefix: &str,
        names: &mut Namespace,
    ) -> Vec<Param> {
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

        let mut params = Vec::with_capacity(resolved.len());
        for (param, param_at) in resolved {
            if let Some(lowered) = self.lower_param(param, &param_at, names, type_prefix) {
                params.push(lowered);
            }
        }
        let path_params: Vec<&str> = params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
            .map(|p| p.wire_name.as_str())
            .collect();
        for name in path_template_names(path) {
            if !path_params.contains(&name) {
                let declared = if path_params.is_empty() {
                    "none".to_owned()
                } else {
                    path_params.join(", ")
                };
                let message = format!(
                    "the path has `{{{name}}}` but no path parameter is named `{name}` (path parameters: {declared})"
                );
                self.error(at.clone(), message);
            }
        }
        params
    }

    fn lower_param(
        &mut self,
        param: &'s Parameter,
        at: &JsonPointer,
        names: &mut Namespace,
        type_prefix: &str,
    ) -> Option<Param> {
        let Some(wire_name) = param.name.as_deref() else {
            self.error(at.clone(), "the parameter has no `name`");
            return None;
        };
        let location = match param.location.as_deref() {
            Some("path") => ParamLocation::Path,
            Some("query") => ParamLocation::Query,
            Some("header") => ParamLocation::Header,
            Some("cookie") => {
                self.error(
                    at.join("in"),
                    format!("cookie parameter `{wire_name}` is not supported"),
                );
                return None;
            }
            other => {
                let found = other.map_or("nothing".to_owned(), |text| format!("`{text}`"));
                self.error(at.join("in"), format!("parameter `{wire_name}`: expected `in` to be path, query, header or cookie, found {found}"));
                return None;
            }
        };
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
        if location == ParamLocation::Path && !param.required {
            self.error(
                at.join("required"),
                format!("path parameter `{wire_name}` must be `required: true`"),
            );
        }
        let hint = format!("{type_prefix}{}", convert(wire_name, Case::Camel));
        let ty = self.lower_schema(schema, &schema_at, &hint).ty;
        let mut docs = docs_of(schema);
        docs.description = param.description.clone().or(docs.description);
        docs.example = param.example.clone().or(docs.example);
        docs.deprecated |= param.deprecated;
        Some(Param {
            wire_name: wire_name.to_owned(),
            rust_name: names.claim(wire_name),
            location,
            required: param.required,
            ty,
            default: schema.default.clone(),
            constraints: constraints_of(schema),
            docs,
            filterable_fields: param.filterable_fields.clone(),
            sortable_fields: param.sortable_fields.clone(),
            origin: at.clone(),
        })
    }

    fn lower_body(
        &mut self,
        body: &'s spec::RequestBody,
        at: JsonPointer,
        type_prefix: &str,
        rust_name: String,
    ) -> Option<Body> {
        let table = &self.spec.components.request_bodies;
        let (body, at) =
            self.follow(body, at, "requestBodies", table, |b| b.reference.as_deref())?;
        let Some((content_type, media)) = preferred_content(&body.content) else {
            self.error(
                at,
                "the request body has no `content`: expected at least one media type",
            );
            return None;
        };
        let content_at = at.join("content").join(content_type);
        if !is_json(content_type) {
            // The SDK writes bodies as JSON; sending JSON under another media type would be wrong.
            let message = format!(
                "request body of type `{content_type}` is not supported: only JSON bodies are"
            );
            self.error(content_at, message);
            return None;
        }
        let (ty, constraints) = match &media.schema {
            Some(schema) => {
                let hint = format!("{type_prefix}Request");
                (
                    self.lower_schema(schema, &content_at.join("schema"), &hint)
                        .ty,
                    constraints_of(schema),
                )
            }
            None => (TypeRef::Any, Constraints::default()),
        };
        Some(Body {
            rust_name,
            content_type: content_type.to_owned(),
            ty,
            required: body.required,
            description: body.description.clone(),
            constraints,
        })
    }
}

/// Names the generated builders use for themselves, so no parameter can take them.
const RESERVED_INPUT_NAMES: &[&str] = &[
    "filter",
    "sort_by",
    "client",
    "send",
    "send_with_metadata",
    "into_stream",
    "pages",
];

/// `application/json` and the `+json` media types (`application/json-patch+json`).
pub(super) fn is_json(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json")
}

/// Prefers JSON: `application/json`, then any `+json` type, then the first listed.
pub(super) fn preferred_content(
    content: &indexmap::IndexMap<String, MediaType>,
) -> Option<(&str, &MediaType)> {
    content
        .iter()
        .find(|(media, _)| media.as_str() == "application/json")
        .or_else(|| content.iter().find(|(media, _)| is_json(media)))
        .or_else(|| content.first())
        .map(|(media, schema)| (media.as_str(), schema))
}

/// The `{name}`s of a path template, in order.
fn path_template_names(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_path_templates() {
        assert_eq!(
            path_template_names("/a/{id}/b/{workgroupId}"),
            ["id", "workgroupId"]
        );
        assert!(path_template_names("/a").is_empty());
    }
}
