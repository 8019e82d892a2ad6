//! `sdkgen.toml`: the options a repository records for how its SDK is made, so `sdkgen` with no
//! arguments (or `sdkgen --check` in CI) makes the same crate every time. Paths in it are relative
//! to its own folder; options on the command line win over it.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The settings file's name, looked for beside the spec and in the current folder.
pub const FILE_NAME: &str = "sdkgen.toml";

#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    pub spec: Option<PathBuf>,
    #[serde(default)]
    pub overlays: Vec<PathBuf>,
    pub out: Option<PathBuf>,
    #[serde(rename = "crate")]
    pub crate_name: Option<String>,
    pub version: Option<String>,
    pub lenient: Option<bool>,
    pub description: Option<String>,
    pub license: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub repository: Option<String>,
    pub runtime: Option<RuntimeSettings>,
}

/// `[runtime]`: one of `version`, `path` or `git` (with at most one of `rev`, `tag`, `branch`).
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RuntimeSettings {
    pub version: Option<String>,
    pub path: Option<PathBuf>,
    pub git: Option<String>,
    pub rev: Option<String>,
    pub tag: Option<String>,
    pub branch: Option<String>,
}

impl Settings {
    /// Reads a settings file; its paths become relative to the current folder.
    pub fn read(path: &Path) -> Result<Settings, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        let mut settings = Settings::parse(&text).map_err(|(message, at)| match at {
            Some((line, column)) => format!("{}:{line}:{column}: {message}", path.display()),
            None => format!("{}: {message}", path.display()),
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        let rebase = |relative: &mut PathBuf| *relative = base.join(&*relative);
        settings.spec.as_mut().map(rebase);
        settings.out.as_mut().map(rebase);
        settings.overlays.iter_mut().for_each(rebase);
        if let Some(runtime) = &mut settings.runtime {
            runtime.path.as_mut().map(rebase);
        }
        Ok(settings)
    }

    /// The settings in `text`, or the problem with its line and column.
    pub fn parse(text: &str) -> Result<Settings, (String, Option<(usize, usize)>)> {
        toml::from_str(text).map_err(|error: toml::de::Error| {
            let at = error.span().map(|span| line_and_column(text, span.start));
            (error.message().trim().to_owned(), at)
        })
    }
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_is_read() {
        let settings = Settings::parse(
            "spec = \"openapi.yaml\"\nout = \"../sdk\"\ncrate = \"my-sdk\"\nversion = \"1.2.0\"\n\
             lenient = true\noverlays = [\"fix.yaml\"]\nlicense = \"MIT\"\nauthors = [\"Ann\"]\n\
             [runtime]\ngit = \"https://example.com/sdkgen\"\ntag = \"v0.1.0\"\n",
        )
        .unwrap_or_else(|problem| panic!("{problem:?}"));
        assert_eq!(settings.crate_name.as_deref(), Some("my-sdk"));
        assert_eq!(settings.overlays, [PathBuf::from("fix.yaml")]);
        assert_eq!(settings.lenient, Some(true));
        let runtime = settings.runtime.unwrap_or_default();
        assert_eq!(runtime.tag.as_deref(), Some("v0.1.0"));
    }

    #[test]
    fn an_unknown_key_is_located() {
        let (message, at) =
            Settings::parse("spec = \"a.yaml\"\n\ncrate-name = \"x\"\n").unwrap_err();
        assert_eq!(at, Some((3, 1)), "{message}");
        assert!(message.contains("unknown field `crate-name`"), "{message}");
    }
}
