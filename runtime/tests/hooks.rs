//! The caller's hooks run around each attempt, in order, and a given HTTP client sends the calls:
//! what a service plugs in for request ids, audit logs, metrics, proxies and shared pools.

#![allow(clippy::unwrap_used)]

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use sdkgen_runtime::http::{HeaderValue, StatusCode};
use sdkgen_runtime::{Attempt, Error, Hook, HookError, HookFuture, RequestOptions, ResponseInfo};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// What the hooks saw, in order.
type Log = Arc<Mutex<Vec<String>>>;

/// Sends `x-request-id` (`<name>-<attempt>`) and logs each step under its name.
struct Recorder {
    name: &'static str,
    log: Log,
}

impl Hook for Recorder {
    fn before_attempt<'a>(&'a self, attempt: &'a mut Attempt) -> HookFuture<'a> {
        Box::pin(async move {
            // An async point: a hook may await (fetch a signature, ask a limiter).
            tokio::task::yield_now().await;
            let seen = attempt
                .headers()
                .get("x-request-id")
                .map(|value| value.to_str().unwrap().to_owned());
            self.log.lock().unwrap().push(format!(
                "{} before {} {} {} (saw {seen:?}, authorization: {})",
                self.name,
                attempt.operation(),
                attempt.path(),
                attempt.number(),
                attempt.headers().contains_key("authorization"),
            ));
            let id = format!("{}-{}", self.name, attempt.number());
            attempt.insert_header("x-request-id", HeaderValue::try_from(id).unwrap())
        })
    }

    fn after_response(&self, response: &ResponseInfo<'_>) {
        assert!(response.latency() < Duration::from_secs(5));
        self.log.lock().unwrap().push(format!(
            "{} after {} {} {} {}",
            self.name,
            response.method(),
            response.attempt(),
            response.status().as_u16(),
            response.headers().contains_key("x-served-by"),
        ));
    }
}

#[tokio::test]
async fn hooks_run_in_order_before_each_attempt_and_after_each_response() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("x-served-by", "a"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(204).insert_header("x-served-by", "b"))
        .mount(&server)
        .await;
    let log = Log::default();
    let client = support::builder(&server.uri())
        .retry_base_delay(Duration::from_millis(1))
        .hook(Recorder {
            name: "first",
            log: log.clone(),
        })
        .hook(Recorder {
            name: "second",
            log: log.clone(),
        })
        .build()
        .unwrap();
    let response = support::get(&client, "/things", RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert_eq!(
        *log.lock().unwrap(),
        [
            "first before op /things 1 (saw None, authorization: false)",
            "second before op /things 1 (saw Some(\"first-1\"), authorization: false)",
            "first after GET 1 503 true",
            "second after GET 1 503 true",
            "first before op /things 2 (saw None, authorization: false)",
            "second before op /things 2 (saw Some(\"first-2\"), authorization: false)",
            "first after GET 2 204 true",
            "second after GET 2 204 true",
        ]
    );
    let requests = server.received_requests().await.unwrap();
    let ids: Vec<&str> = requests
        .iter()
        .map(|request| request.headers["x-request-id"].to_str().unwrap())
        .collect();
    assert_eq!(ids, ["second-1", "second-2"], "the last hook's value wins");
    assert!(
        requests
            .iter()
            .all(|request| request.headers["authorization"] == "Bearer token"),
        "credentials are added after the hooks"
    );
}

/// Tries to set one header, and fails the call with whatever that gives.
struct Setter(&'static str);

impl Hook for Setter {
    fn before_attempt<'a>(&'a self, attempt: &'a mut Attempt) -> HookFuture<'a> {
        Box::pin(async move { attempt.insert_header(self.0, HeaderValue::from_static("5")) })
    }
}

#[tokio::test]
async fn a_hook_cannot_set_framing_headers_or_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    for name in [
        "content-length",
        "Transfer-Encoding",
        "host",
        "connection",
        "authorization",
        "Proxy-Authorization",
    ] {
        let client = support::builder(&server.uri())
            .hook(Setter(name))
            .build()
            .unwrap();
        let error = support::post(&client, "/things", RequestOptions::new())
            .await
            .unwrap_err();
        match &error {
            Error::Hook(hook) => {
                assert_eq!(hook.operation(), "op");
                let cause = hook.inner().to_string();
                assert!(cause.contains("cannot set"), "{name}: {cause}");
            }
            other => panic!("{name}: {other:?}"),
        }
        assert!(!error.is_retryable());
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// Refuses every call, as a circuit breaker or a quota would.
struct Refuse;

#[derive(Debug)]
struct QuotaSpent;

impl std::fmt::Display for QuotaSpent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the quota of this service is spent")
    }
}

impl std::error::Error for QuotaSpent {}

impl Hook for Refuse {
    fn before_attempt<'a>(&'a self, _: &'a mut Attempt) -> HookFuture<'a> {
        Box::pin(async { Err(HookError::new(QuotaSpent)) })
    }
}

#[tokio::test]
async fn a_failing_hook_ends_the_call_with_its_own_error_and_nothing_is_sent() {
    let server = MockServer::start().await;
    let client = support::builder(&server.uri())
        .hook(Refuse)
        .build()
        .unwrap();
    let error = support::get(&client, "/things", RequestOptions::new())
        .await
        .unwrap_err();
    let Error::Hook(hook) = &error else {
        panic!("{error:?}")
    };
    assert!(hook.inner().downcast_ref::<QuotaSpent>().is_some());
    let source = std::error::Error::source(&error).unwrap().to_string();
    assert_eq!(source, "the quota of this service is spent");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_given_http_client_sends_the_calls_and_the_token_requests() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_string(support::TOKEN_BODY))
        .mount(&server)
        .await;
    Mock::given(path("/things"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let mut defaults = sdkgen_runtime::http::HeaderMap::new();
    defaults.insert("x-from-shared-pool", HeaderValue::from_static("yes"));
    let http = sdkgen_runtime::deps::reqwest::Client::builder()
        .redirect(sdkgen_runtime::deps::reqwest::redirect::Policy::none())
        .default_headers(defaults)
        .build()
        .unwrap();
    let client = support::with_client_credentials(&server.uri())
        .http_client(http)
        .build()
        .unwrap();
    support::get(&client, "/things", RequestOptions::new())
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(
            request.headers["x-from-shared-pool"], "yes",
            "{}",
            request.url
        );
        assert_eq!(request.headers["user-agent"], "contract-tests/1");
    }
}

#[tokio::test]
async fn a_given_client_that_follows_redirects_is_caught() {
    let server = MockServer::start().await;
    Mock::given(path("/things"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/elsewhere?key=k"))
        .mount(&server)
        .await;
    Mock::given(path("/elsewhere"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .mount(&server)
        .await;
    let following = sdkgen_runtime::deps::reqwest::Client::new();
    let client = support::builder(&server.uri())
        .http_client(following)
        .build()
        .unwrap();
    let error = support::get(&client, "/things", RequestOptions::new())
        .await
        .unwrap_err();
    let Error::Redirected(redirect) = &error else {
        panic!("{error:?}")
    };
    assert!(
        redirect.location.ends_with("/elsewhere"),
        "{}",
        redirect.location
    );
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert!(
        !error.to_string().contains("key=k"),
        "no query shown: {error}"
    );
}

#[tokio::test]
async fn a_connect_timeout_cannot_be_set_for_a_given_client() {
    let error = support::builder("http://127.0.0.1:1")
        .http_client(sdkgen_runtime::deps::reqwest::Client::new())
        .connect_timeout(Duration::from_secs(1))
        .build()
        .unwrap_err();
    assert_eq!(error.setting, "connect_timeout");
}
