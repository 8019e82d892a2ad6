//! `$ref` resolution. Only references into this document's `#/components/...` are supported.

use indexmap::IndexMap;

use super::Lowerer;
use crate::ir::TypeId;
use crate::pointer::JsonPointer;

/// How many `$ref` hops a parameter, response, body or header may take before it is called a loop.
const MAX_HOPS: usize = 16;

impl<'s> Lowerer<'s> {
    /// The type a schema `$ref` names. `at` is the schema holding the `$ref`.
    pub(super) fn resolve_schema_ref(
        &mut self,
        reference: &str,
        at: &JsonPointer,
    ) -> Option<TypeId> {
        let Some(name) = component_name(reference, "schemas") else {
            self.unsupported_ref(reference, at, "schemas");
            return None;
        };
        if let Some(index) = self.spec.components.schemas.get_index_of(&name) {
            return Some(TypeId(index));
        }
        let hint = suggestion(&name, self.spec.components.schemas.keys());
        self.error(
            at.join("$ref"),
            format!("`{reference}` names no schema: #/components/schemas has no `{name}`{hint}"),
        );
        None
    }

    /// The type of a component schema reference, or `None` (and no report) when it names none.
    pub(super) fn component_id(&self, reference: &str) -> Option<TypeId> {
        let name = component_name(reference, "schemas")?;
        self.spec.components.schemas.get_index_of(&name).map(TypeId)
    }

    /// Follows `$ref`s into `#/components/{section}` until an inline definition; returns it with its
    /// pointer. `reference_of` reads an item's own `$ref`.
    pub(super) fn follow<T>(
        &mut self,
        item: &'s T,
        at: JsonPointer,
        section: &str,
        table: &'s IndexMap<String, T>,
        reference_of: impl Fn(&T) -> Option<&str>,
    ) -> Option<(&'s T, JsonPointer)> {
        let mut current = (item, at);
        for _ in 0..MAX_HOPS {
            let Some(reference) = reference_of(current.0) else {
                return Some(current);
            };
            let Some(name) = component_name(reference, section) else {
                self.unsupported_ref(reference, &current.1, section);
                return None;
            };
            let Some(target) = table.get(&name) else {
                let hint = suggestion(&name, table.keys());
                self.error(
                    current.1.join("$ref"),
                    format!(
                        "`{reference}` names nothing: #/components/{section} has no `{name}`{hint}"
                    ),
                );
                return None;
            };
            let pointer = JsonPointer::root()
                .join("components")
                .join(section)
                .join(&name);
            current = (target, pointer);
        }
        self.error(
            current.1,
            format!("more than {MAX_HOPS} `$ref`s in a row: a reference loop"),
        );
        None
    }

    fn unsupported_ref(&mut self, reference: &str, at: &JsonPointer, section: &str) {
        self.error(
            at.join("$ref"),
            format!(
                "unsupported `$ref: {reference}`: expected a reference into this document, \
                 `#/components/{section}/<name>`"
            ),
        );
    }
}

/// `X` from `#/components/{section}/X`, unescaped. Read in place: every reference of a spec goes
/// through here, most of them more than once.
fn component_name(reference: &str, section: &str) -> Option<String> {
    let name = reference
        .strip_prefix("#/components/")?
        .strip_prefix(section)?
        .strip_prefix('/')?;
    if name.contains('/') {
        return None;
    }
    Some(crate::pointer::unescape(name))
}

/// ` (did you mean `X`?)` for the closest existing name, when one is close.
fn suggestion<'a>(wanted: &str, names: impl Iterator<Item = &'a String>) -> String {
    let limit = (wanted.chars().count() / 3).max(1);
    names
        .map(|name| (edit_distance(wanted, name), name))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, name)| format!(" (did you mean `{name}`?)"))
        .unwrap_or_default()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_component_names() {
        assert_eq!(
            component_name("#/components/schemas/A~1B", "schemas").as_deref(),
            Some("A/B")
        );
        assert_eq!(
            component_name("#/components/schemas/a~01", "schemas").as_deref(),
            Some("a~1")
        );
        assert_eq!(component_name("#/components/responses/A", "schemas"), None);
        assert_eq!(component_name("#/components/schemasA/B", "schemas"), None);
        assert_eq!(component_name("#/components/schemas/A/B", "schemas"), None);
        assert_eq!(component_name("#/components/schemas", "schemas"), None);
        assert_eq!(
            component_name("other.yaml#/components/schemas/A", "schemas"),
            None
        );
    }

    #[test]
    fn suggests_close_names_only() {
        let names = ["WorkgroupDto".to_owned(), "OwnerDto".to_owned()];
        assert_eq!(
            suggestion("WorkgroupDtoo", names.iter()),
            " (did you mean `WorkgroupDto`?)"
        );
        assert_eq!(suggestion("Unrelated", names.iter()), "");
    }
}
