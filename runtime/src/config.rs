//! Settings read the way the API's spec declares (`x-sdk.settings`): an environment variable per
//! setting and, for each one not set, a key of a JSON config file in the working directory.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::builder::ClientBuilder;
use super::client::Client;
use super::description::{ApiDescription, Setting, SettingSource, Settings};
use super::error::ConfigError;

impl<C: From<Client>> ClientBuilder<C> {
    /// The settings the API's spec declares, read from the environment and, for each one not set,
    /// from the config file in the working directory.
    #[doc(hidden)]
    pub fn from_env(
        api: &'static ApiDescription,
        user_agent: impl Into<String>,
    ) -> Result<Self, ConfigError> {
        let dir = working_dir()?;
        Self::from_settings(api, user_agent, |name| std::env::var(name).ok(), &dir)
    }

    /// Like [`ClientBuilder::from_env`], reading variables through `variable` and the config file
    /// from `dir`: for tests, or to take the settings from somewhere else.
    #[doc(hidden)]
    pub fn from_settings(
        api: &'static ApiDescription,
        user_agent: impl Into<String>,
        variable: impl Fn(&str) -> Option<String>,
        dir: &Path,
    ) -> Result<Self, ConfigError> {
        apply(Self::new(api, user_agent), variable, dir)
    }
}

/// Applies every setting the API declares to `builder`. Every declared setting must be found.
fn apply<C: From<Client>>(
    builder: ClientBuilder<C>,
    variable: impl Fn(&str) -> Option<String>,
    dir: &Path,
) -> Result<ClientBuilder<C>, ConfigError> {
    let Some(settings) = builder.api().settings else {
        return Err(ConfigError::new(
            "settings",
            "the API's spec declares no settings to read (`x-sdk.settings`): configure the client in code",
        ));
    };
    let mut file = ConfigFile::new(settings, dir);
    let mut values = Vec::with_capacity(settings.sources.len());
    for source in settings.sources {
        values.push((source.setting, read(source, &variable, &mut file)?));
    }
    let value = |wanted: Setting| {
        values
            .iter()
            .find(|(setting, _)| *setting == wanted)
            .map(|(_, value)| value.clone())
    };
    let mut builder = builder;
    if let Some(url) = value(Setting::BaseUrl) {
        builder = builder.base_url(url);
    }
    if let (Some(id), Some(secret)) = (value(Setting::ClientId), value(Setting::ClientSecret)) {
        builder = builder.client_credentials(id, secret);
    }
    if let Some(token) = value(Setting::AccessToken) {
        builder = builder.access_token(token);
    }
    if let Some(key) = value(Setting::ApiKey) {
        builder = builder.api_key(key);
    }
    if let (Some(user), Some(password)) = (value(Setting::Username), value(Setting::Password)) {
        builder = builder.basic_auth(user, password);
    }
    Ok(builder)
}

/// One setting: its variable if set, else its key in the config file.
fn read(
    source: &SettingSource,
    variable: &impl Fn(&str) -> Option<String>,
    file: &mut ConfigFile,
) -> Result<String, ConfigError> {
    let name = source.setting.name();
    if let Some(value) = source
        .variable
        .and_then(variable)
        .filter(|value| !value.trim().is_empty())
    {
        return Ok(value.trim().to_owned());
    }
    let not_set = source
        .variable
        .map(|variable| format!("the environment variable {variable} is not set"));
    let (Some(key), Some(path)) = (source.key, file.path.clone()) else {
        let problem = format!(
            "not found: {}",
            not_set.unwrap_or_else(|| "it has no source".to_owned())
        );
        return Err(ConfigError::new(name, problem));
    };
    let map = file.contents(&path)?;
    let where_ = |rest: String| match &not_set {
        Some(not_set) => format!("{not_set}, and {rest}"),
        None => rest,
    };
    match map.get(key) {
        Some(Value::String(value)) if !value.trim().is_empty() => Ok(value.trim().to_owned()),
        Some(Value::String(_)) | None => Err(ConfigError::new(
            name,
            format!(
                "not found: {}",
                where_(format!("{} has no `{key}`", path.display()))
            ),
        )),
        Some(other) => Err(ConfigError::new(
            name,
            format!(
                "`{key}` in {} must be a string, found {}",
                path.display(),
                kind(other)
            ),
        )),
    }
}

/// The config file, read once, on the first setting that needs it.
struct ConfigFile {
    settings: &'static Settings,
    /// Where the file is, when the API declares one.
    path: Option<PathBuf>,
    read: Option<Result<serde_json::Map<String, Value>, ConfigError>>,
}

impl ConfigFile {
    fn new(settings: &'static Settings, dir: &Path) -> Self {
        ConfigFile {
            settings,
            path: settings.config_file.map(|file| dir.join(file)),
            read: None,
        }
    }

    fn contents(&mut self, path: &Path) -> Result<&serde_json::Map<String, Value>, ConfigError> {
        let settings = self.settings;
        let file = self.read.get_or_insert_with(|| read_file(path, settings));
        file.as_ref().map_err(Clone::clone)
    }
}

/// The working directory, where the config file is looked for.
fn working_dir() -> Result<PathBuf, ConfigError> {
    std::env::current_dir().map_err(|error| {
        ConfigError::new(
            "config file",
            format!("the working directory cannot be read: {error}"),
        )
    })
}

fn read_file(
    path: &Path,
    settings: &Settings,
) -> Result<serde_json::Map<String, Value>, ConfigError> {
    let file_name = settings.config_file.unwrap_or("config file");
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let variables: Vec<&str> = settings.sources.iter().filter_map(|s| s.variable).collect();
            let problem = format!(
                "the environment variables {} are not all set, and there is no {}",
                variables.join(", "),
                path.display()
            );
            return Err(ConfigError::new(file_name, problem));
        }
        Err(error) => {
            return Err(ConfigError::new(
                file_name,
                format!("{} cannot be read: {error}", path.display()),
            ));
        }
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(ConfigError::new(
            file_name,
            format!(
                "{} must hold a JSON object, found {}",
                path.display(),
                kind(&other)
            ),
        )),
        Err(error) => Err(ConfigError::new(
            file_name,
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
