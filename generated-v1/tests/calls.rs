//! One call per operation of the v1 SDK against a loopback server: the request that arrives (method,
//! path, query, body, credentials, and no experimental header: v1 is not experimental) and the typed
//! value the caller gets.

#![allow(clippy::unwrap_used)]

use sailpoint_governance_groups_v1::Client;
use sailpoint_governance_groups_v1::models::*;
use sailpoint_governance_groups_v1::operations::ListWorkgroupsV1Filter;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "v1-token";

fn group() -> Value {
    json!({"id": "2c9180837ca6693d017ca8d097500149", "name": "DB Access Governance Group",
           "owner": {"type": "IDENTITY", "id": "2c9180a46faadee4016fb4e018c20639", "name": "support"},
           "memberCount": 1, "created": "2022-01-06T19:51:13Z"})
}

/// A server answering `verb path` with `status` and `body`, and a client of it.
async fn serve(verb: &str, route: &str, status: u16, body: Option<Value>) -> (MockServer, Client) {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status);
    if let Some(body) = body {
        response = response.set_body_json(body);
    }
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(response)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_root(server.uri())
        .access_token(TOKEN)
        .max_attempts(1)
        .build()
        .unwrap();
    (server, client)
}

/// The one request the server got, after checking what every v1 call sends.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let request = requests.remove(0);
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(header("authorization"), Some(format!("Bearer {TOKEN}")));
    assert_eq!(header("x-sailpoint-experimental"), None);
    request
}

fn body_of(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap()
}

#[tokio::test]
async fn list_workgroups_sends_paging_filter_and_sort() {
    let (server, client) = serve("GET", "/workgroups/v1", 200, Some(json!([group()]))).await;
    let groups = client
        .list_workgroups_v1()
        .limit(250)
        .filter(ListWorkgroupsV1Filter::name().starts_with("DB"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        groups[0].name.as_deref(),
        Some("DB Access Governance Group")
    );
    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("limit=250&filters=name+sw+%22DB%22")
    );
}

#[tokio::test]
async fn create_workgroup_posts_the_group() {
    let (server, client) = serve("POST", "/workgroups/v1", 200, Some(group())).await;
    let created = client
        .create_workgroup_v1(Workgroupdto::default().with_name("DB Access Governance Group"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        created.id.as_deref(),
        Some("2c9180837ca6693d017ca8d097500149")
    );
    let request = only_request(&server).await;
    assert_eq!(
        body_of(&request),
        json!({"name": "DB Access Governance Group"})
    );
}

#[tokio::test]
async fn get_workgroup_reads_one_group() {
    let (server, client) = serve("GET", "/workgroups/v1/g1", 200, Some(group())).await;
    let found = client.get_workgroup_v1("g1").send().await.unwrap();
    assert_eq!(found.member_count, Some(1));
    only_request(&server).await;
}

#[tokio::test]
async fn delete_workgroup_sends_a_delete() {
    let (server, client) = serve("DELETE", "/workgroups/v1/g1", 204, None).await;
    client.delete_workgroup_v1("g1").send().await.unwrap();
    only_request(&server).await;
}

#[tokio::test]
async fn patch_workgroup_sends_a_json_patch() {
    let (server, client) = serve("PATCH", "/workgroups/v1/g1", 200, Some(group())).await;
    let patch = JsonPatchOperation::new(JsonPatchOperationOp::Replace, "/description")
        .with_value(JsonPatchOperationValue::String("new".to_owned()));
    client
        .patch_workgroup_v1("g1")
        .body(vec![patch])
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        body_of(&request),
        json!([{"op": "replace", "path": "/description", "value": "new"}])
    );
    let content_type = request
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(content_type, "application/json-patch+json");
}

#[tokio::test]
async fn delete_workgroups_in_bulk_posts_the_ids() {
    let answer = json!([{"id": "g1", "status": 204}]);
    let (server, client) = serve("POST", "/workgroups/v1/bulk-delete", 207, Some(answer)).await;
    let request_body = Workgroupbulkdeleterequest::default().with_ids(vec!["g1".to_owned()]);
    let results = client
        .delete_workgroups_in_bulk_v1(request_body)
        .send()
        .await
        .unwrap();
    assert_eq!(results[0].id, "g1");
    assert_eq!(
        body_of(&only_request(&server).await),
        json!({"ids": ["g1"]})
    );
}

#[tokio::test]
async fn list_connections_reads_connected_objects() {
    let answer = json!([{"object": {"type": "AccessProfile", "id": "a1", "name": "Access"}}]);
    let (server, client) = serve("GET", "/workgroups/v1/g1/connections", 200, Some(answer)).await;
    let connections = client.list_connections_v1("g1").send().await.unwrap();
    assert_eq!(connections.len(), 1);
    only_request(&server).await;
}

#[tokio::test]
async fn list_workgroup_members_reads_members() {
    let answer = json!([{"type": "IDENTITY", "id": "i1", "name": "Ann"}]);
    let (server, client) = serve("GET", "/workgroups/v1/g1/members", 200, Some(answer)).await;
    let members = client
        .list_workgroup_members_v1("g1")
        .limit(50)
        .send()
        .await
        .unwrap();
    assert_eq!(members[0].name.as_deref(), Some("Ann"));
    assert_eq!(only_request(&server).await.url.query(), Some("limit=50"));
}

#[tokio::test]
async fn update_workgroup_members_posts_the_members() {
    let answer = json!([{"id": "i1", "status": 201}]);
    let route = "/workgroups/v1/g1/members/bulk-add";
    let (server, client) = serve("POST", route, 207, Some(answer)).await;
    let member = BulkworkgroupmembersrequestInner::default().with_id("i1");
    let results = client
        .update_workgroup_members_v1("g1", vec![member])
        .send()
        .await
        .unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(body_of(&only_request(&server).await), json!([{"id": "i1"}]));
}

#[tokio::test]
async fn delete_workgroup_members_posts_the_members() {
    let answer = json!([{"id": "i1", "status": 204}]);
    let route = "/workgroups/v1/g1/members/bulk-delete";
    let (server, client) = serve("POST", route, 207, Some(answer)).await;
    let member = BulkworkgroupmembersrequestInner::default().with_id("i1");
    client
        .delete_workgroup_members_v1("g1", vec![member])
        .send()
        .await
        .unwrap();
    assert_eq!(body_of(&only_request(&server).await), json!([{"id": "i1"}]));
}
