//! The shape of a schema: everything that decides the Rust type made from it (types, formats,
//! values, properties, bounds, titles, which fields are read-only or write-only, the
//! discriminator), and nothing that only documents it. Two schemas of one shape make identical
//! types, so an inline schema of the same shape as one already declared reuses that type: a
//! dereferenced spec, which copies a component wherever it is used, gets the component's type back
//! instead of a copy per use.

use std::fmt::Write as _;

use crate::spec::{AdditionalProperties, Schema};

/// A canonical text of the schema's shape.
pub fn shape_key(schema: &Schema) -> String {
    let mut key = String::new();
    write_shape(schema, &mut key);
    key
}

/// Appends the shape of `schema`, between braces. Each part is a letter and its value: text as its
/// length and the text (so no text can pass for another part), numbers, lists and flags closed by
/// `;`. Written by hand: this runs for every schema that makes a type, and formatting each part
/// with `Debug` was a tenth of lowering.
fn write_shape(schema: &Schema, out: &mut String) {
    out.push('{');
    text(out, 'r', schema.reference.as_deref());
    text(out, 't', schema.kind.as_deref());
    for kind in &schema.kinds {
        text(out, 'k', Some(kind));
    }
    text(out, 'f', schema.format.as_deref());
    text(out, 'T', schema.title.as_deref());
    out.push('b');
    for flag in [
        schema.nullable,
        schema.exclusive_minimum,
        schema.exclusive_maximum,
        schema.unique_items,
    ] {
        out.push(if flag { '1' } else { '0' });
    }
    if let Some(values) = &schema.enumeration {
        out.push('e');
        for value in values {
            // JSON text ends where it ends: no value can run into the next.
            let _ = write!(out, "{value},");
        }
        out.push(';');
    }
    for (letter, bound) in [
        ('<', schema.minimum),
        ('>', schema.maximum),
        ('%', schema.multiple_of),
    ] {
        if let Some(bound) = bound {
            let _ = write!(out, "{letter}{bound:?};");
        }
    }
    for (letter, count) in [
        ('l', schema.min_length),
        ('L', schema.max_length),
        ('i', schema.min_items),
        ('I', schema.max_items),
    ] {
        if let Some(count) = count {
            let _ = write!(out, "{letter}{count};");
        }
    }
    text(out, 'p', schema.pattern.as_deref());
    for name in &schema.required {
        text(out, 'q', Some(name));
    }
    for (name, property) in &schema.properties {
        text(out, 'P', Some(name));
        // Whether a field is read-only or write-only decides its struct's setters, not the
        // field's own type: a schema's own flags count only where it is a property.
        out.push(if property.read_only { '1' } else { '0' });
        out.push(if property.write_only { '1' } else { '0' });
        write_shape(property, out);
    }
    match &schema.additional_properties {
        Some(AdditionalProperties::Allowed(allowed)) => {
            out.push_str(if *allowed { "A1" } else { "A0" });
        }
        Some(AdditionalProperties::Schema(values)) => {
            out.push('V');
            write_shape(values, out);
        }
        None => {}
    }
    if let Some(items) = &schema.items {
        out.push('[');
        write_shape(items, out);
    }
    for (letter, parts) in [
        ('x', &schema.prefix_items),
        ('&', &schema.all_of),
        ('|', &schema.one_of),
        ('?', &schema.any_of),
    ] {
        if let Some(parts) = parts {
            out.push(letter);
            for part in parts {
                write_shape(part, out);
            }
            out.push(';');
        }
    }
    if let Some(discriminator) = &schema.discriminator {
        text(out, 'D', Some(&discriminator.property_name));
        for (value, reference) in &discriminator.mapping {
            text(out, 'm', Some(value));
            text(out, '=', Some(reference));
        }
    }
    out.push('}');
}

/// A text part: its letter, its length in bytes, `:`, the text; nothing when absent.
fn text(out: &mut String, letter: char, value: Option<&str>) {
    if let Some(value) = value {
        let _ = write!(out, "{letter}{}:", value.len());
        out.push_str(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(yaml: &str) -> Schema {
        serde_yaml::from_str(yaml).unwrap_or_default()
    }

    #[test]
    fn documentation_does_not_change_the_shape() {
        let a =
            schema("{type: object, description: one, properties: {x: {type: string, example: a}}}");
        let b =
            schema("{type: object, description: two, properties: {x: {type: string, example: b}}}");
        assert_eq!(shape_key(&a), shape_key(&b));
        // Read-only where it is used (`owner: {readOnly: true, ...}`): the same type.
        let c =
            schema("{type: object, readOnly: true, properties: {x: {type: string, example: c}}}");
        assert_eq!(shape_key(&a), shape_key(&c));
    }

    #[test]
    fn anything_that_changes_the_type_does() {
        let base = schema("{type: object, properties: {x: {type: string}}}");
        for other in [
            "{type: object, properties: {y: {type: string}}}",
            "{type: object, properties: {x: {type: integer}}}",
            "{type: object, required: [x], properties: {x: {type: string}}}",
            "{type: object, properties: {x: {type: string, maxLength: 3}}}",
            "{type: object, title: Named, properties: {x: {type: string}}}",
            "{type: object, properties: {x: {type: string, readOnly: true}}}",
            "{type: object, properties: {x: {type: string, writeOnly: true}}}",
            "{type: object, properties: {x: {type: [string, integer]}}}",
            "{type: object, properties: {x: {type: string, enum: [a, b]}}}",
            "{type: object, properties: {x: {type: array, items: {type: string}}}}",
            "{type: object, properties: {x: {type: array, prefixItems: [{type: string}]}}}",
            "{type: object, properties: {x: {type: array, uniqueItems: true}}}",
            "{type: object, properties: {x: {type: string}}, additionalProperties: false}",
            "{oneOf: [{type: string}, {type: integer}]}",
            "{type: object, properties: {x: {type: string}}, discriminator: {propertyName: x}}",
        ] {
            assert_ne!(shape_key(&base), shape_key(&schema(other)), "{other}");
        }
    }

    #[test]
    fn no_text_can_pass_for_another_part() {
        // A property name that spells out what would follow it in another schema.
        let a = schema("{properties: {'x': {type: string}}}");
        let b = schema("{properties: {'x1:': {}}}");
        assert_ne!(shape_key(&a), shape_key(&b));
        let a = schema("{enum: ['a,b']}");
        let b = schema("{enum: [a, b]}");
        assert_ne!(shape_key(&a), shape_key(&b));
    }
}
