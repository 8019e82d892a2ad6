//! A client setting that is missing or unusable.

use std::fmt;

/// A setting that is missing or unusable.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConfigError {
    /// The setting, e.g. `base_url`.
    pub setting: String,
    /// What is wrong with it.
    pub problem: String,
}

impl ConfigError {
    pub(crate) fn new(setting: &str, problem: impl Into<String>) -> Self {
        ConfigError {
            setting: setting.to_owned(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "client setting `{}`: {}", self.setting, self.problem)
    }
}

impl std::error::Error for ConfigError {}
