//! Configuration the way SailPoint's SDKs and CLI take it: `SAIL_*` variables, else `config.json`,
//! with errors that name the setting and where it was looked for.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::PathBuf;

use sailpoint_governance_groups::Client;

const SECRET: &str = "very-secret-client-secret";

/// An empty folder of its own for each test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sail-config-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn variables(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |name| map.get(name).cloned()
}

#[test]
fn reads_the_environment_variables() {
    let dir = folder("env");
    let env = variables(&[
        ("SAIL_BASE_URL", "https://acme.api.identitynow.com"),
        ("SAIL_CLIENT_ID", "client-id"),
        ("SAIL_CLIENT_SECRET", SECRET),
    ]);
    let client = Client::builder_from_settings(env, &dir)
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(client.api_root(), "https://acme.api.identitynow.com/v2024");
    let shown = format!("{client:?}");
    assert!(
        shown.contains("client-id") && !shown.contains(SECRET),
        "{shown}"
    );
}

#[test]
fn reads_config_json_when_the_variables_are_absent() {
    let dir = folder("file");
    let config = format!(
        r#"{{"BaseURL": "https://acme.api.identitynow.com/v2024", "ClientId": "file-id", "ClientSecret": "{SECRET}"}}"#
    );
    std::fs::write(dir.join("config.json"), config).unwrap();
    let client = Client::builder_from_settings(variables(&[]), &dir)
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(client.api_root(), "https://acme.api.identitynow.com/v2024");
    assert!(format!("{client:?}").contains("file-id"));
}

#[test]
fn each_setting_falls_back_to_config_json_on_its_own() {
    let dir = folder("mixed");
    std::fs::write(
        dir.join("config.json"),
        format!(r#"{{"ClientId": "file-id", "ClientSecret": "{SECRET}"}}"#),
    )
    .unwrap();
    let env = variables(&[("SAIL_BASE_URL", "https://other.api.identitynow.com/")]);
    let client = Client::builder_from_settings(env, &dir)
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(client.api_root(), "https://other.api.identitynow.com/v2024");
}

#[test]
fn a_missing_setting_names_itself_and_where_it_was_looked_for() {
    let dir = folder("missing");
    let error = Client::builder_from_settings(variables(&[]), &dir).unwrap_err();
    assert_eq!(error.setting, "config.json");
    let message = error.to_string();
    assert!(
        message.contains("SAIL_BASE_URL")
            && message.contains(&dir.join("config.json").display().to_string()),
        "{message}"
    );

    std::fs::write(
        dir.join("config.json"),
        r#"{"BaseURL": "https://acme.api.identitynow.com", "ClientId": "id"}"#,
    )
    .unwrap();
    let error = Client::builder_from_settings(variables(&[]), &dir).unwrap_err();
    assert_eq!(error.setting, "client_secret");
    let message = error.to_string();
    assert!(
        message.contains("SAIL_CLIENT_SECRET is not set")
            && message.contains("has no `ClientSecret`"),
        "{message}"
    );
}

#[test]
fn a_malformed_config_json_is_reported_with_its_place() {
    let dir = folder("malformed");
    std::fs::write(
        dir.join("config.json"),
        "{\"BaseURL\": \"https://x\",\n \"ClientId\": }",
    )
    .unwrap();
    let error = Client::builder_from_settings(variables(&[]), &dir).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("is not valid JSON") && message.contains("line 2 column"),
        "{message}"
    );

    std::fs::write(
        dir.join("config.json"),
        r#"{"BaseURL": "https://x", "ClientId": 42, "ClientSecret": "s"}"#,
    )
    .unwrap();
    let error = Client::builder_from_settings(variables(&[]), &dir).unwrap_err();
    assert_eq!(error.setting, "client_id");
    assert!(
        error.to_string().contains("`ClientId` in")
            && error
                .to_string()
                .contains("must be a string, found a number")
    );
}

#[test]
fn an_unusable_base_url_is_refused_when_building() {
    let dir = folder("bad-url");
    let env = variables(&[
        ("SAIL_BASE_URL", "acme.api.identitynow.com"),
        ("SAIL_CLIENT_ID", "id"),
        ("SAIL_CLIENT_SECRET", SECRET),
    ]);
    let error = Client::builder_from_settings(env, &dir)
        .unwrap()
        .build()
        .unwrap_err();
    assert_eq!(error.setting, "base_url");
    assert!(!error.to_string().contains(SECRET));
}

#[test]
fn credentials_and_a_static_token_are_exclusive() {
    let error = Client::builder()
        .base_url("https://acme.api.identitynow.com")
        .access_token("token")
        .client_credentials("id", SECRET)
        .build()
        .unwrap_err();
    assert_eq!(error.setting, "access_token");
}
