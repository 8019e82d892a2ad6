//! Responses: each status an operation documents, its body type and its headers. A shared
//! response (`#/components/responses/...`) declares its inline types once, named after it.

use super::Lowerer;
use super::encoding::Shape;
use super::http::{MediaKind, is_header_name, media_kind, preferred_content};
use crate::ir::{
    BodyKind, Constraints, DocumentedHeader, HeaderValue, Response, ResponseHeader, StatusMatch,
    TextForm, TypeRef,
};
use crate::naming::{Case, Namespace, convert};
use crate::pointer::JsonPointer;
use crate::spec;

impl<'s> Lowerer<'s> {
    pub(super) fn lower_responses(
        &mut self,
        operation: &'s spec::Operation,
        at: &JsonPointer,
        type_prefix: &str,
    ) -> Vec<Response> {
        let mut responses = Vec::with_capacity(operation.responses.len());
        for (status, response) in &operation.responses {
            let response_at = at.join("responses").join(status);
            let Some(status_match) = parse_status(status) else {
                self.error(response_at, format!("unknown response status `{status}`: expected a code such as `200`, a range such as `4XX`, or `default`"));
                continue;
            };
            // A shared response's inline schema is named after the shared response, so every
            // operation that uses it gets the same type.
            let hint = match &response.reference {
                Some(reference) => {
                    response_type_name(reference.rsplit('/').next().unwrap_or(status))
                }
                None => format!("{type_prefix}{status}Response"),
            };
            if let Some(lowered) = self.lower_response(response, response_at, status_match, &hint) {
                responses.push(lowered);
            }
        }
        // Exact codes before ranges before `default`, as a status is matched against them.
        responses.sort_by_key(|response| match response.status {
            StatusMatch::Code(code) => (0, code),
            StatusMatch::Range(hundreds) => (1, hundreds),
            StatusMatch::Default => (2, 0),
        });
        let mut names = Namespace::new(Case::Camel);
        for response in &mut responses {
            response.variant = names.claim(&variant_name(response.status));
        }
        responses
    }

    /// Every header the responses document, once (names match in any case), in the order the
    /// responses are matched, each with the type that reads it.
    pub(super) fn documented_headers(
        &mut self,
        id: &str,
        responses: &[Response],
    ) -> Vec<DocumentedHeader> {
        let mut headers: Vec<DocumentedHeader> = Vec::new();
        for response in responses {
            for header in &response.headers {
                let value = self.header_value(&header.ty);
                let same =
                    |known: &&mut DocumentedHeader| known.name.eq_ignore_ascii_case(&header.name);
                match headers.iter_mut().find(same) {
                    Some(known) => {
                        known.statuses.push(response.status);
                        if known.value != value {
                            known.value = HeaderValue::Text;
                        }
                        if known.constraints != header.constraints {
                            known.constraints = Constraints::default();
                        }
                        if known.description.is_none() {
                            known.description.clone_from(&header.description);
                        }
                    }
                    None => headers.push(DocumentedHeader {
                        name: header.name.clone(),
                        type_name: self
                            .operation_types
                            .claim(&format!("{id} {} header", header.name)),
                        description: header.description.clone(),
                        statuses: vec![response.status],
                        value,
                        constraints: header.constraints.clone(),
                    }),
                }
            }
        }
        headers
    }

    /// How a header of type `ty` is read: headers are `simple`-style text.
    fn header_value(&self, ty: &TypeRef) -> HeaderValue {
        let resolved = self.resolve_alias_ref(ty);
        if matches!(
            resolved,
            TypeRef::Upload | TypeRef::File | TypeRef::Multipart
        ) {
            // Content to send, never read: `format: binary` on a header is its text.
            return HeaderValue::Text;
        }
        match self.shape_of(ty) {
            Shape::Scalar(form) => HeaderValue::One(resolved, form),
            Shape::Array(item) => match self.item_form(&item) {
                // A list of objects or lists has no `simple` text form to split.
                TextForm::Json => HeaderValue::Text,
                form => HeaderValue::List(self.resolve_alias_ref(&item), form),
            },
        }
    }

    fn lower_response(
        &mut self,
        response: &'s spec::Response,
        at: JsonPointer,
        status: StatusMatch,
        hint: &str,
    ) -> Option<Response> {
        let table = &self.spec.components.responses;
        let (response, at) =
            self.follow(response, at, "responses", table, |r| r.reference.as_deref())?;
        let body = match preferred_content(&response.content) {
            None => BodyKind::Empty,
            Some((content_type, media)) if media_kind(content_type) == MediaKind::Json => {
                let ty = match &media.schema {
                    Some(schema) => {
                        let schema_at = at.join("content").join(content_type).join("schema");
                        self.lower_schema(schema, &schema_at, hint).ty
                    }
                    None => TypeRef::Any,
                };
                BodyKind::Json(ty)
            }
            Some((content_type, _)) if media_kind(content_type) == MediaKind::Text => {
                BodyKind::Text
            }
            Some(_) => BodyKind::Binary,
        };
        let mut headers = Vec::with_capacity(response.headers.len());
        for (name, header) in &response.headers {
            let header_at = at.join("headers").join(name);
            let table = &self.spec.components.headers;
            let Some((header, header_at)) = self.follow(header, header_at, "headers", table, |h| {
                h.reference.as_deref()
            }) else {
                continue;
            };
            let (ty, constraints) = match &header.schema {
                Some(schema) => {
                    let schema_at = header_at.join("schema");
                    let hint = format!("{hint}{}", convert(name, Case::Camel));
                    let ty = self.lower_schema(schema, &schema_at, &hint).ty;
                    (ty, self.constraints_of(schema, &schema_at))
                }
                None => (TypeRef::String, Constraints::default()),
            };
            if !is_header_name(name) {
                let message = format!("`{}` is not a header name", name.escape_debug());
                self.error(header_at, message);
                continue;
            }
            headers.push(ResponseHeader {
                name: name.clone(),
                description: header.description.clone(),
                ty,
                constraints,
            });
        }
        Some(Response {
            status,
            // Named once the operation's responses are ordered.
            variant: String::new(),
            description: response.description.clone(),
            body,
            headers,
        })
    }
}

/// `BadRequest` for 400, `Status418` for codes without a common name, `Status4xx` for a range,
/// `Other` for `default`.
fn variant_name(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => match reason(code) {
            Some(reason) => reason.to_owned(),
            None => format!("Status{code}"),
        },
        StatusMatch::Range(hundreds) => format!("Status{hundreds}xx"),
        StatusMatch::Default => "Other".to_owned(),
    }
}

fn reason(code: u16) -> Option<&'static str> {
    Some(match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        204 => "NoContent",
        207 => "MultiStatus",
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return None,
    })
}

fn parse_status(status: &str) -> Option<StatusMatch> {
    if status == "default" {
        return Some(StatusMatch::Default);
    }
    if let Some(hundreds) = status
        .strip_suffix("XX")
        .or_else(|| status.strip_suffix("xx"))
    {
        return hundreds
            .parse()
            .ok()
            .filter(|h| (1..=5).contains(h))
            .map(StatusMatch::Range);
    }
    status
        .parse()
        .ok()
        .filter(|code| (100..=599).contains(code))
        .map(StatusMatch::Code)
}

/// The type name for the body of a shared response: `Response401` for `401`, `NotFoundResponse` for
/// `NotFound`.
fn response_type_name(key: &str) -> String {
    if key.starts_with(|ch: char| ch.is_ascii_digit()) {
        format!("Response{key}")
    } else {
        format!("{key}Response")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_statuses() {
        assert_eq!(parse_status("207"), Some(StatusMatch::Code(207)));
        assert_eq!(parse_status("4XX"), Some(StatusMatch::Range(4)));
        assert_eq!(parse_status("default"), Some(StatusMatch::Default));
        assert_eq!(parse_status("20"), None);
        assert_eq!(parse_status("ok"), None);
    }

    /// The operation `op` of a spec whose only path has these responses.
    fn operation_with(responses: &str) -> crate::ir::Operation {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /x:\n    get:\n      \
             operationId: op\n      responses: {responses}\n"
        );
        let spec: crate::spec::OpenApi =
            crate::parse::parse(&text).unwrap_or_else(|e| panic!("{e:?}"));
        let (mut api, problems) = super::super::lower(&spec);
        assert!(problems.is_empty(), "{problems:?}");
        api.operations.remove(0)
    }

    #[test]
    fn responses_are_ordered_by_specificity_and_named_once() {
        let operation = operation_with(
            "{default: {description: d}, 2XX: {description: r}, '418': {description: t}, \
             '202': {description: a}, '200': {description: o}}",
        );
        let named: Vec<(StatusMatch, &str)> = operation
            .responses
            .iter()
            .map(|response| (response.status, response.variant.as_str()))
            .collect();
        assert_eq!(
            named,
            [
                (StatusMatch::Code(200), "Ok"),
                (StatusMatch::Code(202), "Accepted"),
                (StatusMatch::Code(418), "Status418"),
                (StatusMatch::Range(2), "Status2xx"),
                (StatusMatch::Default, "Other"),
            ]
        );
    }

    #[test]
    fn binary_successes_are_streamed_and_exact_codes_are_cut_out_of_ranges() {
        let binary = "{content: {application/octet-stream: {schema: {type: string, format: binary}}}, description: b}";
        let json = "{content: {application/json: {schema: {type: object}}}, description: j}";
        let operation = operation_with(&format!(
            "{{'2XX': {binary}, '204': {{description: e}}, '250': {json}, '404': {binary}}}"
        ));
        // 204 and 250 have other bodies; 404 is not a success, so its body is read whole.
        assert_eq!(
            operation.streamed_statuses(),
            [(200, 203), (205, 249), (251, 299)]
        );
        let operation = operation_with(&format!("{{'200': {binary}, '201': {json}}}"));
        assert_eq!(operation.streamed_statuses(), [(200, 200)]);
        assert!(
            operation_with("{'200': {description: o}}")
                .streamed_statuses()
                .is_empty()
        );
    }
}
