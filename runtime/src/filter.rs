//! Filter and sort expressions in the syntax an API's spec declares (`x-sdk.filter`, `x-sdk.sort`),
//! built so a value can never change an expression's meaning.
//!
//! The generated code offers, per operation, only the fields and operators it documents; these are
//! the pieces they are made of.

use std::fmt;
use std::marker::PhantomData;

/// How an API's filters are joined.
#[derive(Debug, PartialEq, Eq)]
pub struct FilterGrammar {
    /// The word that joins two filters that must both hold, e.g. `and`.
    pub and: &'static str,
    /// The word that joins two filters of which one must hold, e.g. `or`.
    pub or: &'static str,
}

/// A filter expression, e.g. `name sw "Test" and id in ("a","b")`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    text: String,
    /// How the expression is joined at its top level, to know when it needs parentheses.
    joined_by: Option<&'static str>,
    grammar: &'static FilterGrammar,
}

impl Filter {
    /// `field op "value"`, the value quoted and escaped.
    #[doc(hidden)]
    pub fn compare(
        grammar: &'static FilterGrammar,
        field: &str,
        operator: &str,
        value: &str,
    ) -> Filter {
        let mut text = format!("{field} {operator} ");
        quote(value, &mut text);
        Filter::leaf(grammar, text)
    }

    fn leaf(grammar: &'static FilterGrammar, text: String) -> Filter {
        Filter {
            text,
            joined_by: None,
            grammar,
        }
    }

    /// `field op ("a","b")`, each value quoted and escaped.
    #[doc(hidden)]
    pub fn list<I, S>(
        grammar: &'static FilterGrammar,
        field: &str,
        operator: &str,
        values: I,
    ) -> Filter
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
        Filter::leaf(grammar, text)
    }

    /// `op field`, for an operator without a value written before the field (`pr name`).
    #[doc(hidden)]
    pub fn prefix(grammar: &'static FilterGrammar, field: &str, operator: &str) -> Filter {
        Filter::leaf(grammar, format!("{operator} {field}"))
    }

    /// `field op`, for an operator without a value written after the field (`name isnull`).
    #[doc(hidden)]
    pub fn postfix(grammar: &'static FilterGrammar, field: &str, operator: &str) -> Filter {
        Filter::leaf(grammar, format!("{field} {operator}"))
    }

    /// Both this filter and `other`.
    pub fn and(self, other: Filter) -> Filter {
        let joiner = self.grammar.and;
        self.join(joiner, other)
    }

    /// This filter or `other`.
    pub fn or(self, other: Filter) -> Filter {
        let joiner = self.grammar.or;
        self.join(joiner, other)
    }

    fn join(self, joiner: &'static str, other: Filter) -> Filter {
        let side = |filter: Filter| match filter.joined_by {
            Some(inner) if inner != joiner => format!("({})", filter.text),
            _ => filter.text,
        };
        let grammar = self.grammar;
        let text = format!("{} {joiner} {}", side(self), side(other));
        Filter {
            text,
            joined_by: Some(joiner),
            grammar,
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

/// How an API writes a list of sort keys.
#[derive(Debug, PartialEq, Eq)]
pub struct SortGrammar {
    /// Between two keys, e.g. `,`.
    pub separator: &'static str,
    /// Before a key sorted in descending order, e.g. `-`.
    pub descending_prefix: &'static str,
}

/// A field an operation can sort by; implemented by the generated enums of sortable fields.
pub trait SortField: Copy {
    /// The field as written in the sort parameter.
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

/// `name,-modified`: the keys in order, descending ones prefixed.
#[doc(hidden)]
pub fn sorters_text<F>(grammar: &SortGrammar, keys: impl IntoIterator<Item = Sorter<F>>) -> String {
    let keys: Vec<String> = keys
        .into_iter()
        .map(|key| {
            if key.descending {
                format!("{}{}", grammar.descending_prefix, key.field)
            } else {
                key.field.to_owned()
            }
        })
        .collect();
    keys.join(grammar.separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    static G: FilterGrammar = FilterGrammar {
        and: "and",
        or: "or",
    };

    #[test]
    fn values_are_quoted_and_escaped() {
        let hostile = r#"x" or id eq "y\"#;
        assert_eq!(
            Filter::compare(&G, "name", "eq", hostile).as_str(),
            r#"name eq "x\" or id eq \"y\\""#
        );
        assert_eq!(
            Filter::compare(&G, "name", "sw", "a and b").as_str(),
            r#"name sw "a and b""#
        );
        assert_eq!(
            Filter::list(&G, "id", "in", ["a", "b\"c"]).as_str(),
            r#"id in ("a","b\"c")"#
        );
        assert_eq!(Filter::prefix(&G, "owner", "pr").as_str(), "pr owner");
        assert_eq!(
            Filter::postfix(&G, "owner", "isnull").as_str(),
            "owner isnull"
        );
    }

    #[test]
    fn mixed_joins_are_parenthesized() {
        let a = Filter::compare(&G, "id", "eq", "a");
        let b = Filter::compare(&G, "id", "eq", "b");
        let c = Filter::compare(&G, "name", "sw", "c");
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

#[cfg(test)]
mod sort_tests {
    use super::*;

    #[derive(Clone, Copy)]
    struct Field(&'static str);

    impl SortField for Field {
        fn wire_name(self) -> &'static str {
            self.0
        }
    }

    #[test]
    fn sort_keys_follow_the_grammar() {
        let grammar = SortGrammar {
            separator: ",",
            descending_prefix: "-",
        };
        let keys = [Field("name").ascending(), Field("created").descending()];
        assert_eq!(sorters_text(&grammar, keys), "name,-created");
    }
}
