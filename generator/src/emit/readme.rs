//! `README.md`, written once from the spec and included as the crate's documentation: what the API
//! is, how to build a client with the schemes and settings it declares, a first call, paging,
//! errors and per-call options. Its example is a doctest, so it is compiled with the crate.

use std::fmt::Write as _;

use super::docs::{self, one_line};
use crate::CrateOptions;
use crate::ir::{Api, Operation, SchemeKind, Setting};

pub fn readme(api: &Api, options: &CrateOptions) -> String {
    let krate = options.name.replace('-', "_");
    let mut text = format!("# {}\n\n", options.name);
    let _ = writeln!(
        text,
        "Rust SDK for {} ({}).",
        one_line(&api.title),
        one_line(&api.version)
    );
    for part in [&api.summary, &api.description].into_iter().flatten() {
        let _ = write!(text, "\n{}\n", docs::sanitize(part));
    }
    if let Some((license, url)) = &api.license {
        let license = docs::sanitize(license);
        // A URL that could end the link early is left out rather than escaped.
        let linkable = url.as_ref().filter(|url| {
            !url.chars()
                .any(|ch| ch.is_whitespace() || ch.is_control() || "()<>[]".contains(ch))
        });
        let _ = match linkable {
            Some(url) => writeln!(text, "\nThe API is published under [{license}]({url})."),
            None => writeln!(text, "\nThe API is published under {license}."),
        };
    }
    text.push_str(
        "\nEvery operation is a method on [`Client`] that returns a request builder: required inputs \
         are arguments, optional ones are setters, and `send().await` returns the decoded body or an \
         [`Error`] that keeps the response's status, headers and body.\n",
    );
    text.push_str("\n## A client\n\n");
    text.push_str(&client_prose(api));
    text.push_str("\n```no_run\n");
    let _ = writeln!(
        text,
        "# async fn run() -> Result<(), Box<dyn std::error::Error>> {{"
    );
    let _ = writeln!(text, "let client = {krate}::Client::builder()");
    for line in builder_lines(api) {
        let _ = writeln!(text, "    {line}");
    }
    text.push_str("    .build()?;\n");
    if let Some(operation) = first_call(api) {
        let method = &operation.names.method;
        let what = operation_label(operation);
        let _ = writeln!(text, "\n// {what}");
        if operation.pagination.is_some() {
            let _ = writeln!(text, "let mut items = client.{method}().into_stream();");
            text.push_str("while let Some(item) = items.next_item().await {\n    println!(\"{:?}\", item?);\n}\n");
        } else {
            let _ = writeln!(text, "let result = client.{method}().send().await?;");
            text.push_str("println!(\"{result:?}\");\n");
        }
    }
    text.push_str("# Ok(())\n# }\n```\n");
    text.push_str(&usage_prose(api));
    text.push_str(&features_prose(api, &options.name));
    let _ = write!(
        text,
        "\nThe crate is generated from its OpenAPI spec by `{}`, which rewrites the files listed \
         in `.generated-files` and never this README or `Cargo.toml`: they are yours to edit. It \
         calls the API-neutral runtime crate `sdkgen-runtime`.\n",
        one_line(&options.command)
    );
    text
}

/// How a client finds the API and its credentials, from the servers, schemes and settings.
fn client_prose(api: &Api) -> String {
    let mut text = String::new();
    match api.servers.first() {
        Some(server) => {
            let described = server
                .description
                .as_deref()
                .map(|description| format!(" {}", one_line(description)))
                .unwrap_or_default();
            let url = one_line(&server.url).replace('`', "'");
            if server.variables.is_empty() {
                let _ = writeln!(
                    text,
                    "The client talks to `{url}` unless `base_url` says otherwise.{described}"
                );
            } else {
                let _ = writeln!(
                    text,
                    "The client talks to `{url}`, its variables set with \
                     `server_variable(name, value)`, unless `base_url` gives another \
                     address.{described}\n"
                );
                for variable in &server.variables {
                    let about = variable
                        .description
                        .as_deref()
                        .map(|description| format!(": {}", one_line(description)))
                        .unwrap_or_default();
                    let _ = writeln!(
                        text,
                        "- `{}` (default `{}`){about}",
                        one_line(&variable.name).replace('`', "'"),
                        one_line(&variable.default).replace('`', "'")
                    );
                }
            }
        }
        None => {
            text.push_str("The spec names no server: give the API's address with `base_url`.\n")
        }
    }
    if !api.profile.security_schemes.is_empty() {
        text.push('\n');
    }
    for scheme in &api.profile.security_schemes {
        let how = match &scheme.kind {
            SchemeKind::OAuth2 { .. } => {
                "OAuth2: `client_credentials(id, secret)` fetches, caches and renews the token; \
                 `access_token(token)` sends one you already have"
            }
            SchemeKind::HttpBearer => "a bearer token: `access_token(token)`",
            SchemeKind::HttpBasic => "HTTP basic: `basic_auth(user, password)`",
            SchemeKind::ApiKey { .. } => "an API key: `api_key(key)`",
        };
        let about = scheme
            .description
            .as_deref()
            .map(|description| format!(" {}", one_line(description)))
            .unwrap_or_default();
        let _ = writeln!(
            text,
            "- `{}` is {how}.{about}",
            one_line(&scheme.name).replace('`', "'")
        );
    }
    if let Some(settings) = &api.profile.settings {
        let variables: Vec<String> = settings
            .sources
            .iter()
            .filter_map(|source| {
                let variable = source.variable.as_ref()?;
                Some(format!(
                    "`{}` ({})",
                    one_line(variable).replace('`', "'"),
                    source.setting.name()
                ))
            })
            .collect();
        if !variables.is_empty() {
            let _ = write!(
                text,
                "\n`Client::from_env()` reads the settings from the environment: {}",
                variables.join(", ")
            );
            match &settings.config_file {
                Some(file) => {
                    let _ = writeln!(
                        text,
                        ", and from `{}` for those not set.",
                        one_line(file).replace('`', "'")
                    );
                }
                None => text.push_str(".\n"),
            }
        }
    }
    text
}

/// The builder calls of the example: the credentials the first scheme takes.
fn builder_lines(api: &Api) -> Vec<String> {
    let Some(scheme) = api.profile.security_schemes.first() else {
        return Vec::new();
    };
    let credential = match scheme.kind {
        SchemeKind::OAuth2 { .. } => {
            let id = setting_variable(api, Setting::ClientId).unwrap_or("CLIENT_ID");
            let secret = setting_variable(api, Setting::ClientSecret).unwrap_or("CLIENT_SECRET");
            format!(".client_credentials(std::env::var({id:?})?, std::env::var({secret:?})?)")
        }
        SchemeKind::HttpBearer => {
            let token = setting_variable(api, Setting::AccessToken).unwrap_or("ACCESS_TOKEN");
            format!(".access_token(std::env::var({token:?})?)")
        }
        SchemeKind::HttpBasic => {
            let user = setting_variable(api, Setting::Username).unwrap_or("API_USER");
            let password = setting_variable(api, Setting::Password).unwrap_or("API_PASSWORD");
            format!(".basic_auth(std::env::var({user:?})?, std::env::var({password:?})?)")
        }
        SchemeKind::ApiKey { .. } => {
            let key = setting_variable(api, Setting::ApiKey).unwrap_or("API_KEY");
            format!(".api_key(std::env::var({key:?})?)")
        }
    };
    vec![credential]
}

/// The environment variable `x-sdk` names for a setting.
fn setting_variable(api: &Api, setting: Setting) -> Option<&str> {
    let settings = api.profile.settings.as_ref()?;
    settings
        .sources
        .iter()
        .find(|source| source.setting == setting)?
        .variable
        .as_deref()
        .filter(|name| {
            name.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
        })
}

/// The operation of the example: one that takes no arguments, a paged list first.
fn first_call(api: &Api) -> Option<&Operation> {
    let callable = || {
        api.operations
            .iter()
            .filter(|operation| !operation.inputs.iter().any(|input| input.is_argument()))
    };
    callable()
        .find(|operation| operation.pagination.is_some())
        .or_else(|| callable().next())
}

fn operation_label(operation: &Operation) -> String {
    let summary = operation
        .summary
        .as_deref()
        .map(|summary| format!(": {}", one_line(summary)))
        .unwrap_or_default();
    format!(
        "`{} {}` ({}){summary}",
        operation.method.as_str(),
        one_line(&operation.path),
        one_line(&operation.id)
    )
    .replace("*/", "* /")
}

/// What every caller should know: paging, errors, retries, per-call options.
fn usage_prose(api: &Api) -> String {
    let mut text = String::from("\n## Using it\n\n");
    if api
        .operations
        .iter()
        .any(|operation| operation.pagination.is_some())
    {
        text.push_str(
            "- Lists that page have `into_stream()`: every item, fetched a page at a time as the \
             stream is read, with the total when the API gives one.\n",
        );
    }
    text.push_str(
        "- Errors are typed: `Error::Api` holds a status the operation documents, with its decoded \
         body and the response headers; other statuses, transport failures, bodies that do not \
         decode and inputs outside the spec's bounds each have their own variant.\n\
         - Rate limits (429, with `Retry-After`) and passing failures (502, 503, 504, a timeout or a \
         broken connection, for calls that are safe to repeat) are retried, a bounded number of \
         times.\n\
         - Any request takes per-call settings with `with_options(RequestOptions::new()...)`: extra \
         headers, a timeout, a deadline, a retry policy, a response size limit.\n\
         - Models and enums are `#[non_exhaustive]`: build models with `new` (or `default()` when \
         nothing is required) and `with_` setters, \
         and give a `match` on an enum a wildcard arm; an enum value this version does not know \
         decodes as `Unknown`.\n",
    );
    text
}

/// The features of a crate whose operations are in several modules, one per tag.
fn features_prose(api: &Api, package: &str) -> String {
    if !api.has_features() {
        return String::new();
    }
    let first = api
        .modules
        .first()
        .map_or("", |module| super::feature_name(module));
    let mut text = format!(
        "\n## Features\n\nEach tag's operations are behind a Cargo feature of its module's name, all on \
         by default. To compile only what you call (its operations and the models they use):\n\n\
         ```toml\n{package} = {{ version = \"*\", default-features = false, features = [\"{first}\"] }}\n```\n\n\
         | feature | tag |\n| --- | --- |\n"
    );
    for module in &api.modules {
        let _ = writeln!(
            text,
            "| `{}` | {} |",
            super::feature_name(module),
            one_line(&module.title).replace('|', "\\|")
        );
    }
    text
}
