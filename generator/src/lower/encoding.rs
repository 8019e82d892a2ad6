//! How each input's value becomes text: the default of its place, or the OpenAPI `style` and
//! `explode` the spec gives it; a style its place cannot use is a problem.

use super::Lowerer;
use crate::ir::{Encoding, Place, Style, TextForm, TypeKind, TypeRef};
use crate::pointer::JsonPointer;
use crate::spec::Parameter;

/// A type as it is written as text.
pub(super) enum Shape {
    /// One value, written in this form.
    Scalar(TextForm),
    /// An array of these items.
    Array(TypeRef),
}

impl Lowerer<'_> {
    /// How a parameter's value is written. Scalars in their place's default style are written with
    /// `Display`, arrays in the default query style as repeated pairs; everything else goes through
    /// the runtime's style encoder. A parameter described by `content` is JSON text.
    pub(super) fn param_encoding(
        &mut self,
        param: &Parameter,
        ty: &TypeRef,
        place: &Place,
        at: &JsonPointer,
    ) -> Encoding {
        let default = match place {
            Place::Path | Place::Header => Style::Simple,
            _ => Style::Form,
        };
        let style = match param.style.as_deref() {
            None => default,
            Some(name) => match Style::parse(name).filter(|style| allowed(place, *style)) {
                Some(style) => style,
                None => {
                    let message = format!(
                        "`style: {name}` is not a style of a {} parameter: expected {}",
                        place.describe(),
                        expected(place)
                    );
                    self.tolerate(at.join("style"), message);
                    default
                }
            },
        };
        let explode = param.explode.unwrap_or(style == Style::Form);
        let shape = self.shape_of(ty);
        if param.schema.is_none() && !param.content.is_empty() {
            return match shape {
                Shape::Scalar(form) => Encoding::Single(form),
                Shape::Array(_) => Encoding::Single(TextForm::Json),
            };
        }
        let styled = Encoding::Styled { style, explode };
        match (shape, place) {
            (Shape::Scalar(TextForm::Json), _) => styled,
            (Shape::Scalar(_), _) if matches!(style, Style::Label | Style::Matrix) => styled,
            (Shape::Scalar(form), _) => Encoding::Single(form),
            (Shape::Array(item), Place::Query) if style == Style::Form && explode => {
                Encoding::Repeated(self.item_form(&item))
            }
            (Shape::Array(_), _) => styled,
        }
    }

    /// How a multipart text part is written.
    pub(super) fn part_encoding(&self, ty: &TypeRef) -> Encoding {
        match self.shape_of(ty) {
            Shape::Scalar(form) => Encoding::Single(form),
            Shape::Array(item) => Encoding::Repeated(self.item_form(&item)),
        }
    }

    /// How an array's item is written: an array inside an array is JSON.
    pub(super) fn item_form(&self, ty: &TypeRef) -> TextForm {
        match self.shape_of(ty) {
            Shape::Scalar(form) => form,
            Shape::Array(_) => TextForm::Json,
        }
    }

    /// What a type is, for writing it as text: aliases followed.
    pub(super) fn shape_of(&self, ty: &TypeRef) -> Shape {
        match self.resolve_alias_ref(ty) {
            TypeRef::String
            | TypeRef::Bool
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::U32
            | TypeRef::U64
            | TypeRef::F32
            | TypeRef::F64 => Shape::Scalar(TextForm::Display),
            TypeRef::DateTime => Shape::Scalar(TextForm::DateTime),
            TypeRef::Vec(item) => Shape::Array(*item),
            TypeRef::Named(id) if matches!(self.kind_of(id), Some(TypeKind::Enum(_))) => {
                Shape::Scalar(TextForm::Display)
            }
            TypeRef::Named(_)
            | TypeRef::Any
            | TypeRef::Object
            | TypeRef::Map(_)
            | TypeRef::Upload
            | TypeRef::File
            | TypeRef::Multipart => Shape::Scalar(TextForm::Json),
        }
    }
}

/// The styles OpenAPI defines for each place.
fn allowed(place: &Place, style: Style) -> bool {
    match place {
        Place::Path => matches!(style, Style::Simple | Style::Label | Style::Matrix),
        Place::Query => matches!(
            style,
            Style::Form | Style::SpaceDelimited | Style::PipeDelimited | Style::DeepObject
        ),
        Place::Header => style == Style::Simple,
        Place::Cookie => style == Style::Form,
        Place::Body { .. } | Place::Part { .. } => false,
    }
}

fn expected(place: &Place) -> &'static str {
    match place {
        Place::Path => "simple, label or matrix",
        Place::Query => "form, spaceDelimited, pipeDelimited or deepObject",
        Place::Header => "simple",
        Place::Cookie => "form",
        Place::Body { .. } | Place::Part { .. } => "none",
    }
}
