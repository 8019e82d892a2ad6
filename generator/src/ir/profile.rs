//! The conventions an API declares for itself: its security schemes, and the `x-sdk` vendor
//! extension (settings, paging, filter and sort syntax, default headers).

/// Everything the generated client needs to know about the API beyond its operations.
#[derive(Debug, Default)]
pub struct Profile {
    pub security_schemes: Vec<SecurityScheme>,
    pub settings: Option<Settings>,
    pub default_headers: Vec<(String, String)>,
    pub filter: Option<FilterGrammar>,
    pub sort: Option<SortGrammar>,
}

#[derive(Debug)]
pub struct SecurityScheme {
    pub name: String,
    pub kind: SchemeKind,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    /// The token URL of the client-credentials flow, when the spec gives one.
    OAuth2 {
        token_url: Option<String>,
    },
    HttpBearer,
    HttpBasic,
    ApiKey {
        location: KeyLocation,
        name: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyLocation {
    Header,
    Query,
    Cookie,
}

/// Where `from_env` reads settings.
#[derive(Debug)]
pub struct Settings {
    pub config_file: Option<String>,
    pub sources: Vec<SettingSource>,
}

#[derive(Debug)]
pub struct SettingSource {
    pub setting: Setting,
    pub variable: Option<String>,
    pub key: Option<String>,
}

/// The settings a client takes, by their names in `x-sdk.settings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    BaseUrl,
    ClientId,
    ClientSecret,
    AccessToken,
    ApiKey,
    Username,
    Password,
}

impl Setting {
    pub const ALL: [Setting; 7] = [
        Setting::BaseUrl,
        Setting::ClientId,
        Setting::ClientSecret,
        Setting::AccessToken,
        Setting::ApiKey,
        Setting::Username,
        Setting::Password,
    ];

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

    /// The runtime's variant, as generated code names it.
    pub fn variant(self) -> &'static str {
        match self {
            Setting::BaseUrl => "BaseUrl",
            Setting::ClientId => "ClientId",
            Setting::ClientSecret => "ClientSecret",
            Setting::AccessToken => "AccessToken",
            Setting::ApiKey => "ApiKey",
            Setting::Username => "Username",
            Setting::Password => "Password",
        }
    }
}

/// The filter syntax: how filters are joined, and each operator.
#[derive(Debug)]
pub struct FilterGrammar {
    pub and: String,
    pub or: String,
    pub operators: Vec<FilterOperator>,
}

#[derive(Debug)]
pub struct FilterOperator {
    /// As written in a filter, e.g. `sw`.
    pub wire: String,
    /// The builder method, e.g. `starts_with`.
    pub method: String,
    pub form: OperatorForm,
}

/// What an operator takes besides the field, and where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperatorForm {
    /// `field op "value"`.
    Value,
    /// `field op ("a","b")`.
    List,
    /// `op field`.
    Prefix,
    /// `field op`.
    Postfix,
}

impl OperatorForm {
    pub const ALL: [(&'static str, OperatorForm); 4] = [
        ("value", OperatorForm::Value),
        ("list", OperatorForm::List),
        ("prefix", OperatorForm::Prefix),
        ("postfix", OperatorForm::Postfix),
    ];
}

/// How sort keys are written.
#[derive(Debug)]
pub struct SortGrammar {
    pub separator: String,
    pub descending_prefix: String,
}
