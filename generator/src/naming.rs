//! The one place where wire names become Rust identifiers.
//!
//! Every name goes through [`Namespace::claim`], which converts the case, keeps only ASCII letters and
//! digits, escapes keywords, and makes the result unique among the names already handed out in that
//! namespace (a struct's fields, an enum's variants, the crate's types). The wire name is kept
//! separately by the caller, for `#[serde(rename)]`.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// How a name is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// `UpperCamelCase`, for types and enum variants.
    Camel,
    /// `snake_case`, for fields, methods and parameters.
    Snake,
}

/// A set of identifiers that must not repeat.
#[derive(Debug)]
pub struct Namespace {
    case: Case,
    /// Only ever queried, never iterated, so its order cannot reach the output.
    used: HashSet<String>,
}

impl Namespace {
    pub fn new(case: Case) -> Self {
        Namespace {
            case,
            used: HashSet::new(),
        }
    }

    /// Reserves a name the generated code itself uses, so no spec name can take it.
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_owned());
    }

    /// A unique identifier for `wire`: the converted name, or that name with the smallest numeric
    /// suffix not yet taken (`foo_bar`, `foo_bar_2`, ...). Deterministic for a given claim order.
    pub fn claim(&mut self, wire: &str) -> String {
        let base = convert(wire, self.case);
        let mut candidate = base.clone();
        let mut suffix = 2;
        while self.used.contains(&candidate) {
            candidate = match self.case {
                Case::Camel => format!("{base}{suffix}"),
                Case::Snake => format!("{base}_{suffix}"),
            };
            suffix += 1;
        }
        self.used.insert(candidate.clone());
        escape_keyword(candidate)
    }
}

/// Converts a name to `case`, without making it unique.
pub fn convert(wire: &str, case: Case) -> String {
    // Anything but an ASCII letter or digit separates words: `memberships.identityId`,
    // `X-Request-Id`, `application/json`.
    let words: String = wire
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { ' ' })
        .collect();
    let converted = match case {
        Case::Camel => words.to_upper_camel_case(),
        Case::Snake => words.to_snake_case(),
    };
    match (converted.chars().next(), case) {
        (None, Case::Camel) => "Value".to_owned(),
        (None, Case::Snake) => "value".to_owned(),
        (Some(first), Case::Camel) if first.is_ascii_digit() => format!("V{converted}"),
        (Some(first), Case::Snake) if first.is_ascii_digit() => format!("_{converted}"),
        _ => converted,
    }
}

/// Rust's keywords in every edition up to 2024, strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// `type` becomes `r#type`; the few keywords that cannot be raw get a trailing underscore.
fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snake(wire: &str) -> String {
        Namespace::new(Case::Snake).claim(wire)
    }

    fn camel(wire: &str) -> String {
        Namespace::new(Case::Camel).claim(wire)
    }

    #[test]
    fn every_keyword_becomes_a_valid_identifier() {
        for keyword in KEYWORDS {
            let name = snake(keyword);
            let parsed: Result<proc_macro2::Ident, _> = syn::parse_str(&name);
            assert!(
                parsed.is_ok(),
                "`{keyword}` became `{name}`, not an identifier"
            );
            let name = camel(keyword);
            assert!(
                syn::parse_str::<proc_macro2::Ident>(&name).is_ok(),
                "{keyword} -> {name}"
            );
        }
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(camel("Self"), "Self_");
    }

    #[test]
    fn converts_wire_names() {
        assert_eq!(snake("memberships.identityId"), "memberships_identity_id");
        assert_eq!(
            snake("X-SailPoint-Experimental"),
            "x_sail_point_experimental"
        );
        assert_eq!(camel("ACCESS_PROFILE"), "AccessProfile");
        assert_eq!(
            camel("application/json-patch+json"),
            "ApplicationJsonPatchJson"
        );
        assert_eq!(
            camel("ListWorkgroupMembers200ResponseInner"),
            "ListWorkgroupMembers200ResponseInner"
        );
    }

    #[test]
    fn leading_digits_and_empty_names_get_a_prefix() {
        assert_eq!(snake("1st"), "_1st");
        assert_eq!(camel("201"), "V201");
        assert_eq!(camel("-"), "Value");
        assert_eq!(snake(""), "value");
        assert_eq!(snake("日本"), "value");
    }

    #[test]
    fn names_that_collide_after_conversion_stay_distinct() {
        let mut fields = Namespace::new(Case::Snake);
        assert_eq!(fields.claim("fooBar"), "foo_bar");
        assert_eq!(fields.claim("foo_bar"), "foo_bar_2");
        assert_eq!(fields.claim("FOO-BAR"), "foo_bar_3");
        let mut types = Namespace::new(Case::Camel);
        types.reserve("Unknown");
        assert_eq!(types.claim("unknown"), "Unknown2");
    }
}
