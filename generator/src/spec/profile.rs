//! `x-sdk`: the conventions an API declares for this generator. Unknown keys are refused, so a
//! misspelt convention is reported where it stands instead of being ignored.

use indexmap::IndexMap;
use serde::Deserialize;

use super::unique;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SdkProfile {
    /// Where `from_env` reads the client's settings.
    pub settings: Option<SettingsProfile>,
    /// How list operations page, unless an operation says otherwise.
    pub pagination: Option<PagingProfile>,
    /// The syntax of the filter parameters that list `x-filterable-fields`.
    pub filter: Option<FilterProfile>,
    /// The syntax of the sort parameters that list `x-sortable-fields`.
    pub sort: Option<SortProfile>,
    /// Headers sent with every request.
    #[serde(default, deserialize_with = "unique::map")]
    pub headers: IndexMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SettingsProfile {
    /// A JSON file in the working directory, read for the settings whose variables are not set.
    pub config_file: Option<String>,
    /// Each setting (`base_url`, `client_id`, ...) with its variable and config key.
    #[serde(deserialize_with = "unique::map")]
    pub values: IndexMap<String, SettingProfile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingProfile {
    /// The environment variable.
    pub env: Option<String>,
    /// The key in the config file.
    pub key: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PagingProfile {
    /// The query parameter of the first item's index.
    pub offset: String,
    /// The query parameter of the page size.
    pub limit: String,
    /// A boolean query parameter that asks for the total.
    pub count: Option<String>,
    /// The response header that carries the total.
    pub total_header: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilterProfile {
    pub and: String,
    pub or: String,
    #[serde(deserialize_with = "unique::map")]
    pub operators: IndexMap<String, OperatorProfile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorProfile {
    /// The builder method, snake_case.
    pub method: String,
    /// `value`, `list`, `prefix` or `postfix`.
    pub form: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SortProfile {
    pub separator: String,
    pub descending_prefix: String,
}
