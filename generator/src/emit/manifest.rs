//! `Cargo.toml`, written once and then the user's, but for the block of features the generator
//! keeps current.

use super::docs::one_line;
use super::paths;
use crate::ir::Api;
use crate::{CrateOptions, GitReference, RuntimeDependency};

/// `Cargo.toml`, written once: the package, the runtime dependency the options choose, and an
/// empty `[workspace]` so the crate builds in any folder, inside another workspace too.
pub fn manifest(api: &Api, options: &CrateOptions) -> String {
    // Cargo hands the description to rustc in an environment variable, where a NUL cannot stand;
    // no control character belongs in a one-line description anyway.
    let description = one_line(&options.metadata.description.clone().unwrap_or_else(|| {
        format!(
            "Rust SDK for {} {}, generated from its OpenAPI spec.",
            api.title, api.version
        )
    }));
    let mut package = format!(
        "name = {}\nversion = {}\ndescription = {}\nedition = \"2024\"\nrust-version = \"1.85\"\n",
        toml_string(&options.name),
        toml_string(&options.version),
        toml_string(&description),
    );
    let metadata = &options.metadata;
    if let Some(license) = &metadata.license {
        package.push_str(&format!("license = {}\n", toml_string(license)));
    }
    if !metadata.authors.is_empty() {
        let authors: Vec<String> = metadata.authors.iter().map(|a| toml_string(a)).collect();
        package.push_str(&format!("authors = [{}]\n", authors.join(", ")));
    }
    if let Some(repository) = &metadata.repository {
        package.push_str(&format!("repository = {}\n", toml_string(repository)));
    }
    package.push_str("readme = \"README.md\"\n");
    format!(
        r#"# Written once by `{command}`, then yours: regenerating rewrites the files listed in
# .generated-files and never this one, so what you add here stays.
[package]
{package}
[dependencies]
{runtime} = {dependency}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
serde_with = {{ version = "3", default-features = false, features = ["std", "macros", "time_0_3"] }}
time = {{ version = "0.3", features = ["serde-well-known"] }}
{features}
# A workspace of its own, so the crate builds wherever it is written, inside another workspace too.
# To make it a member of yours, remove this table and list the folder in your `members`.
[workspace]
"#,
        command = options.command.replace(['\n', '\r'], " "),
        runtime = paths::RUNTIME_CRATE.replace('_', "-"),
        dependency = runtime_dependency(&options.runtime),
        features = features_table(api),
    )
}

/// `[features]`: `tracing`, for the runtime's spans, and one per module of operations, all on by
/// default, between the markers the folder writer refreshes on every run (so a tag added to the
/// spec gets its feature); none of those for an API with one module.
fn features_table(api: &Api) -> String {
    let runtime = paths::RUNTIME_CRATE.replace('_', "-");
    let mut table = format!(
        "\n[features]\n# Spans and events for calls, retries, tokens and pages (no secrets in them).\n\
         tracing = [\"{runtime}/tracing\"]\n"
    );
    if !api.has_features() {
        return table;
    }
    // Module names are snake_case identifiers: bare TOML keys.
    let names: Vec<&str> = api.modules.iter().map(super::feature_name).collect();
    let quoted: Vec<String> = names.iter().map(|name| toml_string(name)).collect();
    table.push_str(&format!(
        "{}\ndefault = [{}]\n",
        crate::FEATURES_BEGIN,
        quoted.join(", ")
    ));
    for name in &names {
        table.push_str(&format!("{name} = []\n"));
    }
    table.push_str(crate::FEATURES_END);
    table.push('\n');
    table
}

/// The runtime's entry in `[dependencies]`.
fn runtime_dependency(runtime: &RuntimeDependency) -> String {
    match runtime {
        RuntimeDependency::Version(version) => toml_string(version),
        RuntimeDependency::Path(path) => format!("{{ path = {} }}", toml_string(path)),
        RuntimeDependency::Git { url, reference } => {
            let reference = match reference {
                Some(GitReference::Rev(rev)) => format!(", rev = {}", toml_string(rev)),
                Some(GitReference::Tag(tag)) => format!(", tag = {}", toml_string(tag)),
                Some(GitReference::Branch(branch)) => {
                    format!(", branch = {}", toml_string(branch))
                }
                None => String::new(),
            };
            format!("{{ git = {}{reference} }}", toml_string(url))
        }
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ch if ch.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(ch))),
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}
