//! With the `tracing` feature, a call is a span with its outcome in its fields, and retries, token
//! requests and stream pages are events; no secret, token, header value, query or body appears.

#![allow(clippy::unwrap_used)]

mod support;

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use sdkgen_runtime::RequestOptions;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Every span (with its fields as last recorded) and event, as text.
#[derive(Clone, Default)]
struct Recorded {
    spans: Arc<Mutex<Vec<(u64, String)>>>,
    events: Arc<Mutex<Vec<String>>>,
}

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Recorded {
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, _: Context<'_, S>) {
        let mut text = attributes.metadata().name().to_owned();
        attributes.record(&mut Fields(&mut text));
        self.spans.lock().unwrap().push((id.into_u64(), text));
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        let mut spans = self.spans.lock().unwrap();
        if let Some((_, text)) = spans.iter_mut().find(|(span, _)| *span == id.into_u64()) {
            values.record(&mut Fields(text));
        }
    }

    fn on_event(&self, event: &Event<'_>, context: Context<'_, S>) {
        let mut text = format!("{}", event.metadata().level());
        event.record(&mut Fields(&mut text));
        if let Some(span) = context.event_span(event) {
            let _ = write!(text, " in {}", span.name());
        }
        self.events.lock().unwrap().push(text);
    }
}

const SECRET: &str = "the-client-secret";

#[tokio::test]
async fn calls_retries_tokens_and_pages_are_traced_without_secrets() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_string(support::TOKEN_BODY))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/things/a"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/things/a"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"secret-body": 1}"#))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"[{"id": "1"}, {"id": "2"}]"#)
                .insert_header("X-Total-Count", "2"),
        )
        .mount(&server)
        .await;
    let recorded = Recorded::default();
    let subscriber = tracing_subscriber::registry().with(recorded.clone());
    let _guard = tracing::subscriber::set_default(subscriber);

    let client = support::with_client_credentials(&server.uri())
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let options = RequestOptions::new().header("X-Per-Call", "per-call-value");
    support::get(&client, "/things/a", options).await.unwrap();
    let items: Vec<_> = support::list(&client).collect().await;
    assert_eq!(items.len(), 2);

    let spans = recorded.spans.lock().unwrap().clone();
    let spans: Vec<&str> = spans.iter().map(|(_, text)| text.as_str()).collect();
    let duration = spans[0].strip_prefix(
        "call operation=op method=GET path=/things attempts=2 status=200 duration_ms=",
    );
    assert!(
        duration.is_some_and(|ms| ms.parse::<u64>().is_ok()),
        "{spans:?}"
    );
    assert!(
        spans[1].starts_with("call operation=op method=GET path=/things attempts=1 status=200"),
        "{spans:?}"
    );
    let events = recorded.events.lock().unwrap().clone();
    let has = |wanted: &str| events.iter().any(|event| event.contains(wanted));
    assert!(
        has("message=requesting an access token attempt=1 in call"),
        "{events:?}"
    );
    assert!(
        has("message=access token received lifetime_s=3600 in call"),
        "{events:?}"
    );
    assert!(
        has(
            "message=retrying reason=unavailable (502, 503, 504, timeout or broken connection) delay_ms="
        ),
        "{events:?}"
    );
    assert!(has("attempt=2 in call"), "{events:?}");
    assert!(
        has("message=page received operation=listThings offset=0 items=2"),
        "{events:?}"
    );

    let everything = format!("{spans:?} {events:?}");
    for secret in [SECRET, "fresh-token", "per-call-value", "secret-body"] {
        assert!(
            !everything.contains(secret),
            "`{secret}` leaked: {everything}"
        );
    }
}

#[tokio::test]
async fn a_renewal_after_a_401_is_an_event() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_string(support::TOKEN_BODY))
        .mount(&server)
        .await;
    Mock::given(path("/things/a"))
        .respond_with(ResponseTemplate::new(401))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/things/a"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let recorded = Recorded::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(recorded.clone()));
    let client = support::with_client_credentials(&server.uri())
        .build()
        .unwrap();
    support::get(&client, "/things/a", RequestOptions::new())
        .await
        .unwrap();
    let events = recorded.events.lock().unwrap().clone();
    assert!(
        events
            .iter()
            .any(|event| event.contains("the API refused the token (401): renewing it")),
        "{events:?}"
    );
    let tokens = events
        .iter()
        .filter(|event| event.contains("access token received"))
        .count();
    assert_eq!(tokens, 2, "{events:?}");
}
