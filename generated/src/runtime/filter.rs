//! Filter and sort expressions in the syntax of SailPoint's V3 standard collection parameters, built
//! so a value can never change an expression's meaning.
//!
//! The generated code offers, per operation, only the fields and operators it documents; these are
//! the pieces they are made of.

use std::fmt;
use std::marker::PhantomData;

/// A filter expression, e.g. `name sw "Test" and id in ("a","b")`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    text: String,
    /// How the expression is joined at its top level, to know when it needs parentheses.
    joined_by: Option<&'static str>,
}

impl Filter {
    /// `field op "value"`, the value quoted and escaped.
    pub(crate) fn compare(field: &str, operator: &str, value: &str) -> Filter {
        let mut text = format!("{field} {operator} ");
        quote(value, &mut text);
        Filter {
            text,
            joined_by: None,
        }
    }

    /// `field op ("a","b")`, each value quoted and escaped.
    pub(crate) fn list<I, S>(field: &str, operator: &str, values: I) -> Filter
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut text = format!("{field} {operator} (");
        for (index, value) in values.into_iter().enumerate() {
            if index > 0 {
                text.push(',');
            }
            quote(value.as_ref(), &mut text);
        }
        text.push(')');
        Filter {
            text,
            joined_by: None,
        }
    }

    /// `op field`, for the operators without a value (`pr`, `isnull`).
    #[allow(dead_code, reason = "for operators this spec does not use")]
    pub(crate) fn unary(field: &str, operator: &str) -> Filter {
        Filter {
            text: format!("{operator} {field}"),
            joined_by: None,
        }
    }

    /// Both this filter and `other`.
    pub fn and(self, other: Filter) -> Filter {
        self.join("and", other)
    }

    /// This filter or `other`.
    pub fn or(self, other: Filter) -> Filter {
        self.join("or", other)
    }

    fn join(self, joiner: &'static str, other: Filter) -> Filter {
        let side = |filter: Filter| match filter.joined_by {
            Some(inner) if inner != joiner => format!("({})", filter.text),
            _ => filter.text,
        };
        let text = format!("{} {joiner} {}", side(self), side(other));
        Filter {
            text,
            joined_by: Some(joiner),
        }
    }

    /// The expression, as sent in the `filters` parameter.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<Filter> for String {
    fn from(filter: Filter) -> String {
        filter.text
    }
}

/// `"value"` with `\` and `"` escaped: whatever the value holds (quotes, spaces, `and`, `or`), it
/// stays one value.
fn quote(value: &str, out: &mut String) {
    out.push('"');
    for ch in value.chars() {
        if matches!(ch, '"' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('"');
}

/// A field an operation can sort by; implemented by the generated enums of sortable fields.
pub trait SortField: Copy {
    /// The field as written in `sorters`.
    fn wire_name(self) -> &'static str;

    /// Sorts by this field, ascending.
    fn ascending(self) -> Sorter<Self> {
        Sorter {
            field: self.wire_name(),
            descending: false,
            operation: PhantomData,
        }
    }

    /// Sorts by this field, descending.
    fn descending(self) -> Sorter<Self> {
        Sorter {
            field: self.wire_name(),
            descending: true,
            operation: PhantomData,
        }
    }
}

/// One sort key of an operation whose sortable fields are `F`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sorter<F> {
    field: &'static str,
    descending: bool,
    operation: PhantomData<F>,
}

/// `name,-modified`: the keys in order, descending ones prefixed with `-`.
pub(crate) fn sorters_text<F>(keys: impl IntoIterator<Item = Sorter<F>>) -> String {
    let keys: Vec<String> = keys
        .into_iter()
        .map(|key| {
            if key.descending {
                format!("-{}", key.field)
            } else {
                key.field.to_owned()
            }
        })
        .collect();
    keys.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_and_escaped() {
        let hostile = r#"x" or id eq "y\"#;
        assert_eq!(
            Filter::compare("name", "eq", hostile).as_str(),
            r#"name eq "x\" or id eq \"y\\""#
        );
        assert_eq!(
            Filter::compare("name", "sw", "a and b").as_str(),
            r#"name sw "a and b""#
        );
        assert_eq!(
            Filter::list("id", "in", ["a", "b\"c"]).as_str(),
            r#"id in ("a","b\"c")"#
        );
        assert_eq!(Filter::unary("owner", "pr").as_str(), "pr owner");
    }

    #[test]
    fn mixed_joins_are_parenthesized() {
        let a = Filter::compare("id", "eq", "a");
        let b = Filter::compare("id", "eq", "b");
        let c = Filter::compare("name", "sw", "c");
        assert_eq!(
            a.clone().and(b.clone()).and(c.clone()).as_str(),
            r#"id eq "a" and id eq "b" and name sw "c""#
        );
        assert_eq!(
            a.or(b).and(c).as_str(),
            r#"(id eq "a" or id eq "b") and name sw "c""#
        );
    }
}
