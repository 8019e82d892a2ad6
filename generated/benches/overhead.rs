//! The SDK's cost per call against a bare reqwest call to the same loopback server, both decoding a
//! 50-item page into the same types; and that decoding alone.
//!
//! `cargo bench -p sailpoint-governance-groups --bench overhead`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use sailpoint_governance_groups::Client;
use sailpoint_governance_groups::models::WorkgroupDto;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn page() -> Value {
    let groups: Vec<Value> = (0..50)
        .map(|index| {
            json!({
                "owner": {"type": "IDENTITY", "id": "2c9180a46faadee4016fb4e018c20639", "name": "Support",
                          "displayName": "Support", "emailAddress": "support@sailpoint.com"},
                "id": format!("2c91808568c529c60168cca6f90c{index:04}"),
                "name": format!("Governance Group {index}"),
                "description": "Description of the Governance Group",
                "memberCount": 1641498673000_i64,
                "connectionCount": 12,
                "created": "2022-01-06T19:51:13Z",
                "modified": "2022-01-06T19:51:13.250+02:00"
            })
        })
        .collect();
    Value::Array(groups)
}

fn overhead(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let page = page();
    let server = runtime.block_on(async {
        let server = MockServer::builder()
            .disable_request_recording()
            .start()
            .await;
        Mock::given(method("GET"))
            .and(path("/v2024/workgroups"))
            .respond_with(ResponseTemplate::new(200).set_body_json(&page))
            .mount(&server)
            .await;
        server
    });
    let sdk = Client::builder()
        .base_url(server.uri())
        .access_token("token")
        .build()
        .expect("a client");
    let bare = reqwest::Client::new();
    let url = format!("{}/v2024/workgroups?limit=50", server.uri());

    let mut group = c.benchmark_group("list 50 governance groups");
    group.bench_function("sdk", |b| {
        b.to_async(&runtime).iter(|| async {
            let groups = sdk
                .list_workgroups()
                .limit(50)
                .send()
                .await
                .expect("the call succeeds");
            black_box(groups)
        })
    });
    group.bench_function("bare reqwest", |b| {
        b.to_async(&runtime).iter(|| async {
            let response = bare
                .get(&url)
                .bearer_auth("token")
                .header("X-SailPoint-Experimental", "true")
                .header("Accept", "application/json")
                .send()
                .await
                .expect("the call succeeds");
            let body = response.bytes().await.expect("a body");
            let groups: Vec<WorkgroupDto> =
                serde_json::from_slice(&body).expect("the page decodes");
            black_box(groups)
        })
    });
    group.finish();

    let bytes = serde_json::to_vec(&page).expect("the page encodes");
    c.bench_function("decode a 50-item page (serde_json into the models)", |b| {
        b.iter(|| {
            serde_json::from_slice::<Vec<WorkgroupDto>>(black_box(&bytes))
                .expect("the page decodes")
        })
    });
}

criterion_group!(benches, overhead);
criterion_main!(benches);
