//! What a generated crate tells the runtime about its API, as the spec declares it: where the API is
//! served, how it authenticates, and where a client reads its settings from.
//!
//! Generated crates write one `static` [`ApiDescription`]; nothing here knows any one API.

/// An API as its spec describes it.
#[derive(Debug)]
pub struct ApiDescription {
    /// The spec's `info.title`.
    pub title: &'static str,
    /// The first server URL of the spec, a template such as `https://{tenant}.example.com/v1`, or
    /// `/` when the spec names none.
    pub server_url: &'static str,
    /// The variables of [`ApiDescription::server_url`].
    pub server_variables: &'static [ServerVariable],
    /// Every security scheme the spec declares.
    pub security_schemes: &'static [SecurityScheme],
    /// Where [`crate::ClientBuilder::from_env`] reads settings, when the spec declares it.
    pub settings: Option<&'static Settings>,
    /// Headers sent with every request (`x-sdk.headers`).
    pub default_headers: &'static [(&'static str, &'static str)],
}

/// A variable of the server URL template.
#[derive(Debug)]
pub struct ServerVariable {
    /// Its name in the template, e.g. `tenant`.
    pub name: &'static str,
    /// The value taken when none is set.
    pub default: &'static str,
    /// The values it may take; any value when empty.
    pub allowed: &'static [&'static str],
}

/// A security scheme, by the name the spec's `security` requirements use.
#[derive(Debug)]
pub struct SecurityScheme {
    /// Its name in the spec's `components.securitySchemes`.
    pub name: &'static str,
    /// How it authenticates.
    pub kind: SchemeKind,
}

/// How a scheme authenticates a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    /// OAuth2: a bearer token, fetched with client credentials when the spec gives the flow's token
    /// URL (absolute, or relative to the API's server URL), or given as it is.
    OAuth2 {
        /// The client-credentials flow's token URL, when the spec gives one.
        token_url: Option<&'static str>,
    },
    /// `Authorization: Bearer <token>`.
    HttpBearer,
    /// `Authorization: Basic <user:password>`.
    HttpBasic,
    /// A key sent under `name` in a header, the query or a cookie.
    ApiKey {
        /// Where the key goes.
        location: KeyLocation,
        /// The header, query parameter or cookie name.
        name: &'static str,
    },
}

/// Where an API key goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie, in the one `Cookie` header.
    Cookie,
}

/// Where a client's settings come from: environment variables and, for each one not set, a key of a
/// JSON config file in the working directory.
#[derive(Debug)]
pub struct Settings {
    /// The config file, e.g. `config.json`; none when only the environment is read.
    pub config_file: Option<&'static str>,
    /// Each setting and where it is read from.
    pub sources: &'static [SettingSource],
}

/// One setting and where it is read from.
#[derive(Debug)]
pub struct SettingSource {
    /// What it configures.
    pub setting: Setting,
    /// The environment variable, e.g. `EXAMPLE_BASE_URL`.
    pub variable: Option<&'static str>,
    /// The key in the config file, e.g. `BaseURL`.
    pub key: Option<&'static str>,
}

/// What a setting configures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    /// [`crate::ClientBuilder::base_url`].
    BaseUrl,
    /// The id of [`crate::ClientBuilder::client_credentials`].
    ClientId,
    /// The secret of [`crate::ClientBuilder::client_credentials`].
    ClientSecret,
    /// [`crate::ClientBuilder::access_token`].
    AccessToken,
    /// [`crate::ClientBuilder::api_key`].
    ApiKey,
    /// The user of [`crate::ClientBuilder::basic_auth`].
    Username,
    /// The password of [`crate::ClientBuilder::basic_auth`].
    Password,
}

impl Setting {
    /// The setting's name in errors, e.g. `base_url`.
    pub fn name(self) -> &'static str {
        match self {
            Setting::BaseUrl => "base_url",
            Setting::ClientId => "client_id",
            Setting::ClientSecret => "client_secret",
            Setting::AccessToken => "access_token",
            Setting::ApiKey => "api_key",
            Setting::Username => "username",
            Setting::Password => "password",
        }
    }
}

/// The security requirements of one operation: it is authorized by any one of the alternatives,
/// each of which needs every scheme it names. No alternatives: no authentication; an empty
/// alternative: authentication is optional.
pub type Security = &'static [&'static [&'static str]];
