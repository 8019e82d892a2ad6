//! The API's conventions: its security schemes, what each operation requires of them, and the
//! `x-sdk` extension (settings, filter and sort syntax, default headers), checked where they stand.

use super::Lowerer;
use super::http::is_header_name;
use crate::ir::{
    FilterGrammar, FilterOperator, KeyLocation, OperatorForm, Profile, SchemeKind, SecurityScheme,
    Setting, SettingSource, Settings, SortGrammar,
};
use crate::naming::{Case, Namespace, convert};
use crate::pointer::JsonPointer;
use crate::spec::{self, SdkProfile};

impl<'s> Lowerer<'s> {
    pub(super) fn lower_profile(&mut self) -> Profile {
        let mut profile = Profile {
            security_schemes: self.lower_security_schemes(),
            ..Profile::default()
        };
        let Some(sdk) = &self.spec.sdk else {
            return profile;
        };
        let at = JsonPointer::root().join("x-sdk");
        profile.settings = sdk
            .settings
            .as_ref()
            .map(|settings| self.lower_settings(settings, &at.join("settings")));
        profile.filter = sdk
            .filter
            .as_ref()
            .map(|filter| self.lower_filter_grammar(filter, &at.join("filter")));
        profile.sort = sdk.sort.as_ref().map(|sort| SortGrammar {
            separator: sort.separator.clone(),
            descending_prefix: sort.descending_prefix.clone(),
        });
        profile.default_headers = self.lower_default_headers(sdk, &at.join("headers"));
        profile
    }

    fn lower_security_schemes(&mut self) -> Vec<SecurityScheme> {
        let at = JsonPointer::root()
            .join("components")
            .join("securitySchemes");
        let mut schemes = Vec::new();
        for (name, scheme) in &self.spec.components.security_schemes {
            let scheme_at = at.join(name);
            if scheme.reference.is_some() {
                self.error(
                    scheme_at.join("$ref"),
                    "a `$ref` security scheme is not supported: write it inline",
                );
                continue;
            }
            if let Some(kind) = self.scheme_kind(scheme, &scheme_at) {
                schemes.push(SecurityScheme {
                    name: name.clone(),
                    kind,
                    description: scheme.description.clone(),
                });
            }
        }
        schemes
    }

    fn scheme_kind(
        &mut self,
        scheme: &'s spec::SecurityScheme,
        at: &JsonPointer,
    ) -> Option<SchemeKind> {
        match scheme.kind.as_deref() {
            Some("oauth2") => {
                let flow = scheme
                    .flows
                    .as_ref()
                    .and_then(|flows| flows.client_credentials.as_ref());
                Some(SchemeKind::OAuth2 {
                    token_url: flow.and_then(|flow| flow.token_url.clone()),
                })
            }
            // A token from an OpenID Connect provider is sent as a bearer token.
            Some("openIdConnect") => Some(SchemeKind::OAuth2 { token_url: None }),
            Some("http") => match scheme
                .scheme
                .as_deref()
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("bearer") => Some(SchemeKind::HttpBearer),
                Some("basic") => Some(SchemeKind::HttpBasic),
                other => {
                    let found = other.unwrap_or("nothing");
                    self.error(
                        at.join("scheme"),
                        format!("HTTP authentication scheme `{found}` is not supported: expected `bearer` or `basic`"),
                    );
                    None
                }
            },
            Some("apiKey") => {
                let location = match scheme.location.as_deref() {
                    Some("header") => KeyLocation::Header,
                    Some("query") => KeyLocation::Query,
                    Some("cookie") => KeyLocation::Cookie,
                    other => {
                        let found = other.unwrap_or("nothing");
                        self.error(
                            at.join("in"),
                            format!("expected `in` to be header, query or cookie, found `{found}`"),
                        );
                        return None;
                    }
                };
                let Some(name) = scheme.name.clone().filter(|name| !name.is_empty()) else {
                    self.error(at.clone(), "an apiKey scheme needs the `name` of its header, query parameter or cookie");
                    return None;
                };
                let valid = name
                    .bytes()
                    .all(|byte| byte.is_ascii_graphic() && !b"\";,=:".contains(&byte));
                if !valid {
                    let message = format!("`{}` cannot be sent as a key name", name.escape_debug());
                    self.error(at.join("name"), message);
                    return None;
                }
                Some(SchemeKind::ApiKey { location, name })
            }
            other => {
                let found = other.unwrap_or("nothing");
                self.error(
                    at.join("type"),
                    format!("expected a security scheme `type` of oauth2, openIdConnect, http or apiKey, found `{found}`"),
                );
                None
            }
        }
    }

    /// The security an operation requires: its own `security`, else the API's; every scheme named
    /// must be declared.
    pub(super) fn operation_security(
        &mut self,
        operation: &'s spec::Operation,
        at: &JsonPointer,
    ) -> Vec<Vec<String>> {
        let (requirements, requirements_at) = match &operation.security {
            Some(own) => (own, at.join("security")),
            None => match &self.spec.security {
                Some(global) => (global, JsonPointer::root().join("security")),
                None => return Vec::new(),
            },
        };
        let mut alternatives = Vec::with_capacity(requirements.len());
        for (index, requirement) in requirements.iter().enumerate() {
            let mut names = Vec::with_capacity(requirement.len());
            let mut complete = true;
            for name in requirement.keys() {
                if self
                    .profile
                    .security_schemes
                    .iter()
                    .any(|s| &s.name == name)
                    || self.spec.components.security_schemes.contains_key(name)
                {
                    names.push(name.clone());
                } else {
                    let message = format!(
                        "security scheme `{name}` is not declared in #/components/securitySchemes"
                    );
                    // The operation is still generated without this requirement: its other
                    // requirements (or an overlay's scheme) still apply.
                    self.tolerate(requirements_at.join(index).join(name), message);
                    complete = false;
                }
            }
            // A requirement naming an undeclared scheme cannot be met: it is left out (an empty
            // one would mean that no credentials are needed).
            if complete {
                alternatives.push(names);
            }
        }
        alternatives
    }

    fn lower_settings(
        &mut self,
        settings: &'s spec::SettingsProfile,
        at: &JsonPointer,
    ) -> Settings {
        let mut sources = Vec::with_capacity(settings.values.len());
        for (name, source) in &settings.values {
            let Some(setting) = Setting::ALL.into_iter().find(|s| s.name() == name) else {
                let known: Vec<&str> = Setting::ALL.iter().map(|s| s.name()).collect();
                let message = format!(
                    "unknown setting `{name}`: expected one of {}",
                    known.join(", ")
                );
                self.error(at.join("values").join(name), message);
                continue;
            };
            if source.env.is_none() && source.key.is_none() {
                let message = format!(
                    "setting `{name}` needs an `env` variable, a config file `key`, or both"
                );
                self.error(at.join("values").join(name), message);
                continue;
            }
            if source.key.is_some() && settings.config_file.is_none() {
                let message = format!(
                    "setting `{name}` has a config `key`, but no `config-file` is declared"
                );
                self.error(at.join("values").join(name).join("key"), message);
            }
            sources.push(SettingSource {
                setting,
                variable: source.env.clone(),
                key: source.key.clone(),
            });
        }
        Settings {
            config_file: settings.config_file.clone(),
            sources,
        }
    }

    fn lower_filter_grammar(
        &mut self,
        filter: &'s spec::FilterProfile,
        at: &JsonPointer,
    ) -> FilterGrammar {
        let mut methods = Namespace::new(Case::Snake);
        for reserved in ["and", "or"] {
            methods.reserve(reserved);
        }
        let mut operators = Vec::with_capacity(filter.operators.len());
        for (wire, operator) in &filter.operators {
            let operator_at = at.join("operators").join(wire);
            let Some((_, form)) = OperatorForm::ALL
                .iter()
                .find(|(name, _)| *name == operator.form)
            else {
                let forms: Vec<&str> = OperatorForm::ALL.iter().map(|(name, _)| *name).collect();
                let message = format!(
                    "unknown operator form `{}`: expected one of {}",
                    operator.form,
                    forms.join(", ")
                );
                self.error(operator_at.join("form"), message);
                continue;
            };
            if convert(&operator.method, Case::Snake) != operator.method {
                let message = format!("`{}` is not a snake_case method name", operator.method);
                self.error(operator_at.join("method"), message);
                continue;
            }
            if wire.is_empty() || wire.contains(char::is_whitespace) {
                self.error(
                    operator_at,
                    format!("`{wire}` is not an operator: expected one word"),
                );
                continue;
            }
            operators.push(FilterOperator {
                wire: wire.clone(),
                method: methods.claim(&operator.method),
                form: *form,
            });
        }
        FilterGrammar {
            and: filter.and.clone(),
            or: filter.or.clone(),
            operators,
        }
    }

    fn lower_default_headers(
        &mut self,
        sdk: &'s SdkProfile,
        at: &JsonPointer,
    ) -> Vec<(String, String)> {
        let mut headers = Vec::with_capacity(sdk.headers.len());
        for (name, value) in &sdk.headers {
            let name_ok = is_header_name(name);
            let value_ok = value
                .bytes()
                .all(|byte| byte == b'\t' || (b' '..=b'~').contains(&byte));
            if !name_ok || !value_ok {
                let message = format!(
                    "header `{}: {}` cannot be sent: a name is letters, digits and `!#$%&'*+-.^_`|~`, a value printable ASCII",
                    name.escape_debug(),
                    value.escape_debug()
                );
                self.error(at.join(name), message);
                continue;
            }
            headers.push((name.clone(), value.clone()));
        }
        headers
    }
}
