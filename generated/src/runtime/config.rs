//! Settings the way SailPoint's own SDKs and CLI take them: the environment variables
//! `SAIL_BASE_URL`, `SAIL_CLIENT_ID` and `SAIL_CLIENT_SECRET`, or, for each one that is not set,
//! `config.json` in the working directory (`BaseURL`, `ClientId`, `ClientSecret`).

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::builder::{ClientBuilder, ConfigError};

/// One setting: its environment variable and its key in `config.json`.
struct Setting {
    name: &'static str,
    variable: &'static str,
    key: &'static str,
}

const BASE_URL: Setting = Setting {
    name: "base_url",
    variable: "SAIL_BASE_URL",
    key: "BaseURL",
};
const CLIENT_ID: Setting = Setting {
    name: "client_id",
    variable: "SAIL_CLIENT_ID",
    key: "ClientId",
};
const CLIENT_SECRET: Setting = Setting {
    name: "client_secret",
    variable: "SAIL_CLIENT_SECRET",
    key: "ClientSecret",
};

/// The file read when a variable is not set, in the working directory.
pub const CONFIG_FILE: &str = "config.json";

/// A builder with the base URL and client credentials from `variable` lookups and, for any not set,
/// from the `config.json` in `dir`.
pub(crate) fn builder_from(
    variable: impl Fn(&str) -> Option<String>,
    dir: &Path,
) -> Result<ClientBuilder, ConfigError> {
    let config_path = dir.join(CONFIG_FILE);
    let mut config: Option<Result<serde_json::Map<String, Value>, ConfigError>> = None;
    let mut read = |setting: &Setting| -> Result<String, ConfigError> {
        if let Some(value) = variable(setting.variable).filter(|value| !value.trim().is_empty()) {
            return Ok(value.trim().to_owned());
        }
        let file = config.get_or_insert_with(|| read_config(&config_path));
        let file = file.as_ref().map_err(Clone::clone)?;
        match file.get(setting.key) {
            Some(Value::String(value)) if !value.trim().is_empty() => Ok(value.trim().to_owned()),
            Some(Value::String(_)) | None => Err(ConfigError::new(
                setting.name,
                format!(
                    "not found: the environment variable {} is not set, and {} has no `{}`",
                    setting.variable,
                    config_path.display(),
                    setting.key
                ),
            )),
            Some(other) => Err(ConfigError::new(
                setting.name,
                format!(
                    "`{}` in {} must be a string, found {}",
                    setting.key,
                    config_path.display(),
                    kind(other)
                ),
            )),
        }
    };
    let base_url = read(&BASE_URL)?;
    let client_id = read(&CLIENT_ID)?;
    let client_secret = read(&CLIENT_SECRET)?;
    Ok(ClientBuilder::default()
        .base_url(base_url)
        .client_credentials(client_id, client_secret))
}

/// The working directory, where `config.json` is looked for.
pub(crate) fn working_dir() -> Result<PathBuf, ConfigError> {
    std::env::current_dir().map_err(|error| {
        ConfigError::new(
            CONFIG_FILE,
            format!("the working directory cannot be read: {error}"),
        )
    })
}

fn read_config(path: &Path) -> Result<serde_json::Map<String, Value>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let problem = format!(
                "the environment variables SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET are not all set, and there is no {}",
                path.display()
            );
            return Err(ConfigError::new(CONFIG_FILE, problem));
        }
        Err(error) => {
            return Err(ConfigError::new(
                CONFIG_FILE,
                format!("{} cannot be read: {error}", path.display()),
            ));
        }
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(ConfigError::new(
            CONFIG_FILE,
            format!(
                "{} must hold a JSON object, found {}",
                path.display(),
                kind(&other)
            ),
        )),
        Err(error) => Err(ConfigError::new(
            CONFIG_FILE,
            format!("{} is not valid JSON: {error}", path.display()),
        )),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
