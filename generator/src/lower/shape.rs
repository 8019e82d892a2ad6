//! The shape of a schema: everything that decides the Rust type made from it (types, formats,
//! values, properties, bounds, titles), and nothing that only documents it. Two schemas of one shape
//! make identical types, so an inline schema of the same shape as one already declared reuses that
//! type: a dereferenced spec, which copies a component wherever it is used, gets the component's
//! type back instead of a copy per use.

use std::fmt::Write as _;

use crate::spec::{AdditionalProperties, Schema};

/// A canonical text of the schema's shape.
pub fn shape_key(schema: &Schema) -> String {
    let mut key = String::new();
    write_shape(schema, &mut key);
    key
}

fn write_shape(schema: &Schema, out: &mut String) {
    // `write!` to a String cannot fail.
    let _ = write!(
        out,
        "{{r{:?}t{:?}f{:?}T{:?}n{}e{:?}min{:?}{}max{:?}{}mo{:?}l{:?}-{:?}i{:?}-{:?}p{:?}req{:?}",
        schema.reference,
        schema.kind,
        schema.format,
        schema.title,
        schema.nullable,
        schema.enumeration,
        schema.minimum,
        schema.exclusive_minimum,
        schema.maximum,
        schema.exclusive_maximum,
        schema.multiple_of,
        schema.min_length,
        schema.max_length,
        schema.min_items,
        schema.max_items,
        schema.pattern,
        schema.required,
    );
    for (name, property) in &schema.properties {
        let _ = write!(out, "P{name:?}:");
        write_shape(property, out);
    }
    match &schema.additional_properties {
        Some(AdditionalProperties::Allowed(allowed)) => {
            let _ = write!(out, "A{allowed}");
        }
        Some(AdditionalProperties::Schema(values)) => {
            out.push('A');
            write_shape(values, out);
        }
        None => {}
    }
    if let Some(items) = &schema.items {
        out.push('I');
        write_shape(items, out);
    }
    for (keyword, parts) in [
        ("allOf", &schema.all_of),
        ("oneOf", &schema.one_of),
        ("anyOf", &schema.any_of),
    ] {
        if let Some(parts) = parts {
            out.push_str(keyword);
            for part in parts {
                write_shape(part, out);
            }
        }
    }
    out.push('}');
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
        ] {
            assert_ne!(shape_key(&base), shape_key(&schema(other)), "{other}");
        }
    }
}
