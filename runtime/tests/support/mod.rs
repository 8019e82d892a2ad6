//! A small API described by hand, as a generated crate would describe its own, and the calls the
//! contract tests make with it: every generated SDK gets the behaviour proven here.

#![allow(dead_code, clippy::unwrap_used)]

pub mod hostile;

use sdkgen_runtime::codegen::{
    ApiDescription, RawResponse, RequestSpec, SchemeKind, SecurityScheme,
};
use sdkgen_runtime::http::Method;
use sdkgen_runtime::{
    ApiResponse, Client, ClientBuilder, Error, InvalidInput, PageRequest, Paginated, RequestOptions,
};

/// The operations' error type: they document no error status.
#[derive(Debug)]
pub enum Undocumented {}

impl std::fmt::Display for Undocumented {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {}
    }
}

/// One OAuth2 scheme whose token endpoint is relative to the API, as SailPoint's is.
pub static API: ApiDescription = ApiDescription {
    title: "contract",
    server_url: "/",
    server_variables: &[],
    security_schemes: &[SecurityScheme {
        name: "oauth",
        kind: SchemeKind::OAuth2 {
            token_url: Some("/oauth/token"),
        },
    }],
    settings: None,
    default_headers: &[],
};

pub const TOKEN_BODY: &str =
    r#"{"access_token":"fresh-token","token_type":"bearer","expires_in":3600}"#;

/// A builder pointed at `root`, with a fixed token: the tests of token requests use
/// [`with_client_credentials`].
pub fn builder(root: &str) -> ClientBuilder {
    ClientBuilder::new(&API, "contract-tests/1")
        .api_root(root)
        .access_token("token")
}

pub fn with_client_credentials(root: &str) -> ClientBuilder {
    ClientBuilder::new(&API, "contract-tests/1")
        .api_root(root)
        .client_credentials("id", "the-client-secret")
}

/// `GET path` (authenticated), with `options`.
pub async fn get(
    client: &Client,
    path: &str,
    options: RequestOptions,
) -> Result<RawResponse, Error<Undocumented>> {
    client.execute(spec(Method::GET, path, options)).await
}

/// `POST path` with a small JSON body.
pub async fn post(
    client: &Client,
    path: &str,
    options: RequestOptions,
) -> Result<RawResponse, Error<Undocumented>> {
    let mut request = spec(Method::POST, path, options);
    request
        .json_body("application/json", &serde_json::json!({"name": "x"}))
        .unwrap();
    client.execute(request).await
}

pub fn spec(method: Method, path: &str, options: RequestOptions) -> RequestSpec {
    let mut request = RequestSpec::new("op", method, "/things", &[&["oauth"]]);
    request.path_literal(path);
    request.options = options;
    request
}

/// A list request, as a generated builder would hold it.
#[derive(Clone)]
pub struct ListThings {
    pub client: Client,
    pub offset: i64,
    pub limit: i64,
    pub count: bool,
}

fn list_request(list: ListThings) -> Result<(Client, RequestSpec), InvalidInput> {
    let mut request = spec(Method::GET, "/things", RequestOptions::new());
    request.query("offset", list.offset.to_string());
    request.query("limit", list.limit.to_string());
    if list.count {
        request.query("count", "true".to_owned());
    }
    Ok((list.client, request))
}

fn decode_things(
    response: RawResponse,
) -> Result<ApiResponse<Vec<serde_json::Value>>, Error<Undocumented>> {
    match response.status_code() {
        200 => response.json(),
        _ => Err(response.unexpected()),
    }
}

/// Every item of `/things`, in pages of 50, asking for the total in `X-Total-Count`.
pub fn list(client: &Client) -> Paginated<serde_json::Value, Undocumented> {
    let paging = sdkgen_runtime::codegen::Paging {
        operation: "listThings",
        offset: 0,
        page_size: 50,
        ask_count: true,
        total_header: Some("X-Total-Count"),
    };
    let request = ListThings {
        client: client.clone(),
        offset: 0,
        limit: 50,
        count: false,
    };
    let prepare = |request: &mut ListThings, page: PageRequest| {
        request.offset = page.offset()?;
        request.limit = page.limit()?;
        request.count = page.count;
        Ok(())
    };
    Paginated::new(paging, request, prepare, list_request, decode_things)
}
