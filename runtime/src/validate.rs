//! Checks of the spec's bounds, made before a request is sent. The generated code calls these for
//! every bounded parameter and, through [`Validate`], for every bounded field of a request body.

use super::error::InvalidInput;

/// An input outside its bounds: which input (`limit`, `body.ids`) and what it must be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The input as the API names it.
    pub input: String,
    /// What it must be, and what it is.
    pub problem: String,
}

impl Violation {
    /// The violation as the error of `operation`.
    pub fn for_operation(self, operation: &'static str) -> InvalidInput {
        InvalidInput {
            operation,
            input: self.input,
            problem: self.problem,
        }
    }
}

/// A value whose fields the spec bounds.
pub trait Validate {
    /// Checks every bound, naming the input by `at` (e.g. `body.owner`).
    fn validate(&self, at: &str) -> Result<(), Violation>;
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, at: &str) -> Result<(), Violation> {
        self.iter()
            .enumerate()
            .try_for_each(|(index, item)| item.validate(&format!("{at}[{index}]")))
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self, at: &str) -> Result<(), Violation> {
        self.as_ref().map_or(Ok(()), |value| value.validate(at))
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate(&self, at: &str) -> Result<(), Violation> {
        self.as_ref().validate(at)
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn validate(&self, at: &str) -> Result<(), Violation> {
        self.iter()
            .try_for_each(|(key, value)| value.validate(&format!("{at}.{key}")))
    }
}

#[doc(hidden)]
/// A number within `minimum`..`maximum` (either bound exclusive when said).
pub fn check_number(
    input: &str,
    value: f64,
    minimum: Option<(f64, bool)>,
    maximum: Option<(f64, bool)>,
) -> Result<(), Violation> {
    if let Some((bound, exclusive)) = minimum {
        if value < bound || (exclusive && value == bound) {
            let relation = if exclusive {
                "greater than"
            } else {
                "at least"
            };
            return Err(violation(
                input,
                format!("must be {relation} {bound}, got {value}"),
            ));
        }
    }
    if let Some((bound, exclusive)) = maximum {
        if value > bound || (exclusive && value == bound) {
            let relation = if exclusive { "less than" } else { "at most" };
            return Err(violation(
                input,
                format!("must be {relation} {bound}, got {value}"),
            ));
        }
    }
    Ok(())
}

#[doc(hidden)]
/// A count of items or characters within `minimum..=maximum`.
pub fn check_count(
    input: &str,
    what: &str,
    count: usize,
    minimum: Option<u64>,
    maximum: Option<u64>,
) -> Result<(), Violation> {
    let count = u64::try_from(count).unwrap_or(u64::MAX);
    if let Some(minimum) = minimum.filter(|minimum| count < *minimum) {
        return Err(violation(
            input,
            format!("must have at least {minimum} {what}, got {count}"),
        ));
    }
    if let Some(maximum) = maximum.filter(|maximum| count > *maximum) {
        return Err(violation(
            input,
            format!("must have at most {maximum} {what}, got {count}"),
        ));
    }
    Ok(())
}

fn violation(input: &str, problem: String) -> Violation {
    Violation {
        input: input.to_owned(),
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_inside_their_bounds_pass() {
        assert!(check_number("limit", 50.0, Some((0.0, false)), Some((50.0, false))).is_ok());
        let error =
            check_number("limit", 51.0, Some((0.0, false)), Some((50.0, false))).unwrap_err();
        assert_eq!(error.problem, "must be at most 50, got 51");
        let error = check_number("offset", -1.0, Some((0.0, false)), None).unwrap_err();
        assert_eq!(
            (error.input.as_str(), error.problem.as_str()),
            ("offset", "must be at least 0, got -1")
        );
        assert!(check_number("x", 0.0, Some((0.0, true)), None).is_err());
    }

    #[test]
    fn counts_inside_their_bounds_pass() {
        assert!(check_count("body.ids", "items", 100, None, Some(100)).is_ok());
        let error = check_count("body.ids", "items", 101, None, Some(100)).unwrap_err();
        assert_eq!(error.problem, "must have at most 100 items, got 101");
        assert!(check_count("name", "characters", 0, Some(1), None).is_err());
    }
}
