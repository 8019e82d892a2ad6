//! Request bodies: JSON, text and binary bodies as one input; form bodies as one model input with
//! the encoding of each field; `multipart/form-data` bodies as one input per part, so a file part
//! can take a stream.

use super::Lowerer;
use super::http::{MediaKind, is_json, media_kind, preferred_content, sendable_media};
use super::schema::{ObjectView, docs_of};
use crate::ir::{
    BodyFormat, Constraints, Docs, Encoding, FormField, Input, Place, Style, TextForm, TypeKind,
    TypeRef,
};
use crate::naming::Namespace;
use crate::pointer::JsonPointer;
use crate::spec::{self, MediaType, PropertyEncoding, Schema};

impl<'s> Lowerer<'s> {
    /// The inputs a request body becomes: one, or one per part of a multipart body.
    pub(super) fn lower_body(
        &mut self,
        body: &'s spec::RequestBody,
        at: JsonPointer,
        type_prefix: &str,
        names: &mut Namespace,
    ) -> Vec<Input> {
        let table = &self.spec.components.request_bodies;
        let Some((body, at)) =
            self.follow(body, at, "requestBodies", table, |b| b.reference.as_deref())
        else {
            return Vec::new();
        };
        let Some((content_type, media)) = preferred_content(&body.content) else {
            self.error(
                at,
                "the request body has no `content`: expected at least one media type",
            );
            return Vec::new();
        };
        let content_at = at.join("content").join(content_type);
        if !content_type
            .bytes()
            .all(|byte| (b' '..=b'~').contains(&byte))
        {
            let message = format!(
                "`{}` cannot be sent as a Content-Type",
                content_type.escape_debug()
            );
            self.error(content_at, message);
            return Vec::new();
        }
        let kind = media_kind(content_type);
        if kind == MediaKind::Multipart {
            return self.multipart_parts(body, media, &content_at, type_prefix, names);
        }
        let schema_at = content_at.join("schema");
        let (ty, constraints, format) = match (kind, &media.schema) {
            (MediaKind::Text, _) => (TypeRef::String, Constraints::default(), BodyFormat::Text),
            (MediaKind::Binary, _) => (TypeRef::Upload, Constraints::default(), BodyFormat::Binary),
            (MediaKind::Json, None) => (TypeRef::Any, Constraints::default(), BodyFormat::Json),
            (MediaKind::Json | MediaKind::Form | MediaKind::Multipart, Some(schema)) => {
                let ty = self
                    .lower_schema(schema, &schema_at, &format!("{type_prefix}Request"))
                    .ty;
                let constraints = self.constraints_of(schema, &schema_at);
                let format = if kind == MediaKind::Form {
                    if !self.is_object_type(&ty) {
                        let message =
                            "a form body must be an object: its properties are the form's fields";
                        self.error(schema_at.clone(), message);
                    }
                    BodyFormat::Form(self.form_fields(media, &content_at, &ty))
                } else {
                    BodyFormat::Json
                };
                (ty, constraints, format)
            }
            (MediaKind::Form | MediaKind::Multipart, None) => {
                let message = "a form body needs a `schema`: its properties are the form's fields";
                self.error(content_at.clone(), message);
                return Vec::new();
            }
        };
        let rust_name = names.claim("body");
        vec![Input {
            wire_name: "body".to_owned(),
            rust_name,
            place: Place::Body {
                content_type: sendable_media(content_type).to_owned(),
                format,
            },
            origin: at,
            ty,
            required: body.required,
            default: None,
            constraints,
            docs: Docs {
                description: body.description.clone(),
                // The media type's example, or the first of its named examples.
                example: media.example.clone().or_else(|| {
                    media
                        .examples
                        .values()
                        .find_map(|example| example.value.clone())
                }),
                ..Docs::default()
            },
            encoding: Encoding::Raw,
        }]
    }

    /// Whether a value of `ty` is a JSON object (so it has fields to send).
    fn is_object_type(&self, ty: &TypeRef) -> bool {
        match self.resolve_alias_ref(ty) {
            TypeRef::Named(id) => matches!(
                self.kind_of(id),
                Some(TypeKind::Struct(_) | TypeKind::Union(_)) | None
            ),
            TypeRef::Object | TypeRef::Map(_) | TypeRef::Any => true,
            _ => false,
        }
    }

    /// The fields of a form body whose encoding is not the default (`form`, exploded, as text).
    /// Each field of a form body in the order of its struct, with its encoding (OpenAPI's
    /// default, exploded `form`, unless `encoding` says otherwise): the form is sent in this
    /// order, then any additional properties.
    fn form_fields(&mut self, media: &MediaType, at: &JsonPointer, ty: &TypeRef) -> Vec<FormField> {
        let mut encodings = Vec::with_capacity(media.encoding.len());
        for (name, encoding) in &media.encoding {
            let encoding_at = at.join("encoding").join(name);
            let style = self
                .property_style(encoding, &encoding_at)
                .unwrap_or(Style::Form);
            let explode = encoding.explode.unwrap_or(style == Style::Form);
            let json = encoding.content_type.as_deref().is_some_and(is_json);
            encodings.push(FormField {
                wire_name: name.clone(),
                style,
                explode,
                json,
            });
        }
        let TypeRef::Named(id) = self.resolve_alias_ref(ty) else {
            return encodings;
        };
        let Some(TypeKind::Struct(body)) = self.kind_of(id) else {
            return encodings;
        };
        body.fields
            .iter()
            .map(|field| {
                encodings
                    .iter()
                    .find(|encoding| encoding.wire_name == field.wire_name)
                    .cloned()
                    .unwrap_or_else(|| FormField {
                        wire_name: field.wire_name.clone(),
                        style: Style::Form,
                        explode: true,
                        json: false,
                    })
            })
            .collect()
    }

    /// The style of a form field; one a form cannot use is a problem that leaves the default.
    fn property_style(&mut self, encoding: &PropertyEncoding, at: &JsonPointer) -> Option<Style> {
        let name = encoding.style.as_deref()?;
        match Style::parse(name) {
            Some(
                style @ (Style::Form
                | Style::SpaceDelimited
                | Style::PipeDelimited
                | Style::DeepObject),
            ) => Some(style),
            _ => {
                let message = format!(
                    "`style: {name}` is not a style of a form field: expected form, spaceDelimited, pipeDelimited or deepObject"
                );
                self.tolerate(at.join("style"), message);
                None
            }
        }
    }

    /// One input per property of a multipart body's schema: files as file parts, scalars as text
    /// parts, anything structured as a JSON part.
    fn multipart_parts(
        &mut self,
        body: &'s spec::RequestBody,
        media: &'s MediaType,
        at: &JsonPointer,
        type_prefix: &str,
        names: &mut Namespace,
    ) -> Vec<Input> {
        let schema_at = at.join("schema");
        let Some(schema) = &media.schema else {
            let message = "a multipart body needs a `schema`: its properties are the parts";
            self.error(at.clone(), message);
            return Vec::new();
        };
        let mut view = ObjectView::default();
        self.gather(schema, &schema_at, &mut view, &mut Vec::new(), None);
        if view.properties.is_empty() {
            // The spec does not list the parts: the caller builds them.
            return vec![Input {
                wire_name: "body".to_owned(),
                rust_name: names.claim("body"),
                place: Place::Body {
                    content_type: "multipart/form-data".to_owned(),
                    format: BodyFormat::Multipart,
                },
                origin: at.clone(),
                ty: TypeRef::Multipart,
                required: body.required,
                default: None,
                constraints: Constraints::default(),
                docs: Docs {
                    description: body.description.clone(),
                    ..Docs::default()
                },
                encoding: Encoding::Raw,
            }];
        }
        let mut inputs = Vec::with_capacity(view.properties.len());
        for (wire, (property, property_at, _)) in &view.properties {
            let encoding = media.encoding.get(*wire);
            let part_type = encoding.and_then(|encoding| encoding.content_type.clone());
            let declared_binary = part_type
                .as_deref()
                .is_some_and(|media| media_kind(media) == MediaKind::Binary);
            let (ty, constraints) = match self.file_shape(property, 0) {
                Some(false) => (TypeRef::File, Constraints::default()),
                Some(true) => (
                    TypeRef::Vec(Box::new(TypeRef::File)),
                    Constraints::default(),
                ),
                None if declared_binary => (TypeRef::File, Constraints::default()),
                None => {
                    let hint = format!(
                        "{type_prefix}{}",
                        crate::naming::convert(wire, crate::naming::Case::Camel)
                    );
                    let ty = self.lower_schema(property, property_at, &hint).ty;
                    (ty, self.constraints_of(property, property_at))
                }
            };
            let encoding = match &ty {
                TypeRef::File => Encoding::Raw,
                TypeRef::Vec(item) if **item == TypeRef::File => Encoding::Raw,
                _ if part_type.as_deref().is_some_and(is_json) => Encoding::Single(TextForm::Json),
                _ => self.part_encoding(&ty),
            };
            let mut docs = docs_of(property);
            if docs.description.is_none() {
                docs.description = body.description.clone();
            }
            inputs.push(Input {
                wire_name: (*wire).to_owned(),
                rust_name: names.claim(wire),
                place: Place::Part { part_type },
                origin: property_at.clone(),
                ty,
                required: view.required.contains(wire),
                default: property.default.clone(),
                constraints,
                docs,
                encoding,
            });
        }
        inputs
    }

    /// Whether a schema is a file (`Some(false)`), an array of files (`Some(true)`), or neither:
    /// a binary string (`format: binary`, or a non-text `contentMediaType`), through `$ref`s.
    fn file_shape(&self, schema: &Schema, depth: usize) -> Option<bool> {
        if depth > 16 {
            return None;
        }
        if let Some(target) = schema
            .reference
            .as_deref()
            .and_then(|r| self.component_id(r))
        {
            let (_, target) = self.spec.components.schemas.get_index(target.0)?;
            return self.file_shape(target, depth + 1);
        }
        match schema.kind.as_deref() {
            Some("string") | None if schema.format.as_deref() == Some("binary") => Some(false),
            Some("array") => {
                let item = schema.items.as_deref()?;
                (self.file_shape(item, depth + 1) == Some(false)).then_some(true)
            }
            _ => None,
        }
    }
}
