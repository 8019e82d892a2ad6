//! Where the API's paths start: an exact root, a base URL that gets the spec's API path, or the
//! spec's server URL template with its variables filled in.

use super::description::ApiDescription;
use super::error::ConfigError;

/// An http or https URL without query or fragment, without a trailing slash.
pub(crate) fn exact_root(url: &str) -> Result<String, ConfigError> {
    let parsed = parse("api_root", url)?;
    Ok(parsed.as_str().trim_end_matches('/').to_owned())
}

/// `url` with the path of the spec's server URL (`/v1`) appended, unless it already ends with it.
pub(crate) fn with_api_path(url: &str, server_url: &str) -> Result<String, ConfigError> {
    let parsed = parse("base_url", url)?;
    let base = parsed.as_str().trim_end_matches('/');
    let suffix = api_path(server_url);
    Ok(if base.ends_with(suffix) {
        base.to_owned()
    } else {
        format!("{base}{suffix}")
    })
}

/// The spec's server URL with each variable set or defaulted.
pub(crate) fn from_template(
    api: &ApiDescription,
    values: &[(String, String)],
) -> Result<String, ConfigError> {
    let mut url = api.server_url.to_owned();
    for (name, _) in values {
        if !api.server_variables.iter().any(|v| v.name == name) {
            let known: Vec<&str> = api.server_variables.iter().map(|v| v.name).collect();
            let problem = format!(
                "the server URL `{}` has no variable `{name}` (variables: {})",
                api.server_url,
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            );
            return Err(ConfigError::new("server_variable", problem));
        }
    }
    for variable in api.server_variables {
        let value = values
            .iter()
            .rev()
            .find(|(name, _)| name == variable.name)
            .map_or(variable.default, |(_, value)| value.as_str());
        // A value is one piece of a host or path: it must not be able to move the request elsewhere.
        let safe = !value.is_empty()
            && value
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_'));
        if !safe {
            let problem = format!(
                "`{value}` is not a value for `{}`: use letters, digits, `-`, `.` and `_` only",
                variable.name
            );
            return Err(ConfigError::new(variable.name, problem));
        }
        if !variable.allowed.is_empty() && !variable.allowed.contains(&value) {
            let problem = format!(
                "`{value}` is not one of the values the spec allows: {}",
                variable.allowed.join(", ")
            );
            return Err(ConfigError::new(variable.name, problem));
        }
        url = url.replace(&format!("{{{}}}", variable.name), value);
    }
    if !url.contains("://") {
        let problem = format!(
            "the spec's server URL `{url}` is relative: give the API's URL with `base_url` or `api_root`"
        );
        return Err(ConfigError::new("base_url", problem));
    }
    exact_root(&url)
}

/// `reference` (such as a token URL) resolved against the API root: absolute URLs stay as they are,
/// `/oauth/token` replaces the root's path.
pub(crate) fn resolve(api_root: &str, reference: &str) -> Result<String, ConfigError> {
    let base = parse("api_root", api_root)?;
    base.join(reference).map(String::from).map_err(|error| {
        ConfigError::new(
            "token_url",
            format!("`{reference}` does not resolve against `{api_root}`: {error}"),
        )
    })
}

/// The path of a server URL, e.g. `/v1` of `https://{tenant}.example.com/v1/`.
fn api_path(server_url: &str) -> &str {
    let after_scheme = server_url
        .split_once("://")
        .map_or(server_url, |(_, rest)| rest);
    let path = if server_url.contains("://") {
        after_scheme
            .find('/')
            .map_or("", |index| &after_scheme[index..])
    } else {
        after_scheme
    };
    path.trim_end_matches('/')
}

fn parse(setting: &str, given: &str) -> Result<reqwest::Url, ConfigError> {
    let invalid = |problem: String| ConfigError::new(setting, problem);
    // Messages show the URL without what may be a password in it.
    let url = without_user_info(given);
    let parsed = reqwest::Url::parse(given.trim())
        .map_err(|error| invalid(format!("`{url}` is not a URL: {error}")))?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(invalid(format!(
            "`{url}` holds a user name or password: give credentials with the builder's \
             credential methods, which never put them in a URL"
        )));
    }
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(invalid(format!("`{url}` is not an http or https URL")));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(invalid(format!(
            "`{url}` has a query or fragment; give only scheme, host and path"
        )));
    }
    Ok(parsed)
}

/// `url` with anything between `//` and an `@` before the path replaced by `***`.
pub(crate) fn without_user_info(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("//") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}//***{}", &rest[at..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::description::ServerVariable;

    #[test]
    fn a_url_with_a_password_is_refused_without_showing_it() {
        for url in [
            "http://user:PASS@example.com/api",
            "http://user:PASS@exa mple.com",
        ] {
            let error = parse("base_url", url).unwrap_err().to_string();
            assert!(!error.contains("PASS"), "{error}");
            assert!(error.contains("***@"), "{error}");
        }
        assert!(parse("base_url", "http://user@example.com").is_err());
        assert!(parse("base_url", "https://example.com/a@b").is_ok());
    }

    const TEMPLATE: &str = "https://{tenant}.api.example.com/v3";

    static API: ApiDescription = ApiDescription {
        title: "test",
        server_url: TEMPLATE,
        server_variables: &[ServerVariable {
            name: "tenant",
            default: "demo",
            allowed: &[],
        }],
        security_schemes: &[],
        settings: None,
        default_headers: &[],
    };

    #[test]
    fn base_urls_get_the_api_path_once() {
        assert_eq!(api_path(TEMPLATE), "/v3");
        assert_eq!(api_path("/"), "");
        assert_eq!(api_path("/api/"), "/api");
        let with = |url| with_api_path(url, TEMPLATE);
        assert_eq!(
            with("https://acme.example.com").unwrap(),
            "https://acme.example.com/v3"
        );
        assert_eq!(
            with("https://acme.example.com/v3/").unwrap(),
            "https://acme.example.com/v3"
        );
        assert_eq!(
            with("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080/v3"
        );
        assert!(with("ftp://x").is_err());
        assert!(with("not a url").is_err());
        assert!(with("https://x/?a=b").is_err());
    }

    #[test]
    fn an_exact_root_is_kept() {
        assert_eq!(
            exact_root("http://127.0.0.1:9/").unwrap(),
            "http://127.0.0.1:9"
        );
    }

    #[test]
    fn variables_fill_the_server_template() {
        let set = |value: &str| vec![("tenant".to_owned(), value.to_owned())];
        assert_eq!(
            from_template(&API, &set("acme")).unwrap(),
            "https://acme.api.example.com/v3"
        );
        assert_eq!(
            from_template(&API, &[]).unwrap(),
            "https://demo.api.example.com/v3"
        );
        let error = from_template(&API, &set("evil.example.com/x")).unwrap_err();
        assert_eq!(error.setting, "tenant");
        let error = from_template(&API, &[("region".to_owned(), "eu".to_owned())]).unwrap_err();
        assert!(error.problem.contains("no variable `region`"), "{error}");
    }

    #[test]
    fn token_urls_resolve_against_the_root() {
        let root = "https://acme.api.example.com/v3";
        assert_eq!(
            resolve(root, "/oauth/token").unwrap(),
            "https://acme.api.example.com/oauth/token"
        );
        assert_eq!(
            resolve(root, "https://login.example.com/t").unwrap(),
            "https://login.example.com/t"
        );
    }
}
