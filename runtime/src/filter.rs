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

/// A filter expression for the operation `O`, e.g. `name sw "Test" and id in ("a","b")`. `O` is
/// the generated filter type of one operation (`ListThingsFilter`), so a filter built for one
/// operation cannot be given to another:
///
/// ```
/// # use sdkgen_runtime::Filter;
/// # use sdkgen_runtime::codegen::FilterGrammar;
/// # static GRAMMAR: FilterGrammar = FilterGrammar { and: "and", or: "or" };
/// struct ListThingsFilter;
/// fn list_things(filter: Filter<ListThingsFilter>) -> String {
///     filter.to_string()
/// }
/// let things: Filter<ListThingsFilter> = Filter::compare(&GRAMMAR, "name", "eq", "x");
/// assert_eq!(list_things(things), r#"name eq "x""#);
/// ```
///
/// ```compile_fail
/// # use sdkgen_runtime::Filter;
/// # use sdkgen_runtime::codegen::FilterGrammar;
/// # static GRAMMAR: FilterGrammar = FilterGrammar { and: "and", or: "or" };
/// struct ListThingsFilter;
/// struct ListOthersFilter;
/// fn list_things(filter: Filter<ListThingsFilter>) -> String {
///     filter.to_string()
/// }
/// let others: Filter<ListOthersFilter> = Filter::compare(&GRAMMAR, "name", "eq", "x");
/// list_things(others); // expected `Filter<ListThingsFilter>`, found `Filter<ListOthersFilter>`
/// ```
pub struct Filter<O> {
    text: String,
    /// How the expression is joined at its top level, to know when it needs parentheses.
    joined_by: Option<&'static str>,
    grammar: &'static FilterGrammar,
    operation: PhantomData<fn() -> O>,
}

// By hand: derives would ask the same of `O`, a marker that is never held.
impl<O> Clone for Filter<O> {
    fn clone(&self) -> Self {
        Filter {
            text: self.text.clone(),
            joined_by: self.joined_by,
            grammar: self.grammar,
            operation: PhantomData,
        }
    }
}

impl<O> PartialEq for Filter<O> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.joined_by == other.joined_by
    }
}

impl<O> Eq for Filter<O> {}

impl<O> fmt::Debug for Filter<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Filter").field(&self.text).finish()
    }
}

impl<O> Filter<O> {
    /// `field op "value"`, the value quoted and escaped.
    #[doc(hidden)]
    pub fn compare(
        grammar: &'static FilterGrammar,
        field: &str,
        operator: &str,
        value: &str,
    ) -> Filter<O> {
        let mut text = format!("{field} {operator} ");
        quote(value, &mut text);
        Filter::leaf(grammar, text)
    }

    fn leaf(grammar: &'static FilterGrammar, text: String) -> Filter<O> {
        Filter {
            text,
            joined_by: None,
            grammar,
            operation: PhantomData,
        }
    }

    /// `field op ("a","b")`, each value quoted and escaped.
    #[doc(hidden)]
    pub fn list<I, S>(
        grammar: &'static FilterGrammar,
        field: &str,
        operator: &str,
        values: I,
    ) -> Filter<O>
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
    pub fn prefix(grammar: &'static FilterGrammar, field: &str, operator: &str) -> Filter<O> {
        Filter::leaf(grammar, format!("{operator} {field}"))
    }

    /// `field op`, for an operator without a value written after the field (`name isnull`).
    #[doc(hidden)]
    pub fn postfix(grammar: &'static FilterGrammar, field: &str, operator: &str) -> Filter<O> {
        Filter::leaf(grammar, format!("{field} {operator}"))
    }

    /// Both this filter and `other`.
    pub fn and(self, other: Filter<O>) -> Filter<O> {
        let joiner = self.grammar.and;
        self.join(joiner, other)
    }

    /// This filter or `other`.
    pub fn or(self, other: Filter<O>) -> Filter<O> {
        let joiner = self.grammar.or;
        self.join(joiner, other)
    }

    fn join(self, joiner: &'static str, other: Filter<O>) -> Filter<O> {
        let side = |filter: Filter<O>| match filter.joined_by {
            Some(inner) if inner != joiner => format!("({})", filter.text),
            _ => filter.text,
        };
        let grammar = self.grammar;
        let text = format!("{} {joiner} {}", side(self), side(other));
        Filter {
            text,
            joined_by: Some(joiner),
            grammar,
            operation: PhantomData,
        }
    }

    /// The expression, as sent in the `filters` parameter.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl<O> fmt::Display for Filter<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<O> From<Filter<O>> for String {
    fn from(filter: Filter<O>) -> String {
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

    /// The marker of the one operation these filters are for.
    struct Things;
    type F = Filter<Things>;

    static G: FilterGrammar = FilterGrammar {
        and: "and",
        or: "or",
    };

    #[test]
    fn values_are_quoted_and_escaped() {
        let hostile = r#"x" or id eq "y\"#;
        assert_eq!(
            F::compare(&G, "name", "eq", hostile).as_str(),
            r#"name eq "x\" or id eq \"y\\""#
        );
        assert_eq!(
            F::compare(&G, "name", "sw", "a and b").as_str(),
            r#"name sw "a and b""#
        );
        assert_eq!(
            F::list(&G, "id", "in", ["a", "b\"c"]).as_str(),
            r#"id in ("a","b\"c")"#
        );
        assert_eq!(F::prefix(&G, "owner", "pr").as_str(), "pr owner");
        assert_eq!(F::postfix(&G, "owner", "isnull").as_str(), "owner isnull");
    }

    #[test]
    fn mixed_joins_are_parenthesized() {
        let a = F::compare(&G, "id", "eq", "a");
        let b = F::compare(&G, "id", "eq", "b");
        let c = F::compare(&G, "name", "sw", "c");
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
