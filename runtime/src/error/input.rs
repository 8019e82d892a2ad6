//! Inputs refused before anything is sent.

use std::fmt;

/// An input the SDK refuses to send, naming the input and what it must be.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct InvalidInput {
    /// The operation that refused, by its `operationId`.
    pub operation: &'static str,
    /// The input as the API names it, e.g. `limit` or `body.ids`.
    pub input: String,
    /// What the input must be, e.g. `at most 50, got 51`.
    pub problem: String,
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: `{}` {}; nothing was sent",
            self.operation, self.input, self.problem
        )
    }
}

impl std::error::Error for InvalidInput {}
